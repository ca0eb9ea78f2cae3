/**
 * Mini-batches from a decoded dataset held as typed arrays: a seeded reshuffle per epoch, an optional label subset,
 * and conversion of uint8 pixels to float32 in [0, 1] one batch at a time.
 */
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../data/types';
import { mulberry32, shuffleInPlace, type Rng } from '../data/random';
import { augmentBatch, type AugmentSettings } from '../data/augment';

/** Random changes for a training batch (data/augment.ts) and the generator they are drawn from. */
export interface BatchAugment {
  readonly settings: AugmentSettings;
  readonly rng: Rng;
}

export type Split = Dataset['train'];

/** Indices of the examples of `split` whose label is in `subset` (all when the subset is empty). */
export function subsetIndices(split: Split, subset: readonly number[]): Int32Array {
  if (subset.length === 0) return Int32Array.from({ length: split.count }, (_, i) => i);
  const keep = new Set(subset);
  const out: number[] = [];
  for (let i = 0; i < split.count; i++) if (keep.has(split.labels[i] as number)) out.push(i);
  return Int32Array.from(out);
}

/**
 * Maps dataset labels to model classes. When the model has exactly as many outputs as the label subset and fewer
 * than the dataset has classes (the transfer example: dense 5 on digits 5–9), label subset[k] becomes class k.
 */
export function makeLabelMap(
  subset: readonly number[],
  outputs: number,
  datasetClasses: number,
): (label: number) => number {
  if (subset.length === 0 || outputs >= datasetClasses || subset.length !== outputs) return (l) => l;
  const sorted = [...subset].sort((a, b) => a - b);
  const pos = new Map(sorted.map((l, i) => [l, i] as const));
  return (l) => pos.get(l) ?? -1;
}

/**
 * Float32 pixels in [0, 1] for the given example indices, shape [n, h, w, c], each image changed by `augment` when
 * given (training batches only). Call inside tf.tidy.
 */
export function imagesTensor(
  split: Split,
  shape: readonly [number, number, number],
  indices: ArrayLike<number>,
  augment?: BatchAugment,
): tf.Tensor4D {
  const size = shape[0] * shape[1] * shape[2];
  const n = indices.length;
  const buf = new Float32Array(n * size);
  for (let k = 0; k < n; k++) {
    const i = indices[k] as number;
    const src = split.images.subarray(i * size, (i + 1) * size);
    const off = k * size;
    for (let p = 0; p < size; p++) buf[off + p] = (src[p] as number) / 255;
  }
  if (augment) augmentBatch(buf, n, shape, augment.settings, augment.rng, { range: 1 });
  return tf.tensor4d(buf, [n, shape[0], shape[1], shape[2]]);
}

/** One-hot labels [n, classes] for the given example indices. Call inside tf.tidy. */
export function labelsTensor(
  split: Split,
  indices: ArrayLike<number>,
  classes: number,
  map: (l: number) => number,
): tf.Tensor2D {
  const n = indices.length;
  const buf = new Float32Array(n * classes);
  for (let k = 0; k < n; k++) {
    const c = map(split.labels[indices[k] as number] as number);
    if (c >= 0 && c < classes) buf[k * classes + c] = 1;
  }
  return tf.tensor2d(buf, [n, classes]);
}

/** Walks through shuffled epochs of a pool of indices; one PRNG stream from the seed orders every epoch. */
export class EpochSampler {
  private readonly rand: () => number;
  private pool: Int32Array;
  private order: Int32Array;
  private pos = 0;
  epoch = 0;

  constructor(pool: Int32Array, seed: number) {
    this.rand = mulberry32(seed);
    this.pool = pool;
    this.order = shuffleInPlace(Int32Array.from(pool), this.rand);
  }

  get progress(): number {
    return this.order.length === 0 ? 0 : this.pos / this.order.length;
  }

  get size(): number {
    return this.pool.length;
  }

  /**
   * Replaces the pool (label subset changed) and starts a fresh shuffled pass within the current epoch count; a pass
   * that had just ended counts as a finished epoch (the transfer lesson's second phase is one epoch, not two).
   */
  setPool(pool: Int32Array): void {
    if (this.order.length > 0 && this.pos >= this.order.length) this.epoch++;
    this.pool = pool;
    this.order = shuffleInPlace(Int32Array.from(pool), this.rand);
    this.pos = 0;
  }

  /** The next batch of up to `size` indices; a short last batch ends the epoch, then a reshuffled one begins. */
  next(size: number): Int32Array {
    if (this.order.length === 0) throw new Error('EpochSampler: no examples to train on');
    if (this.pos >= this.order.length) {
      this.epoch++;
      this.pos = 0;
      shuffleInPlace(this.order, this.rand);
    }
    const end = Math.min(this.pos + size, this.order.length);
    const batch = this.order.slice(this.pos, end);
    this.pos = end;
    return batch;
  }
}
