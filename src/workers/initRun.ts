/**
 * Starting a run: validation, the size check against the device, the dataset download beside the backend's
 * start-up (and its timing), then the model. Also the size check of a batch-size change mid-run.
 */
import type { Dataset, DatasetId } from '../engine/data/types';
import { DatasetError, isUserDatasetId } from '../engine/data/types';
import type { Hyper } from '../engine/train/hyper';
import { examplesPerStep, isSecondOrder } from '../engine/train/hyper';
import { secondOrderRefusal } from '../engine/train/secondOrderBudget';
import { CHUNK } from '../engine/train/secondOrder/trainerStep';
import { NonFiniteError } from '../engine/train/trainer';
import type { Checkpoint, Trainer, TrainerExtras } from '../engine/train/trainer';
import { errorText } from './errors';
import { pretrainCheckpoint, pretrainableLayers } from '../engine/rbm/pretrainClassifier';
import { BACKEND_LABEL } from '../engine/backend/types';
import type { BackendName } from '../engine/backend/types';
import type { ToWorker } from './protocol';
import {
  memoryBudget,
  networkLoads,
  tensorTooLargeMessage,
  tooLargeMessage,
  trainingEstimate,
} from './sizeCheck';
import type { DeviceLimits, MemoryBudget, NetworkLoad } from './sizeCheck';
import { DatasetStoreError } from './userDatasets/storeErrors';
import { newRun, unlessSuperseded } from './workerState';
import type { Post, Run, WorkerDeps, WorkerState } from './workerState';

/** The reason an init stops early: a newer init arrived while it waited for its dataset. */
const SUPERSEDED = Symbol('superseded');

type InitMsg = Extract<ToWorker, { type: 'init' }>;

const extrasOf = (msg: InitMsg): TrainerExtras => ({
  ...(msg.noise !== undefined && msg.noise > 0 ? { noise: msg.noise } : {}),
  ...(msg.gan ? { gan: msg.gan } : {}),
  ...(msg.rbm ? { rbm: msg.rbm } : {}),
});

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
    const examples = examplesPerStep(hyper);
    if (warm >= budgetMs) return { examplesPerSec: (examples * 1000) / warm, complete: false };
    const limit = Math.min(budgetMs - warm, MEASURE_TIMED_MS);
    let ms = 0;
    let n = 0;
    while (n < 3 && (n === 0 || ms + ms / n <= limit)) {
      ms += await timed(trainer, 1, deps);
      n++;
    }
    return { examplesPerSec: (n * examples * 1000) / ms, complete: true };
  } finally {
    trainer.dispose();
  }
}

/** Examples one forward/backward pass holds: a batch, or a chunk of a second-order step's batch (trainerStep.ts). */
const examplesPerPass = (h: Hyper): number =>
  isSecondOrder(h.optimizer) ? Math.min(h.secondOrderBatch, CHUNK) : h.batchSize;

/** The networks of an init (or a run after a batch-size change), or null when a shape cannot be inferred. */
function loadsOf(
  msg: Pick<InitMsg, 'graph' | 'gan'>,
  batchSize: number,
  deps: WorkerDeps,
): NetworkLoad[] | null {
  const gan = msg.gan;
  return networkLoads(deps.modelSize, {
    graph: msg.graph,
    batchSize,
    ...(gan
      ? {
          gan: {
            generator: gan.generator,
            discriminator: gan.discriminator,
            batchSize, // the GAN trainer uses the run's Batch size for both networks
          },
        }
      : {}),
  });
}

const budgetOf = (deps: WorkerDeps, limits: DeviceLimits): MemoryBudget =>
  deps.memoryBudgetBytes !== undefined
    ? { bytes: deps.memoryBudgetBytes, basis: 'the limit set for this worker' }
    : memoryBudget(limits);

/** Why the dataset could not be loaded, for the user; a user dataset that is gone says so plainly. */
export function datasetFailure(id: DatasetId, e: unknown): string {
  if (e instanceof DatasetStoreError && e.code === 'notFound') return `${e.message} Choose another dataset.`;
  if (isUserDatasetId(id)) return `Your dataset could not be loaded: ${errorText(e)}`;
  const where = e instanceof DatasetError ? ` (${e.code}, ${e.file})` : '';
  return `The ${id} dataset could not be loaded${where}: ${errorText(e)}`;
}

export async function initRun(state: WorkerState, msg: InitMsg, post: Post, deps: WorkerDeps): Promise<void> {
  const runId = msg.runId;
  const fail = (code: 'badGraph' | 'dataset' | 'backend' | 'tooLarge' | 'internal', message: string): void =>
    post({ type: 'error', runId, code, message });
  const failDataset = (e: unknown): void => fail('dataset', datasetFailure(msg.dataset, e));
  const startLoading = (): Promise<Dataset | null> =>
    unlessSuperseded(
      state,
      runId,
      deps.loadDataset(msg.dataset, msg.seed, (loadedBytes, totalBytes) =>
        post({ type: 'datasetProgress', runId, loadedBytes, totalBytes }),
      ),
    );
  // A user dataset's shape and classes are known only once it is read (from IndexedDB, quickly): the graph is
  // checked against them, so it is read before validation. A shipped set is validated before its download.
  let early: Dataset | null = null;
  if (isUserDatasetId(msg.dataset)) {
    try {
      early = await startLoading();
    } catch (e) {
      return failDataset(e);
    }
    if (early === null) return; // a newer init arrived
  }
  const graphs = msg.gan ? [msg.gan.generator, msg.gan.discriminator] : [msg.graph];
  const errors = graphs
    .flatMap((g) => deps.validate(g, msg.dataset, msg.hyper.labelSubset, early ?? undefined))
    .filter((i) => i.severity === 'error');
  if (errors.length > 0) return fail('badGraph', errors.map((i) => i.message).join('\n'));
  const loads = loadsOf(msg, examplesPerPass(msg.hyper), deps);
  if (!loads) return fail('badGraph', 'The shapes of this graph cannot be worked out.');
  const size = loads[0]?.size;
  const tooMany =
    msg.gan || !size ? null : secondOrderRefusal(msg.hyper.optimizer, size.trainableParams ?? size.params);
  if (tooMany) return fail('tooLarge', tooMany);
  const limits = await deps.deviceLimits();
  const refusal = tooLargeMessage(loads, budgetOf(deps, limits));
  if (refusal) return fail('tooLarge', refusal);

  // The download and the backend's start-up run side by side; timing backends waits for the data.
  // A newer init (another preset or dataset) stops the wait; the download itself goes on into the worker's cache.
  const loading = (early ? Promise.resolve(early) : startLoading()).then(
    (d) => (d === null ? { ok: false as const, e: SUPERSEDED } : { ok: true as const, d }),
    (e: unknown) => ({ ok: false as const, e }),
  );
  const loaded = async (): Promise<Dataset> => {
    const r = await loading;
    if (!r.ok) throw r.e;
    return r.d;
  };
  let backend;
  try {
    backend = await deps.selectBackend(
      msg.backend,
      trainingEstimate(loads).params,
      async (name: BackendName, budgetMs: number) => {
        // A backend whose largest buffer cannot hold one of the tensors is not timed (it would fail or thrash).
        const tooBig = tensorTooLargeMessage(loads, name, limits);
        if (tooBig) throw new Error(tooBig);
        return measureRate(msg, await loaded(), msg.hyper, deps, budgetMs);
      },
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
  // The chosen backend (cached, forced or the only candidate) must hold the largest tensor; auto moves on.
  const tried = new Set<BackendName>();
  let tensorRefusal = tensorTooLargeMessage(loads, backend.name, limits);
  while (tensorRefusal && msg.backend === 'auto') {
    tried.add(backend.name);
    const next = await deps.fallbackBackend(backend.name, backend, tried);
    if (!next) break;
    backend = {
      ...backend,
      name: next,
      adapter: backend.measured.find((m) => m.backend === next)?.note ?? BACKEND_LABEL[next],
      reason: `${backend.name} cannot hold its largest tensor; using ${next}`,
    };
    tensorRefusal = tensorTooLargeMessage(loads, next, limits);
  }
  if (tensorRefusal)
    return fail(
      'tooLarge',
      msg.backend === 'auto' ? tensorRefusal : `${tensorRefusal} Or choose another backend.`,
    );
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
  let initialWeights: Checkpoint | null = msg.weights && !msg.gan ? { step: 0, weights: msg.weights } : null;
  if (initialWeights) {
    try {
      trainer.restore(initialWeights);
    } catch (e) {
      trainer.dispose();
      return fail('badGraph', `The imported weights do not fit this network: ${errorText(e)}`);
    }
  }
  // Greedy RBM pretraining (a deep belief net) of the leading Dense + sigmoid layers; imported weights come first.
  // Its time counts as the run's training time (trainMs below): a comparison with random init is charged for it.
  const pretrainEpochs = msg.hyper.rbmPretrainEpochs ?? 0;
  let pretrainMs = 0;
  if (
    !initialWeights &&
    !msg.gan &&
    !msg.rbm &&
    pretrainEpochs > 0 &&
    pretrainableLayers(msg.graph).length > 0
  ) {
    const t0 = deps.now();
    try {
      initialWeights = await pretrainCheckpoint(await trainer.checkpoint(), msg.graph, dataset, {
        epochs: pretrainEpochs,
        seed: msg.seed,
        onLayerStart: (i, n) =>
          post({
            type: 'preparing',
            runId,
            stage: 'pretrain',
            message: `Pretraining layer ${i + 1} of ${n}…`,
          }),
      });
      trainer.restore(initialWeights);
    } catch (e) {
      trainer.dispose();
      return fail('internal', `RBM pretraining failed: ${errorText(e)}`);
    }
    pretrainMs = deps.now() - t0;
    if (state.currentRunId !== runId || (state.newestInit !== null && state.newestInit !== runId)) {
      trainer.dispose();
      return;
    }
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
    deviceLimits: limits,
    now: deps.now(),
    initialWeights,
  });
  for (const [node, frozen] of state.run.frozen) trainer.setFrozen([node], frozen);
  for (const b of tried) state.run.triedBackends.add(b); // a later fallback does not go back to them
  state.run.trainMs = pretrainMs;
  post({
    type: 'ready',
    runId,
    backend,
    trainCount: dataset.train.count,
    testCount: dataset.test.count,
    ...(pretrainMs > 0 ? { pretrainSeconds: pretrainMs / 1000 } : {}),
  });
}

/** Why a new batch size does not fit this run's networks on its backend, or null when it does. */
export function batchRefusal(run: Run, batchSize: number, deps: WorkerDeps): string | null {
  const gan = run.extras.gan;
  const loads = loadsOf({ graph: run.graph, ...(gan ? { gan } : {}) }, batchSize, deps);
  if (!loads) return null;
  const why =
    tooLargeMessage(loads, budgetOf(deps, run.deviceLimits)) ??
    tensorTooLargeMessage(loads, run.backend.name, run.deviceLimits);
  return (
    why &&
    `Batch size ${batchSize} does not fit, so the run goes on at ${run.trainer.hyper.batchSize} (paused): ${why}`
  );
}
