import { describe, expect, it } from 'vitest';
import { greysLut } from './colormap';
import { fillMaps, gridSize, packRgb, tileOrigin } from './pixels';

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

describe('speed: all maps of a 32-channel 28×28 layer', () => {
  it('fills in ≤ 2 ms per frame (mean of 200 frames)', () => {
    const g = { cols: 8, gap: 2, scale: 1 };
    const { width, height } = gridSize(32, 28, 28, g);
    const bytes = new Uint8ClampedArray(width * height * 4);
    const dst = new Uint32Array(bytes.buffer);
    const frames = Array.from({ length: 4 }, (_, k) =>
      Uint8Array.from({ length: 32 * 784 }, (_, i) => (i * 7 + k) & 255),
    );
    const lut = greysLut().packed;
    for (let i = 0; i < 20; i++) fillMaps(dst, width, 0, 0, frames[i % 4]!, 32, 28, 28, g, lut);
    const t0 = performance.now();
    for (let i = 0; i < 200; i++) fillMaps(dst, width, 0, 0, frames[i % 4]!, 32, 28, 28, g, lut);
    const perFrame = (performance.now() - t0) / 200;
    console.log(`fillMaps 32×28×28: ${perFrame.toFixed(4)} ms per frame`);
    expect(bytes[3]).toBe(255);
    expect(perFrame).toBeLessThanOrEqual(2);
  });
});
