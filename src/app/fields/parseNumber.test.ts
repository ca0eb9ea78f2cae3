import { describe, expect, it } from 'vitest';
import { RULES } from '../../engine/layers/fieldHelpers';
import { checkNumber, parseNumber, ruleText } from './parseNumber';

describe('parseNumber', () => {
  it('accepts whole numbers in range', () => {
    expect(parseNumber('10', RULES.size)).toEqual({ ok: true, value: 10 });
    expect(parseNumber(' 3 ', RULES.size)).toEqual({ ok: true, value: 3 });
    expect(parseNumber('0', RULES.paddingAmount)).toEqual({ ok: true, value: 0 });
  });
  it('rejects empty, non-numeric, fractional and out-of-range sizes', () => {
    expect(parseNumber('', RULES.size).ok).toBe(false);
    expect(parseNumber('abc', RULES.size).ok).toBe(false);
    expect(parseNumber('1e', RULES.size).ok).toBe(false);
    expect(parseNumber('2.5', RULES.size)).toEqual({ ok: false, message: 'Enter a whole number.' });
    expect(parseNumber('0', RULES.size)).toEqual({ ok: false, message: 'Must be at least 1.' });
    expect(parseNumber('-1', RULES.paddingAmount).ok).toBe(false);
    expect(parseNumber('1e9', RULES.size).ok).toBe(false);
  });
  it('treats an exclusive maximum as exclusive', () => {
    expect(parseNumber('0.5', RULES.rate)).toEqual({ ok: true, value: 0.5 });
    expect(parseNumber('.25', RULES.rate)).toEqual({ ok: true, value: 0.25 });
    expect(parseNumber('1', RULES.rate)).toEqual({ ok: false, message: 'Must be less than 1.' });
    expect(parseNumber('1', RULES.alpha)).toEqual({ ok: true, value: 1 });
    expect(parseNumber('1e-3', RULES.epsilon)).toEqual({ ok: true, value: 0.001 });
    expect(parseNumber('0', RULES.epsilon).ok).toBe(false);
  });
  it('treats an exclusive minimum as exclusive', () => {
    const rule = { min: 0, max: 10, integer: false, inclusiveMin: false };
    expect(parseNumber('0', rule)).toEqual({ ok: false, message: 'Must be more than 0.' });
    expect(parseNumber('1e-9', rule)).toEqual({ ok: true, value: 1e-9 });
    expect(parseNumber('1e10', rule)).toEqual({ ok: false, message: 'Must be at most 10.' });
  });
});

describe('checkNumber and ruleText', () => {
  it('check a stepped value with the typed-text rules', () => {
    const lr = { min: 0, max: 10, integer: false, inclusiveMin: false };
    expect(checkNumber(0, lr)).toEqual({ ok: false, message: 'Must be more than 0.' });
    expect(checkNumber(10, lr)).toEqual({ ok: true, value: 10 });
    expect(checkNumber(1.5, RULES.size)).toEqual({ ok: false, message: 'Enter a whole number.' });
    expect(checkNumber(Infinity, lr).ok).toBe(false);
  });
  it('say the range in words', () => {
    expect(ruleText({ min: 1, max: 4096, integer: true })).toBe('from 1 to 4096, whole numbers');
    expect(ruleText({ min: 0, max: 10, integer: false, inclusiveMin: false })).toBe('above 0 to 10');
    expect(ruleText(RULES.rate)).toBe('from 0, below 1');
  });
});
