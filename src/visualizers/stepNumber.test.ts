import { describe, expect, it } from 'vitest';
import { fmt, shownSum, shownValue } from './stepNumber';

describe('fmt', () => {
  it('three significant digits in plain decimals with a real minus sign', () => {
    expect(fmt(0.045678)).toBe('0.0457');
    expect(fmt(-0.001)).toBe('\u22120.00100');
    expect(fmt(-1.23456)).toBe('\u22121.23');
    expect(fmt(12.345)).toBe('12.3');
    expect(fmt(999.4)).toBe('999');
    expect(fmt(1234.5)).toBe('1235');
    expect(fmt(0)).toBe('0');
    expect(fmt(0.1)).toBe('0.100');
    expect(fmt(0.00012)).toBe('0.000120');
  });

  it('powers of ten only for the really tiny or huge, never "e-3"', () => {
    expect(fmt(0.0012)).not.toMatch(/e/);
    expect(fmt(-2.5e-6)).toBe('\u22122.50×10\u207b\u2076');
    expect(fmt(3.2e7)).toBe('3.20×10\u2077');
    expect(fmt(NaN)).toBe('not a number');
  });
});

describe('shownSum', () => {
  it('adds the shown parts, so the displayed equation is correct arithmetic', () => {
    // 0.0455 + (−0.00100) = 0.0445.
    expect(fmt(shownSum(0.045549, -0.0010049))).toBe('0.0445');
    expect(fmt(shownSum(0.04554, 0.000554))).toBe('0.0461'); // 0.0455 + 0.000554; exact 0.046094 also 0.0461
    expect(fmt(shownSum(1.004, 1.004))).toBe('2.00'); // 1.00 + 1.00 = 2.00, though exactly 2.008 shows 2.01
    expect(shownValue(0.045549) + shownValue(-0.0010049)).toBeCloseTo(0.0445, 10);
    expect(fmt(shownSum(12.34, 0.0457))).toBe('12.3');
    expect(fmt(1.004 + 1.004)).toBe('2.01');
  });
});
