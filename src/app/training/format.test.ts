import { describe, expect, it } from 'vitest';
import { etaSeconds, fmtInt, formatEta } from './format';

describe('training bar text', () => {
  it('formats counts with thousands separators', () => expect(fmtInt(60000)).toBe('60,000'));
  it('formats time left', () => {
    expect(formatEta(12.4)).toBe('12 s');
    expect(formatEta(65)).toBe('1:05');
    expect(formatEta(3720)).toBe('1 h 02 min');
    expect(formatEta(NaN)).toBe('');
  });
  it('estimates the rest of the epoch', () => {
    expect(etaSeconds(0.5, 60000, 1000)).toBe(30);
    expect(etaSeconds(0.5, 60000, 0)).toBeNaN();
  });
});
