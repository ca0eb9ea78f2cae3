/** Pixels and labels of chosen examples, copied straight from the dataset arrays (no tensors). */
import type { ProbeResult } from './types';
import type { TrainContext } from '../context';

export function probeSamples(
  ctx: TrainContext,
  split: 'train' | 'test',
  indices: readonly number[],
): ProbeResult {
  const data = ctx.dataset[split];
  const [h, w, c] = ctx.dataset.shape;
  const size = h * w * c;
  const kept = indices.filter((i) => Number.isInteger(i) && i >= 0 && i < data.count);
  const pixels = new Uint8Array(kept.length * size);
  const labels = new Uint8Array(kept.length);
  kept.forEach((i, k) => {
    pixels.set(data.images.subarray(i * size, (i + 1) * size), k * size);
    labels[k] = data.labels[i] as number;
  });
  return { kind: 'samples', split, indices: kept, labels, pixels, h, w, channels: c };
}
