/** One training metrics sample, as the training worker reports it after a batch. Plain data. */
export interface MetricPoint {
  readonly step: number;
  readonly epoch: number;
  readonly examplesPerSec: number;
  readonly loss: number;
  /** NaN where the model has no accuracy (autoencoder). */
  readonly accuracy: number;
  readonly valLoss?: number;
  readonly valAccuracy?: number;
  /** The validation covered the whole test split (epoch ends); mid-epoch checks use a few hundred examples. */
  readonly valFull?: boolean;
  /** Fraction of the current epoch done, 0..1. */
  readonly epochProgress: number;
  readonly learningRate: number;
  /**
   * Training time of the run up to the end of this step, seconds: time spent in training steps only (pauses,
   * validation and probes not counted). Absent in points from before it was measured.
   */
  readonly seconds?: number;
  /** GAN runs: discriminator and generator losses, mean D(x) on real and D(G(z)) on generated images. */
  readonly gan?: {
    readonly dLoss: number;
    readonly gLoss: number;
    readonly dReal: number;
    readonly dFake: number;
  };
  /** RBM runs: the pseudo-log-likelihood of a training batch (on some steps only); `loss` is the reconstruction error. */
  readonly rbm?: { readonly pseudoLikelihood: number };
}
