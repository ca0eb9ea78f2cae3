/**
 * Greedy RBM pretraining of a classifier's leading Dense + sigmoid layers (a deep belief net fine-tuned by backprop):
 * the layers right after the input (and a Flatten) that are Dense with a sigmoid are trained as a stack of RBMs on the
 * training images, bottom first, and their W and hidden bias c replace the Dense kernels and biases in a checkpoint of
 * the freshly built model. The rest of the net keeps its own initialisation.
 */
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../data/types';
import type { Graph } from '../graph/types';
import type { Checkpoint } from '../train/trainer';
import { denseInitOf, pretrainDbn } from './dbn';
import type { DbnOptions } from './dbn';
import { pretrainableLayers } from './pretrainLayers';

export { pretrainableLayers };

/** Pretraining reads at most this many training images (an epoch of the stack then takes seconds, not minutes). */
export const PRETRAIN_EXAMPLES = 10_000;
/** CD-1 with the RBM preset's rate and batch (rbmHyper.ts has their timing on MNIST). */
const PRETRAIN_LR = 0.1;
const PRETRAIN_BATCH = 32;

/** The stack's training settings for these layers (CD-1 as in the RBM preset). */
export const dbnOptionsFor = (
  layers: readonly { readonly units: number }[],
  epochs: number,
  seed: number,
): DbnOptions => ({
  layers: layers.map((l) => l.units),
  epochs,
  batchSize: PRETRAIN_BATCH,
  learningRate: PRETRAIN_LR,
  momentum: 0.5,
  weightDecay: 0.0001,
  seed,
});

export interface PretrainOptions {
  readonly epochs: number;
  readonly seed: number;
  /** Before each layer: its index and the number of layers. */
  readonly onLayerStart?: (index: number, layers: number) => void;
  readonly examples?: number;
}

/**
 * `cp` (a checkpoint of the built model) with the leading Dense + sigmoid layers' kernels and biases set from an RBM
 * stack trained on the dataset's training images; `cp` itself when the graph has no such layer or epochs is 0.
 */
export async function pretrainCheckpoint(
  cp: Checkpoint,
  graph: Graph,
  dataset: Dataset,
  opts: PretrainOptions,
): Promise<Checkpoint> {
  const layers = pretrainableLayers(graph);
  if (layers.length === 0 || opts.epochs <= 0) return cp;
  const size = dataset.shape[0] * dataset.shape[1] * dataset.shape[2];
  const n = Math.min(dataset.train.count, opts.examples ?? PRETRAIN_EXAMPLES);
  const pixels = new Float32Array(n * size);
  const src = dataset.train.images;
  for (let i = 0; i < pixels.length; i++) pixels[i] = (src[i] as number) / 255;
  const data = tf.tensor2d(pixels, [n, size]);
  let stack;
  try {
    stack = await pretrainDbn(data, {
      ...dbnOptionsFor(layers, opts.epochs, opts.seed),
      onLayerStart: (i) => opts.onLayerStart?.(i, layers.length),
    });
  } finally {
    data.dispose();
  }
  const replace = new Map<string, Float32Array>();
  layers.forEach((l, i) => {
    const init = denseInitOf(stack[i]!);
    replace.set(`${l.id}/kernel`, init.kernel);
    replace.set(`${l.id}/bias`, init.bias);
  });
  return {
    step: cp.step,
    weights: cp.weights.map((w) => {
      const values = replace.get(w.name);
      if (values === undefined) return w;
      if (values.length !== w.values.length)
        throw new Error(`pretrain: ${w.name} has ${w.values.length} values, the RBM ${values.length}`);
      return { ...w, values: Float32Array.from(values) };
    }),
  };
}
