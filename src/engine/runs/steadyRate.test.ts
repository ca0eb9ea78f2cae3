import { describe, expect, it } from 'vitest';
import { median, rateSamples, steadyRate } from './steadyRate';

const rates = (...xs: number[]) => xs.map((examplesPerSec) => ({ examplesPerSec }));

describe('steadyRate', () => {
  it('is null with fewer than 3 measurements', () => {
    expect(steadyRate([])).toBeNull();
    expect(steadyRate(rates(100, 200))).toBeNull();
    // Six points, but only two messages' worth of rates.
    expect(steadyRate(rates(100, 100, 100, 200, 200, 200))).toBeNull();
  });

  it('drops at least the first two measurements (warm-up)', () => {
    expect(steadyRate(rates(5, 50, 300))).toBe(300);
    expect(steadyRate(rates(5, 50, 300, 310, 320))).toBe(310);
  });

  it('drops the first 20% of a long run, then takes the median', () => {
    // 20 measurements: the first 4 (slow warm-up) go, the median of 16 values 200…215 is 207.5.
    const warm = [1, 2, 3, 4];
    const steady = Array.from({ length: 16 }, (_, i) => 215 - i);
    expect(steadyRate(rates(...warm, ...steady))).toBe(207.5);
  });

  it('is not moved by one stall in steady state (a median, not a mean)', () => {
    expect(steadyRate(rates(1, 2, 100, 100.5, 3, 101, 99))).toBe(100);
  });

  it('counts points of one metrics message once, so many fast points do not outweigh few slow ones', () => {
    // Messages: warm-up 10 (1 point), 20 (1), then 500 (9 points), 400 (1), 400.5 (1).
    const pts = rates(10, 20, ...Array<number>(9).fill(500), 400, 400.5);
    expect(rateSamples(pts)).toEqual([10, 20, 500, 400, 400.5]);
    expect(steadyRate(pts)).toBe(400.5);
  });

  it('skips rates that were not measured (0, NaN, Infinity)', () => {
    expect(rateSamples(rates(0, 10, NaN, 20, Infinity, 30, 0))).toEqual([10, 20, 30]);
  });
});

describe('median', () => {
  it('of odd and even counts, unsorted input, and none', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
