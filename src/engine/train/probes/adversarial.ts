/**
 * The adversarial-example probes: the sample attacked by FGSM or PGD at the asked ε (engine/inspect/adversarial.ts)
 * with the predictions before and after, and the smallest flipping ε by each method. The attack raises the loss of
 * the test image's label, or of the predicted class for a drawing. The search is kept for the same model, step and
 * sample, so asking again while paused costs nothing.
 */
import * as tf from '@tensorflow/tfjs';
import {
  EPSILON_MAX,
  PGD_ALPHA_RATIO,
  PGD_STEPS,
  attack,
  smallestFlip,
  type Classify,
  type Flip,
} from '../../inspect/adversarial';
import type { AdversarialResult, AdversarialSearchResult, ProbeRequest, SampleRef } from './types';
import type { TrainContext } from '../context';
import { sampleLabel, unitSampleTensor, unitToBytes } from './sample';

type AttackRequest = Extract<ProbeRequest, { kind: 'adversarial' }>;
type SearchRequest = Extract<ProbeRequest, { kind: 'adversarialSearch' }>;

interface Search {
  readonly model: tf.LayersModel;
  readonly step: number;
  readonly sample: string;
  readonly clean: number;
  readonly fgsm: Flip | null;
  readonly pgd: Flip | null;
}
let lastSearch: Search | null = null;

function sampleKey(sample: SampleRef): string {
  if (sample.from === 'test') return `t${sample.index}`;
  let h = 2166136261;
  for (const v of sample.pixels) h = Math.imul(h ^ v, 16777619);
  return `d${sample.pixels.length}:${h >>> 0}`;
}

const topClass = (p: Float32Array): number =>
  p.reduce((best, v, i) => (v > (p[best] as number) ? i : best), 0);

/** The sample as 0..1 pixels, a classifier of such images, its clean probabilities and the class to attack. */
async function setUp(
  ctx: TrainContext,
  sample: SampleRef,
): Promise<{
  x: tf.Tensor4D;
  classify: Classify;
  before: Float32Array;
  label: number | null;
  target: number;
}> {
  if (ctx.target !== 'labels') throw new Error('Adversarial examples are for classifiers');
  const signed = ctx.signedInput === true;
  // The attack works on 0..1 pixels; a model reading −1..1 gets them converted.
  const classify: Classify = (x) =>
    tf.tidy(() => ctx.model.apply(signed ? tf.sub(tf.mul(x, 2), 1) : x, { training: false }) as tf.Tensor2D);
  const x = unitSampleTensor(ctx, sample);
  try {
    const cleanProbs = tf.tidy(() => classify(x));
    const before = Float32Array.from(await cleanProbs.data<'float32'>());
    cleanProbs.dispose();
    const label = sampleLabel(ctx, sample);
    const target = label !== null && label >= 0 && label < before.length ? label : topClass(before);
    return { x, classify, before, label, target };
  } catch (e) {
    x.dispose();
    throw e;
  }
}

export async function probeAdversarial(ctx: TrainContext, req: AttackRequest): Promise<AdversarialResult> {
  const epsilon = Math.min(EPSILON_MAX, Math.max(0, req.epsilon));
  const steps = req.method === 'pgd' ? Math.max(1, Math.round(req.steps ?? PGD_STEPS)) : 0;
  const { x, classify, before, label, target } = await setUp(ctx, req.sample);
  try {
    const t0 = performance.now();
    const [adv, probs] = tf.tidy(() => {
      const a = attack(req.method, classify, x, target, [epsilon], { steps });
      return [a, classify(a)] as const;
    });
    let advData: Float32Array;
    let afterData: Float32Array;
    try {
      [advData, afterData] = await Promise.all([adv.data<'float32'>(), probs.data<'float32'>()]);
    } finally {
      adv.dispose();
      probs.dispose();
    }
    const ms = performance.now() - t0;
    const original = Float32Array.from(await x.data<'float32'>());
    const perturbation = new Float32Array(original.length);
    for (let i = 0; i < original.length; i++)
      perturbation[i] = (advData[i] as number) - (original[i] as number);
    const [h, w, c] = ctx.dataset.shape;
    return {
      kind: 'adversarial',
      step: ctx.step,
      method: req.method,
      epsilon,
      steps,
      alpha: req.method === 'pgd' ? epsilon * PGD_ALPHA_RATIO : epsilon,
      h,
      w,
      channels: c,
      original: unitToBytes(original),
      perturbed: unitToBytes(advData),
      perturbation,
      before,
      after: Float32Array.from(afterData),
      label,
      target,
      ms,
    };
  } finally {
    x.dispose();
  }
}

/**
 * The smallest ε up to EPSILON_MAX that flips the sample's top class, by FGSM and by PGD: a probe of its own, as it
 * costs many attacks (the picture at the slider's ε does not wait for it while training).
 */
export async function probeAdversarialSearch(
  ctx: TrainContext,
  req: SearchRequest,
): Promise<AdversarialSearchResult> {
  const key = sampleKey(req.sample);
  const reuse = (s: Search | null): s is Search =>
    s !== null && s.model === ctx.model && s.step === ctx.step && s.sample === key;
  const t0 = performance.now();
  let search = lastSearch;
  if (!reuse(search)) {
    const { x, classify, before, target } = await setUp(ctx, req.sample);
    try {
      const clean = topClass(before);
      const fgsm = await smallestFlip('fgsm', classify, x, target, clean);
      // PGD is the stronger attack: look below FGSM's ε first (one pass instead of two).
      const pgd = await smallestFlip('pgd', classify, x, target, clean, { below: fgsm?.epsilon ?? 0 });
      search = { model: ctx.model, step: ctx.step, sample: key, clean, fgsm, pgd };
      lastSearch = search;
    } finally {
      x.dispose();
    }
  }
  return {
    kind: 'adversarialSearch',
    step: ctx.step,
    clean: search.clean,
    searchMax: EPSILON_MAX,
    fgsmFlip: search.fgsm,
    pgdFlip: search.pgd,
    ms: performance.now() - t0,
  };
}
