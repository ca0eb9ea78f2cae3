/**
 * The worker's message switch, a plain function: the worker file feeds it messages one at a time, tests call it
 * directly with injected deps (procedural dataset, tfjs cpu). Messages for another run id are ignored.
 */
import type { Dataset } from '../engine/data/types';
import { DatasetError } from '../engine/data/types';
import { assertNever } from '../engine/graph/types';
import type { Hyper } from '../engine/train/hyper';
import { NonFiniteError } from '../engine/train/trainer';
import type { Trainer, TrainerExtras } from '../engine/train/trainer';
import type { BackendName, RunId, ToWorker } from './protocol';
import { completedEpochs, ensureLoop, runProbe, whenIdle } from './runLoop';
import { tooLargeMessage } from './sizeCheck';
import { newRun, unlessSuperseded } from './workerState';
import type { Post, Run, WorkerDeps, WorkerState } from './workerState';

/** The reason an init stops early: a newer init arrived while it waited for its dataset. */
const SUPERSEDED = Symbol('superseded');

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

type InitMsg = Extract<ToWorker, { type: 'init' }>;

const extrasOf = (msg: InitMsg): TrainerExtras => ({
  ...(msg.noise !== undefined && msg.noise > 0 ? { noise: msg.noise } : {}),
  ...(msg.gan ? { gan: msg.gan } : {}),
});

/** Stops the run's loop, frees its trainer. Safe to call twice. */
export async function disposeRun(run: Run): Promise<void> {
  run.running = false;
  run.stepsRemaining = 0;
  await whenIdle(run);
  run.disposed = true;
  run.pendingProbes.clear();
  await run.lock.run(() => run.trainer.dispose());
}

/** Trains n batches; a NaN during measurement still gives a valid timing (the run itself reports it later). */
async function timed(trainer: Trainer, n: number, deps: WorkerDeps): Promise<number> {
  const t0 = deps.now();
  try {
    await trainer.trainBatches(n);
  } catch (e) {
    if (!(e instanceof NonFiniteError)) throw e;
  }
  return Math.max(deps.now() - t0, 1e-3);
}

/** Timed batches stop after this long even when the budget allows more. */
const MEASURE_TIMED_MS = 400;

/**
 * Examples/s of `hyper` on the active backend within `budgetMs`: one warm-up batch (shader compilation, first
 * allocations), then up to 3 timed ones while time is left. A warm-up that used the whole budget gives a lower bound.
 */
async function measureRate(
  msg: InitMsg,
  dataset: Dataset,
  hyper: Hyper,
  deps: WorkerDeps,
  budgetMs: number,
): Promise<{ examplesPerSec: number; complete: boolean }> {
  const trainer = deps.createTrainer({
    graph: msg.graph,
    dataset,
    hyper: { ...hyper, validateEvery: 0 },
    seed: msg.seed,
    ...extrasOf(msg),
  });
  try {
    const warm = await timed(trainer, 1, deps);
    if (warm >= budgetMs) return { examplesPerSec: (hyper.batchSize * 1000) / warm, complete: false };
    const limit = Math.min(budgetMs - warm, MEASURE_TIMED_MS);
    let ms = 0;
    let n = 0;
    while (n < 3 && (n === 0 || ms + ms / n <= limit)) {
      ms += await timed(trainer, 1, deps);
      n++;
    }
    return { examplesPerSec: (n * hyper.batchSize * 1000) / ms, complete: true };
  } finally {
    trainer.dispose();
  }
}

async function init(state: WorkerState, msg: InitMsg, post: Post, deps: WorkerDeps): Promise<void> {
  const runId = msg.runId;
  const fail = (code: 'badGraph' | 'dataset' | 'backend' | 'tooLarge' | 'internal', message: string): void =>
    post({ type: 'error', runId, code, message });
  const graphs = msg.gan ? [msg.gan.generator, msg.gan.discriminator] : [msg.graph];
  const errors = graphs
    .flatMap((g) => deps.validate(g, msg.dataset, msg.hyper.labelSubset))
    .filter((i) => i.severity === 'error');
  if (errors.length > 0) return fail('badGraph', errors.map((i) => i.message).join('\n'));
  const size = deps.modelSize(msg.graph);
  if (!size) return fail('badGraph', 'The shapes of this graph cannot be worked out.');
  const refusal = tooLargeMessage(size, msg.hyper.batchSize, deps.memoryBudgetBytes);
  if (refusal) return fail('tooLarge', refusal);

  // The download and the backend's start-up run side by side; timing backends waits for the data.
  // A newer init (another preset or dataset) stops the wait; the download itself goes on into the worker's cache.
  const loading = unlessSuperseded(
    state,
    runId,
    deps.loadDataset(msg.dataset, msg.seed, (loadedBytes, totalBytes) =>
      post({ type: 'datasetProgress', runId, loadedBytes, totalBytes }),
    ),
  ).then(
    (d) => (d === null ? { ok: false as const, e: SUPERSEDED } : { ok: true as const, d }),
    (e: unknown) => ({ ok: false as const, e }),
  );
  const failDataset = (e: unknown): void => {
    const where = e instanceof DatasetError ? ` (${e.code}, ${e.file})` : '';
    fail('dataset', `The ${msg.dataset} dataset could not be loaded${where}: ${errorText(e)}`);
  };
  const loaded = async (): Promise<Dataset> => {
    const r = await loading;
    if (!r.ok) throw r.e;
    return r.d;
  };
  let backend;
  try {
    backend = await deps.selectBackend(
      msg.backend,
      size.params,
      async (_: BackendName, budgetMs: number) => measureRate(msg, await loaded(), msg.hyper, deps, budgetMs),
      {
        kind: msg.gan ? 'gan' : 'net',
        now: deps.now,
        onProgress: (message) => post({ type: 'preparing', runId, stage: 'backend', message }),
        beforeMeasuring: async () => (await loading).ok,
      },
    );
  } catch (e) {
    const r = await loading;
    if (!r.ok && r.e === SUPERSEDED) return;
    return r.ok ? fail('backend', errorText(e)) : failDataset(r.e);
  }
  const r = await loading;
  if (!r.ok && r.e === SUPERSEDED) return;
  if (!r.ok) return failDataset(r.e);
  const dataset = r.d;
  // A newer init has arrived meanwhile (noteArrival): building this model would only delay it.
  if (state.currentRunId !== runId || (state.newestInit !== null && state.newestInit !== runId)) return;
  post({ type: 'preparing', runId, stage: 'model', message: 'Building the model…' });
  let trainer;
  try {
    trainer = deps.createTrainer({
      graph: msg.graph,
      dataset,
      hyper: msg.hyper,
      seed: msg.seed,
      ...extrasOf(msg),
    });
  } catch (e) {
    return fail('internal', `The model could not be built: ${errorText(e)}`);
  }
  state.run = newRun({
    runId,
    graph: msg.graph,
    datasetId: msg.dataset,
    extras: extrasOf(msg),
    dataset,
    seed: msg.seed,
    trainer,
    backend,
    now: deps.now(),
  });
  for (const [node, frozen] of state.run.frozen) trainer.setFrozen([node], frozen);
  post({ type: 'ready', runId, backend, trainCount: dataset.train.count, testCount: dataset.test.count });
}

function postState(run: Run, post: Post): void {
  const t = run.trainer;
  post({
    type: 'state',
    runId: run.runId,
    running: run.running || run.loop !== null,
    step: t.step,
    epoch: t.epoch,
  });
}

/** Handles one message. Resolves when the message is dealt with; a started loop keeps running after that. */
export async function handleMessage(
  state: WorkerState,
  msg: ToWorker,
  post: Post,
  deps: WorkerDeps,
): Promise<void> {
  if (msg.type === 'init') {
    state.currentRunId = msg.runId;
    const old = state.run;
    state.run = null;
    if (old) await disposeRun(old);
    try {
      await init(state, msg, post, deps);
    } catch (e) {
      post({ type: 'error', runId: msg.runId, code: 'internal', message: errorText(e) });
    }
    return;
  }
  if (msg.runId !== state.currentRunId) return;
  const run = state.run;
  const runId: RunId = msg.runId;
  if (!run) {
    if (msg.type !== 'dispose')
      post({ type: 'error', runId, code: 'notReady', message: `"${msg.type}" before the run is ready.` });
    return;
  }
  switch (msg.type) {
    case 'start':
      if (run.finished)
        return post({ type: 'finished', runId, step: run.trainer.step, epoch: run.trainer.epoch });
      run.running = true;
      ensureLoop(run, post, deps);
      return postState(run, post);
    case 'pause':
      run.running = false;
      run.stepsRemaining = 0;
      return;
    case 'step':
      if (run.running || run.finished || msg.batches <= 0) return;
      run.stepsRemaining += Math.floor(msg.batches);
      ensureLoop(run, post, deps);
      return postState(run, post);
    case 'setHyper': {
      // A new label subset must still fit the output layer (5 units train on 5 labels, 10 on any).
      if (msg.patch.labelSubset !== undefined && !run.extras.gan) {
        const errors = deps
          .validate(run.graph, run.datasetId, msg.patch.labelSubset)
          .filter((i) => i.severity === 'error');
        if (errors.length > 0) {
          run.running = false;
          run.stepsRemaining = 0;
          return post({
            type: 'error',
            runId,
            code: 'badGraph',
            message: errors.map((i) => i.message).join('\n'),
          });
        }
      }
      await run.lock.run(() => {
        run.trainer.setHyper(msg.patch);
        if (msg.gan) run.trainer.setGanHyper?.(msg.gan);
      });
      if (msg.patch.epochs !== undefined && completedEpochs(run.trainer) < run.trainer.hyper.epochs)
        run.finished = false;
      return;
    }
    case 'freeze':
      for (const node of msg.nodes) run.frozen.set(node, msg.frozen);
      await run.lock.run(() => run.trainer.setFrozen(msg.nodes, msg.frozen));
      return;
    case 'probe':
      if (run.loop) {
        run.pendingProbes.set(msg.request.kind, msg.request);
        return;
      }
      return runProbe(run, msg.request, post, deps);
    case 'reset': {
      run.running = false;
      run.stepsRemaining = 0;
      await whenIdle(run);
      const hyper = run.trainer.hyper;
      await run.lock.run(() => {
        run.trainer.dispose();
        run.trainer = deps.createTrainer({
          graph: run.graph,
          dataset: run.dataset,
          hyper,
          seed: run.seed,
          ...run.extras,
        });
        for (const [node, frozen] of run.frozen) run.trainer.setFrozen([node], frozen);
      });
      Object.assign(run, {
        finished: false,
        chunk: 1,
        checkpoint: null,
        lastCheckpoint: deps.now(),
        points: [],
        lastValidation: null,
      });
      run.pendingProbes.clear();
      return postState(run, post);
    }
    case 'dispose':
      state.run = null;
      state.currentRunId = null;
      return disposeRun(run);
    case 'export': {
      const out = await run.lock.run(() => run.trainer.exportModel());
      const weights = out.weights.slice(0);
      return post({ type: 'exported', runId, modelJson: out.modelJson, weights }, [weights]);
    }
    default:
      return assertNever(msg);
  }
}
