// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { drawSampleStrip } from './drawSamples';

afterEach(() => vi.restoreAllMocks());

/** A canvas whose 2-D context keeps the image put on it (jsdom has no canvas). */
function canvas(): { c: HTMLCanvasElement; rgba: (x: number, y: number) => number[] } {
  let put: ImageData | null = null;
  const c = document.createElement('canvas');
  const ctx = {
    createImageData: (w: number, h: number) => ({
      width: w,
      height: h,
      data: new Uint8ClampedArray(w * h * 4),
    }),
    putImageData: (img: ImageData) => (put = img),
  };
  vi.spyOn(c, 'getContext').mockImplementation((() => ctx) as unknown as HTMLCanvasElement['getContext']);
  return {
    c,
    rgba: (x, y) => {
      const o = (y * (put?.width ?? 0) + x) * 4;
      return [...(put?.data.subarray(o, o + 4) ?? [])];
    },
  };
}

describe('drawSampleStrip', () => {
  it('draws 32×32 RGB samples side by side in their colours', () => {
    const { c, rgba } = canvas();
    const px = 32 * 32 * 3;
    const pixels = new Uint8Array(2 * px);
    for (let p = 0; p < 32 * 32; p++) {
      pixels.set([200, 30, 10], 3 * p);
      pixels.set([5, 60, 240], px + 3 * p);
    }
    drawSampleStrip(c, pixels, 2, 32, 32, 3);
    expect([c.width, c.height]).toEqual([64, 32]);
    expect(rgba(31, 31)).toEqual([200, 30, 10, 255]);
    expect(rgba(32, 0)).toEqual([5, 60, 240, 255]);
  });

  it('draws grey samples with equal channels (the 28×28 default)', () => {
    const { c, rgba } = canvas();
    const pixels = new Uint8Array(3 * 784);
    pixels[784 + 28 + 1] = 77; // image 1, pixel (1, 1)
    drawSampleStrip(c, pixels, 3);
    expect([c.width, c.height]).toEqual([84, 28]);
    expect(rgba(28 + 1, 1)).toEqual([77, 77, 77, 255]);
  });
});
