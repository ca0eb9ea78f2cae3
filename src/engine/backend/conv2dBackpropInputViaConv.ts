/**
 * The input gradient of a 2-D convolution, composed from ordinary ops (reverse, transpose, reshape, pad, conv2d) so
 * the WASM backend runs it on XNNPACK's convolution instead of its own Conv2DBackpropInput, a scalar loop that took
 * ~45% of a training step of ConvNetJS's MNIST net (issue 16).
 *
 * dx[n, r, c, ci] = Σ dy[n, y, x, k] · W[r + top − y·sh, c + left − x·sw, ci, k] over the taps inside the kernel.
 * With dy dilated by the stride (D[n, y·sh, x·sw] = dy[n, y, x], zeros between) that is a stride-1 correlation of D
 * with the kernel flipped in space and its channels swapped, W'[i, j, k, ci] = W[kh−1−i, kw−1−j, ci, k], over D padded
 * by kh−1−top rows above (kw−1−left columns left) and enough below (right) for an output of the input's size.
 */
import * as tf from '@tensorflow/tfjs';
import type { ConvPad } from './conv2dBackpropFilterViaConv';

/**
 * The padding of the correlation per side; a negative side (an explicit pad wider than the kernel) means that many
 * rows or columns of the dilated dy are cut off there instead.
 */
export function backpropInputPadding(
  inShape: readonly [number, number, number, number],
  filterShape: readonly [number, number, number, number],
  strides: readonly [number, number],
  pad: ConvPad,
  dimRoundingMode?: 'floor' | 'round' | 'ceil',
): { top: number; bottom: number; left: number; right: number } {
  const [kh, kw] = filterShape;
  const [sh, sw] = strides;
  const info = tf.backend_util.computeConv2DInfo(
    [...inShape],
    [...filterShape],
    [sh, sw],
    1,
    pad as 'valid' | 'same' | number | tf.backend_util.ExplicitPadding,
    dimRoundingMode,
  );
  return {
    top: kh - 1 - info.padInfo.top,
    left: kw - 1 - info.padInfo.left,
    // The dilated dy is (out − 1)·s + 1 long; what is left of (in + k − 1) after it and the top goes below.
    bottom: inShape[1] + info.padInfo.top - (info.outHeight - 1) * sh - 1,
    right: inShape[2] + info.padInfo.left - (info.outWidth - 1) * sw - 1,
  };
}

/** W'[i, j, k, c] = W[kh − 1 − i, kw − 1 − j, c, k]: the kernel turned by 180° in space, its channels swapped. */
export function flipFilter(filter: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => tf.transpose(tf.reverse(filter, [0, 1]), [0, 1, 3, 2]));
}

/** dy with sh−1 zero rows after each row and sw−1 zero columns after each column (none after the last). */
function dilate(dy: tf.Tensor4D, sh: number, sw: number): tf.Tensor4D {
  if (sh === 1 && sw === 1) return dy;
  const [n, oh, ow, k] = dy.shape;
  const spread = tf.pad(tf.reshape(dy, [n, oh, 1, ow, 1, k]), [
    [0, 0],
    [0, 0],
    [0, sh - 1],
    [0, 0],
    [0, sw - 1],
    [0, 0],
  ]);
  return tf.reshape(spread, [n, oh * sh, ow * sw, k]); // sh − 1 (sw − 1) zeros too many at the far end: cropped
}

/**
 * dx for conv2d(x of `inShape`, filter) given dy. NHWC, dilation 1 (TF.js has no gradient for dilated conv2d).
 * `flip` makes W' (flipFilter, or a backend's faster equivalent).
 * What is left of the dilated dy after cropping is never empty: with pads (after crops) it spans in + k − 1 ≥ k rows.
 */
export function conv2dBackpropInputViaConv(
  dy: tf.Tensor4D,
  filter: tf.Tensor4D,
  inShape: readonly [number, number, number, number],
  strides: number | readonly [number, number],
  pad: ConvPad,
  dimRoundingMode?: 'floor' | 'round' | 'ceil',
  flip: (filter: tf.Tensor4D) => tf.Tensor4D = flipFilter,
): tf.Tensor4D {
  const [sh, sw] = typeof strides === 'number' ? [strides, strides] : strides;
  const p = backpropInputPadding(inShape, filter.shape, [sh, sw], pad, dimRoundingMode);
  const [n, oh, ow, k] = dy.shape;
  // The dilated dy as dilate() makes it: (out − 1)·s + 1 long, plus s − 1 zeros to crop when s > 1.
  const bottom = p.bottom - (sh - 1);
  const right = p.right - (sw - 1);
  const crop = {
    top: Math.max(0, -p.top),
    left: Math.max(0, -p.left),
    bottom: Math.max(0, -bottom),
    right: Math.max(0, -right),
  };
  const rows = oh * sh - crop.top - crop.bottom;
  const cols = ow * sw - crop.left - crop.right;
  return tf.tidy(() => {
    const flipped = flip(filter); // [kh, kw, K, C]
    const d = dilate(dy, sh, sw);
    const cropped =
      crop.top + crop.bottom + crop.left + crop.right === 0
        ? d
        : tf.slice(d, [0, crop.top, crop.left, 0], [n, rows, cols, k]);
    return tf.conv2d(cropped, flipped, 1, [
      [0, 0],
      [Math.max(0, p.top), Math.max(0, bottom)],
      [Math.max(0, p.left), Math.max(0, right)],
      [0, 0],
    ]);
  });
}
