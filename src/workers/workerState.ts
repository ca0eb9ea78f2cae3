/**
 * The worker's state and its injected dependencies. Everything TF.js- or browser-specific comes in through
 * WorkerDeps, so handleMessage and the run loop are plain functions tested in Node.
 */
import type { Graph, NodeId } from '../engine/graph/types';
import type { GraphIssue } from '../engine/graph/issues';
import type { Dataset, DatasetId } from '../engine/data/types';
import type { Checkpoint, Trainer, TrainerOptions, TrainerExtras } from '../engine/train/trainer';
import type { BackendInfo, BackendName, BackendPolicy } from '../engine/backend/types';
import type { FromWorker, RunId } from './protocol';
import type { MetricPoint } from '../engine/train/metricPoint';
import type { ProbeRequest } from '../engine/train/probes/types';
import type { MeasureRate, SelectOptions } from '../engine/backend/select';
import { Mutex } from './mutex';
import type { DeviceLimits, ModelSize } from './sizeCheck';

export type Post = (msg: FromWorker, transfer?: Transferable[]) => void;

export interface WorkerDeps {
  loadDataset(
    id: DatasetId,
    seed: number,
    onProgress: (loadedBytes: number, totalBytes: number) => void,
  ): Promise<Dataset>;
  createTrainer(opts: TrainerOptions): Trainer;
  /**
   * Graph issues (errors refuse the run); a classifier may end in one unit per label of `labelSubset`. `loaded`: the
   * dataset's shape and classes once it is loaded (a user dataset is checked against those).
   */
  validate(
    graph: Graph,
    dataset: DatasetId,
    labelSubset: readonly number[],
    loaded?: Pick<Dataset, 'shape' | 'classNames'>,
  ): readonly GraphIssue[];
  /** Null when the shapes cannot be inferred (validation reports why). */
  modelSize(graph: Graph): ModelSize | null;
  /** What the browser tells about this device's memory and GPU limits (asked once, then cached). */
  deviceLimits(): Promise<DeviceLimits>;
  /** Refuse models whose estimated training memory exceeds this; derived from deviceLimits unless set (tests). */
  readonly memoryBudgetBytes?: number;
  /** Chooses and activates a backend; `measure` times real training steps on the active one within a budget. */
  selectBackend(
    policy: BackendPolicy,
    params: number,
    measure: MeasureRate,
    opts?: SelectOptions,
  ): Promise<BackendInfo>;
  /** Activates the next backend after `failed` broke; null when none is left. */
  fallbackBackend(
    failed: BackendName,
    info: BackendInfo,
    tried: ReadonlySet<BackendName>,
  ): Promise<BackendName | null>;
  now(): number;
  yieldToEventLoop(): Promise<void>;
  /** Loop tuning; defaults in DEFAULT_TUNING. */
  readonly tuning?: Partial<LoopTuning>;
}

export interface LoopTuning {
  /** Target duration of one chunk of batches, ms. */
  readonly chunkMs: number;
  readonly maxChunk: number;
  /**
   * Metrics are posted at most this often, ms. Each post re-renders the training bar and redraws the Loss chart on
   * the page; 400 ms (2.5 a second) rather than 200 ms takes a third off the page's main-thread time while training,
   * which on a loaded 2-core machine competes with this worker (issue 16: app ÷ bare ≥ 0.95).
   */
  readonly flushMs: number;
  /** Probes may take at most this fraction of the wall time over any probeWindowMs while training (probeBudget.ts). */
  readonly probeBudget: number;
  readonly probeWindowMs: number;
  /** Checkpoint to CPU memory this often while training, ms. */
  readonly checkpointMs: number;
  /** Examples evaluated at periodic validation (epoch ends use the whole test split). */
  readonly validateLimit: number;
  /** Most points per metrics message (more are averaged into groups). */
  readonly maxPointsPerFlush: number;
}

export const DEFAULT_TUNING: LoopTuning = {
  chunkMs: 75,
  maxChunk: 2000,
  flushMs: 400,
  probeBudget: 0.03,
  probeWindowMs: 2000,
  checkpointMs: 10_000,
  validateLimit: 256,
  maxPointsPerFlush: 64,
};

/** One probe served while training (Run.probeLog; probeBudget.ts reads the log). */
export interface ProbeEntry {
  /** deps.now() when the probe ended. */
  readonly end: number;
  readonly ms: number;
  readonly kind?: ProbeRequest['kind'];
  /** A warm-up (probeBudget.ts): counts against no budget. */
  readonly warmup?: boolean;
}

export interface Run {
  readonly runId: RunId;
  readonly graph: Graph;
  readonly datasetId: DatasetId;
  /** Passed to every trainer this run creates (init, reset, fallback). */
  readonly extras: TrainerExtras;
  readonly dataset: Dataset;
  readonly seed: number;
  /** The imported weights the run started from (init's `weights`); Reset goes back to them. */
  readonly initialWeights: Checkpoint | null;
  trainer: Trainer;
  backend: BackendInfo;
  /** What the device allows (sizeCheck.ts): a batch-size change mid-run is checked against it. */
  readonly deviceLimits: DeviceLimits;
  readonly triedBackends: Set<BackendName>;
  readonly frozen: Map<NodeId, boolean>;
  readonly lock: Mutex;
  running: boolean;
  stepsRemaining: number;
  loop: Promise<void> | null;
  disposed: boolean;
  finished: boolean;
  /** Batches per chunk, adapted to LoopTuning.chunkMs. */
  chunk: number;
  /**
   * Newest request per probe kind, served between chunks. Keyed by kind as a guard, not as the page's dedupe (that
   * is app/controllers/probeScheduler.ts, one request per kind in flight): a kind the page sends again after its
   * timeout, and the bench harness, which asks for every kind without a scheduler, replace the waiting request.
   */
  readonly pendingProbes: Map<ProbeRequest['kind'], ProbeRequest>;
  /** The pending requests the user's own action caused (a control changed, a panel shown): served at the next gap. */
  readonly userAsked: WeakSet<ProbeRequest>;
  /** Last measured cost per probe kind, ms, and (confusion) the examples it covered. */
  readonly probeCost: Map<ProbeRequest['kind'], { readonly ms: number; readonly examples: number }>;
  /** Probes served while training, newest last (probeBudget.ts). */
  readonly probeLog: ProbeEntry[];
  /** deps.now() when the current training loop started: no probe budget accrues before it. */
  loopStart: number;
  /** Duration of one batch in the last chunk, ms (null before the first chunk). */
  msPerBatch: number | null;
  /** Total probe time and loop wall time without probes, ms (diagnostics and tests). */
  probeMs: number;
  wallMs: number;
  /** Time spent in training steps, ms: what a time limit (`maxSeconds`) counts; metric points carry it as seconds. */
  trainMs: number;
  points: MetricPoint[];
  lastFlush: number;
  examplesSinceFlush: number;
  checkpoint: Checkpoint | null;
  lastCheckpoint: number;
  lastValidation: { loss: number; accuracy: number } | null;
}

export interface WorkerState {
  run: Run | null;
  /** Run id of the newest init, even while it is still loading. */
  currentRunId: RunId | null;
  /** Run id of the newest init that has arrived, even while older messages are still queued (noteArrival). */
  newestInit: RunId | null;
  /** Called when a newer init arrives: an init waiting on its download stops waiting. */
  readonly onNewInit: Set<() => void>;
}

export const createWorkerState = (): WorkerState => ({
  run: null,
  currentRunId: null,
  newestInit: null,
  onNewInit: new Set(),
});

/**
 * Called by the worker for every message as it arrives, before it waits its turn in the queue: a new init makes an
 * older init that is still downloading its dataset give up at once (the user switched preset or dataset).
 */
export function noteArrival(state: WorkerState, msg: { readonly type: string; readonly runId: RunId }): void {
  if (msg.type !== 'init') return;
  state.newestInit = msg.runId;
  for (const cb of [...state.onNewInit]) cb();
}

/** Resolves with `work`'s value, or with null as soon as an init newer than `runId` has arrived. */
export function unlessSuperseded<T>(state: WorkerState, runId: RunId, work: Promise<T>): Promise<T | null> {
  if (state.newestInit !== null && state.newestInit !== runId) return Promise.resolve(null);
  return new Promise<T | null>((resolve, reject) => {
    const cb = (): void => {
      if (state.newestInit !== runId) {
        state.onNewInit.delete(cb);
        resolve(null);
      }
    };
    state.onNewInit.add(cb);
    work.then(
      (v) => {
        state.onNewInit.delete(cb);
        resolve(v);
      },
      (e: unknown) => {
        state.onNewInit.delete(cb);
        reject(e);
      },
    );
  });
}

export const tuningOf = (deps: WorkerDeps): LoopTuning => ({ ...DEFAULT_TUNING, ...deps.tuning });

export function newRun(fields: {
  runId: RunId;
  graph: Graph;
  datasetId: DatasetId;
  extras: TrainerExtras;
  dataset: Dataset;
  seed: number;
  trainer: Trainer;
  backend: BackendInfo;
  deviceLimits: DeviceLimits;
  now: number;
  initialWeights?: Checkpoint | null;
}): Run {
  const { now, initialWeights = null, ...rest } = fields;
  const frozen = new Map<NodeId, boolean>();
  for (const n of fields.graph.nodes) if (n.frozen) frozen.set(n.id, true);
  return {
    ...rest,
    initialWeights,
    triedBackends: new Set(),
    frozen,
    lock: new Mutex(),
    running: false,
    stepsRemaining: 0,
    loop: null,
    disposed: false,
    finished: false,
    chunk: 1,
    pendingProbes: new Map(),
    userAsked: new WeakSet(),
    probeCost: new Map(),
    probeLog: [],
    loopStart: now,
    msPerBatch: null,
    probeMs: 0,
    wallMs: 0,
    trainMs: 0,
    points: [],
    lastFlush: now,
    examplesSinceFlush: 0,
    // A fallback before the first checkpoint goes back to the imported weights.
    checkpoint: initialWeights,
    lastCheckpoint: now,
    lastValidation: null,
  };
}
