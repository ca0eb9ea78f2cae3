/** GAN training settings: pure data shared by the app (controls) and the worker. */
export type GanLoss = 'nonSaturating' | 'leastSquares';

export interface GanHyper {
  /** Discriminator steps per iteration (k_D) and generator steps per iteration (k_G). */
  readonly kD: number;
  readonly kG: number;
  readonly lrD: number;
  readonly lrG: number;
  /** Adam β1 for both networks (0.5 is the DCGAN default). */
  readonly beta1: number;
  readonly loss: GanLoss;
  /** One-sided label smoothing: real labels 0.9 instead of 1 for the discriminator. */
  readonly labelSmoothing: boolean;
  readonly batchSize: number;
  readonly distribution: 'normal' | 'uniform';
}

/**
 * Tuned for the DCGAN preset with `npm run bench:gan` (issue 16): batch 16 at 0.001 for both networks gave digits
 * (≥ 9 classes, mean confidence ≥ 0.8) after 1,900 iterations, a quarter of an MNIST epoch; the DCGAN paper's batch 64
 * at 0.0002 needed 7,750 at four times the cost per iteration. Batch 8, kernel 3 or 4, a faster D or G (TTUR),
 * wider networks and the least-squares loss were each slower to get there.
 */
export const DEFAULT_GAN_HYPER: GanHyper = {
  kD: 1,
  kG: 1,
  lrD: 0.001,
  lrG: 0.001,
  beta1: 0.5,
  loss: 'nonSaturating',
  labelSmoothing: true,
  batchSize: 16,
  distribution: 'normal',
};
