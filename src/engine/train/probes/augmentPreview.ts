/** The augmentPreview probe: one training image and augmented copies of it, as the training batches change them. */
import { augmentImage, type AugmentSettings } from '../../data/augment';
import { mulberry32 } from '../../data/random';
import type { ProbeResult } from './types';
import type { TrainContext } from '../context';
import type { Hyper } from '../hyper';

/** Copies shown when the request does not say (one strip). */
export const PREVIEW_COPIES = 8;
const MAX_COPIES = 32;

/** A run's context, or only a dataset (the preview before any run: workers/previewAugment.ts). */
export function probeAugmentPreview(
  ctx: Pick<TrainContext, 'dataset' | 'step'> & { readonly hyper: Pick<Hyper, 'augment'> },
  request: {
    readonly index: number;
    readonly count?: number;
    readonly augment?: AugmentSettings;
    readonly seed?: number;
  },
): ProbeResult {
  const data = ctx.dataset.train;
  const [h, w, c] = ctx.dataset.shape;
  const size = h * w * c;
  const index =
    Number.isInteger(request.index) && request.index >= 0 && request.index < data.count ? request.index : 0;
  const copies = Math.max(0, Math.min(MAX_COPIES, Math.floor(request.count ?? PREVIEW_COPIES)));
  const settings = request.augment ?? ctx.hyper.augment;
  const count = data.count === 0 ? 0 : 1 + copies;
  const pixels = new Uint8Array(count * size);
  if (count > 0) {
    const original = data.images.subarray(index * size, (index + 1) * size);
    pixels.set(original, 0);
    const rng = mulberry32(request.seed ?? ctx.step);
    for (let k = 1; k < count; k++)
      augmentImage(original, pixels.subarray(k * size, (k + 1) * size), [h, w, c], settings, rng, {
        range: 255,
      });
  }
  return { kind: 'augmentPreview', step: ctx.step, index, count, pixels, h, w, channels: c };
}
