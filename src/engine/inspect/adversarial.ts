/**
 * Adversarial examples: FGSM (one step of size ε along the sign of the input gradient of the loss) and PGD (K steps
 * of size α, each projected back onto the ε-ball around the image and onto the pixel range), and a search for the
 * smallest ε that changes the network's top class. Images are in the 0..1 pixel scale and ε is in those units
 * (0.1 = a tenth of the black-to-white range); `classify` maps such images to class probabilities, so a model that
 * reads another input scale wraps its own conversion. Every ε of a list is attacked at once, as one batch.
 */
import * as tf from '@tensorflow/tfjs';
import { EPSILON_MAX, PGD_ALPHA_RATIO, PGD_STEPS, SEARCH_POINTS } from './adversarialSettings';

export { EPSILON_MAX, PGD_ALPHA_RATIO, PGD_STEPS, SEARCH_POINTS };

export type AttackMethod = 'fgsm' | 'pgd';

/** Images [n, h, w, c] with pixels in 0..1 → class probabilities [n, k]. Must not dispose its input. */
export type Classify = (x: tf.Tensor4D) => tf.Tensor2D;

const P_MIN = 1e-7;

export interface PgdOptions {
  readonly steps?: number;
  /** Step size as a share of each row's ε (default PGD_ALPHA_RATIO). */
  readonly alphaRatio?: number;
}

/** Cross-entropy of class `target`, summed over the rows (each row's gradient is then its own loss's gradient). */
export function targetLoss(classify: Classify, x: tf.Tensor4D, target: number): tf.Scalar {
  return tf.tidy(() => {
    const p = classify(x);
    const py = tf.clipByValue(tf.slice(p, [0, target], [-1, 1]), P_MIN, 1);
    return tf.neg(tf.sum(tf.log(py)));
  });
}

/** ∂ loss / ∂ x for each row of x. */
export function lossGradient(classify: Classify, x: tf.Tensor4D, target: number): tf.Tensor4D {
  return tf.grad((v: tf.Tensor) => targetLoss(classify, v as tf.Tensor4D, target))(x) as tf.Tensor4D;
}

/** Each ε of the list as a [n, 1, 1, 1] column, to broadcast over an image. */
const column = (eps: readonly number[]): tf.Tensor4D =>
  tf.tensor4d(Float32Array.from(eps), [eps.length, 1, 1, 1]);

/** FGSM of one image `x` [1, h, w, c] for each ε: clip(x + ε·sign(∇x loss), 0, 1), as [n, h, w, c]. */
export function fgsm(
  classify: Classify,
  x: tf.Tensor4D,
  target: number,
  eps: readonly number[],
): tf.Tensor4D {
  return tf.tidy(() => {
    const direction = tf.sign(lossGradient(classify, x, target));
    return tf.clipByValue(tf.add(x, tf.mul(column(eps), direction)), 0, 1);
  });
}

/**
 * PGD of one image `x` [1, h, w, c] for each ε, from the image itself (no random start, so the same answer each
 * time): `steps` times x ← clip(x + α·sign(∇x loss)) into [x₀ − ε, x₀ + ε] ∩ [0, 1], α = alphaRatio·ε.
 */
export function pgd(
  classify: Classify,
  x: tf.Tensor4D,
  target: number,
  eps: readonly number[],
  opts: PgdOptions = {},
): tf.Tensor4D {
  const steps = opts.steps ?? PGD_STEPS;
  const ratio = opts.alphaRatio ?? PGD_ALPHA_RATIO;
  return tf.tidy(() => {
    const e = column(eps);
    const lo = tf.maximum(tf.sub(x, e), 0);
    const hi = tf.minimum(tf.add(x, e), 1);
    const alpha = tf.mul(e, ratio);
    let adv: tf.Tensor4D = tf.tile(x, [eps.length, 1, 1, 1]);
    for (let k = 0; k < steps; k++) {
      const prev = adv;
      adv = tf.tidy(() => {
        const stepped = tf.add(prev, tf.mul(alpha, tf.sign(lossGradient(classify, prev, target))));
        return tf.minimum(tf.maximum(stepped, lo), hi) as tf.Tensor4D;
      });
      prev.dispose();
    }
    return adv;
  });
}

export function attack(
  method: AttackMethod,
  classify: Classify,
  x: tf.Tensor4D,
  target: number,
  eps: readonly number[],
  opts: PgdOptions = {},
): tf.Tensor4D {
  return method === 'fgsm' ? fgsm(classify, x, target, eps) : pgd(classify, x, target, eps, opts);
}

/** The first ε whose attacked image's top class is not `clean` (its index and that class), or null. */
async function firstFlip(
  method: AttackMethod,
  classify: Classify,
  x: tf.Tensor4D,
  target: number,
  clean: number,
  eps: readonly number[],
  opts: PgdOptions,
): Promise<{ readonly index: number; readonly to: number } | null> {
  const top = tf.tidy(() => tf.argMax(classify(attack(method, classify, x, target, eps, opts)), -1));
  const classes = await top.data<'int32'>();
  top.dispose();
  const index = classes.findIndex((c) => c !== clean);
  return index < 0 ? null : { index, to: classes[index] as number };
}

/** The smallest flipping ε found and the class the prediction turns into there. */
export interface Flip {
  readonly epsilon: number;
  readonly to: number;
}

/**
 * The smallest ε (to within max / points²) at which the attack changes the top class from `clean`, or null when no ε
 * up to `max` does: a scan of `points` values over (0, max], then `points` values between the last that held and the
 * first that flipped. A scan rather than bisection, because a flip need not persist for every larger ε, and because
 * each scan is one batch. With `below` (an ε known to flip by another method, e.g. FGSM's for PGD, which is stronger),
 * one scan of (0, below] comes first, and the answer is its first flip when it has one (to within below / points).
 */
export async function smallestFlip(
  method: AttackMethod,
  classify: Classify,
  x: tf.Tensor4D,
  target: number,
  clean: number,
  opts: PgdOptions & { readonly max?: number; readonly points?: number; readonly below?: number } = {},
): Promise<Flip | null> {
  const max = opts.max ?? EPSILON_MAX;
  const points = opts.points ?? SEARCH_POINTS;
  const grid = (lo: number, hi: number): number[] =>
    Array.from({ length: points }, (_, j) => lo + ((hi - lo) * (j + 1)) / points);
  if (opts.below !== undefined && opts.below > 0) {
    const quick = grid(0, Math.min(max, opts.below));
    const f = await firstFlip(method, classify, x, target, clean, quick, opts);
    if (f !== null) return { epsilon: quick[f.index] as number, to: f.to };
  }
  const coarse = grid(0, max);
  const first = await firstFlip(method, classify, x, target, clean, coarse, opts);
  if (first === null) return null;
  const hi = coarse[first.index] as number;
  const fine = grid(first.index === 0 ? 0 : (coarse[first.index - 1] as number), hi);
  const refined = await firstFlip(method, classify, x, target, clean, fine, opts);
  return refined === null
    ? { epsilon: hi, to: first.to }
    : { epsilon: fine[refined.index] as number, to: refined.to };
}
