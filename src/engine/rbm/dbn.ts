/**
 * Greedy layer-wise pretraining of a deep belief net: train an RBM on the data, turn the data into its hidden units'
 * probabilities, train the next RBM on those, and so on. The result is each layer's W, b and c; `denseInitOf` gives
 * a Dense + sigmoid layer's kernel and bias from one of them (W is already laid out [inputs, units] like a Dense
 * kernel), so a feed-forward net can start from the stack and be fine-tuned by backprop.
 */
import * as tf from '@tensorflow/tfjs';
import { mulberry32, shuffleInPlace } from '../data/random';
import { createRbm } from './rbm';
import type { RbmWeights } from './rbm';

export interface DbnOptions {
  /** Hidden units of each RBM, bottom first. */
  readonly layers: readonly number[];
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  /** CD-k's k (1 by default). */
  readonly k?: number;
  readonly momentum?: number;
  readonly weightDecay?: number;
  readonly seed: number;
  /** Called after each layer is trained, with its index and its last epoch's mean reconstruction error. */
  readonly onLayer?: (index: number, reconstructionError: number) => void;
  /** Called before each layer is trained, with its index (a status line: "layer 1 of 2"). */
  readonly onLayerStart?: (index: number) => void;
}

/**
 * Trains the stack on `data` ([n, visible], values in [0, 1]); the caller keeps `data`. Bernoulli units throughout.
 * Returns one RbmWeights per layer, bottom first.
 */
export async function pretrainDbn(data: tf.Tensor2D, opts: DbnOptions): Promise<RbmWeights[]> {
  const out: RbmWeights[] = [];
  const rand = mulberry32(opts.seed);
  let x: tf.Tensor2D = data;
  for (const [index, hidden] of opts.layers.entries()) {
    opts.onLayerStart?.(index);
    const [n, visible] = x.shape;
    const rbm = createRbm({ visible, hidden, seed: opts.seed + 7919 * (index + 1) });
    let lastError = NaN;
    for (let e = 0; e < opts.epochs; e++) {
      const order = shuffleInPlace(
        Int32Array.from({ length: n }, (_, i) => i),
        rand,
      );
      const errs: tf.Scalar[] = [];
      for (let s = 0; s < n; s += opts.batchSize) {
        const idx = tf.tensor1d(order.subarray(s, Math.min(n, s + opts.batchSize)), 'int32');
        const v = tf.gather(x, idx);
        errs.push(
          rbm.cdStep(v, {
            learningRate: opts.learningRate,
            k: opts.k ?? 1,
            persistent: false,
            momentum: opts.momentum ?? 0,
            weightDecay: opts.weightDecay ?? 0,
          }),
        );
        idx.dispose();
        v.dispose();
      }
      const mean = tf.tidy(() => tf.mean(tf.stack(errs)));
      errs.forEach((t) => t.dispose());
      lastError = (await mean.data())[0] ?? NaN;
      mean.dispose();
      // A step to the event loop between epochs: a worker stays responsive to pause.
      await new Promise((r) => setTimeout(r, 0));
    }
    opts.onLayer?.(index, lastError);
    out.push(await rbm.exportWeights());
    const next = rbm.hiddenProbs(x);
    if (x !== data) x.dispose();
    x = next;
    rbm.dispose();
  }
  if (x !== data) x.dispose();
  return out;
}

/** A Dense + sigmoid layer's initial weights from an RBM: kernel [visible, hidden] (W) and bias (c). */
export function denseInitOf(w: RbmWeights): {
  readonly kernel: Float32Array;
  readonly kernelShape: readonly [number, number];
  readonly bias: Float32Array;
} {
  return { kernel: w.W, kernelShape: [w.visible, w.hidden], bias: w.c };
}
