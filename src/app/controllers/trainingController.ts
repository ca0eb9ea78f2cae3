/**
 * The training controller: the only place that wires the store, the training worker's client and the frame bus.
 * Components call its commands (Train, Pause, Step, Reset, Restart). What a worker message does is decided in
 * workerMessages.ts and what a store change does in storeReactions.ts; the controller carries it out. Probes go
 * through panelProbes.ts (the probe scheduler), init arguments come from initArgs.ts, settings go through
 * hyperSync.ts.
 */
import type { StoreApi } from 'zustand';
import { assertNever } from '../../engine/assertNever';
import type { AugmentSettings } from '../../engine/data/augment';
import type { ProbeRequest, ProbeResult } from '../../engine/train/probes/types';
import type { Graph } from '../../engine/graph/types';
import type { ImportedWeight } from '../../engine/import/types';
import { discriminatorKernels, ganSnapshot } from '../../engine/runs/ganSnapshot';
import {
  SNAPSHOT_MAX_FILTERS,
  SNAPSHOT_MAX_LAYERS,
  SNAPSHOT_MAX_MAPS,
  SNAPSHOT_SAMPLE_INDEX,
  type RunSnapshot,
} from '../../engine/runs/record';
import type { FromWorker, RunId } from '../../workers/protocol';
import type { TrainingClient } from '../../workers/trainingClient';
import type { FrameBus } from '../frames/frameBus';
import { IDLE_RUN } from '../store/trainingSlice';
import { selectTrainedSeconds } from '../store/selectors';
import type { AppState } from '../store/types';
import { createHyperSync } from './hyperSync';
import { datasetChangedNotice, initArgsOf, runKeyOf, sameRunKey, type RunKey } from './initArgs';
import { createPanelProbes } from './panelProbes';
import type { ProbeNeed } from './probeScheduler';
import { sameNetwork } from './probeRequests';
import { afterReset } from './resetFence';
import { onceSettled, storeReactions, type Reaction } from './storeReactions';
import { workerMessageEffects, type Effect } from './workerMessages';

/** What the controller needs of the worker client (src/workers/trainingClient.ts). */
export type ControllerClient = Omit<TrainingClient, 'runId' | 'terminate'>;

export type StoreLike = Pick<StoreApi<AppState>, 'getState' | 'subscribe'>;

export interface ControllerDeps {
  readonly store: StoreLike;
  readonly client: ControllerClient;
  readonly bus: FrameBus;
  readonly probeNeeds: () => readonly ProbeNeed[];
  readonly onProbeNow?: (cb: (req: ProbeRequest, user: boolean) => void) => () => void;
  /** Called back when the visible panels' needs change, so a panel shown while not training gets a frame at once. */
  readonly onProbeNeedsChange?: (cb: () => void) => () => void;
  readonly drawnImage?: () => Uint8Array | null;
  readonly pollMs?: number;
  /** How many test images the dataset strip shows. */
  readonly sampleCount?: number;
}

export interface TrainingController {
  /** Loads the dataset and builds the model for the current settings (no training yet). */
  prepare(): void;
  train(): void;
  pause(): void;
  step(batches: number): void;
  reset(): void;
  /** Replaces the run by one on the graph now in the editor; keeps training if it was. */
  restartWithNewGraph(): void;
  exportModel(): Promise<{ modelJson: string; weights: ArrayBuffer }>;
  /**
   * "Import model": prepares a run of `graph` (already the editor's network) starting from `weights` (null: an
   * architecture only, trained from scratch). Every later run of this same network (a new dataset or backend, Undo
   * back to it) starts from them too; Reset goes back to them.
   */
  startImported(graph: Graph, weights: readonly ImportedWeight[] | null): void;
  /**
   * The augmentation preview (the chosen dataset's first training image and copies changed by `augment`, drawn from
   * `draw`), published to the frame bus. Needs no run: the worker loads only the dataset. Rejects with the reason when
   * the dataset cannot be loaded.
   */
  previewAugment(augment: AugmentSettings, draw: number): Promise<void>;
  /**
   * The current model's picture for the run's record (first kernels, one fixed test image's maps; for a GAN run the
   * generator's fixed-noise samples and the discriminator's first kernels); null without a model.
   */
  snapshot(): Promise<RunSnapshot | null>;
  dispose(): void;
}

/**
 * Train after a run finished goes on for another budget of the same kind: a run stopped at its step limit trains
 * as many steps again (the limit moves up by its own size, visibly in "Stop at step"), one stopped at its time limit
 * (a restored run of a seconds budget) as many seconds again, one whose epochs are done trains one more epoch.
 * `trainedSeconds`: the run's training time so far.
 */
export function continuePatch(
  s: Pick<AppState, 'hyper' | 'step' | 'epoch'>,
  trainedSeconds = 0,
): Partial<AppState['hyper']> {
  const h = s.hyper;
  if (h.maxSeconds > 0 && trainedSeconds >= h.maxSeconds)
    return { maxSeconds: Math.ceil(trainedSeconds + h.maxSeconds) };
  // A finished run's `epoch` is the number of epochs it completed (the worker's 'finished' message).
  const epochsDone = s.epoch >= h.epochs;
  const stepsDone = h.maxSteps > 0 && s.step >= h.maxSteps;
  const moreSteps = { maxSteps: s.step + h.maxSteps };
  if (stepsDone && !epochsDone) return moreSteps;
  return stepsDone ? { ...moreSteps, epochs: h.epochs + 1 } : { epochs: h.epochs + 1 };
}

/** What the training bar says when Train continues a finished run (null: nothing to say). */
export function continueNotice(
  s: Pick<AppState, 'hyper' | 'step'>,
  patch: Partial<AppState['hyper']>,
): string | null {
  if (patch.maxSeconds !== undefined)
    return `Training on to ${patch.maxSeconds} s of training time (the time limit moved up by ${s.hyper.maxSeconds} s); Reset starts a fresh run.`;
  if (patch.maxSteps === undefined) return null;
  return `Training on to step ${patch.maxSteps.toLocaleString('en-US')} ("Stop at step" moved up by ${s.hyper.maxSteps.toLocaleString('en-US')}); Reset starts a fresh run.`;
}

export function createTrainingController(deps: ControllerDeps): TrainingController {
  const { store, client, bus } = deps;
  const get = () => store.getState();
  let runId: RunId | null = null;
  /** The settings and the GAN pair (null for other runs) the current run was built with. */
  let runKey: RunKey | null = null;
  let runGan: AppState['ganGraphs'] = null;
  /** The current run trains an RBM (its record keeps no kernel-and-maps picture: an RBM has neither). */
  let runRbm = false;
  let startWhenReady = false;
  /** Reset was sent and the worker has not confirmed it: messages about the old model are dropped (resetFence.ts). */
  let resetting = false;
  let runCount = 0;
  /** The last imported model's weights and the network they belong to. */
  let imported: { readonly graph: Graph; readonly weights: readonly ImportedWeight[] } | null = null;
  const hyper = createHyperSync((patch, gan, rbm) => client.setHyper(patch, gan, rbm));
  const probes = createPanelProbes({
    ...deps,
    getState: get,
    probe: (req, user) => client.probe(req, user),
    hasRun: () => runId !== null,
  });

  /** A kernels probe's weights (a panel's in-flight request for gradients may answer the first ask); null if none. */
  async function kernelWeights(): Promise<Extract<ProbeResult, { kind: 'kernels' }> | null> {
    for (let tries = 0; tries < 2; tries++) {
      const r = await client.probe({ kind: 'kernels', gradients: false });
      if (r.kind === 'kernels' && !r.gradients) return r;
    }
    return null;
  }

  /**
   * A GAN run's picture: its fixed-noise grid (a GAN samples panel's in-flight request answering ours is fine: it is
   * the same grid) and the discriminator's first kernels, or none when that probe fails.
   */
  async function ganPicture(): Promise<RunSnapshot | null> {
    const [samples, kernels] = await Promise.all([
      client.probe({ kind: 'ganSamples' }),
      kernelWeights().catch(() => null),
    ]);
    if (samples.kind !== 'ganSamples') return null;
    return ganSnapshot(samples, discriminatorKernels(kernels));
  }

  function init(start: boolean): void {
    const s = get();
    const key = runKeyOf(s);
    // Removed images (a new revision of the chosen dataset) make a new run: the user is told why.
    const notice = runId === null ? null : datasetChangedNotice(runKey, key, s);
    const changedDataset = s.datasetCounts === null || runKey?.dataset !== s.dataset || notice !== null;
    runGan = s.ganGraphs;
    const weights =
      imported && !s.ganGraphs && sameNetwork(imported.graph, s.graph) ? imported.weights : null;
    const args = initArgsOf(s);
    runId = client.init(weights ? { ...args, weights } : args);
    runRbm = args.rbm !== undefined;
    runKey = key;
    resetting = false;
    hyper.sent(s.hyper, s.ganHyper, args.rbm?.hyper);
    startWhenReady = start;
    probes.clear();
    bus.clear();
    runCount += 1;
    s.patchRun({
      ...IDLE_RUN,
      status: 'initializing',
      runId,
      runGraph: s.graph,
      backend: null,
      datasetProgress: null,
      ...(changedDataset ? { datasetCounts: null } : {}),
      ...(notice ? { notice } : {}),
    });
    s.startMetricsRun(runId, `Run ${runCount} · ${s.hyper.optimizer} ${s.hyper.learningRate}`);
  }

  const needsInit = (s: AppState) =>
    runId === null ||
    s.status === 'error' ||
    s.status === 'idle' ||
    s.runGraph !== s.graph ||
    s.ganGraphs !== runGan ||
    !sameRunKey(runKey, runKeyOf(s));

  function apply(e: Effect): void {
    const s = get();
    switch (e.do) {
      case 'patchRun':
        return s.patchRun(e.patch);
      case 'appendMetrics':
        return s.appendMetrics(e.runId, e.points);
      case 'probe':
        return probes.request(e.request);
      case 'probeVisible':
        return probes.visible();
      case 'flushHyper':
        return hyper.flush(s.hyper, s.ganHyper, s.rbmHyper);
      case 'start':
        startWhenReady = false;
        return client.start();
      case 'cancelStart':
        startWhenReady = false;
        return;
      case 'restoreBatchSize':
        hyper.keptBatchSize(e.batchSize);
        return s.setHyper({ batchSize: e.batchSize });
      case 'publish':
        return probes.publish(e.result);
      default:
        return assertNever(e);
    }
  }

  const unsubscribeClient = client.on((m: FromWorker) => {
    if (m.runId !== runId) return;
    if (resetting) {
      const verdict = afterReset(m);
      if (verdict === 'drop') return;
      if (verdict === 'lift') resetting = false;
    }
    const run = { status: get().status, startWhenReady, runBatchSize: hyper.runBatchSize };
    for (const e of workerMessageEffects({ ...run, sampleCount: deps.sampleCount ?? 8 }, m)) apply(e);
  });

  const reprepare = onceSettled((start) => {
    if (runId !== null) init(start);
  });
  function react(r: Reaction, s: AppState): void {
    switch (r.do) {
      case 'newLesson':
        s.clearMetrics(); // the old preset's curves belong to another network (and maybe no accuracy axis)
        return reprepare(false);
      case 'rebuild':
        return reprepare(r.start);
      case 'retry':
        return reprepare(false);
      case 'flushHyper':
        return hyper.flush(s.hyper, s.ganHyper, s.rbmHyper);
      case 'adoptGraph':
        if (r.freeze.length > 0) client.freeze(r.freeze, true);
        if (r.unfreeze.length > 0) client.freeze(r.unfreeze, false);
        return s.patchRun({ runGraph: s.graph });
      case 'probeSample':
        return probes.sampleChanged();
      default:
        return assertNever(r);
    }
  }
  const unsubscribeStore = store.subscribe((s, prev) => {
    if (runId === null) return;
    for (const r of storeReactions(s, prev)) react(r, s);
  });

  return {
    prepare: () => init(false),
    train() {
      const s = get();
      if (needsInit(s)) return init(true);
      if (s.status === 'initializing') {
        startWhenReady = true;
        return;
      }
      const patch = s.status === 'finished' ? continuePatch(s, selectTrainedSeconds(s)) : null;
      if (patch) s.setHyper(patch);
      client.start();
      const notice = patch ? continueNotice(s, patch) : null;
      s.patchRun({ status: 'running', error: null, ...(notice ? { notice } : {}) });
    },
    pause() {
      startWhenReady = false;
      if (runId === null) return;
      client.pause();
      const s = get();
      if (s.status === 'running') s.patchRun({ status: 'paused' });
    },
    step(batches) {
      const s = get();
      if (needsInit(s)) {
        init(false);
        // Stepping right after a fresh init: wait for the model, then step once.
        const off = client.on((m) => {
          if (m.runId !== runId) return;
          if (m.type === 'ready') client.step(batches);
          if (m.type === 'ready' || m.type === 'error') off();
        });
        return;
      }
      if (s.status === 'running' || s.status === 'initializing') return;
      client.step(batches);
      s.patchRun({ error: null });
    },
    reset() {
      if (runId === null) return;
      startWhenReady = false;
      resetting = true;
      client.reset();
      const s = get();
      s.patchRun({
        status: 'ready',
        step: 0,
        epoch: 0,
        epochProgress: 0,
        examplesPerSec: 0,
        error: null,
        notice: null,
      });
      s.startMetricsRun(runId, `Run ${runCount} (reset) · ${s.hyper.optimizer} ${s.hyper.learningRate}`);
      bus.clear();
    },
    restartWithNewGraph() {
      init(get().status === 'running');
    },
    startImported(graph, weights) {
      imported = weights ? { graph, weights } : null;
      // After the store's own reactions to the import (a new dataset), as one init.
      if (runId === null) init(false);
      else reprepare(false);
    },
    exportModel() {
      if (runId === null)
        return Promise.reject(new Error('Train the model first: there is no trained model yet.'));
      return client.exportModel();
    },
    async previewAugment(augment, draw) {
      const s = get();
      const result = await client.preview({
        dataset: s.dataset,
        seed: s.seed,
        request: { kind: 'augmentPreview', index: 0, augment, seed: draw },
      });
      // Another dataset chosen meanwhile: this picture is of the old one.
      if (get().dataset === s.dataset && get().seed === s.seed) bus.publish(result);
    },
    async snapshot() {
      if (runId === null || get().status === 'initializing') return null;
      if (runGan !== null) return ganPicture();
      if (runRbm) return null;
      const r = await client.probe({
        kind: 'snapshot',
        index: SNAPSHOT_SAMPLE_INDEX,
        maxFilters: SNAPSHOT_MAX_FILTERS,
        maxMaps: SNAPSHOT_MAX_MAPS,
        maxLayers: SNAPSHOT_MAX_LAYERS,
      });
      if (r.kind !== 'snapshot') return null;
      return { step: r.step, sampleIndex: r.index, kernels: r.kernels, input: r.input, layers: r.layers };
    },
    dispose() {
      probes.dispose();
      unsubscribeClient();
      unsubscribeStore();
      client.dispose();
      runId = null;
    },
  };
}
