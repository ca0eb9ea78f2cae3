/** RBM training settings: pure data shared by the app (controls) and the worker. */
export type RbmVisible = 'bernoulli' | 'gaussian';

export interface RbmHyper {
  /** Gibbs steps in the negative phase of contrastive divergence: CD-k. */
  readonly k: number;
  /** Persistent CD: the negative phase carries on one chain from batch to batch instead of starting at the data. */
  readonly persistent: boolean;
  /** Bernoulli visible units (pixels as on/off probabilities) or Gaussian ones of unit variance (real values). */
  readonly visible: RbmVisible;
  /** Velocity kept from step to step (0: plain gradient steps). */
  readonly momentum: number;
  /** L2 shrinkage of the weights each step (0: off). */
  readonly weightDecay: number;
  /** Bernoulli runs: train on random black-and-white versions of the images instead of their grey levels. */
  readonly binarize: boolean;
}

/**
 * Measured on MNIST in Chromium (WASM, 2-core machine at load 4-5), with the RBM preset's 100 hidden units, CD-1,
 * learning rate 0.1 and batch 32: 0.21-0.30 s per 1,000 examples (an epoch in about 15 s); filters with pen strokes in
 * 5 s, local strokes and dots by 20 s; reconstruction error (mean squared per pixel) 0.062 -> 0.020 after one epoch.
 * 64 hidden units at 0.05 learn whole-digit blobs and reach only 0.027 in an epoch.
 */
export const DEFAULT_RBM_HYPER: RbmHyper = {
  k: 1,
  persistent: false,
  visible: 'bernoulli',
  momentum: 0.5,
  weightDecay: 0.0001,
  binarize: false,
};

export const RBM_K_MAX = 25;
