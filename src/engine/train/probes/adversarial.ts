/**
 * The adversarial-example probe: the sample attacked by FGSM or PGD at the asked ε (engine/inspect/adversarial.ts),
 * the predictions before and after, and the smallest flipping ε by each method. The attack raises the loss of the
 * test image's label, or of the predicted class for a drawing. The searches do not depend on the asked ε or method:
 * they are kept for the same model, step and sample, so moving the slider while paused costs only the attack.
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
import type { AdversarialResult, ProbeRequest, SampleRef } from './types';
import type { TrainContext } from '../context';
import { sampleLabel, sampleTensor } from './sample';

type Request = Extract<ProbeRequest, { kind: 'adversarial' }>;

interface Search {
  readonly model: tf.LayersModel;
  readonly step: number;
  readonly sample: string;
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

const toBytes = (v: Float32Array): Uint8Array => {
  const out = new Uint8Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = Math.round(255 * Math.min(1, Math.max(0, v[i] as number)));
  return out;
};

const topClass = (p: Float32Array): number =>
  p.reduce((best, v, i) => (v > (p[best] as number) ? i : best), 0);

export async function probeAdversarial(ctx: TrainContext, req: Request): Promise<AdversarialResult> {
  if (ctx.target !== 'labels') throw new Error('Adversarial examples are for classifiers');
  const epsilon = Math.min(EPSILON_MAX, Math.max(0, req.epsilon));
  const steps = req.method === 'pgd' ? Math.max(1, Math.round(req.steps ?? PGD_STEPS)) : 0;
  const signed = ctx.signedInput === true;
  // The attack works on 0..1 pixels; a model reading −1..1 gets them converted.
  const classify: Classify = (x) =>
    tf.tidy(() => ctx.model.apply(signed ? tf.sub(tf.mul(x, 2), 1) : x, { training: false }) as tf.Tensor2D);
  const x = tf.tidy(() => {
    const s = sampleTensor(ctx, req.sample);
    return signed ? (tf.div(tf.add(s, 1), 2) as tf.Tensor4D) : s;
  });
  try {
    const cleanProbs = tf.tidy(() => classify(x));
    const before = Float32Array.from(await cleanProbs.data<'float32'>());
    cleanProbs.dispose();
    const clean = topClass(before);
    const label = sampleLabel(ctx, req.sample);
    const target = label !== null && label >= 0 && label < before.length ? label : clean;

    const t0 = performance.now();
    const [adv, probs] = tf.tidy(() => {
      const a = attack(req.method, classify, x, target, [epsilon], { steps });
      return [a, classify(a)] as const;
    });
    const [advData, afterData] = await Promise.all([adv.data<'float32'>(), probs.data<'float32'>()]);
    adv.dispose();
    probs.dispose();
    const attackMs = performance.now() - t0;
    const original = Float32Array.from(await x.data<'float32'>());
    const perturbation = new Float32Array(original.length);
    for (let i = 0; i < original.length; i++)
      perturbation[i] = (advData[i] as number) - (original[i] as number);

    const t1 = performance.now();
    const key = sampleKey(req.sample);
    let search = lastSearch;
    let searchMs = 0;
    if (!search || search.model !== ctx.model || search.step !== ctx.step || search.sample !== key) {
      const fgsm = await smallestFlip('fgsm', classify, x, target, clean);
      // PGD is the stronger attack: look below FGSM's ε first (one pass instead of two).
      const pgd = await smallestFlip('pgd', classify, x, target, clean, { below: fgsm?.epsilon ?? 0 });
      search = { model: ctx.model, step: ctx.step, sample: key, fgsm, pgd };
      lastSearch = search;
      searchMs = performance.now() - t1;
    }

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
      original: toBytes(original),
      perturbed: toBytes(Float32Array.from(advData)),
      perturbation,
      before,
      after: Float32Array.from(afterData),
      label,
      target,
      searchMax: EPSILON_MAX,
      fgsmFlip: search.fgsm,
      pgdFlip: search.pgd,
      ms: { attack: attackMs, search: searchMs },
    };
  } finally {
    x.dispose();
  }
}
