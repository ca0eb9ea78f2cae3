/**
 * The decorrelated ("Fourier") image parameterisation of feature visualization: instead of pixels, gradient ascent
 * moves the coefficients of a 2-D cosine basis (DCT-II, orthonormal), each scaled by 1 / frequency, so every frequency
 * gets about the same step and low frequencies are not drowned by pixel noise (Lucid's idea, with a real DCT instead
 * of a complex FFT: plain matrix products, which TF.js differentiates everywhere). The image is sigmoid(basis · coef),
 * so it stays in [0, 1]. Call inside tf.tidy.
 */
import * as tf from '@tensorflow/tfjs';

/** The orthonormal DCT-II matrix D (n × n): D[k][i] = a_k · cos(π (i + ½) k / n); D·Dᵀ = I. */
export function dctMatrix(n: number): Float32Array {
  const d = new Float32Array(n * n);
  for (let k = 0; k < n; k++) {
    const a = k === 0 ? Math.sqrt(1 / n) : Math.sqrt(2 / n);
    for (let i = 0; i < n; i++) d[k * n + i] = a * Math.cos((Math.PI * (i + 0.5) * k) / n);
  }
  return d;
}

/** 1 / max(1, √(ky² + kx²)) for each coefficient [h, w]: the 1/f spectrum of natural images. */
export function frequencyScale(h: number, w: number): Float32Array {
  const s = new Float32Array(h * w);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) s[y * w + x] = 1 / Math.max(1, Math.hypot(y, x));
  return s;
}

/** Applies `m` [n, n] along axis 1 (rows) of `x` [b, n, k]: y[b, i, j] = Σ_k m[k, i] · x[b, k, j]. */
function alongRows(x: tf.Tensor3D, m: tf.Tensor2D): tf.Tensor3D {
  const [b, n, k] = x.shape;
  const t = tf.reshape(tf.transpose(x, [0, 2, 1]), [b * k, n]);
  return tf.transpose(tf.reshape(tf.matMul(t, m), [b, k, n]), [0, 2, 1]) as tf.Tensor3D;
}

/**
 * The image [n, h, w, c] of coefficients `coef` [n, h, w, c]: sigmoid of the inverse 2-D DCT of coef · 1/f.
 * All zeros give mid grey (0.5).
 */
export function spectralImage(coef: tf.Tensor4D): tf.Tensor4D {
  const [n, h, w, c] = coef.shape;
  const scaled = tf.mul(coef, tf.tensor4d(frequencyScale(h, w), [1, h, w, 1]));
  // [n, h, w, c] → [n·c, h, w]
  const planes = tf.reshape(tf.transpose(scaled, [0, 3, 1, 2]), [n * c, h, w]) as tf.Tensor3D;
  const dh = tf.tensor2d(dctMatrix(h), [h, h]);
  const dw = tf.tensor2d(dctMatrix(w), [w, w]);
  // Inverse DCT (Dᵀ·X·D): rows then columns.
  const rows = alongRows(planes, dh);
  const cols = tf.transpose(alongRows(tf.transpose(rows, [0, 2, 1]) as tf.Tensor3D, dw), [0, 2, 1]);
  const img = tf.transpose(tf.reshape(cols, [n, c, h, w]), [0, 2, 3, 1]);
  // A spread comparable to pixel noise: the 1/f scale makes the raw sum small.
  return tf.sigmoid(tf.mul(img, 4)) as tf.Tensor4D;
}
