import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fgsm, pgd, smallestFlip, targetLoss, type Classify } from './adversarial';

const H = 4;
const W = 4;
const K = 3;
let model: tf.Sequential;
let classify: Classify;
let before = 0;

/** Deterministic pseudo-random numbers in [0, 1). */
function rand(seed: number, n: number): Float32Array {
  let s = seed >>> 0;
  return Float32Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  });
}

const image = (seed: number): tf.Tensor4D => tf.tensor4d(rand(seed, H * W), [1, H, W, 1]);
const lossOf = (x: tf.Tensor4D, target: number): number =>
  tf.tidy(() => targetLoss(classify, x, target).dataSync()[0] as number);
const topOf = (x: tf.Tensor4D): number[] => tf.tidy(() => Array.from(tf.argMax(classify(x), -1).dataSync()));

beforeAll(async () => {
  await tf.setBackend('cpu');
  before = tf.memory().numTensors;
  // A tiny classifier: 4×4 grey image → flatten → dense(8, tanh) → dense(3, softmax), fixed weights.
  model = tf.sequential({
    layers: [
      tf.layers.flatten({ inputShape: [H, W, 1] }),
      tf.layers.dense({ units: 8, activation: 'tanh' }),
      tf.layers.dense({ units: K, activation: 'softmax' }),
    ],
  });
  tf.tidy(() => {
    model.layers[1]?.setWeights([
      tf
        .tensor2d(rand(11, 16 * 8), [16, 8])
        .sub(0.5)
        .mul(2),
      tf.zeros([8]),
    ]);
    model.layers[2]?.setWeights([
      tf
        .tensor2d(rand(12, 8 * K), [8, K])
        .sub(0.5)
        .mul(3),
      tf.zeros([K]),
    ]);
  });
  classify = (x) => model.apply(x, { training: false }) as tf.Tensor2D;
});

describe('FGSM', () => {
  it('raises the loss of the target class for every image and ε, and leaves no tensor behind', () => {
    for (let seed = 1; seed <= 8; seed++) {
      const x = image(seed);
      const target = seed % K;
      const n = tf.memory().numTensors;
      const adv = fgsm(classify, x, target, [0.02, 0.1]);
      expect(tf.memory().numTensors).toBe(n + 1);
      const clean = lossOf(x, target);
      for (let i = 0; i < 2; i++) {
        const row = tf.slice(adv, [i, 0, 0, 0], [1, -1, -1, -1]);
        expect(lossOf(row, target)).toBeGreaterThan(clean);
        row.dispose();
      }
      adv.dispose();
      x.dispose();
    }
  });

  it('moves each pixel by exactly ε unless the pixel range stops it', () => {
    const x = tf.tensor4d(
      Float32Array.from({ length: 16 }, (_, i) => (i % 4) / 3),
      [1, H, W, 1],
    );
    const adv = fgsm(classify, x, 0, [0.1]);
    const a = adv.dataSync();
    const o = x.dataSync();
    for (let i = 0; i < 16; i++) {
      const d = Math.abs((a[i] as number) - (o[i] as number));
      expect(a[i]).toBeGreaterThanOrEqual(0);
      expect(a[i]).toBeLessThanOrEqual(1);
      if ((o[i] as number) > 0.1 && (o[i] as number) < 0.9) expect(d).toBeCloseTo(0.1, 5);
    }
    tf.dispose([x, adv]);
  });
});

describe('PGD', () => {
  it('stays within the ε-ball and [0, 1], and raises the loss at least as much as FGSM here', () => {
    for (let seed = 1; seed <= 6; seed++) {
      // Half the pixels at 0 or 1, so the pixel range binds too.
      const v = rand(seed, H * W).map((p) => (p < 0.25 ? 0 : p > 0.75 ? 1 : p));
      const x = tf.tensor4d(v, [1, H, W, 1]);
      const eps = [0.03, 0.1, 0.25];
      const n = tf.memory().numTensors;
      const adv = pgd(classify, x, 1, eps, { steps: 10 });
      expect(tf.memory().numTensors).toBe(n + 1);
      expect(adv.shape).toEqual([3, H, W, 1]);
      const a = adv.dataSync();
      const o = x.dataSync();
      eps.forEach((e, r) => {
        for (let i = 0; i < 16; i++) {
          const v = a[r * 16 + i] as number;
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1);
          expect(Math.abs(v - (o[i] as number))).toBeLessThanOrEqual(e + 1e-6);
        }
      });
      const f = fgsm(classify, x, 1, [0.25]);
      const last = tf.slice(adv, [2, 0, 0, 0], [1, -1, -1, -1]);
      expect(lossOf(last, 1)).toBeGreaterThan(lossOf(x, 1));
      expect(lossOf(last, 1)).toBeGreaterThanOrEqual(lossOf(f, 1) - 1e-4);
      tf.dispose([x, adv, f, last]);
    }
  });
});

describe('smallestFlip', () => {
  it('returns an ε that flips the top class, where a slightly smaller one does not', async () => {
    let found = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const x = image(seed);
      const clean = topOf(x)[0] as number;
      for (const method of ['fgsm', 'pgd'] as const) {
        const n = tf.memory().numTensors;
        const flip = await smallestFlip(method, classify, x, clean, clean, { max: 1, points: 10 });
        expect(tf.memory().numTensors).toBe(n);
        if (flip === null) continue;
        const e = flip.epsilon;
        found++;
        const run = (eps: number[]) =>
          method === 'fgsm' ? fgsm(classify, x, clean, eps) : pgd(classify, x, clean, eps);
        const adv = run([e, Math.max(0, e - 1 / 100)]);
        const [atE, below] = topOf(adv);
        expect(atE).not.toBe(clean);
        expect(atE).toBe(flip.to);
        expect(below).toBe(clean);
        adv.dispose();
      }
      x.dispose();
    }
    expect(found).toBeGreaterThan(5);
  });

  it('with a known flipping ε, finds the PGD flip at or below it, and the flip holds', async () => {
    let found = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const x = image(seed);
      const clean = topOf(x)[0] as number;
      const f = await smallestFlip('fgsm', classify, x, clean, clean, { max: 1, points: 10 });
      if (f === null) {
        x.dispose();
        continue;
      }
      const p = await smallestFlip('pgd', classify, x, clean, clean, {
        max: 1,
        points: 10,
        below: f.epsilon,
      });
      expect(p).not.toBeNull();
      const adv = pgd(classify, x, clean, [p?.epsilon ?? 0]);
      expect(topOf(adv)[0]).toBe(p?.to);
      if ((p?.epsilon ?? 1) <= f.epsilon + 1e-9) found++;
      tf.dispose([x, adv]);
    }
    expect(found).toBeGreaterThan(3);
  });

  it('returns null when no ε up to the limit flips it', async () => {
    // A model whose output ignores the input: the gradient is zero, nothing moves.
    const flat: Classify = (x) =>
      tf.tidy(() => tf.softmax(tf.add(tf.mul(tf.sum(x, [1, 2, 3], true), 0).reshape([-1, 1]), [[0, 1, 0]])));
    const x = image(3);
    expect(await smallestFlip('fgsm', flat, x, 1, 1)).toBeNull();
    expect(await smallestFlip('pgd', flat, x, 1, 1)).toBeNull();
    x.dispose();
  });
});

afterAll(() => {
  model.dispose();
  expect(tf.memory().numTensors).toBe(before);
});
