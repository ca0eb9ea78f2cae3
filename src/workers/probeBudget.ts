/**
 * Probe throttling while training: probes may use at most `probeBudget` of the wall time over any window of
 * `probeWindowMs` (a probe dearer than the window's whole allowance runs alone in a window stretched to
 * cost / budget). A probe runs only when its cost fits: the measured cost of its kind, or before the first
 * measurement a conservative estimate from the training speed (a probe is priced as a number of training batches,
 * with a safety factor). One probe per gap between chunks, oldest request first, so they spread out.
 * The confusion probe's sample count is capped so that it fits the allowance on slow backends.
 */
import type { ProbeRequest } from './protocol';
import type { LoopTuning, Run } from './workerState';

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
  reconstruct: 1,
  ganSamples: 1,
};
const SAFETY = 2;
/** Confusion sample counts the worker chooses from (few distinct tensor shapes: no shader recompiles on GPUs). */
export const CONFUSION_STEPS = [100, 250, 500, 1000] as const;

export interface ProbeEntry {
  /** deps.now() when the probe ended. */
  readonly end: number;
  readonly ms: number;
}

/** Probe time spent within [now - windowMs, now]. */
export function spentInWindow(log: readonly ProbeEntry[], now: number, windowMs: number): number {
  const from = now - windowMs;
  let ms = 0;
  for (const e of log) if (e.end > from) ms += Math.min(e.ms, e.end - from);
  return ms;
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
  run.probeCost.set(
    kind,
    request.kind === 'confusion' ? { ms, examples: confusionExamples(request) } : { ms, examples: 0 },
  );
  run.probeMs += ms;
  if (!training) return;
  run.probeLog.push({ end, ms });
  const horizon = end - 120_000;
  while (run.probeLog.length > 0 && ((run.probeLog[0]?.end ?? end) < horizon || run.probeLog.length > 512))
    run.probeLog.shift();
}

const confusionExamples = (r: Extract<ProbeRequest, { kind: 'confusion' }>): number =>
  r.limit ?? (CONFUSION_STEPS.at(-1) as number);

/** Expected cost of `request`, ms: measured when this kind ran before, else a conservative estimate. */
export function estimateCost(run: Run, request: ProbeRequest): number {
  const known = run.probeCost.get(request.kind);
  const batchMs = run.msPerBatch ?? Infinity;
  if (request.kind === 'confusion') {
    const n = confusionExamples(request);
    if (known && known.examples > 0) return (known.ms * n) / known.examples;
    return SAFETY * batchMs * (BATCHES.confusion + n / (3 * run.trainer.hyper.batchSize));
  }
  if (known) return known.ms;
  return SAFETY * batchMs * BATCHES[request.kind];
}

/** Whether a probe costing `cost` ms may start at `now` without exceeding the budget over its window. */
export function fitsBudget(run: Run, cost: number, now: number, tuning: LoopTuning): boolean {
  if (!Number.isFinite(cost) || tuning.probeBudget <= 0) return false;
  const window = Math.max(tuning.probeWindowMs, cost / tuning.probeBudget);
  // Time before the loop started was not training time: it earns no allowance.
  const earned = tuning.probeBudget * Math.min(window, now - run.loopStart);
  return spentInWindow(run.probeLog, now, window) + cost <= earned + 1e-9; // (cost / budget) * budget may round down
}

/** The largest confusion sample count whose estimated cost is at most half the window's allowance (at least the smallest). */
export function confusionLimit(run: Run, tuning: LoopTuning): number {
  const allowance = 0.5 * tuning.probeBudget * tuning.probeWindowMs;
  let pick: number = CONFUSION_STEPS[0];
  for (const n of CONFUSION_STEPS)
    if (estimateCost(run, { kind: 'confusion', limit: n }) <= allowance) pick = n;
  return pick;
}

/** The request to serve now while training, or null: the oldest pending one, if its cost fits the budget. */
export function nextProbe(run: Run, now: number, tuning: LoopTuning): ProbeRequest | null {
  const first = run.pendingProbes.values().next();
  if (first.done) return null;
  let request: ProbeRequest = first.value;
  if (request.kind === 'confusion') {
    const cap = confusionLimit(run, tuning);
    request = { ...request, limit: Math.min(request.limit ?? cap, cap) };
  }
  return fitsBudget(run, estimateCost(run, request), now, tuning) ? request : null;
}
