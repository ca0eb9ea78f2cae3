/** Metric points of the run loop: one per batch, posted in batches (~every 400 ms), averaged when too many. */
import { budgetProgress, effectiveLearningRate, examplesPerStep } from '../engine/train/hyper';
import type { BatchStats } from '../engine/train/trainer';
import type { MetricPoint } from '../engine/train/metricPoint';
import type { Post, Run } from './workerState';

/**
 * Appends one point per trained batch. `firstStep` is the trainer's step before the chunk; `chunkMs` how long the
 * chunk's training took (added to the run's training time, shared out evenly between its batches).
 */
export function recordChunk(run: Run, firstStep: number, stats: BatchStats, chunkMs = 0): void {
  const t = run.trainer;
  const n = stats.losses.length;
  const before = run.trainMs;
  run.trainMs += chunkMs;
  for (let i = 0; i < n; i++) {
    const step = firstStep + i + 1;
    run.points.push({
      step,
      epoch: t.epoch,
      examplesPerSec: 0,
      loss: stats.losses[i] ?? NaN,
      accuracy: stats.accuracies[i] ?? NaN,
      epochProgress: t.epochProgress,
      learningRate: stats.learningRates?.[i] ?? effectiveLearningRate(t.hyper, step - 1),
      seconds: (before + (chunkMs * (i + 1)) / n) / 1000,
      ...(stats.gan
        ? {
            gan: {
              dLoss: stats.gan.dLoss[i] ?? NaN,
              gLoss: stats.gan.gLoss[i] ?? NaN,
              dReal: stats.gan.dReal[i] ?? NaN,
              dFake: stats.gan.dFake[i] ?? NaN,
            },
          }
        : {}),
      ...(stats.rbm && Number.isFinite(stats.rbm.pseudoLikelihood[i])
        ? { rbm: { pseudoLikelihood: stats.rbm.pseudoLikelihood[i] as number } }
        : {}),
    });
  }
  run.examplesSinceFlush += n * examplesPerStep(t.hyper);
}

/** Attaches a validation result to the newest point (or a new point when none is pending). */
export function recordValidation(run: Run, v: { loss: number; accuracy: number }, full = false): void {
  run.lastValidation = v;
  const last = run.points.pop();
  const t = run.trainer;
  const base: MetricPoint = last ?? {
    step: t.step,
    epoch: t.epoch,
    examplesPerSec: 0,
    loss: NaN,
    accuracy: NaN,
    epochProgress: t.epochProgress,
    learningRate: effectiveLearningRate(t.hyper, t.step, budgetProgress(t.hyper, t.epoch + t.epochProgress)),
    seconds: run.trainMs / 1000,
  };
  run.points.push({ ...base, valLoss: v.loss, valAccuracy: v.accuracy, ...(full ? { valFull: true } : {}) });
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Averages consecutive points into at most `max` groups; a group keeps its last step and any validation in it. */
export function decimate(points: readonly MetricPoint[], max: number): MetricPoint[] {
  if (points.length <= max) return [...points];
  const size = Math.ceil(points.length / max);
  const out: MetricPoint[] = [];
  for (let i = 0; i < points.length; i += size) {
    const g = points.slice(i, i + size);
    const last = g[g.length - 1] as MetricPoint;
    const val = [...g].reverse().find((p) => p.valLoss !== undefined);
    // An RBM's pseudo-likelihood is measured on some points only: the group keeps its newest.
    const rbm = [...g].reverse().find((x) => x.rbm !== undefined)?.rbm;
    const p: MetricPoint = {
      ...last,
      loss: mean(g.map((x) => x.loss)),
      accuracy: mean(g.map((x) => x.accuracy)),
      ...(rbm ? { rbm } : {}),
    };
    out.push(
      val?.valLoss !== undefined && val.valAccuracy !== undefined
        ? {
            ...p,
            valLoss: val.valLoss,
            valAccuracy: val.valAccuracy,
            ...(val.valFull ? { valFull: true } : {}),
          }
        : p,
    );
  }
  return out;
}

/** Posts pending points when `flushMs` has passed (or `force`), stamping them with the examples/s since the last post. */
export function flushMetrics(
  run: Run,
  post: Post,
  now: number,
  flushMs: number,
  maxPoints: number,
  force: boolean,
): void {
  const elapsed = now - run.lastFlush;
  if (run.points.length === 0 || (!force && elapsed < flushMs)) return;
  const rate = elapsed > 0 ? (run.examplesSinceFlush * 1000) / elapsed : 0;
  const points = decimate(run.points, maxPoints).map((p) => ({ ...p, examplesPerSec: rate }));
  post({ type: 'metrics', runId: run.runId, points });
  run.points = [];
  run.examplesSinceFlush = 0;
  run.lastFlush = now;
}
