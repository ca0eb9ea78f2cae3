/**
 * The two autoencoder presets for an image shape: both rebuild exactly their input (height × width × channels)
 * through a sigmoid, so that pixels in [0, 1] are the target.
 */
import type { Graph } from './types';
import type { ImageShape } from './presetNetworks';
import { chain } from './edit';
import { L } from './layerBuilders';

/** Dense layers squeeze h·w·c values through a 32-number code and rebuild them. */
export function compressionAutoencoder(shape: ImageShape): Graph {
  const [h, w, c] = shape;
  return chain('autoencoder', [
    L.image(shape),
    L.flatten(),
    L.dense(128),
    L.dense(32),
    L.dense(128),
    L.dense(h * w * c, 'sigmoid'),
    L.reshape(shape),
  ]);
}

/** Convolutions and two poolings down to a quarter of each side, two up-samplings back, one filter per channel. */
export function denoisingAutoencoder(shape: ImageShape): Graph {
  return chain('autoencoder', [
    L.image(shape),
    L.conv(16, 3),
    L.maxPool(),
    L.conv(8, 3),
    L.maxPool(),
    L.upSample(),
    L.conv(16, 3),
    L.upSample(),
    L.conv(shape[2], 3, { activation: 'sigmoid' }),
  ]);
}
