/**
 * Probe throttling while training: probes may use at most `probeBudget` of the wall time over any window of
 * `probeWindowMs` (a probe dearer than the window's whole allowance runs alone in a window stretched to
 * cost / budget). A probe runs only when its cost fits: the measured cost of its kind, or before the first
 * measurement a conservative estimate from the training speed (a probe is priced as a number of training batches,
 * with a safety factor). One probe per gap between chunks, oldest request first, so they spread out.
 * The confusion probe's sample count is capped so that it fits the allowance on slow backends.
 *
 * Priority kinds (the GAN samples grid and an autoencoder's reconstructions: the point of their panels) have a lane of their own: a larger share of
 * the wall time, not shared with the other probes, served before the other kinds when both are waiting.
 *
 * Warm-ups: the first probe of a priority kind, and on GAN runs (whose iterations dwarf any probe they answer) the
 * first of every kind, is served at the first gap between chunks after it is asked. It counts against no budget,
 * and as it may include one-off setup (shader compilation, first allocations) its cost only caps the estimate of
 * the next one.
 *
 * Asked by the user: a request the user's own action caused (a control of a panel changed, a panel shown, a sample
 * picked: the 'probe' message's `user`) is served at the first gap after it is asked, before the polls, whatever the
 * budget; unlike a warm-up it is logged like any probe, so the polls after it wait until the budget has room again.
 */
import type { ProbeRequest } from '../engine/train/probes/types';
import type { LoopTuning, ProbeEntry, Run } from './workerState';

type Kind = ProbeRequest['kind'];

/** Rough cost of each kind in training batches (forward-only work is about a third of a training step). */
const BATCHES: Record<Kind, number> = {
  kernels: 0.5,
  activations: 1,
  pooling: 1,
  deadRelu: 1,
  health: 2,
  confusion: 1, // plus the examples, see estimateCost
  predict: 0.5,
  samples: 0.25,
  // nine small images warped on the CPU, no tensors
  augmentPreview: 0.25,
  reconstruct: 1,
  // 80 generator forward passes (grid + interpolation) plus the diversity measure: about half a generator step.
  ganSamples: 0.5,
  // kernels plus the activations of one image
  snapshot: 1.5,
  // one chunk of feature visualization: up to 16 gradient-ascent iterations (forward + backward) on at most 16
  // 28×28 images, each about half a training step
  featureVis: 8,
  // one forward pass of one image to the layer, plus copying that layer's weights
  layerIO: 1,
  // one image's gradient at ε (PGD: 10 of them)
  adversarial: 1,
  // 24 FGSM images, then PGD's 10 gradient steps on 12 images (24 when it must search above FGSM's ε): ~5 batches (WASM)
  adversarialSearch: 6,
  // one image forward and backward (gradient, Grad-CAM), or SmoothGrad's 16 noisy copies as one batch
  saliency: 1.5,
  // the RBM's filters (one transpose) and 16 dream chains' Gibbs steps, each a tiny fraction of a CD step
  rbm: 1,
};
const SAFETY = 2;
/** Share of the wall time of each priority kind's own lane (at least the general budget). */
export const PRIORITY_SHARE: Partial<Record<Kind, number>> = { ganSamples: 0.1, reconstruct: 0.1, rbm: 0.1 };
/** Confusion sample counts the worker chooses from (few distinct tensor shapes: no shader recompiles on GPUs). */
export const CONFUSION_STEPS = [100, 250, 500, 1000] as const;

const isPriority = (kind: Kind): boolean => PRIORITY_SHARE[kind] !== undefined;

/** Probe time spent within [now - windowMs, now] (by the entries `include` accepts, all by default). */
export function spentInWindow(
  log: readonly ProbeEntry[],
  now: number,
  windowMs: number,
  include: (e: ProbeEntry) => boolean = () => true,
): number {
  const from = now - windowMs;
  let ms = 0;
  for (const e of log) if (e.end > from && include(e)) ms += Math.min(e.ms, e.end - from);
  return ms;
}

/** Whether the next probe of `kind` while training is a warm-up (see above): none of its kind is in the log. */
function isWarmup(run: Run, kind: Kind): boolean {
  if (!isPriority(kind) && run.extras.gan === undefined) return false;
  return !run.probeLog.some((e) => e.kind === kind);
}

/** Records a probe's duration while training; forgets entries no window can still see. */
export function recordProbe(
  run: Run,
  kind: Kind,
  request: ProbeRequest,
  ms: number,
  end: number,
  training: boolean,
): void {
  const warmup = training && isWarmup(run, kind);
  if (!warmup)
    run.probeCost.set(
      kind,
      request.kind === 'confusion' || request.kind === 'featureVis'
        ? { ms, examples: workUnits(request) }
        : { ms, examples: 0 },
    );
  run.probeMs += ms;
  if (!training) return;
  run.probeLog.push(warmup ? { end, ms, kind, warmup } : { end, ms, kind });
  const horizon = end - 120_000;
  while (run.probeLog.length > 0 && ((run.probeLog[0]?.end ?? end) < horizon || run.probeLog.length > 512))
    run.probeLog.shift();
}

const confusionExamples = (r: Extract<ProbeRequest, { kind: 'confusion' }>): number =>
  r.limit ?? (CONFUSION_STEPS.at(-1) as number);

/**
 * What the cost of a confusion probe or a feature visualization chunk is proportional to: its examples, or its
 * iterations (16 per chunk while paused, 4 while training: a paused chunk's time must not price a training one).
 */
const workUnits = (r: Extract<ProbeRequest, { kind: 'confusion' | 'featureVis' }>): number =>
  r.kind === 'confusion' ? confusionExamples(r) : Math.max(1, r.iterations);

/**
 * Duration of one network training step on a batch, ms. A GAN "batch" is a whole iteration: k_D discriminator
 * steps (each a generator forward pass and the discriminator on real and fake images) and k_G generator steps
 * (through both networks), about 2·(k_D + k_G) such steps.
 */
function stepMs(run: Run): number {
  const batchMs = run.msPerBatch ?? Infinity;
  const gan = run.extras.gan?.hyper;
  return gan ? batchMs / Math.max(1, 2 * (gan.kD + gan.kG)) : batchMs;
}

/** Expected cost of `request`, ms: measured when this kind ran before, else a conservative estimate. */
export function estimateCost(run: Run, request: ProbeRequest): number {
  const known = run.probeCost.get(request.kind);
  const batchMs = stepMs(run);
  if (request.kind === 'confusion') {
    const n = confusionExamples(request);
    if (known && known.examples > 0) return (known.ms * n) / known.examples;
    return SAFETY * batchMs * (BATCHES.confusion + n / (3 * run.trainer.hyper.batchSize));
  }
  if (request.kind === 'featureVis' && known && known.examples > 0)
    return (known.ms * workUnits(request)) / known.examples;
  if (known) return known.ms;
  const estimate = SAFETY * batchMs * BATCHES[request.kind];
  const warmup = run.probeLog.findLast((e) => e.kind === request.kind && e.warmup === true);
  return warmup ? Math.min(warmup.ms, estimate) : estimate;
}

/**
 * Whether a probe costing `cost` ms may start at `now` without exceeding the budget over its window: the general
 * budget shared by the ordinary kinds, or for a priority `kind` its own lane.
 */
export function fitsBudget(run: Run, cost: number, now: number, tuning: LoopTuning, kind?: Kind): boolean {
  if (!Number.isFinite(cost) || tuning.probeBudget <= 0) return false;
  const lane = kind !== undefined && isPriority(kind) ? kind : null;
  const share = lane ? Math.max(tuning.probeBudget, PRIORITY_SHARE[lane] ?? 0) : tuning.probeBudget;
  const window = Math.max(tuning.probeWindowMs, cost / share);
  // Time before the loop started was not training time: it earns no allowance.
  const earned = share * Math.min(window, now - run.loopStart);
  const counts = (e: ProbeEntry): boolean =>
    e.warmup !== true && (lane ? e.kind === lane : e.kind === undefined || !isPriority(e.kind));
  return spentInWindow(run.probeLog, now, window, counts) + cost <= earned + 1e-9; // (cost / budget) * budget may round down
}

/** The largest confusion sample count whose estimated cost is at most half the window's allowance (at least the smallest). */
export function confusionLimit(run: Run, tuning: LoopTuning): number {
  const allowance = 0.5 * tuning.probeBudget * tuning.probeWindowMs;
  let pick: number = CONFUSION_STEPS[0];
  for (const n of CONFUSION_STEPS)
    if (estimateCost(run, { kind: 'confusion', limit: n }) <= allowance) pick = n;
  return pick;
}

/**
 * The request to serve now while training, or null: a pending priority request that the user asked for, is a warm-up
 * or fits its lane, else the oldest other request the user asked for, else the oldest other pending request if it is a
 * warm-up or its cost fits the general budget.
 */
export function nextProbe(run: Run, now: number, tuning: LoopTuning): ProbeRequest | null {
  if (tuning.probeBudget <= 0) return null;
  let oldest: ProbeRequest | null = null;
  let asked: ProbeRequest | null = null;
  for (const pending of run.pendingProbes.values()) {
    const byUser = run.userAsked.has(pending);
    if (isPriority(pending.kind)) {
      if (byUser || isWarmup(run, pending.kind)) return pending;
      if (fitsBudget(run, estimateCost(run, pending), now, tuning, pending.kind)) return pending;
    } else if (byUser) asked ??= pending;
    else oldest ??= pending;
  }
  const chosen = asked ?? oldest;
  if (chosen === null) return null;
  let request = chosen;
  if (request.kind === 'confusion') {
    const cap = confusionLimit(run, tuning);
    request = { ...request, limit: Math.min(request.limit ?? cap, cap) };
  }
  if (asked !== null || isWarmup(run, request.kind)) return request;
  return fitsBudget(run, estimateCost(run, request), now, tuning) ? request : null;
}
