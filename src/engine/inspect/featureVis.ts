/**
 * Activation maximisation: gradient ascent on the input images so that each one excites its own unit (a filter's mean
 * activation, or a class score). A batch of n images ascends together, one forward and one backward pass per
 * iteration, each image's objective depending on that image only. Between steps the regularisers of regularisers.ts
 * (jitter, blur, L2 decay) keep the result from turning into high-frequency noise; optionally the images are
 * parameterised by DCT coefficients (spectral.ts) instead of pixels. Work is split into chunks: `ascend` continues
 * from a state for a given number of iterations, so a caller can show progress and stop between chunks.
 * Images live in [0, 1]. Call inside tf.tidy (each iteration tidies its own temporaries).
 */
import * as tf from '@tensorflow/tfjs';
import { mulberry32 } from '../data/random';
import { blur, decay, normaliseGradient, roll } from './regularisers';
import { spectralImage } from './spectral';

export type Parameterisation = 'pixels' | 'spectral';

export interface AscentSettings {
  /** Step size of the normalised gradient (a mean change of `step` per pixel, in 0..1 units, for pixels). */
  readonly step: number;
  /** Largest random shift, px, before each step (0: none). */
  readonly jitter: number;
  /** Blur the image every this many iterations (0: never). Pixels only: the spectral basis already damps noise. */
  readonly blurEvery: number;
  /** L2 decay per iteration (0: none). */
  readonly decay: number;
  readonly param: Parameterisation;
}

export const DEFAULT_ASCENT: AscentSettings = {
  step: 0.03,
  jitter: 2,
  blurEvery: 4,
  decay: 0.005,
  param: 'pixels',
};

/** Coefficient steps are scaled up to move the image about as much as a pixel step (measured on 28×28). */
const SPECTRAL_STEP = 8;

/** Per-image objective of a batch [n, h, w, c] of images in [0, 1]: shape [n]. */
export type Objective = (images: tf.Tensor4D) => tf.Tensor1D;

/** The starting state: faint noise around mid grey (pixels) or small random coefficients (spectral). */
export function initialState(
  shape: readonly [number, number, number, number],
  param: Parameterisation,
  seed: number,
): tf.Tensor4D {
  const rng = mulberry32(seed);
  const size = shape[0] * shape[1] * shape[2] * shape[3];
  const v = new Float32Array(size);
  for (let i = 0; i < size; i++) v[i] = param === 'pixels' ? 0.5 + 0.1 * (rng() - 0.5) : 0.1 * (rng() - 0.5);
  return tf.tensor4d(v, [...shape]);
}

/** The images a state stands for, [n, h, w, c] in [0, 1]. */
export function imagesOf(state: tf.Tensor4D, param: Parameterisation): tf.Tensor4D {
  return param === 'spectral' ? spectralImage(state) : state;
}

/** The random shift of iteration `i` of a job seeded `seed`: the same in every chunk split. */
export function jitterAt(seed: number, i: number, jitter: number): { dy: number; dx: number } {
  if (jitter <= 0) return { dy: 0, dx: 0 };
  const rng = mulberry32((seed * 7919 + i * 104729 + 1) >>> 0);
  const span = 2 * Math.round(jitter) + 1;
  return {
    dy: Math.floor(rng() * span) - Math.round(jitter),
    dx: Math.floor(rng() * span) - Math.round(jitter),
  };
}

export interface AscentChunk {
  /** The first iteration's index (0 for a fresh start): picks the jitter and the blur turns. */
  readonly from: number;
  readonly iterations: number;
  readonly seed: number;
  readonly settings: AscentSettings;
}

/** One gradient-ascent step of iteration `i`: the new state (the old one is left to the caller). */
export function ascentStep(
  objective: Objective,
  state: tf.Tensor4D,
  i: number,
  chunk: AscentChunk,
): tf.Tensor4D {
  const s = chunk.settings;
  const { dy, dx } = jitterAt(chunk.seed, i, s.jitter);
  return tf.tidy(() => {
    const total = (p: tf.Tensor): tf.Scalar =>
      tf.sum(objective(roll(imagesOf(p as tf.Tensor4D, s.param), dy, dx)));
    const g = tf.grad(total)(state) as tf.Tensor4D;
    const size = s.param === 'spectral' ? s.step * SPECTRAL_STEP : s.step;
    let next = decay(tf.add(state, tf.mul(normaliseGradient(g), size)) as tf.Tensor4D, s.decay);
    if (s.param === 'pixels') {
      if (s.blurEvery > 0 && (i + 1) % s.blurEvery === 0) next = blur(next);
      next = tf.clipByValue(next, 0, 1);
    }
    return next;
  });
}

/** Runs `chunk.iterations` steps from `state`; returns the new state (the input is not disposed). */
export function ascend(objective: Objective, state: tf.Tensor4D, chunk: AscentChunk): tf.Tensor4D {
  let current = state;
  for (let k = 0; k < chunk.iterations; k++) {
    const next = ascentStep(objective, current, chunk.from + k, chunk);
    if (current !== state) current.dispose();
    current = next;
  }
  return current === state ? tf.clone(state) : current;
}
