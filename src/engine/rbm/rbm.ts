/**
 * A restricted Boltzmann machine on TF.js ops: visible units v (Bernoulli, or Gaussian of unit variance), binary
 * hidden units h, weights W [visible, hidden], visible bias b and hidden bias c. Energy
 *   Bernoulli: E(v, h) = −bᵀv − cᵀh − vᵀWh        Gaussian: E(v, h) = ½‖v − b‖² − cᵀh − vᵀWh
 * Trained by contrastive divergence (CD-k) or persistent CD, with plain tensor ops (no Layers `fit`). Every method that
 * returns a tensor runs inside tf.tidy; the caller disposes what it gets. Inputs are [n, visible] in [0, 1].
 *
 * Kept small and free of the worker so that a deep belief net can stack these: `hiddenProbs` turns one layer's data
 * into the next layer's, and `exportWeights` hands W, b and c to a Dense + sigmoid layer.
 */
import * as tf from '@tensorflow/tfjs';
import type { RbmVisible } from './rbmHyper';

export interface RbmWeights {
  readonly visible: number;
  readonly hidden: number;
  readonly visibleType: RbmVisible;
  /** Row-major [visible, hidden]: W[i * hidden + j] joins visible unit i and hidden unit j. */
  readonly W: Float32Array;
  /** Visible bias (visible), hidden bias (hidden). */
  readonly b: Float32Array;
  readonly c: Float32Array;
}

export interface RbmOptions {
  readonly visible: number;
  readonly hidden: number;
  readonly visibleType?: RbmVisible;
  readonly seed: number;
  /** Standard deviation of the initial weights (0.01, as Hinton's guide suggests). */
  readonly initStd?: number;
  /** Mean of each visible unit over the training data: b starts at log(p / (1 − p)) (Bernoulli), or p (Gaussian). */
  readonly visibleMeans?: Float32Array;
}

export interface CdOptions {
  readonly learningRate: number;
  /** Gibbs steps of the negative phase. */
  readonly k: number;
  readonly persistent: boolean;
  readonly momentum?: number;
  readonly weightDecay?: number;
}

export interface Rbm {
  readonly visible: number;
  readonly hidden: number;
  visibleType: RbmVisible;
  /** p(h = 1 | v) = sigmoid(vW + c), [n, hidden]. */
  hiddenProbs(v: tf.Tensor2D): tf.Tensor2D;
  /** E[v | h]: sigmoid(hWᵀ + b) (Bernoulli) or hWᵀ + b (Gaussian), [n, visible]. */
  visibleMean(h: tf.Tensor2D): tf.Tensor2D;
  /** Free energy F(v) = −log Σ_h exp(−E(v, h)) per example, [n]. */
  freeEnergy(v: tf.Tensor2D): tf.Tensor1D;
  /** `steps` full Gibbs steps v → h → v from `v`; returns the last visible sample and its mean. */
  gibbs(v: tf.Tensor2D, steps: number): { sample: tf.Tensor2D; mean: tf.Tensor2D };
  /**
   * One CD-k (or PCD-k) update on the batch `v0`; returns the batch's reconstruction error (mean squared error per
   * pixel of the first reconstruction) as a scalar tensor.
   */
  cdStep(v0: tf.Tensor2D, opts: CdOptions): tf.Scalar;
  /** Mean squared error per pixel between v and its mean-field one-step reconstruction, scalar. */
  reconstructionError(v: tf.Tensor2D): tf.Scalar;
  /** The mean-field one-step reconstruction: E[v | p(h | v)]. */
  reconstruct(v: tf.Tensor2D): tf.Tensor2D;
  /**
   * Stochastic pseudo-log-likelihood per example (Bernoulli units; v is made binary at 0.5): flip one random bit i of
   * each example and take visible × log sigmoid(F(ṽ) − F(v)). `flips[n]` picks the bits (visible indices).
   */
  pseudoLikelihood(v: tf.Tensor2D, flips: Int32Array): tf.Scalar;
  /** The persistent chain's visible state (null before the first PCD step, or after `resetChain`). */
  readonly chain: tf.Tensor2D | null;
  resetChain(): void;
  exportWeights(): Promise<RbmWeights>;
  importWeights(w: RbmWeights): void;
  /** The live variables (for tests and for a DBN that reads them on the device). */
  readonly W: tf.Variable;
  readonly b: tf.Variable;
  readonly c: tf.Variable;
  dispose(): void;
}

const logit = (p: number): number => {
  const q = Math.min(Math.max(p, 1e-3), 1 - 1e-3);
  return Math.log(q / (1 - q));
};

export function createRbm(opts: RbmOptions): Rbm {
  const nv = opts.visible;
  const nh = opts.hidden;
  let seed = opts.seed >>> 0;
  const nextSeed = (): number => (seed = (seed + 0x9e3779b1) >>> 0);
  const bInit = new Float32Array(nv);
  if (opts.visibleMeans)
    for (let i = 0; i < nv; i++) {
      const p = opts.visibleMeans[i] ?? 0;
      bInit[i] = opts.visibleType === 'gaussian' ? p : logit(p);
    }
  // Inside tidy: the initial values are freed, the variables (never tidied away) stay.
  const [W, b, c, vW, vb, vc] = tf.tidy(() => [
    tf.variable(tf.randomNormal([nv, nh], 0, opts.initStd ?? 0.01, 'float32', nextSeed())),
    tf.variable(tf.tensor1d(bInit)),
    tf.variable(tf.zeros([nh])),
    tf.variable(tf.zeros([nv, nh])),
    tf.variable(tf.zeros([nv])),
    tf.variable(tf.zeros([nh])),
  ]) as [tf.Variable, tf.Variable, tf.Variable, tf.Variable, tf.Variable, tf.Variable];
  let chain: tf.Tensor2D | null = null;

  const rbm: Rbm = {
    visible: nv,
    hidden: nh,
    visibleType: opts.visibleType ?? 'bernoulli',
    W,
    b,
    c,
    get chain() {
      return chain;
    },
    hiddenProbs: (v) => tf.tidy(() => tf.sigmoid(tf.add(tf.matMul(v, W), c))),
    visibleMean: (h) =>
      tf.tidy(() => {
        const a = tf.add(tf.matMul(h, W, false, true), b) as tf.Tensor2D;
        return rbm.visibleType === 'gaussian' ? a : tf.sigmoid(a);
      }),
    freeEnergy: (v) =>
      tf.tidy(() => {
        const hiddenTerm = tf.sum(tf.softplus(tf.add(tf.matMul(v, W), c)), 1);
        const visibleTerm =
          rbm.visibleType === 'gaussian'
            ? tf.mul(0.5, tf.sum(tf.square(tf.sub(v, b)), 1))
            : tf.neg(tf.sum(tf.mul(v, b), 1));
        return tf.sub(visibleTerm, hiddenTerm) as tf.Tensor1D;
      }),
    gibbs: (v, steps) => {
      const out = tf.tidy(() => {
        let x = v;
        let mean = v;
        for (let s = 0; s < steps; s++) {
          const h = sampleBernoulli(rbm.hiddenProbs(x));
          mean = rbm.visibleMean(h);
          x = sampleVisible(mean);
        }
        return [tf.clone(x), tf.clone(mean)] as const;
      });
      return { sample: out[0], mean: out[1] };
    },
    cdStep: (v0, o) =>
      tf.tidy(() => {
        const n = v0.shape[0];
        const ph0 = rbm.hiddenProbs(v0);
        const h0 = sampleBernoulli(ph0);
        const pcd = o.persistent && chain !== null && chain.shape[0] === n;
        // The negative phase starts at the data's hidden sample (CD) or the persistent chain's state (PCD).
        let h = pcd && chain ? sampleBernoulli(rbm.hiddenProbs(chain)) : h0;
        let vMean = rbm.visibleMean(h);
        const firstRecon = pcd ? rbm.visibleMean(h0) : vMean;
        let vk = sampleVisible(vMean);
        let phk = rbm.hiddenProbs(vMean);
        for (let s = 1; s < Math.max(1, o.k); s++) {
          h = sampleBernoulli(phk);
          vMean = rbm.visibleMean(h);
          vk = sampleVisible(vMean);
          phk = rbm.hiddenProbs(vMean);
        }
        if (o.persistent) {
          // The chain keeps sampled states (its own random walk), so it wanders instead of settling on a mean.
          phk = rbm.hiddenProbs(vk);
          const next = tf.keep(tf.clone(vk));
          chain?.dispose();
          chain = next;
        }
        // Statistics of the negative phase use visible means for CD (less noise) and the chain's samples for PCD.
        const vNeg = o.persistent ? vk : vMean;
        const pos = tf.matMul(v0, ph0, true, false);
        const neg = tf.matMul(vNeg, phk, true, false);
        const lr = o.learningRate / n;
        const mom = o.momentum ?? 0;
        const wd = o.weightDecay ?? 0;
        const gW = tf.sub(tf.mul(tf.sub(pos, neg), lr), tf.mul(W, o.learningRate * wd));
        const gb = tf.mul(tf.sum(tf.sub(v0, vNeg), 0), lr);
        const gc = tf.mul(tf.sum(tf.sub(ph0, phk), 0), lr);
        vW.assign(tf.add(tf.mul(vW, mom), gW));
        vb.assign(tf.add(tf.mul(vb, mom), gb));
        vc.assign(tf.add(tf.mul(vc, mom), gc));
        W.assign(tf.add(W, vW));
        b.assign(tf.add(b, vb));
        c.assign(tf.add(c, vc));
        return tf.mean(tf.square(tf.sub(v0, firstRecon)));
      }),
    reconstruct: (v) => tf.tidy(() => rbm.visibleMean(rbm.hiddenProbs(v))),
    reconstructionError: (v) => tf.tidy(() => tf.mean(tf.square(tf.sub(v, rbm.reconstruct(v))))),
    pseudoLikelihood: (v, flips) =>
      tf.tidy(() => {
        const n = v.shape[0];
        const x = tf.cast(tf.greater(v, 0.5), 'float32') as tf.Tensor2D;
        const mask = tf.oneHot(tf.tensor1d(flips.subarray(0, n), 'int32'), nv).toFloat() as tf.Tensor2D;
        // Flipping bit i: x_i → 1 − x_i, i.e. x + mask·(1 − 2x).
        const flipped = tf.add(x, tf.mul(mask, tf.sub(1, tf.mul(2, x)))) as tf.Tensor2D;
        const gap = tf.sub(rbm.freeEnergy(flipped), rbm.freeEnergy(x));
        return tf.mean(tf.mul(nv, tf.logSigmoid(gap)));
      }),
    resetChain() {
      chain?.dispose();
      chain = null;
    },
    async exportWeights() {
      const [w, bb, cc] = await Promise.all([W.data(), b.data(), c.data()]);
      return {
        visible: nv,
        hidden: nh,
        visibleType: rbm.visibleType,
        W: Float32Array.from(w),
        b: Float32Array.from(bb),
        c: Float32Array.from(cc),
      };
    },
    importWeights(w) {
      if (w.visible !== nv || w.hidden !== nh)
        throw new Error(`RBM weights are ${w.visible}×${w.hidden}, this RBM is ${nv}×${nh}`);
      tf.tidy(() => {
        W.assign(tf.tensor2d(w.W, [nv, nh]));
        b.assign(tf.tensor1d(w.b));
        c.assign(tf.tensor1d(w.c));
        for (const x of [vW, vb, vc]) x.assign(tf.zerosLike(x));
      });
      rbm.visibleType = w.visibleType;
      rbm.resetChain();
    },
    dispose() {
      for (const x of [W, b, c, vW, vb, vc]) x.dispose();
      rbm.resetChain();
    },
  };

  function sampleBernoulli(p: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() =>
      tf.cast(tf.less(tf.randomUniform(p.shape, 0, 1, 'float32', nextSeed()), p), 'float32'),
    );
  }
  function sampleVisible(mean: tf.Tensor2D): tf.Tensor2D {
    return rbm.visibleType === 'gaussian'
      ? tf.tidy(() => tf.add(mean, tf.randomNormal(mean.shape, 0, 1, 'float32', nextSeed())))
      : sampleBernoulli(mean);
  }
  return rbm;
}
