/**
 * The training controller: the only place that wires the store, the training worker's client and the frame bus.
 * Components call its commands (Train, Pause, Step, Reset, Restart); it turns worker messages into store updates
 * (metrics, counters, errors) and frames (probe results) on the bus, and polls the probes the visible panels need.
 */
import type { DatasetId } from '../../engine/data/types';
import type { Graph } from '../../engine/graph/types';
import type { Hyper } from '../../engine/train/hyper';
import type { GanHyper } from '../../engine/gan/ganHyper';
import { presetById } from '../../engine/graph/presets';
import type { BackendPolicy, FromWorker, ProbeRequest, ProbeResult, RunId } from '../../workers/protocol';
import { isPausingError } from '../../workers/errors';
import type { FrameBus } from '../frames/frameBus';
import type { ProbeNeed } from '../panels/probeNeeds';
import { IDLE_RUN } from '../store/trainingSlice';
import type { AppState } from '../store/types';
import { frozenChanges, sameNetwork, sampleRef, toRequest } from './probeRequests';

/** What the controller needs of the worker client (src/workers/trainingClient.ts). */
export interface ControllerClient {
  init(o: {
    graph: Graph;
    dataset: DatasetId;
    hyper: Hyper;
    seed: number;
    backend: BackendPolicy;
    noise?: number;
    gan?: { generator: Graph; discriminator: Graph; hyper: GanHyper };
  }): RunId;
  start(): void;
  pause(): void;
  step(batches: number): void;
  setHyper(patch: Partial<Hyper>, gan?: Partial<GanHyper>): void;
  freeze(nodes: readonly Graph['nodes'][number]['id'][], frozen: boolean): void;
  probe(request: ProbeRequest): Promise<ProbeResult>;
  exportModel(): Promise<{ modelJson: string; weights: ArrayBuffer }>;
  reset(): void;
  dispose(): void;
  on(listener: (msg: FromWorker) => void): () => void;
}

export interface StoreLike {
  getState(): AppState;
  subscribe(listener: (s: AppState, prev: AppState) => void): () => void;
}

export interface ControllerDeps {
  readonly store: StoreLike;
  readonly client: ControllerClient;
  readonly bus: FrameBus;
  readonly probeNeeds: () => readonly ProbeNeed[];
  readonly onProbeNow?: (cb: (req: ProbeRequest) => void) => () => void;
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
  dispose(): void;
}

const PROBE_TIMEOUT_MS = 5000;
/** Probes that depend on the chosen sample (test image or drawing): re-requested when it changes. */
const SAMPLE_KINDS: ReadonlySet<ProbeNeed['kind']> = new Set(['activations', 'predict', 'pooling']);
/** Statuses in which the worker has a model to probe. */
const PROBEABLE: ReadonlySet<AppState['status']> = new Set(['ready', 'running', 'paused', 'finished']);

/** The fields of `next` that differ from `sent`. */
function changed<T extends object>(sent: T, next: T): Partial<T> {
  const patch: Partial<T> = {};
  for (const k of Object.keys(next) as (keyof T)[]) if (next[k] !== sent[k]) patch[k] = next[k];
  return patch;
}

export function createTrainingController(deps: ControllerDeps): TrainingController {
  const { store, client, bus } = deps;
  const get = () => store.getState();
  let runId: RunId | null = null;
  let runKey = '';
  /** The GAN pair the current run was built from (null for other runs). */
  let runGan: AppState['ganGraphs'] = null;
  let startWhenReady = false;
  let runCount = 0;
  const inFlight = new Map<string, number>();
  /** Newest event-driven request per kind that arrived while one of its kind was in flight (newest wins). */
  const queued = new Map<string, ProbeRequest>();
  /** The hyperparameters the worker has (sent at init or since); changes made while it initializes are sent on ready. */
  let sentHyper: Hyper | null = null;
  /** The batch size the run trains at before the last change was sent (put back when the worker refuses it). */
  let runBatchSize: number | null = null;
  let sentGanHyper: GanHyper | null = null;
  const published = new WeakSet<ProbeResult>();

  const keyOf = (s: AppState) => `${s.dataset}|${s.seed}|${s.backendPolicy}`;

  function publish(result: ProbeResult): void {
    if (published.has(result)) return;
    published.add(result);
    bus.publish(result);
  }

  /**
   * One probe per kind in flight. A poll finding its kind busy is skipped (the next poll comes soon); an urgent
   * request (the user drew, picked a sample, showed a panel, asked for a cell's images) waits and goes next.
   */
  function request(req: ProbeRequest, urgent = false): void {
    if (runId === null) return;
    // No model yet: the worker would refuse the probe ("notReady"); 'ready' asks for what the panels need.
    if (get().status === 'initializing') return;
    const key = req.kind;
    const since = inFlight.get(key);
    if (since !== undefined && Date.now() - since < PROBE_TIMEOUT_MS) {
      if (urgent) queued.set(key, req);
      return;
    }
    inFlight.set(key, Date.now());
    const forRun = runId;
    const done = (): void => {
      if (forRun !== runId) return;
      inFlight.delete(key);
      const next = queued.get(key);
      if (next) {
        queued.delete(key);
        request(next, true);
      }
    };
    client.probe(req).then((r) => {
      if (forRun === runId) publish(r);
      done();
    }, done);
  }

  function probeVisible(urgent = false, only?: ReadonlySet<ProbeNeed['kind']>): void {
    const s = get();
    const sample = sampleRef(s.sample, deps.drawnImage?.() ?? null);
    for (const need of deps.probeNeeds()) {
      if (only && !only.has(need.kind)) continue;
      const req = toRequest(need, s.runGraph ?? s.graph, sample);
      if (req) request(req, urgent);
    }
  }

  /** Sends the hyperparameters changed since the worker last got them (none while it initializes). */
  function flushHyper(s: AppState): void {
    if (!sentHyper || !sentGanHyper) return;
    const patch = changed(sentHyper, s.hyper);
    const gan = changed(sentGanHyper, s.ganHyper);
    if (patch.batchSize !== undefined) runBatchSize = sentHyper.batchSize;
    sentHyper = s.hyper;
    sentGanHyper = s.ganHyper;
    if (Object.keys(gan).length > 0) client.setHyper(patch, gan);
    else if (Object.keys(patch).length > 0) client.setHyper(patch);
  }

  function init(start: boolean): void {
    const s = get();
    const changedDataset = s.datasetCounts === null || keyOf(s).split('|')[0] !== runKey.split('|')[0];
    const noise = s.graph.role === 'autoencoder' ? presetById(s.presetId)?.inputNoise : undefined;
    runGan = s.ganGraphs;
    runId = client.init({
      graph: s.ganGraphs ? s.ganGraphs.generator : s.graph,
      dataset: s.dataset,
      hyper: s.hyper,
      seed: s.seed,
      backend: s.backendPolicy,
      ...(noise !== undefined ? { noise } : {}),
      ...(s.ganGraphs ? { gan: { ...s.ganGraphs, hyper: s.ganHyper } } : {}),
    });
    runKey = keyOf(s);
    sentHyper = s.hyper;
    sentGanHyper = s.ganHyper;
    startWhenReady = start;
    inFlight.clear();
    queued.clear();
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
    });
    s.startMetricsRun(runId, `Run ${runCount} · ${s.hyper.optimizer} ${s.hyper.learningRate}`);
  }

  const needsInit = (s: AppState) =>
    runId === null ||
    s.status === 'error' ||
    s.status === 'idle' ||
    s.runGraph !== s.graph ||
    s.ganGraphs !== runGan ||
    keyOf(s) !== runKey;

  function onMessage(m: FromWorker): void {
    if (m.runId !== runId) return;
    const s = get();
    switch (m.type) {
      case 'datasetProgress':
        s.patchRun({ datasetProgress: { loaded: m.loadedBytes, total: m.totalBytes } });
        return;
      case 'ready':
        s.patchRun({
          status: 'ready',
          backend: m.backend,
          preparing: null,
          datasetProgress: null,
          datasetCounts: { train: m.trainCount, test: m.testCount },
        });
        request({ kind: 'samples', split: 'test', indices: [...Array(deps.sampleCount ?? 8).keys()] });
        flushHyper(get());
        if (startWhenReady) {
          startWhenReady = false;
          client.start();
          s.patchRun({ status: 'running' });
        } else probeVisible();
        return;
      case 'metrics': {
        s.appendMetrics(m.runId, m.points);
        const last = m.points[m.points.length - 1];
        if (last)
          s.patchRun({
            step: last.step,
            epoch: last.epoch,
            examplesPerSec: last.examplesPerSec,
            epochProgress: last.epochProgress,
          });
        return;
      }
      case 'state': {
        // A stopped run (e.g. a label subset the head cannot take) stays stopped: Train builds a new one.
        if (s.status === 'error') return;
        const status = m.running ? 'running' : m.step > 0 ? 'paused' : 'ready';
        s.patchRun({
          status: s.status === 'finished' && !m.running ? 'finished' : status,
          step: m.step,
          epoch: m.epoch,
        });
        if (!m.running) probeVisible();
        return;
      }
      case 'finished':
        s.patchRun({ status: 'finished', step: m.step, epoch: m.epoch, epochProgress: 1 });
        probeVisible();
        return;
      case 'notice':
        s.patchRun({ notice: m.message });
        return;
      case 'preparing':
        // The model is built once the data is in: the dataset line can show the counts from then on.
        if (s.status === 'initializing')
          s.patchRun({ preparing: m.message, ...(m.stage === 'model' ? { datasetProgress: null } : {}) });
        return;
      case 'error':
        // A failed probe leaves the run as it is: say so, keep training.
        if (m.code === 'probe') {
          s.patchRun({ notice: m.message });
          return;
        }
        // A non-finite or diverging loss pauses the run (the model still exists); other errors end it.
        s.patchRun({
          preparing: null,
          status: isPausingError(m.code) ? 'paused' : 'error',
          error: { code: m.code, message: m.message },
          ...(m.code === 'dataset' ? { datasetProgress: null } : {}),
        });
        if (!isPausingError(m.code) && m.code !== 'notReady') startWhenReady = false;
        // The field goes back to the batch size the run still trains at.
        // The worker kept it, so nothing needs sending.
        if (m.code === 'batchTooLarge' && runBatchSize !== null && sentHyper) {
          sentHyper = { ...sentHyper, batchSize: runBatchSize };
          s.setHyper({ batchSize: runBatchSize });
        }
        return;
      case 'probe':
        publish(m.result);
        return;
      case 'exported':
        return;
      default:
        return m satisfies never;
    }
  }

  const unsubscribeClient = client.on(onMessage);
  const unsubscribeOneShot = deps.onProbeNow?.((req) => request(req, true)) ?? (() => undefined);
  const unsubscribeNeeds =
    deps.onProbeNeedsChange?.(() => {
      if (runId !== null && PROBEABLE.has(get().status)) probeVisible(true);
    }) ?? (() => undefined);

  /**
   * One init after the current store update settles: a preset sets its dataset and settings, then its graph, in
   * separate updates; initializing on the first would build the old graph and then build again.
   */
  let pendingInit: { start: boolean } | null = null;
  function reprepare(start: boolean): void {
    if (pendingInit) {
      pendingInit.start ||= start;
      return;
    }
    pendingInit = { start };
    queueMicrotask(() => {
      const p = pendingInit;
      pendingInit = null;
      if (p && runId !== null) init(p.start);
    });
  }

  const unsubscribeStore = store.subscribe((s, prev) => {
    if (runId === null) return;
    // A new preset is a new lesson: the old run stops and the panels show the new network, untrained.
    if (s.presetId !== prev.presetId) {
      s.clearMetrics(); // the old preset's curves belong to another network (and maybe no accuracy axis)
      reprepare(false);
      return;
    }
    if (s.dataset !== prev.dataset || s.backendPolicy !== prev.backendPolicy) {
      reprepare(s.status === 'running');
      return;
    }
    // Only a worker with a model takes settings; an init that failed or has not finished gets them with the next init.
    if ((s.hyper !== prev.hyper || s.ganHyper !== prev.ganHyper) && PROBEABLE.has(s.status)) flushHyper(s);
    // Moving nodes or toggling "Frozen" does not need a new model: adopt the graph, tell the worker what froze.
    if (
      s.graph !== prev.graph &&
      s.runGraph &&
      s.graph !== s.runGraph &&
      PROBEABLE.has(s.status) &&
      sameNetwork(s.graph, s.runGraph)
    ) {
      const { freeze, unfreeze } = frozenChanges(s.runGraph, s.graph);
      if (freeze.length > 0) client.freeze(freeze, true);
      if (unfreeze.length > 0) client.freeze(unfreeze, false);
      s.patchRun({ runGraph: s.graph });
    }
    // A new test image or a new stroke on the draw pad: maps and prediction follow at once, training or not.
    if (s.sample !== prev.sample && PROBEABLE.has(s.status)) probeVisible(true, SAMPLE_KINDS);
  });

  const timer = setInterval(() => {
    if (get().status === 'running') probeVisible();
  }, deps.pollMs ?? 500);

  return {
    prepare: () => init(false),
    train() {
      const s = get();
      if (needsInit(s)) return init(true);
      if (s.status === 'initializing') {
        startWhenReady = true;
        return;
      }
      if (s.status === 'finished') s.setHyper({ epochs: s.hyper.epochs + 1 });
      client.start();
      s.patchRun({ status: 'running', error: null });
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
    exportModel() {
      if (runId === null)
        return Promise.reject(new Error('Train the model first: there is no trained model yet.'));
      return client.exportModel();
    },
    dispose() {
      clearInterval(timer);
      unsubscribeClient();
      unsubscribeOneShot();
      unsubscribeNeeds();
      unsubscribeStore();
      client.dispose();
      runId = null;
    },
  };
}
