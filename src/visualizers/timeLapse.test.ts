import { describe, expect, it } from 'vitest';
import { downsample2, pushDistinct } from './timeLapse';

describe('pushDistinct', () => {
  it('keeps only distinct steps, the last `keep` of them, oldest first', () => {
    let h: { step: number; tag: string }[] = [];
    for (const [step, tag] of [
      [10, 'a'],
      [10, 'b'],
      [20, 'c'],
      [30, 'd'],
      [20, 'e'],
      [40, 'f'],
    ] as const)
      h = pushDistinct(h, { step, tag }, 3);
    expect(h.map((x) => x.step)).toEqual([20, 30, 40]);
    expect(h.map((x) => x.tag)).toEqual(['c', 'd', 'f']);
  });
  it('does not mutate its input and keeps nothing for keep 0', () => {
    const h = [{ step: 1 }];
    const next = pushDistinct(h, { step: 2 }, 8);
    expect(h).toEqual([{ step: 1 }]);
    expect(next).toEqual([{ step: 1 }, { step: 2 }]);
    expect(pushDistinct(h, { step: 3 }, 0)).toEqual([]);
  });
});

describe('downsample2', () => {
  it('averages 2×2 blocks per image and drops an odd edge', () => {
    // two 2×3 images: the third column is dropped
    const px = Uint8Array.from([0, 4, 99, 8, 12, 99, 255, 255, 0, 255, 251, 0]);
    const d = downsample2(px, 2, 2, 3);
    expect(d.h).toBe(1);
    expect(d.w).toBe(1);
    expect([...d.pixels]).toEqual([6, 254]);
  });
  it('averages each colour channel on its own (channel-last RGB)', () => {
    // one 2×2 RGB image: red, red, blue, blue → one purple pixel
    const px = Uint8Array.from([255, 0, 0, 255, 0, 0, 0, 0, 255, 0, 0, 251]);
    const d = downsample2(px, 1, 2, 2, 3);
    expect(d).toMatchObject({ h: 1, w: 1 });
    expect([...d.pixels]).toEqual([128, 0, 127]);
  });
  it('keeps images too small to halve', () => {
    const d = downsample2(Uint8Array.from([7, 9]), 1, 1, 2);
    expect(d).toMatchObject({ h: 1, w: 2 });
    expect([...d.pixels]).toEqual([7, 9]);
  });
});
