/**
 * The baseline the benchmark compares the app against: the same model in a bare `model.trainOnBatch` loop, with no
 * probes, metrics batching or yields, and the app's optimizers. Optionally on 24×24 centre crops (ConvNetJS's MNIST demo input).
 */
import * as tf from '@tensorflow/tfjs';
import { compileGraph } from '../../src/engine/compile/compile';
import type { Dataset } from '../../src/engine/data/types';
import type { Graph } from '../../src/engine/graph/types';
import type { OptimizerId } from '../../src/engine/train/hyper';
import { makeOptimizer } from '../../src/engine/train/optimizer';

export interface BareOptions {
  readonly graph: Graph;
  readonly dataset: Dataset;
  readonly batchSize: number;
  readonly optimizer: OptimizerId;
  readonly learningRate: number;
  /** Crop images to this size (centre) when the graph's input is smaller than the dataset's. */
  readonly crop: number | null;
  readonly seconds: number;
  readonly warmupSteps: number;
  readonly now: () => number;
}

/** The app's optimizers (engine/train/optimizer.ts: e.g. Adadelta in one kernel per variable on WASM). */
function optimizer(id: OptimizerId, lr: number): tf.Optimizer {
  return makeOptimizer({ optimizer: id, learningRate: lr, momentum: 0.9 }, lr);
}

/** Batch `b` of images as float32 in 0..1, cropped to `crop`×`crop` when asked. */
function batchPixels(
  d: Dataset,
  start: number,
  n: number,
  crop: number | null,
): { x: Float32Array; side: number } {
  const [h, w] = d.shape;
  const side = crop ?? h;
  const off = crop === null ? 0 : Math.floor((h - crop) / 2);
  const x = new Float32Array(n * side * side);
  for (let i = 0; i < n; i++) {
    const img = ((start + i) % d.train.count) * h * w;
    for (let y = 0; y < side; y++) {
      for (let c = 0; c < side; c++)
        x[(i * side + y) * side + c] = (d.train.images[img + (y + off) * w + c + off] ?? 0) / 255;
    }
  }
  return { x, side };
}

/** Trains for `seconds` after warm-up; returns examples/s and the last loss. */
export async function bareTrainOnBatch(
  o: BareOptions,
): Promise<{ examplesPerSec: number; steps: number; lastLoss: number }> {
  const model = compileGraph(o.graph, { seed: 1 });
  const opt = optimizer(o.optimizer, o.learningRate);
  model.compile({ optimizer: opt, loss: 'categoricalCrossentropy' });
  let cursor = 0;
  let lastLoss = NaN;
  const one = async (): Promise<void> => {
    const { x, side } = batchPixels(o.dataset, cursor, o.batchSize, o.crop);
    const labels = new Int32Array(o.batchSize);
    for (let i = 0; i < o.batchSize; i++)
      labels[i] = o.dataset.train.labels[(cursor + i) % o.dataset.train.count] ?? 0;
    cursor += o.batchSize;
    const xs = tf.tensor4d(x, [o.batchSize, side, side, 1]);
    const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), 10).toFloat());
    const loss = await model.trainOnBatch(xs, ys);
    lastLoss = Array.isArray(loss) ? (loss[0] ?? NaN) : loss;
    xs.dispose();
    ys.dispose();
  };
  try {
    for (let i = 0; i < o.warmupSteps; i++) await one();
    const t0 = o.now();
    let steps = 0;
    while (o.now() - t0 < o.seconds * 1000) {
      await one();
      steps++;
    }
    return { examplesPerSec: (steps * o.batchSize * 1000) / (o.now() - t0), steps, lastLoss };
  } finally {
    model.dispose();
    opt.dispose();
  }
}
