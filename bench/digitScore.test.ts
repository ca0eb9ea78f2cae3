import { describe, expect, it } from 'vitest';
import { looksLikeDigits, scoreDigits } from './digitScore';

/** One row per sample: `p` on class `c`, the rest spread evenly over the other classes. */
const rows = (picks: readonly [c: number, p: number][], classes = 10): Float32Array => {
  const out = new Float32Array(picks.length * classes);
  picks.forEach(([c, p], i) => {
    for (let k = 0; k < classes; k++) out[i * classes + k] = k === c ? p : (1 - p) / (classes - 1);
  });
  return out;
};

describe('scoreDigits', () => {
  it('counts each sample for its top class and averages the top probabilities', () => {
    const s = scoreDigits(
      rows([
        [3, 0.9],
        [3, 0.7],
        [7, 0.5],
        [0, 0.2],
      ]),
    );
    expect(s.histogram).toEqual([1, 0, 0, 2, 0, 0, 0, 1, 0, 0]);
    expect(s.classesSeen).toBe(3);
    // The last row's 0.2 still beats the 0.8 / 9 on each other class.
    expect(s.meanConfidence).toBeCloseTo((0.9 + 0.7 + 0.5 + 0.2) / 4, 6);
  });

  it('takes a row whose top class is not the first one it sees', () => {
    const p = new Float32Array(10).fill(0.01);
    p[0] = 0.3;
    p[9] = 0.61;
    expect(scoreDigits(p)).toMatchObject({ classesSeen: 1, meanConfidence: expect.closeTo(0.61, 6) });
    expect(scoreDigits(p).histogram[9]).toBe(1);
  });

  it('refuses values that are not whole rows', () => {
    expect(() => scoreDigits(new Float32Array(15))).toThrow(/whole rows/);
    expect(() => scoreDigits(new Float32Array(0))).toThrow(/whole rows/);
  });
});

describe('looksLikeDigits', () => {
  it('needs at least 9 classes and a mean confidence of at least 0.8', () => {
    expect(looksLikeDigits({ classesSeen: 9, meanConfidence: 0.8 })).toBe(true);
    expect(looksLikeDigits({ classesSeen: 10, meanConfidence: 0.95 })).toBe(true);
    expect(looksLikeDigits({ classesSeen: 8, meanConfidence: 0.99 })).toBe(false);
    expect(looksLikeDigits({ classesSeen: 10, meanConfidence: 0.799 })).toBe(false);
  });
});
