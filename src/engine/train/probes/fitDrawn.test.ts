import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fitDrawn, resizeGrey } from './fitDrawn';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('resizeGrey', () => {
  it('interpolates between pixel centres, edges clamped', () => {
    const src = Uint8Array.from([0, 255, 0, 255]);
    expect([...resizeGrey(src, 2, 2, 4, 4).subarray(0, 4)]).toEqual([0, 64, 191, 255]);
    expect([...resizeGrey(src, 2, 2, 2, 2)]).toEqual([0, 255, 0, 255]);
  });

  it('matches tf.image.resizeBilinear (half-pixel centres) from 28×28 to 32×32 and 64×64', () => {
    const src = Uint8Array.from({ length: 784 }, (_, i) => (i * 37 + (i >> 3) * 11) & 255);
    for (const size of [32, 64]) {
      const ours = resizeGrey(src, 28, 28, size, size);
      const theirs = tf.tidy(() =>
        tf.image
          .resizeBilinear(tf.tensor3d(Float32Array.from(src), [28, 28, 1]), [size, size], false, true)
          .round()
          .dataSync(),
      );
      let worst = 0;
      ours.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - theirs[i]!))));
      expect(worst, `${size}×${size}`).toBeLessThanOrEqual(1);
    }
  });
});

describe('fitDrawn', () => {
  const drawing = Uint8Array.from({ length: 784 }, (_, i) => (i % 28 > 13 ? 255 : 0));

  it('uses pixels of the dataset shape as they are', () => {
    const exact = new Uint8Array(32 * 32 * 3).fill(7);
    expect(fitDrawn(exact, [32, 32, 3])).toBe(exact);
    expect(fitDrawn(drawing, [28, 28, 1])).toBe(drawing);
  });

  it('resizes a 28×28 drawing to 32×32×3 with equal R, G and B (white strokes on black stay so)', () => {
    const out = fitDrawn(drawing, [32, 32, 3]);
    expect(out.length).toBe(32 * 32 * 3);
    for (let p = 0; p < 32 * 32; p++) {
      expect(out[3 * p + 1]).toBe(out[3 * p]);
      expect(out[3 * p + 2]).toBe(out[3 * p]);
    }
    // Left half black, right half white, as drawn.
    expect([out[0], out[3 * 31]]).toEqual([0, 255]);
    expect(fitDrawn(drawing, [64, 64, 1]).length).toBe(4096);
  });

  it('throws on pixels that are neither the dataset shape nor a square grey image', () => {
    expect(() => fitDrawn(new Uint8Array(10), [32, 32, 3])).toThrow(/drawn image has 10 pixels/);
  });
});
