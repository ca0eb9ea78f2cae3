import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRbm } from './rbm';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Four 3×3 binary patterns (bars and a cross), repeated into a batch of 32. */
const PATTERNS = [
  [1, 1, 1, 0, 0, 0, 0, 0, 0],
  [0, 0, 0, 0, 0, 0, 1, 1, 1],
  [1, 0, 0, 1, 0, 0, 1, 0, 0],
  [0, 1, 0, 1, 1, 1, 0, 1, 0],
];
const toyBatch = (): tf.Tensor2D =>
  tf.tensor2d(
    Array.from({ length: 32 }, (_, i) => PATTERNS[i % PATTERNS.length] as number[]),
    [32, 9],
  );

const read = (t: tf.Tensor): number => {
  const v = t.dataSync()[0] as number;
  t.dispose();
  return v;
};

describe('RBM', () => {
  it('CD-1 lowers the reconstruction error on a few binary patterns', () => {
    const rbm = createRbm({ visible: 9, hidden: 8, seed: 1, initStd: 0.1 });
    const v = toyBatch();
    const before = read(rbm.reconstructionError(v));
    for (let i = 0; i < 300; i++) rbm.cdStep(v, { learningRate: 0.5, k: 1, persistent: false }).dispose();
    const after = read(rbm.reconstructionError(v));
    expect(before).toBeGreaterThan(0.2);
    expect(after).toBeLessThan(before * 0.35);
    v.dispose();
    rbm.dispose();
  });

  it('CD-k with momentum and weight decay also learns, and the step reports its reconstruction error', () => {
    const rbm = createRbm({ visible: 9, hidden: 8, seed: 2, initStd: 0.1 });
    const v = toyBatch();
    const opts = { learningRate: 0.2, k: 3, persistent: false, momentum: 0.5, weightDecay: 1e-4 };
    const first = read(rbm.cdStep(v, opts));
    let last = first;
    for (let i = 0; i < 300; i++) last = read(rbm.cdStep(v, opts));
    expect(last).toBeLessThan(first * 0.5);
    v.dispose();
    rbm.dispose();
  });

  it('PCD keeps one persistent chain from step to step (its state is not the data), and learns', () => {
    const rbm = createRbm({ visible: 9, hidden: 8, seed: 3, initStd: 0.1 });
    const v = toyBatch();
    expect(rbm.chain).toBeNull();
    rbm.cdStep(v, { learningRate: 0.1, k: 1, persistent: true }).dispose();
    const first = rbm.chain;
    expect(first?.shape).toEqual([32, 9]);
    const firstValues = first?.arraySync();
    rbm.cdStep(v, { learningRate: 0.1, k: 1, persistent: true }).dispose();
    expect(rbm.chain).not.toBe(first);
    expect(first?.isDisposed).toBe(true); // the old state is replaced, not leaked
    expect(rbm.chain?.arraySync()).not.toEqual(firstValues);
    const before = read(rbm.reconstructionError(v));
    for (let i = 0; i < 400; i++) rbm.cdStep(v, { learningRate: 0.1, k: 1, persistent: true }).dispose();
    expect(read(rbm.reconstructionError(v))).toBeLessThan(before * 0.5);
    // Binary states of the model's own chain.
    for (const x of rbm.chain?.dataSync() ?? []) expect(x === 0 || x === 1).toBe(true);
    rbm.resetChain();
    expect(rbm.chain).toBeNull();
    v.dispose();
    rbm.dispose();
  });

  it('free energy equals a hand computation on a 2×2 RBM (Bernoulli and Gaussian)', () => {
    const rbm = createRbm({ visible: 2, hidden: 2, seed: 4 });
    rbm.W.assign(tf.tensor2d([0.5, -1, 2, 0.25], [2, 2]));
    rbm.b.assign(tf.tensor1d([0.1, -0.2]));
    rbm.c.assign(tf.tensor1d([0.3, -0.4]));
    const v = tf.tensor2d([1, 0, 1, 1, 0.5, 0.2], [3, 2]);
    const softplus = (x: number) => Math.log1p(Math.exp(x));
    const rows = [
      [1, 0],
      [1, 1],
      [0.5, 0.2],
    ] as const;
    const hidden = (x: readonly number[]) =>
      softplus(0.3 + x[0]! * 0.5 + x[1]! * 2) + softplus(-0.4 + x[0]! * -1 + x[1]! * 0.25);
    const bernoulli = rows.map((x) => -(0.1 * x[0] - 0.2 * x[1]) - hidden(x));
    const fe = rbm.freeEnergy(v);
    const got = Array.from(fe.dataSync());
    fe.dispose();
    got.forEach((g, i) => expect(g).toBeCloseTo(bernoulli[i]!, 5));
    // The same by brute force: −log Σ_h exp(−E(v, h)) over the four hidden states.
    const brute = rows.map((x) => {
      let z = 0;
      for (const h of [
        [0, 0],
        [0, 1],
        [1, 0],
        [1, 1],
      ] as const) {
        const vWh = x[0] * (0.5 * h[0] - 1 * h[1]) + x[1] * (2 * h[0] + 0.25 * h[1]);
        const e = -(0.1 * x[0] - 0.2 * x[1]) - (0.3 * h[0] - 0.4 * h[1]) - vWh;
        z += Math.exp(-e);
      }
      return -Math.log(z);
    });
    got.forEach((g, i) => expect(g).toBeCloseTo(brute[i]!, 5));
    rbm.visibleType = 'gaussian';
    const gauss = rows.map((x) => 0.5 * ((x[0] - 0.1) ** 2 + (x[1] + 0.2) ** 2) - hidden(x));
    const fg = rbm.freeEnergy(v);
    Array.from(fg.dataSync()).forEach((g, i) => expect(g).toBeCloseTo(gauss[i]!, 5));
    fg.dispose();
    v.dispose();
    rbm.dispose();
  });

  it('pseudo-likelihood is negative and rises as the RBM learns the patterns', () => {
    const rbm = createRbm({ visible: 9, hidden: 8, seed: 5, initStd: 0.1 });
    const v = toyBatch();
    const flips = Int32Array.from({ length: 32 }, (_, i) => (i * 7) % 9);
    const before = read(rbm.pseudoLikelihood(v, flips));
    expect(before).toBeLessThan(0);
    expect(before).toBeCloseTo(9 * Math.log(0.5), 0); // an untrained RBM gives each flip about even odds
    for (let i = 0; i < 300; i++) rbm.cdStep(v, { learningRate: 0.5, k: 1, persistent: false }).dispose();
    expect(read(rbm.pseudoLikelihood(v, flips))).toBeGreaterThan(before / 2);
    v.dispose();
    rbm.dispose();
  });

  it('Gaussian visible units learn real values; Gibbs steps give samples and means of the right shape', () => {
    const rbm = createRbm({ visible: 9, hidden: 8, seed: 6, visibleType: 'gaussian', initStd: 0.05 });
    const v = tf.tidy(() => tf.mul(toyBatch(), 0.8) as tf.Tensor2D);
    const before = read(rbm.reconstructionError(v));
    for (let i = 0; i < 400; i++) rbm.cdStep(v, { learningRate: 0.01, k: 1, persistent: false }).dispose();
    expect(read(rbm.reconstructionError(v))).toBeLessThan(before * 0.7);
    const g = rbm.gibbs(v, 3);
    expect(g.sample.shape).toEqual([32, 9]);
    expect(g.mean.shape).toEqual([32, 9]);
    g.sample.dispose();
    g.mean.dispose();
    v.dispose();
    rbm.dispose();
  });

  it('exports and imports W, b and c; a wrong size is refused', async () => {
    const a = createRbm({
      visible: 4,
      hidden: 3,
      seed: 7,
      visibleMeans: new Float32Array([0.5, 0.9, 0.1, 0]),
    });
    const w = await a.exportWeights();
    expect(w.W.length).toBe(12);
    expect(w.b[0]).toBeCloseTo(0, 5);
    expect(w.b[1]).toBeCloseTo(Math.log(9), 4);
    const b = createRbm({ visible: 4, hidden: 3, seed: 8 });
    b.importWeights(w);
    expect(Array.from(b.W.dataSync())).toEqual(Array.from(w.W));
    const c = createRbm({ visible: 4, hidden: 2, seed: 9 });
    expect(() => c.importWeights(w)).toThrow(/4×3/);
    for (const r of [a, b, c]) r.dispose();
  });

  it('leaks no tensors: steps, PCD, probes, and dispose', () => {
    const before = tf.memory().numTensors;
    const rbm = createRbm({ visible: 9, hidden: 8, seed: 10 });
    const v = toyBatch();
    for (const persistent of [false, true])
      for (let i = 0; i < 3; i++)
        rbm.cdStep(v, { learningRate: 0.1, k: 2, persistent, momentum: 0.5 }).dispose();
    const held = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      rbm.cdStep(v, { learningRate: 0.1, k: 2, persistent: true }).dispose();
      rbm.reconstructionError(v).dispose();
      rbm.pseudoLikelihood(v, new Int32Array(32)).dispose();
      rbm.freeEnergy(v).dispose();
      const g = rbm.gibbs(v, 2);
      g.sample.dispose();
      g.mean.dispose();
    }
    expect(tf.memory().numTensors).toBe(held);
    v.dispose();
    rbm.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
