/**
 * Saliency maps of one image for one class score (classScore.ts: the logit, else the log-probability):
 * - gradient: |∂score/∂pixel|, the largest over the colour channels (Simonyan et al. 2014);
 * - SmoothGrad: the same of the mean gradient over noisy copies of the image (Smilkov et al. 2017), all copies in one
 *   batch, so one forward and one backward pass;
 * - Grad-CAM for a layer L with maps A_k (Selvaraju et al. 2017): weights α_k = spatial mean of ∂score/∂A_k,
 *   map = ReLU(Σ_k α_k A_k), bilinearly resized to the input's size.
 * The class is given or the model's prediction for the clean image. Tensors only; call inside tf.tidy.
 */
import * as tf from '@tensorflow/tfjs';
import { assertNever } from '../assertNever';
import { classScores, type ScoreKind } from './classScore';
import { inputGradient } from './inputGradient';
import { SMOOTHGRAD_NOISE, SMOOTHGRAD_SAMPLES, type SaliencyMethod } from './saliencyMethod';

export interface SaliencyOptions {
  readonly method: SaliencyMethod;
  /** Class whose score is explained; null: the predicted class. */
  readonly classIndex: number | null;
  /** Grad-CAM: the layer (name in the model) whose maps are weighed. */
  readonly layer?: string;
  readonly samples?: number;
  /** SmoothGrad noise std-dev as a share of the image's value range (max − min). */
  readonly noise?: number;
  readonly seed?: number;
}

export interface SaliencyMaps {
  /** [h, w] of the input, ≥ 0. */
  readonly map: tf.Tensor2D;
  /** The clean image's class scores, [classes]. */
  readonly scores: tf.Tensor1D;
  /** The class explained (int32 scalar). */
  readonly target: tf.Scalar;
  readonly kind: ScoreKind;
}

/** Sum over the batch of each image's score for its row of `mask` (one-hot, no gradient flows into it). */
function maskedScore(scores: tf.Tensor2D, mask: tf.Tensor2D): tf.Scalar {
  return tf.sum(tf.mul(scores, mask));
}

/** Largest |g| over the channels of the batch's mean gradient: [h, w]. */
function absMaxOverChannels(grad: tf.Tensor4D): tf.Tensor2D {
  return tf.max(tf.abs(tf.mean(grad, 0)), -1) as tf.Tensor2D;
}

/**
 * A Grad-CAM map [1, h', w', 1] resized to the image's [h, w], with half-pixel centres: cell i of a map one stride-s
 * step per cell covers pixels s·i … s·i + s − 1, so its value lands centred on them (as TF's and OpenCV's resize do).
 * Aligning the corners instead would stretch the map outwards by up to s/2 pixels.
 */
export function upsampleCam(cam: tf.Tensor4D, h: number, w: number): tf.Tensor2D {
  const up = tf.image.resizeBilinear(cam, [h, w], false, true);
  // Bilinear interpolation of values ≥ 0 stays ≥ 0; the ReLU guards against rounding.
  return tf.relu(tf.reshape(up, [h, w])) as tf.Tensor2D;
}

export function saliencyMap(model: tf.LayersModel, x: tf.Tensor4D, opts: SaliencyOptions): SaliencyMaps {
  if (x.shape[0] !== 1) throw new Error('saliency: one image at a time');
  const clean = classScores(model, x);
  const classes = clean.scores.shape[1];
  const target = (
    opts.classIndex === null ? tf.argMax(clean.scores, 1) : tf.tensor1d([opts.classIndex], 'int32')
  ).reshape([]) as tf.Scalar;
  const mask = tf.oneHot(tf.reshape(target, [1]), classes).toFloat() as tf.Tensor2D;
  const scores = tf.reshape(clean.scores, [classes]) as tf.Tensor1D;
  const [h, w] = [x.shape[1], x.shape[2]];
  const base = { scores, target, kind: clean.kind };

  switch (opts.method) {
    case 'gradient': {
      const g = inputGradient((v: tf.Tensor4D) => maskedScore(classScores(model, v).scores, mask), x);
      return { ...base, map: absMaxOverChannels(g) };
    }
    case 'smoothGrad': {
      const n = Math.max(1, Math.round(opts.samples ?? SMOOTHGRAD_SAMPLES));
      const sigma = tf.mul(tf.sub(tf.max(x), tf.min(x)), opts.noise ?? SMOOTHGRAD_NOISE);
      const noise = tf.mul(tf.randomNormal([n, h, w, x.shape[3]], 0, 1, 'float32', opts.seed ?? 1), sigma);
      const copies = tf.add(tf.tile(x, [n, 1, 1, 1]), noise) as tf.Tensor4D;
      const masks = tf.tile(mask, [n, 1]) as tf.Tensor2D;
      const g = inputGradient((v: tf.Tensor4D) => maskedScore(classScores(model, v).scores, masks), copies);
      return { ...base, map: absMaxOverChannels(g) };
    }
    case 'gradCam': {
      const layer = opts.layer;
      if (layer === undefined) throw new Error('saliency: Grad-CAM needs a layer');
      const maps = classScores(model, x, { capture: [layer] }).captured.get(layer);
      if (maps === undefined || maps.rank !== 4)
        throw new Error(`saliency: layer ${layer} has no spatial maps`);
      const a = maps as tf.Tensor4D;
      const score = (v: tf.Tensor4D) =>
        maskedScore(classScores(model, x, { substitute: { layer, value: v } }).scores, mask);
      const g = inputGradient(score, a);
      const alpha = tf.mean(g, [1, 2], true); // [1, 1, 1, k]
      const cam = tf.relu(tf.sum(tf.mul(a, alpha), -1, true)) as tf.Tensor4D; // [1, h', w', 1]
      return { ...base, map: upsampleCam(cam, h, w) };
    }
    default:
      return assertNever(opts.method);
  }
}
