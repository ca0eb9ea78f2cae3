import { describe, expect, it } from 'vitest';
import { greysLut } from './colormap';
import { fillImages, fillMaps, gridSize, packRgb, packRgbFast, tileOrigin } from './pixels';

describe('fillMaps', () => {
  it('places tiles with gaps and replicates pixels by the scale', () => {
    const g = { cols: 2, gap: 1, scale: 2 };
    const { width, height } = gridSize(3, 2, 2, g);
    expect([width, height]).toEqual([9, 9]);
    expect(tileOrigin(2, 2, 2, g)).toEqual({ x: 0, y: 5 });
    const dst = new Uint32Array(width * height);
    const data = new Uint8Array(12);
    data[4] = 255; // map 1, pixel (0,0)
    const lut = greysLut().packed;
    fillMaps(dst, width, 0, 0, data, 3, 2, 2, g, lut);
    const white = lut[255]!;
    // map 1 starts at x = 5; pixel (0,0) covers 2×2
    expect(dst[5]).toBe(white);
    expect(dst[6]).toBe(white);
    expect(dst[width + 5]).toBe(white);
    expect(dst[7]).toBe(lut[0]);
    expect(dst[4]).toBe(0); // gap untouched
  });
  it('packs colours in ImageData byte order', () => {
    const p = packRgb(1, 2, 3);
    expect([...new Uint8Array(new Uint32Array([p]).buffer)]).toEqual([1, 2, 3, 255]);
  });
});

/** The RGBA bytes of packed pixel i. */
const rgbaAt = (dst: Uint32Array, i: number): number[] => [...new Uint8Array(dst.buffer, i * 4, 4)];

describe('fillImages', () => {
  it('draws channel-last RGB images in their colours, each tile h×w (here 32×32)', () => {
    const g = { cols: 2, gap: 1, scale: 1 };
    const { width, height } = gridSize(2, 32, 32, g);
    expect([width, height]).toEqual([65, 32]);
    const px = 32 * 32 * 3;
    const data = new Uint8Array(2 * px);
    for (let p = 0; p < 32 * 32; p++) data[3 * p] = 255; // image 0 all red
    for (let p = 0; p < 32 * 32; p++) data[px + 3 * p + 2] = 200; // image 1 all blue
    data[px + 3 * (5 * 32 + 7) + 1] = 128; // image 1, pixel (5, 7) gets some green
    const dst = new Uint32Array(width * height);
    fillImages(dst, width, 0, 0, data, 2, 32, 32, 3, g, greysLut().packed);
    expect(rgbaAt(dst, 0)).toEqual([255, 0, 0, 255]);
    expect(rgbaAt(dst, 31 * width + 31)).toEqual([255, 0, 0, 255]); // image 0's last pixel
    expect(dst[32]).toBe(0); // the gap
    expect(rgbaAt(dst, 33)).toEqual([0, 0, 200, 255]); // image 1 starts at x = 33
    expect(rgbaAt(dst, 5 * width + 33 + 7)).toEqual([0, 128, 200, 255]);
    expect(rgbaAt(dst, 31 * width + 64)).toEqual([0, 0, 200, 255]);
  });

  it('draws one channel through the lookup table exactly as fillMaps, and scales colour tiles too', () => {
    const lut = greysLut().packed;
    const grey = Uint8Array.from({ length: 2 * 9 }, (_, i) => i * 13);
    const g = { cols: 2, gap: 1, scale: 2 };
    const { width, height } = gridSize(2, 3, 3, g);
    const a = new Uint32Array(width * height);
    const b = new Uint32Array(width * height);
    fillMaps(a, width, 0, 0, grey, 2, 3, 3, g, lut);
    fillImages(b, width, 0, 0, grey, 2, 3, 3, 1, g, lut);
    expect([...b]).toEqual([...a]);
    const rgb = Uint8Array.from([10, 20, 30]);
    const c = new Uint32Array(4);
    fillImages(c, 2, 0, 0, rgb, 1, 1, 1, 3, { cols: 1, gap: 0, scale: 2 }, lut);
    expect([...c]).toEqual(new Array(4).fill(packRgb(10, 20, 30)));
    expect(packRgbFast(1, 2, 3)).toBe(packRgb(1, 2, 3));
  });
});

describe('speed: all maps of a 32-channel 28×28 layer', () => {
  it('fills in ≤ 2 ms per frame (the fastest of 10 batches of 20 frames)', () => {
    const g = { cols: 8, gap: 2, scale: 1 };
    const { width, height } = gridSize(32, 28, 28, g);
    const bytes = new Uint8ClampedArray(width * height * 4);
    const dst = new Uint32Array(bytes.buffer);
    const frames = Array.from({ length: 4 }, (_, k) =>
      Uint8Array.from({ length: 32 * 784 }, (_, i) => (i * 7 + k) & 255),
    );
    const lut = greysLut().packed;
    for (let i = 0; i < 20; i++) fillMaps(dst, width, 0, 0, frames[i % 4]!, 32, 28, 28, g, lut);
    // The fastest of 10 batches of 20 frames: a busy machine pauses some batches, not the work itself.
    let perFrame = Infinity;
    for (let b = 0; b < 10; b++) {
      const t0 = performance.now();
      for (let i = 0; i < 20; i++) fillMaps(dst, width, 0, 0, frames[i % 4]!, 32, 28, 28, g, lut);
      perFrame = Math.min(perFrame, (performance.now() - t0) / 20);
    }
    console.log(`fillMaps 32×28×28: ${perFrame.toFixed(4)} ms per frame`);
    expect(bytes[3]).toBe(255);
    expect(perFrame).toBeLessThanOrEqual(2);
  });
});
