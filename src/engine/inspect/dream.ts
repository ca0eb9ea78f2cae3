/**
 * Inceptionism ("deep dream"): start from a real image and change it, step by step, so that a chosen layer responds
 * more strongly — gradient ascent on the mean square of the layer's output, with a normalised step and jitter. Octaves
 * work coarse to fine: the image is first dreamt at a reduced size (shown to the network enlarged to its input size),
 * then enlarged, with the detail the reduction lost added back, and dreamt again, up to full size. So large patterns
 * grow first and fine ones last. Works in chunks like featureVis.ts: `dreamChunk` continues a state. Call inside
 * tf.tidy. Images in [0, 1], one image [1, h, w, c].
 */
import * as tf from '@tensorflow/tfjs';
import { normaliseGradient, roll } from './regularisers';
import { jitterAt } from './featureVis';

export interface DreamSettings {
  readonly octaves: number;
  /** Each octave is this many times larger than the one before (the last is the input size). */
  readonly octaveScale: number;
  readonly iterationsPerOctave: number;
  readonly step: number;
  readonly jitter: number;
}

export const DEFAULT_DREAM: DreamSettings = {
  octaves: 3,
  octaveScale: 1.5,
  iterationsPerOctave: 16,
  step: 0.02,
  jitter: 1,
};

/** Image sizes of the octaves, smallest first, the last one h×w. */
export function octaveSizes(h: number, w: number, octaves: number, scale: number): [number, number][] {
  const out: [number, number][] = [];
  for (let o = Math.max(1, Math.round(octaves)) - 1; o >= 0; o--) {
    const f = Math.pow(scale, o);
    out.push([Math.max(4, Math.round(h / f)), Math.max(4, Math.round(w / f))]);
  }
  return out;
}

/** Mean square of a layer's output for an image of the input size: the quantity a dream increases. */
export type LayerOutput = (image: tf.Tensor4D) => tf.Tensor;

const resize = (x: tf.Tensor4D, size: readonly [number, number]): tf.Tensor4D =>
  x.shape[1] === size[0] && x.shape[2] === size[1]
    ? x
    : tf.image.resizeBilinear(x, [size[0], size[1]], false, true);

export const layerEnergy = (layer: LayerOutput, image: tf.Tensor4D): tf.Scalar =>
  tf.mean(tf.square(layer(image)));

export interface DreamChunk {
  /** Iterations done so far (0: start from `base`). */
  readonly from: number;
  readonly iterations: number;
  readonly seed: number;
  readonly settings: DreamSettings;
}

/**
 * Continues a dream: `state` is the image at the current octave's size (null at the start), `base` the original image
 * at full size. Returns the new state (at the size of the octave the last iteration belonged to).
 */
export function dreamChunk(
  layer: LayerOutput,
  base: tf.Tensor4D,
  state: tf.Tensor4D | null,
  chunk: DreamChunk,
): tf.Tensor4D {
  const s = chunk.settings;
  const [, h, w] = base.shape;
  const sizes = octaveSizes(h, w, s.octaves, s.octaveScale);
  const total = sizes.length * s.iterationsPerOctave;
  let current = state ?? tf.tidy(() => tf.clone(resize(base, sizes[0] as [number, number])));
  const owned = new Set<tf.Tensor>(state ? [] : [current]);
  const replace = (next: tf.Tensor4D): void => {
    if (owned.has(current)) current.dispose();
    owned.add(next);
    current = next;
  };
  for (let i = chunk.from; i < Math.min(total, chunk.from + chunk.iterations); i++) {
    const size = sizes[Math.floor(i / s.iterationsPerOctave)] as [number, number];
    if (current.shape[1] !== size[0] || current.shape[2] !== size[1]) {
      // Next octave: enlarge the dreamt detail and add it to the original at the new size.
      const from = current;
      replace(
        tf.tidy(() => {
          const detail = tf.sub(from, resize(base, [from.shape[1], from.shape[2]])) as tf.Tensor4D;
          return tf.clipByValue(tf.add(resize(base, size), resize(detail, size)), 0, 1) as tf.Tensor4D;
        }),
      );
    }
    const { dy, dx } = jitterAt(chunk.seed, i, s.jitter);
    const x = current;
    replace(
      tf.tidy(() => {
        const energy = (p: tf.Tensor): tf.Scalar =>
          layerEnergy(layer, resize(roll(p as tf.Tensor4D, dy, dx), [h, w]));
        const g = tf.grad(energy)(x) as tf.Tensor4D;
        return tf.clipByValue(tf.add(x, tf.mul(normaliseGradient(g), s.step)), 0, 1) as tf.Tensor4D;
      }),
    );
  }
  return owned.has(current) ? current : tf.clone(current);
}

/** The state shown at full size, [1, h, w, c]. */
export function dreamImage(state: tf.Tensor4D, h: number, w: number): tf.Tensor4D {
  return resize(state, [h, w]);
}

export const dreamTotal = (s: DreamSettings): number =>
  Math.max(1, Math.round(s.octaves)) * s.iterationsPerOctave;
