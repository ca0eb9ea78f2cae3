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

export const DEFAULT_GAN_HYPER: GanHyper = {
  kD: 1,
  kG: 1,
  lrD: 0.0002,
  lrG: 0.0002,
  beta1: 0.5,
  loss: 'nonSaturating',
  labelSmoothing: true,
  batchSize: 64,
  distribution: 'normal',
};
