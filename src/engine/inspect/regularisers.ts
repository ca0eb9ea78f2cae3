/**
 * The image regularisers of feature visualization (featureVis.ts, dream.ts): without them gradient ascent on the input
 * finds high-frequency noise patterns that excite a unit but look like nothing.
 * - jitter: roll the image a few pixels before each step, so a pattern must work at every shift;
 * - blur: now and then smooth the image with a 3×3 Gaussian, which damps the pixel-level checkerboards;
 * - L2 decay: shrink the image towards black (the background of the digit datasets) every step.
 * Batched over [n, h, w, c]. Call inside tf.tidy.
 */
import * as tf from '@tensorflow/tfjs';

/** Rolls `x` [n, h, w, c] by `dy` rows and `dx` columns, wrapping around (what leaves one edge enters the other). */
export function roll(x: tf.Tensor4D, dy: number, dx: number): tf.Tensor4D {
  const [, h, w] = x.shape;
  const sy = ((Math.round(dy) % h) + h) % h;
  const sx = ((Math.round(dx) % w) + w) % w;
  let out = x;
  if (sy !== 0)
    out = tf.concat(
      [tf.slice(out, [0, h - sy, 0, 0], [-1, sy, -1, -1]), tf.slice(out, [0, 0, 0, 0], [-1, h - sy, -1, -1])],
      1,
    );
  if (sx !== 0)
    out = tf.concat(
      [tf.slice(out, [0, 0, w - sx, 0], [-1, -1, sx, -1]), tf.slice(out, [0, 0, 0, 0], [-1, -1, w - sx, -1])],
      2,
    );
  return out;
}

const GAUSS_3 = [1 / 4, 1 / 2, 1 / 4];

/** A 3×3 Gaussian blur of every channel (edges repeat the border pixel, so the mean brightness is kept). */
export function blur(x: tf.Tensor4D): tf.Tensor4D {
  const c = x.shape[3];
  const k: number[] = [];
  for (const a of GAUSS_3) for (const b of GAUSS_3) for (let i = 0; i < c; i++) k.push(a * b);
  const kernel = tf.tensor4d(k, [3, 3, c, 1]);
  const padded = tf.mirrorPad(
    x,
    [
      [0, 0],
      [1, 1],
      [1, 1],
      [0, 0],
    ],
    'symmetric',
  );
  return tf.depthwiseConv2d(padded, kernel, 1, 'valid');
}

/** L2 decay: x · (1 − rate), a step towards 0 proportional to the value (the gradient step of −rate/2·‖x‖²). */
export function decay(x: tf.Tensor4D, rate: number): tf.Tensor4D {
  return rate > 0 ? tf.mul(x, 1 - rate) : x;
}

/** The gradient scaled per image to a mean absolute value of 1 (a "normalised step": the same size whatever the layer). */
export function normaliseGradient(g: tf.Tensor4D): tf.Tensor4D {
  const scale = tf.add(tf.mean(tf.abs(g), [1, 2, 3], true), 1e-8);
  return tf.div(g, scale);
}
