import { describe, expect, it } from 'vitest';
import { axisWindow, coveringOutput, tapCoords } from './window';

describe('coveringOutput', () => {
  it("'same', stride 1, 3 taps: the window centred on the input cell", () => {
    const a = axisWindow(28, 3, 1, 1, 'same');
    for (let i = 0; i < 28; i++) expect(coveringOutput(i, a, 3, 1, 1)).toBe(i);
  });

  it('every answer covers the input; stride 2 over 2 taps covers all, stride 3 over 2 skips some', () => {
    for (const [size, k, s, pad] of [
      [28, 2, 2, 'valid'],
      [7, 3, 2, 'same'],
      [9, 2, 3, 'valid'],
      [10, 5, 1, 'valid'],
    ] as const) {
      const a = axisWindow(size, k, s, 1, pad);
      for (let i = 0; i < size; i++) {
        const o = coveringOutput(i, a, k, s, 1);
        const covered = Array.from({ length: a.outSize }, (_, q) => q).filter((q) =>
          Array.from(tapCoords(q, a, k, s, 1)).includes(i),
        );
        if (o === null) expect(covered).toEqual([]);
        else expect(covered).toContain(o);
      }
    }
    // 9 columns, 2 taps, stride 3: windows 0–1, 3–4, 6–7; columns 2, 5 and 8 are in none.
    const a = axisWindow(9, 2, 3, 1, 'valid');
    expect([2, 5, 8].map((i) => coveringOutput(i, a, 2, 3, 1))).toEqual([null, null, null]);
    expect(coveringOutput(4, a, 2, 3, 1)).toBe(1);
  });
});
