/**
 * Test/benchmark harness page (bench/harness/index.html): drives the real training worker through the client and exposes
 * `window.__harness` to Playwright (e2e/worker-backends.spec.ts, scripts/bench.mjs). Main thread: no TF.js here.
 */
import type { DatasetId } from '../../src/engine/data/types';
import { DEFAULT_HYPER } from '../../src/engine/train/hyper';
import type { Hyper } from '../../src/engine/train/hyper';
import type { BareReply, BareRequest } from './bench.worker';
import { runConvnetjs } from './convnetjs';
import { harnessGraph, harnessHyper } from './models';
import type { ModelName } from './models';
import { keepProbing } from './probes';
import { timeToAccuracy } from './timeToAccuracy';
import type { ToAccuracyOptions } from './timeToAccuracy';
import type { BackendInfo, BackendName, BackendPolicy } from '../../src/engine/backend/types';
import type { FromWorker } from '../../src/workers/protocol';
import { createTrainingClient } from '../../src/workers/trainingClient';

export interface TrainOptions {
  readonly backend: BackendPolicy;
  readonly model: ModelName;
  readonly dataset: DatasetId;
  readonly hyper?: Partial<Hyper>;
  /** Step mode: train this many batches with `step`, in groups of `stepGroup`. */
  readonly steps?: number;
  readonly stepGroup?: number;
  /** Timed mode: `start`, skip `warmupSeconds`, measure for `seconds`. */
  readonly seconds?: number;
  readonly warmupSeconds?: number;
  readonly probes?: boolean;
  /** Accuracy mode: train hyper.epochs epochs, report the final validation accuracy. */
  readonly untilFinished?: boolean;
  /** Start from the model's preset settings (learning rate, decay, batch size…) instead of the app's defaults. */
  readonly presetSettings?: boolean;
}

export interface TrainReport {
  readonly backend: BackendInfo | null;
  readonly losses: number[];
  readonly steps: number;
  readonly examplesPerSec: number | null;
  readonly mainThreadFps: number | null;
  readonly longTasks: number[];
  readonly valAccuracy: number | null;
  readonly errors: string[];
  readonly notices: string[];
  /** From init to 'ready' (dataset, backend choice, model), ms. */
  readonly readyMs: number | null;
  /** The worker's 'preparing' messages, in order. */
  readonly preparing: string[];
  /** The batch size the run trained with. */
  readonly batchSize: number;
}

const client = createTrainingClient();
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function nextMessage(pred: (m: FromWorker) => boolean, timeoutMs: number): Promise<FromWorker> {
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

/** Counts animation frames and long tasks while `work` runs. */
async function watchMainThread<T>(
  work: () => Promise<T>,
): Promise<{ value: T; fps: number; longTasks: number[] }> {
  let frames = 0;
  let on = true;
  const tick = (): void => {
    frames++;
    if (on) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  const longTasks: number[] = [];
  const obs = new PerformanceObserver((list) =>
    list.getEntries().forEach((e) => longTasks.push(Math.round(e.duration))),
  );
  try {
    obs.observe({ type: 'longtask', buffered: false });
  } catch {
    // longtask is Chromium-only
  }
  const t0 = performance.now();
  const value = await work();
  const secs = (performance.now() - t0) / 1000;
  on = false;
  obs.disconnect();
  return { value, fps: frames / secs, longTasks };
}

async function train(o: TrainOptions): Promise<TrainReport> {
  const graph = harnessGraph(o.model);
  const base = o.presetSettings === true ? harnessHyper(o.model) : DEFAULT_HYPER;
  const hyper: Hyper = { ...base, epochs: 1000, validateEvery: 0, ...o.hyper };
  const report = {
    backend: null as BackendInfo | null,
    losses: [] as number[],
    steps: 0,
    examplesPerSec: null as number | null,
    mainThreadFps: null as number | null,
    longTasks: [] as number[],
    valAccuracy: null as number | null,
    errors: [] as string[],
    notices: [] as string[],
    readyMs: null as number | null,
    preparing: [] as string[],
    batchSize: hyper.batchSize,
  };
  let lastStep = 0;
  const off = client.on((m) => {
    if (m.type === 'metrics') {
      for (const p of m.points) {
        report.losses.push(p.loss);
        lastStep = p.step;
        if (p.valAccuracy !== undefined) report.valAccuracy = p.valAccuracy;
      }
    } else if (m.type === 'error') report.errors.push(`${m.code}: ${m.message}`);
    else if (m.type === 'notice') report.notices.push(m.message);
    else if (m.type === 'preparing') report.preparing.push(m.message);
  });
  try {
    const ready = nextMessage((m) => m.type === 'ready', 120_000);
    const tInit = performance.now();
    client.init({ graph, dataset: o.dataset, hyper, seed: 1, backend: o.backend });
    const r = await ready;
    if (r.type !== 'ready') return report;
    report.readyMs = performance.now() - tInit;
    report.backend = r.backend;
    const stopProbes = o.probes
      ? keepProbing(client, graph, (document.getElementById('panel') as HTMLCanvasElement).getContext('2d'))
      : () => undefined;
    if (o.steps !== undefined) {
      const group = o.stepGroup ?? o.steps;
      for (let done = 0; done < o.steps; done += group) {
        const idle = nextMessage((m) => m.type === 'state' && !m.running, 120_000);
        client.step(Math.min(group, o.steps - done));
        await idle;
      }
    } else if (o.untilFinished) {
      const fin = nextMessage((m) => m.type === 'finished', 600_000);
      client.start();
      await fin;
    } else {
      client.start();
      await sleep((o.warmupSeconds ?? 2) * 1000);
      const s0 = lastStep;
      const t0 = performance.now();
      const w = await watchMainThread(() => sleep((o.seconds ?? 10) * 1000));
      const s1 = lastStep;
      report.examplesPerSec = ((s1 - s0) * hyper.batchSize * 1000) / (performance.now() - t0);
      report.mainThreadFps = w.fps;
      report.longTasks = w.longTasks;
      stopProbes();
      const idle = nextMessage((m) => m.type === 'state' && !m.running, 300_000);
      client.pause();
      await idle;
    }
    stopProbes();
    report.steps = lastStep;
    return report;
  } finally {
    off();
    client.dispose();
  }
}

/** The bare trainOnBatch baseline, in its own worker. */
function bare(req: BareRequest): Promise<BareReply> {
  const w = new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module', name: 'bench' });
  return new Promise<BareReply>((resolve) => {
    w.onmessage = (e: MessageEvent<BareReply>) => resolve(e.data);
    w.onerror = (e) => resolve({ ok: false, error: e.message });
    w.postMessage(req);
  }).finally(() => w.terminate());
}

const harness = {
  train,
  bare: (o: {
    backend: BackendName;
    model: ModelName;
    dataset: DatasetId;
    seconds: number;
    batchSize: number;
    optimizer?: Hyper['optimizer'];
    learningRate?: number;
  }) =>
    bare({
      backend: o.backend,
      graph: harnessGraph(o.model, o.model === 'convnet' ? 24 : 28),
      dataset: o.dataset,
      batchSize: o.batchSize,
      optimizer: o.optimizer ?? 'adam',
      learningRate: o.learningRate ?? 0.001,
      crop: o.model === 'convnet' ? 24 : null,
      seconds: o.seconds,
    }),
  convnetjs: runConvnetjs,
  /**
   * Seconds until the model's whole-test-split accuracy reaches `target`, trained with its preset settings and
   * validated every `validateEveryExamples` training examples (rounded to whole batches).
   */
  toAccuracy: (
    o: Omit<ToAccuracyOptions, 'graph' | 'hyper' | 'validateEvery'> & {
      model: ModelName;
      hyper?: Partial<Hyper>;
      validateEveryExamples: number;
    },
  ) => {
    const hyper = { ...harnessHyper(o.model), ...o.hyper };
    return timeToAccuracy(client, {
      backend: o.backend,
      dataset: o.dataset,
      target: o.target,
      capSeconds: o.capSeconds,
      graph: harnessGraph(o.model),
      hyper,
      validateEvery: Math.max(1, Math.round(o.validateEveryExamples / hyper.batchSize)),
    });
  },
};

declare global {
  interface Window {
    __harness?: typeof harness;
  }
}
window.__harness = harness;
document.getElementById('log')?.append('harness ready\n');
