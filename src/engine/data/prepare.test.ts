import { describe, expect, it } from 'vitest';
import {
  boxResize,
  decodeScale,
  edgeColour,
  imageBytes,
  luma,
  placement,
  prepareImage,
  toGrey,
  toRgb,
  type RgbaImage,
} from './prepare';

/** An opaque image from rows of [r, g, b] pixels. */
function opaque(rows: readonly (readonly [number, number, number])[][]): RgbaImage {
  const height = rows.length;
  const width = rows[0]?.length ?? 0;
  return { width, height, data: rows.flat().flatMap(([r, g, b]) => [r, g, b, 255]) };
}
const grey = (values: readonly number[][]): RgbaImage =>
  opaque(values.map((row) => row.map((v) => [v, v, v] as const)));
const round = (xs: ArrayLike<number>): number[] => Array.from(xs, (x) => Math.round(x * 1000) / 1000);

describe('placement', () => {
  it('fit squeezes the whole picture into the square (aspect not kept)', () => {
    expect(placement(6, 4, 28, 'fit')).toEqual({
      src: { x: 0, y: 0, w: 6, h: 4 },
      dst: { x: 0, y: 0, w: 28, h: 28 },
    });
  });
  it('crop takes the centred square of the short side, fractional when the difference is odd', () => {
    expect(placement(6, 4, 2, 'crop').src).toEqual({ x: 1, y: 0, w: 4, h: 4 });
    expect(placement(2, 5, 2, 'crop').src).toEqual({ x: 0, y: 1.5, w: 2, h: 2 });
    expect(placement(2, 5, 2, 'crop').dst).toEqual({ x: 0, y: 0, w: 2, h: 2 });
  });
  it('pad keeps the aspect ratio and centres the picture', () => {
    expect(placement(4, 2, 4, 'pad')).toEqual({
      src: { x: 0, y: 0, w: 4, h: 2 },
      dst: { x: 0, y: 1, w: 4, h: 2 },
    });
    expect(placement(2, 4, 28, 'pad').dst).toEqual({ x: 7, y: 0, w: 14, h: 28 });
    expect(placement(1000, 10, 28, 'pad').dst).toEqual({ x: 0, y: 13, w: 28, h: 1 }); // never 0 rows
  });
});

describe('boxResize', () => {
  it('averages each output pixel over the source area it covers (4×2 → 2×2)', () => {
    const img = opaque([
      [
        [0, 0, 0],
        [100, 100, 100],
        [200, 0, 0],
        [0, 200, 0],
      ],
      [
        [10, 20, 30],
        [30, 40, 50],
        [0, 0, 200],
        [50, 50, 50],
      ],
    ]);
    expect(round(boxResize(img, { x: 0, y: 0, w: 4, h: 2 }, 2, 2))).toEqual([
      50, 50, 50, 255, 100, 100, 0, 255, 20, 30, 40, 255, 25, 25, 125, 255,
    ]);
  });
  it('weighs partly covered pixels by their overlap (3×1 → 2×1)', () => {
    const out = boxResize(grey([[0, 90, 180]]), { x: 0, y: 0, w: 3, h: 1 }, 2, 1);
    expect(round([out[0] ?? -1, out[4] ?? -1])).toEqual([30, 150]);
  });
  it('reads only the source rectangle, fractional edges included', () => {
    const out = boxResize(grey([[0, 100, 200, 40]]), { x: 0.5, y: 0, w: 2, h: 1 }, 1, 1);
    expect(round([out[0] ?? -1])).toEqual([(0 * 0.5 + 100 + 200 * 0.5) / 2]);
  });
  it('weighs colour by alpha, so a transparent pixel does not bleed its colour', () => {
    const img: RgbaImage = { width: 2, height: 1, data: [255, 0, 0, 255, 0, 0, 255, 0] };
    expect(round(boxResize(img, { x: 0, y: 0, w: 2, h: 1 }, 1, 1))).toEqual([255, 0, 0, 127.5]);
  });
  it('enlarges a small picture by area (1×1 → 3×3 is the same colour)', () => {
    expect(round(boxResize(grey([[77]]), { x: 0, y: 0, w: 1, h: 1 }, 3, 3))).toEqual(
      Array.from({ length: 9 }, () => [77, 77, 77, 255]).flat(),
    );
  });
});

describe('colour', () => {
  const pixels = [255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 10, 10, 10, 255, 0, 0, 0, 0, 0, 0, 0, 128];
  it('grey is BT.601 luma, rounded, with alpha composited on white', () => {
    expect(Array.from(toGrey(pixels))).toEqual([76, 150, 29, 10, 255, 127]);
    expect(luma(100, 50, 200)).toBeCloseTo(29.9 + 29.35 + 22.8, 9);
    expect(Array.from(toGrey([100, 50, 200, 255, 102, 50, 202, 255]))).toEqual([82, 83]); // 82.05, 82.876
  });
  it('RGB keeps the channels and composites alpha on white', () => {
    expect(Array.from(toRgb(pixels))).toEqual([
      255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 10, 10, 255, 255, 255, 127, 127, 127,
    ]);
    expect(Array.from(toRgb([255, 0, 0, 127.5]))).toEqual([255, 128, 128]);
  });
  it('the edge colour is the mean of the outer ring, on white', () => {
    const img = grey([
      [10, 10, 10],
      [10, 250, 10],
      [40, 40, 40],
    ]);
    expect(edgeColour(img)).toEqual([(5 * 10 + 3 * 40) / 8, (5 * 10 + 3 * 40) / 8, (5 * 10 + 3 * 40) / 8]);
    expect(edgeColour({ width: 1, height: 1, data: [0, 0, 0, 0] })).toEqual([255, 255, 255]);
  });
});

describe('prepareImage', () => {
  const strip = grey([[0, 77, 255]]);
  it('fit averages the whole picture', () => {
    expect(Array.from(prepareImage(strip, { size: 1, mode: 'fit', colour: 'grey' }))).toEqual([111]);
  });
  it('crop keeps the centre', () => {
    expect(Array.from(prepareImage(strip, { size: 1, mode: 'crop', colour: 'grey' }))).toEqual([77]);
  });
  it('pad letterboxes with the mean edge colour', () => {
    expect(Array.from(prepareImage(grey([[40, 80]]), { size: 2, mode: 'pad', colour: 'grey' }))).toEqual([
      40, 80, 60, 60,
    ]);
    const tall = prepareImage(grey([[40], [80]]), { size: 4, mode: 'pad', colour: 'grey' });
    expect(Array.from(tall)).toEqual([60, 40, 40, 60, 60, 40, 40, 60, 60, 80, 80, 60, 60, 80, 80, 60]);
  });
  it('RGB gives 3 bytes a pixel, channel-last', () => {
    const red = opaque([[[255, 0, 0]]]);
    const out = prepareImage(red, { size: 2, mode: 'fit', colour: 'rgb' });
    expect(out.length).toBe(imageBytes(2, 'rgb'));
    expect(Array.from(out)).toEqual([255, 0, 0, 255, 0, 0, 255, 0, 0, 255, 0, 0]);
  });
});

describe('decodeScale', () => {
  it('brings a large picture short side down to 4× the size, and leaves small ones', () => {
    expect(decodeScale(8000, 6000, 28)).toBeCloseTo(112 / 6000, 12);
    expect(decodeScale(6000, 8000, 64)).toBeCloseTo(256 / 6000, 12);
    expect(decodeScale(112, 5000, 28)).toBe(1);
    expect(decodeScale(64, 64, 28)).toBe(1);
  });
});
