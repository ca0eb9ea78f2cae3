/** What the probes read from a live trainer: the model, the data and the current training settings. */
import type * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../data/types';
import type { Graph } from '../graph/types';
import type { Hyper } from './hyper';
import type { Target } from './losses';

export interface TrainContext {
  readonly model: tf.LayersModel;
  readonly graph: Graph;
  readonly dataset: Dataset;
  readonly target: Target;
  /** Number of model outputs along the last axis (classes for a classifier). */
  readonly classes: number;
  readonly step: number;
  readonly hyper: Hyper;
  /** The learning rate the next step will use. */
  readonly learningRate: number;
  /** Dataset label → model class (identity unless a label subset maps onto fewer outputs). */
  readonly labelMap: (label: number) => number;
  /** Test indices in the current label subset. */
  readonly testPool: Int32Array;
  /** Variables the optimizer updates. */
  readonly trainableVars: readonly tf.Variable[];
  /** GAN discriminators see images scaled to [−1, 1] instead of [0, 1]. */
  readonly signedInput?: boolean;
  /** Denoising autoencoders: std-dev of the input noise (pixels in 0..1). */
  readonly noise?: number;
}
