/**
 * Time to accuracy through the real training worker (issue 16): the run trains in segments of `validateEvery` steps;
 * each segment ends on the run's step budget (hyper.maxSteps), where the worker's loop validates on the whole test split
 * as it does at an epoch end, and the next segment raises the budget and starts again. The clock runs from the first
 * Start to the first whole-split validation at or above `target`, so it includes every validation before it.
 */
import type { BackendInfo, BackendPolicy } from '../../src/engine/backend/types';
import type { DatasetId } from '../../src/engine/data/types';
import type { Hyper } from '../../src/engine/train/hyper';
import type { FromWorker } from '../../src/workers/protocol';
import type { TrainingClient } from '../../src/workers/trainingClient';
import type { Graph } from '../../src/engine/graph/types';

export interface ToAccuracyOptions {
  readonly backend: BackendPolicy;
  readonly graph: Graph;
  readonly dataset: DatasetId;
  /** The full settings of the run (maxSteps is overridden; the run ends at its epochs if the target is not reached). */
  readonly hyper: Hyper;
  /** Test accuracy to reach, 0..1. */
  readonly target: number;
  /** Steps between whole-test-split validations. */
  readonly validateEvery: number;
  /** Gives up when this many seconds have passed since Start without reaching the target. */
  readonly capSeconds: number;
  readonly seed?: number;
}

export interface AccuracyPoint {
  readonly step: number;
  /** Epochs of training data seen. */
  readonly epochs: number;
  /** Since Start, including the validations so far. */
  readonly seconds: number;
  readonly accuracy: number;
}

export interface ToAccuracyReport {
  readonly backend: BackendInfo | null;
  /** From init to 'ready' (dataset, backend choice, model), ms; not part of `seconds`. */
  readonly readyMs: number | null;
  readonly reached: boolean;
  /** Seconds from Start to the first validation at or above the target (null when not reached). */
  readonly seconds: number | null;
  readonly points: AccuracyPoint[];
  readonly steps: number;
  readonly batchSize: number;
  /** Training examples per second as the worker stamps its metrics (median), validation excluded. */
  readonly examplesPerSec: number | null;
  readonly errors: string[];
  readonly notices: string[];
}

const median = (xs: readonly number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? null;
};

/** Resolves with the first message `pred` accepts (or an error message); rejects after `timeoutMs`. */
function next(
  client: TrainingClient,
  pred: (m: FromWorker) => boolean,
  timeoutMs: number,
): Promise<FromWorker> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error('timed out waiting for the worker'));
    }, timeoutMs);
    const off = client.on((m) => {
      if (pred(m) || m.type === 'error') {
        clearTimeout(timer);
        off();
        resolve(m);
      }
    });
  });
}

export async function timeToAccuracy(
  client: TrainingClient,
  o: ToAccuracyOptions,
): Promise<ToAccuracyReport> {
  // The run's own epochs stay: the linear schedule reaches 0 at their end (a step budget does not shorten it).
  const hyper: Hyper = { ...o.hyper, maxSteps: o.validateEvery };
  const points: AccuracyPoint[] = [];
  const rates: number[] = [];
  const errors: string[] = [];
  const notices: string[] = [];
  // The latest whole-split validation, set by the listener (an object: TS does not see a callback assign a let).
  const seen: { full: { step: number; accuracy: number } | null } = { full: null };
  const off = client.on((m) => {
    if (m.type === 'metrics') {
      for (const p of m.points) {
        if (p.examplesPerSec > 0) rates.push(p.examplesPerSec);
        if (p.valFull && p.valAccuracy !== undefined) seen.full = { step: p.step, accuracy: p.valAccuracy };
      }
    } else if (m.type === 'error') errors.push(`${m.code}: ${m.message}`);
    else if (m.type === 'notice') notices.push(m.message);
  });
  let backend: BackendInfo | null = null;
  let readyMs: number | null = null;
  let seconds: number | null = null;
  let steps = 0;
  try {
    const ready = next(client, (m) => m.type === 'ready', 120_000);
    const tInit = performance.now();
    client.init({ graph: o.graph, dataset: o.dataset, hyper, seed: o.seed ?? 1, backend: o.backend });
    const r = await ready;
    if (r.type !== 'ready') return report();
    readyMs = performance.now() - tInit;
    backend = r.backend;
    const trainCount = r.trainCount;
    const t0 = performance.now();
    for (let budget = o.validateEvery; ; budget += o.validateEvery) {
      const left = o.capSeconds * 1000 - (performance.now() - t0);
      if (left <= 0) break;
      const done = next(client, (m) => m.type === 'finished', left + 60_000);
      if (budget > o.validateEvery) client.setHyper({ maxSteps: budget });
      client.start();
      const m = await done;
      if (m.type !== 'finished') break;
      steps = m.step;
      const v = seen.full;
      if (v === null) {
        errors.push(`no whole-test-split validation at step ${m.step}`);
        break;
      }
      const s = (performance.now() - t0) / 1000;
      points.push({
        step: v.step,
        epochs: (v.step * hyper.batchSize) / trainCount,
        seconds: s,
        accuracy: v.accuracy,
      });
      seen.full = null;
      if (v.accuracy >= o.target) {
        seconds = s;
        break;
      }
      if (m.step < budget) break; // the run's epochs are done
    }
    return report();
  } finally {
    off();
    client.dispose();
  }

  function report(): ToAccuracyReport {
    return {
      backend,
      readyMs,
      reached: seconds !== null,
      seconds,
      points,
      steps,
      batchSize: hyper.batchSize,
      examplesPerSec: median(rates),
      errors,
      notices,
    };
  }
}
