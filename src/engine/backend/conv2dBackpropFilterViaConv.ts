/**
 * The filter gradient of a 2-D convolution, composed from ordinary ops (transpose, conv2d, slice) so a backend
 * lacking the Conv2DBackpropFilter kernel (WASM) can run it with kernels it has.
 *
 * dW[i, j, c, k] = Σ_n Σ_y Σ_x xPadded[n, y·sh + i, x·sw + j, c] · dy[n, y, x, k]
 * is a correlation of x with dy over the batch: with x as [C, H, W, N] (channels become the batch, the batch becomes
 * the channels) and dy as a filter [oh, ow, N, K], it is a stride-1 conv2d padded as the forward one, whose dilation
 * is the forward stride. Its output [C, H', W', K] is cropped to [C, kh, kw, K] and transposed back to [kh, kw, C, K].
 */
import * as tf from '@tensorflow/tfjs';

export type ConvPad = 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;

export function conv2dBackpropFilterViaConv(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  filterShape: readonly [number, number, number, number],
  strides: number | readonly [number, number],
  pad: ConvPad,
  dilations: number | readonly [number, number] = 1,
  dimRoundingMode?: 'floor' | 'round' | 'ceil',
): tf.Tensor4D {
  const [dh, dw] = typeof dilations === 'number' ? [dilations, dilations] : dilations;
  if (dh !== 1 || dw !== 1)
    throw new Error('conv2dBackpropFilterViaConv: dilation > 1 has no gradient in TF.js');
  const [sh, sw] = typeof strides === 'number' ? [strides, strides] : strides;
  const [kh, kw, c, k] = filterShape;
  const info = tf.backend_util.computeConv2DInfo(
    x.shape,
    [kh, kw, c, k],
    [sh, sw],
    1,
    pad as 'valid' | 'same' | number | tf.backend_util.ExplicitPadding,
    dimRoundingMode,
  );
  const { top, left } = info.padInfo;
  // Pad the far sides so every tap the output grid touches exists. Usually this is padInfo.bottom/right, but TF.js
  // sizes a numeric pad with the kernel height and stride for both axes, so the grid can run past the input; the
  // cpu kernel reads those taps as zeros, and so do we.
  const bottom = Math.max(info.padInfo.bottom, (info.outHeight - 1) * sh + kh - x.shape[1] - top);
  const right = Math.max(info.padInfo.right, (info.outWidth - 1) * sw + kw - x.shape[2] - left);
  return tf.tidy(() => {
    const xT = tf.transpose(x, [3, 1, 2, 0]); // [C, H, W, N]
    const dyT = tf.transpose(dy, [1, 2, 0, 3]); // [oh, ow, N, K]
    // The convolution pads (zeros, as a pad op would, without writing the padded copy).
    const corr = tf.conv2d(
      xT,
      dyT,
      1,
      [
        [0, 0],
        [top, bottom],
        [left, right],
        [0, 0],
      ],
      'NHWC',
      [sh, sw],
    ); // [C, Hp − (oh−1)·sh, Wp − (ow−1)·sw, K]
    const cropped =
      corr.shape[1] === kh && corr.shape[2] === kw ? corr : tf.slice(corr, [0, 0, 0, 0], [c, kh, kw, k]);
    return tf.transpose(cropped, [1, 2, 0, 3]);
  });
}
