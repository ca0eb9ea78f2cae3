/** A small random dataset of any image shape, for the preset-build tests (seeded, so runs repeat). */
import type { Dataset } from '../data/types';
import type { ImageShape } from './presetNetworks';

export function randomImages(shape: ImageShape, train: number, test: number, seed = 1): Dataset {
  let s = seed >>> 0;
  const byte = (): number => {
    s = (s * 1103515245 + 12345) >>> 0;
    return s >>> 24;
  };
  const size = shape[0] * shape[1] * shape[2];
  const part = (count: number) => ({
    images: Uint8Array.from({ length: count * size }, byte),
    labels: Uint8Array.from({ length: count }, (_, i) => i % 2),
    count,
  });
  return { id: 'user-random', shape, classNames: ['a', 'b'], train: part(train), test: part(test) };
}
