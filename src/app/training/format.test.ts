import { describe, expect, it } from 'vitest';
import { etaSeconds, fmtInt, formatEta, stepLimitFirst } from './format';

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

describe('stepLimitFirst', () => {
  const h = { maxSteps: 300, epochs: 1, batchSize: 32 };
  it('is false without a limit', () => {
    expect(stepLimitFirst({ ...h, maxSteps: 0 }, 60_000)).toBe(false);
  });
  it('compares the limit with the steps of all epochs', () => {
    expect(stepLimitFirst(h, 60_000)).toBe(true); // 1,875 steps per epoch
    expect(stepLimitFirst(h, 6_400)).toBe(false); // 200 steps: the epoch ends first
    expect(stepLimitFirst({ ...h, epochs: 1000 }, 6_400)).toBe(true);
  });
  it('counts the limit first while the dataset size is unknown', () => {
    expect(stepLimitFirst(h, 0)).toBe(true);
  });
});
