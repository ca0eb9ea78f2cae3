/**
 * The DCGAN pair for an image shape: a generator of transposed convolutions that doubles a small map until it is
 * the image (7 → 14 → 28 for 28, 4 → 8 → 16 → 32 for 32, 4 → … → 64 for 64), against a discriminator of strided
 * convolutions that mirrors it back down to one logit. Each up-block halves the filters, ending in 16 before the
 * image's channels; each down-block doubles them from 16.
 */
import type { Graph, LayerSpec } from './types';
import type { ImageShape } from './presetNetworks';
import { chain } from './edit';
import { L } from './layerBuilders';

export const DCGAN_LATENT = 64;
/** The smallest map the generator starts from, and the most up-blocks it takes. */
const MIN_START = 4;
const MAX_BLOCKS = 4;

/** How many times the generator doubles its map: as often as both sides halve evenly down to at least 4. */
export function upBlocks(h: number, w: number): number {
  let k = 0;
  while (k < MAX_BLOCKS) {
    const f = 2 ** (k + 1);
    if (h % f !== 0 || w % f !== 0 || h / f < MIN_START || w / f < MIN_START) break;
    k++;
  }
  return k;
}

/**
 * The pair's sizes: the filters of the generator's last up-block and of the discriminator's first down-block, and the
 * kernel of every (transposed) convolution.
 */
export interface DcganSize {
  readonly gFilters: number;
  readonly dFilters: number;
  readonly kernel: number;
}

export const DCGAN_SIZE: DcganSize = { gFilters: 16, dFilters: 16, kernel: 5 };

export function dcganGenerator([h, w, c]: ImageShape, size: DcganSize = DCGAN_SIZE): Graph {
  const k = upBlocks(h, w);
  const f = 2 ** k;
  const start = size.gFilters * 2 ** Math.max(k - 1, 0);
  const blocks: LayerSpec[] = [];
  for (let i = 1; i < k; i++) {
    blocks.push(
      L.deconv(start / 2 ** i, size.kernel, { stride: 2, activation: 'linear' }),
      L.batchNorm(),
      L.act('relu'),
    );
  }
  return chain('generator', [
    L.latent(DCGAN_LATENT),
    L.dense((h / f) * (w / f) * start, 'linear'),
    L.batchNorm(),
    L.act('relu'),
    L.reshape([h / f, w / f, start]),
    ...blocks,
    // A size that does not halve (none the app offers) is drawn at full size by a last stride-1 layer.
    L.deconv(c, size.kernel, { stride: k > 0 ? 2 : 1, activation: 'tanh' }),
  ]);
}

export function dcganDiscriminator(shape: ImageShape, size: DcganSize = DCGAN_SIZE): Graph {
  const k = Math.max(upBlocks(shape[0], shape[1]), 1);
  const blocks: LayerSpec[] = [];
  for (let i = 0; i < k; i++) {
    blocks.push(
      L.conv(size.dFilters * 2 ** i, size.kernel, { stride: 2, activation: 'linear' }),
      L.act('leakyRelu', 0.2),
    );
  }
  return chain('discriminator', [L.image(shape), ...blocks, L.flatten(), L.dense(1, 'linear')]);
}
