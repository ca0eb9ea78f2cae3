import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ascend,
  DEFAULT_ASCENT,
  imagesOf,
  initialState,
  jitterAt,
  type AscentSettings,
  type Objective,
} from './featureVis';
import { blur, decay, normaliseGradient, roll } from './regularisers';
import { dctMatrix, spectralImage } from './spectral';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** conv(4 filters 3×3, tanh: no dead units) on 8×8×1, seeded. */
function tinyConv(): tf.Sequential {
  const m = tf.sequential();
  m.add(
    tf.layers.conv2d({
      inputShape: [8, 8, 1],
      filters: 4,
      kernelSize: 3,
      padding: 'same',
      activation: 'tanh',
      kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }),
    }),
  );
  return m;
}

/** Image i maximises the mean of filter units[i]. */
const filterObjective =
  (m: tf.Sequential, units: number[]): Objective =>
  (x) => {
    const out = m.apply(x) as tf.Tensor4D;
    const pick = tf.oneHot(units, 4).toFloat();
    return tf.sum(tf.mul(tf.mean(out, [1, 2]), pick), -1) as tf.Tensor1D;
  };

const noReg: AscentSettings = { ...DEFAULT_ASCENT, jitter: 0, blurEvery: 0, decay: 0 };
const values = (t: tf.Tensor): number[] => Array.from(t.dataSync());

describe('activation maximisation', () => {
  it('raises each image’s own filter activation, with every regulariser on, in pixels and in the spectral basis', () => {
    const m = tinyConv();
    const units = [0, 1, 2, 3];
    const obj = filterObjective(m, units);
    for (const param of ['pixels', 'spectral'] as const) {
      const before = tf.memory().numTensors;
      const settings = { ...DEFAULT_ASCENT, param };
      const start = initialState([4, 8, 8, 1], param, 1);
      const end = ascend(obj, start, { from: 0, iterations: 24, seed: 1, settings });
      const a0 = tf.tidy(() => values(obj(imagesOf(start, param))));
      const a1 = tf.tidy(() => values(obj(imagesOf(end, param))));
      for (let i = 0; i < 4; i++) expect(a1[i]).toBeGreaterThan((a0[i] as number) + 1e-3);
      const img = tf.tidy(() => values(imagesOf(end, param)));
      expect(Math.min(...img)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...img)).toBeLessThanOrEqual(1);
      start.dispose();
      end.dispose();
      expect(tf.memory().numTensors).toBe(before);
    }
    m.dispose();
  });

  it('splitting the iterations into chunks gives the same images as one run', () => {
    const m = tinyConv();
    const obj = filterObjective(m, [1, 2]);
    const start = initialState([2, 8, 8, 1], 'pixels', 5);
    const settings = DEFAULT_ASCENT;
    const whole = ascend(obj, start, { from: 0, iterations: 8, seed: 9, settings });
    const half = ascend(obj, start, { from: 0, iterations: 4, seed: 9, settings });
    const rest = ascend(obj, half, { from: 4, iterations: 4, seed: 9, settings });
    const a = values(whole);
    const b = values(rest);
    for (let i = 0; i < a.length; i++) expect(b[i]).toBeCloseTo(a[i] as number, 5);
    tf.dispose([start, whole, half, rest]);
    m.dispose();
  });

  it('without regularisers the images differ from those with them', () => {
    const m = tinyConv();
    const obj = filterObjective(m, [0]);
    const start = initialState([1, 8, 8, 1], 'pixels', 2);
    const plain = ascend(obj, start, { from: 0, iterations: 8, seed: 2, settings: noReg });
    const reg = ascend(obj, start, { from: 0, iterations: 8, seed: 2, settings: DEFAULT_ASCENT });
    expect(values(plain)).not.toEqual(values(reg));
    tf.dispose([start, plain, reg]);
    m.dispose();
  });
});

describe('regularisers', () => {
  it('roll shifts rows and columns with wrap-around', () => {
    const x = tf.tensor4d([1, 2, 3, 4, 5, 6], [1, 2, 3, 1]);
    expect(values(roll(x, 0, 1))).toEqual([3, 1, 2, 6, 4, 5]);
    expect(values(roll(x, 1, 0))).toEqual([4, 5, 6, 1, 2, 3]);
    expect(values(roll(x, -1, -1))).toEqual([5, 6, 4, 2, 3, 1]);
    expect(values(roll(roll(x, 1, 2), -1, -2))).toEqual(values(x));
  });

  it('jitter offsets stay within the limit, vary, and repeat for the same iteration', () => {
    const shifts = Array.from({ length: 50 }, (_, i) => jitterAt(7, i, 2));
    for (const s of shifts) {
      expect(Math.abs(s.dx)).toBeLessThanOrEqual(2);
      expect(Math.abs(s.dy)).toBeLessThanOrEqual(2);
    }
    expect(new Set(shifts.map((s) => `${s.dx},${s.dy}`)).size).toBeGreaterThan(5);
    expect(jitterAt(7, 3, 2)).toEqual(jitterAt(7, 3, 2));
    expect(jitterAt(7, 3, 0)).toEqual({ dx: 0, dy: 0 });
  });

  it('blur smooths (less pixel-to-pixel variation) and keeps the mean', () => {
    const checker = tf.tensor4d(
      Array.from({ length: 64 }, (_, i) => ((i % 8) + Math.floor(i / 8)) % 2),
      [1, 8, 8, 1],
    );
    const tv = (t: tf.Tensor4D): number =>
      tf.tidy(
        () =>
          tf
            .sum(
              tf.abs(
                tf.sub(
                  tf.slice(t, [0, 0, 1, 0], [-1, -1, 7, -1]),
                  tf.slice(t, [0, 0, 0, 0], [-1, -1, 7, -1]),
                ),
              ),
            )
            .dataSync()[0] as number,
      );
    const b = blur(checker);
    expect(b.shape).toEqual([1, 8, 8, 1]);
    expect(tv(b)).toBeLessThan(tv(checker) / 2);
    expect(tf.mean(b).dataSync()[0]).toBeCloseTo(0.5, 5);
    const flat = tf.fill([1, 4, 4, 3], 0.7) as tf.Tensor4D;
    for (const v of values(blur(flat))) expect(v).toBeCloseTo(0.7, 5);
  });

  it('L2 decay shrinks the image norm; a zero rate leaves it alone', () => {
    const x = tf.tensor4d([0.2, 0.9, 0.5, 1], [1, 2, 2, 1]);
    const norm = (t: tf.Tensor): number => tf.norm(t).dataSync()[0] as number;
    expect(norm(decay(x, 0.1))).toBeCloseTo(0.9 * norm(x), 5);
    expect(decay(x, 0)).toBe(x);
  });

  it('the normalised gradient has a mean absolute value of 1 per image', () => {
    const g = tf.tensor4d([1, -3, 0, 4, 0.01, 0.02, -0.03, 0], [2, 2, 2, 1]);
    const n = normaliseGradient(g);
    const per = tf.mean(tf.abs(n), [1, 2, 3]).dataSync();
    expect(per[0]).toBeCloseTo(1, 4);
    expect(per[1]).toBeCloseTo(1, 4);
  });
});

describe('spectral parameterisation', () => {
  it('the DCT matrix is orthonormal', () => {
    const n = 6;
    const d = tf.tensor2d(dctMatrix(n), [n, n]);
    const eye = values(tf.matMul(d, d, false, true));
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) expect(eye[i * n + j]).toBeCloseTo(i === j ? 1 : 0, 5);
  });

  it('zero coefficients are mid grey; the DC coefficient brightens every pixel alike', () => {
    const zero = values(spectralImage(tf.zeros([1, 4, 5, 1]) as tf.Tensor4D));
    for (const v of zero) expect(v).toBeCloseTo(0.5, 6);
    const dc = tf.buffer([1, 4, 5, 1]);
    dc.set(1, 0, 0, 0, 0);
    const img = values(spectralImage(dc.toTensor() as tf.Tensor4D));
    for (const v of img) expect(v).toBeCloseTo(img[0] as number, 5);
    expect(img[0]).toBeGreaterThan(0.5);
    // A higher coefficient makes a pattern (not flat).
    const hf = tf.buffer([1, 4, 5, 1]);
    hf.set(1, 0, 1, 2, 0);
    const p = values(spectralImage(hf.toTensor() as tf.Tensor4D));
    expect(Math.max(...p) - Math.min(...p)).toBeGreaterThan(0.05);
  });
});
