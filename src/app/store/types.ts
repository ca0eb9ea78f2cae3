/**
 * The app's store is one zustand store combined from these slices (see CONVENTIONS.md → State).
 * Each slice is created by a `StateCreator<AppState, [], [], XSlice>` in its own file.
 */
import type { AugmentSlice } from './augmentSlice';
import type { Graph, NodeId } from '../../engine/graph/types';
import type { PresetNetworks } from '../../engine/graph/presetNetworks';
import type { DatasetId, UserDatasetId } from '../../engine/data/types';
import type { UserDatasetMeta } from '../../engine/data/userDataset';
import type { Hyper } from '../../engine/train/hyper';
import type { GanHyper } from '../../engine/gan/ganHyper';
import type { RbmHyper } from '../../engine/rbm/rbmHyper';
import type { BackendInfo, BackendPolicy } from '../../engine/backend/types';
import type { MetricPoint } from '../../engine/train/metricPoint';
import type { RunRecord } from '../../engine/runs/record';
import type { ErrorCode, RunId } from '../../workers/protocol';
import type { PanelPrefs } from './uiSlice';
import type { MetricHistory } from './metricHistory';
import type { SharedState } from '../persistence/share';
import type { SharedRun } from '../persistence/shareComparison';
import type { Checkpoint } from './checkpoint';

/** graphSlice.ts — the edited network, selection, undo/redo. */
export interface GraphSlice {
  readonly graph: Graph;
  /** For GAN presets the two networks; the editor edits the one named by `activeNetwork`. */
  readonly ganGraphs: { readonly generator: Graph; readonly discriminator: Graph } | null;
  readonly activeNetwork: 'main' | 'generator' | 'discriminator';
  readonly selection: readonly NodeId[];
  readonly past: readonly Graph[];
  readonly future: readonly Graph[];
  /** The last change that replaced the whole work (networks and settings), undone as one step (checkpoint.ts). */
  readonly checkpoint: Checkpoint | null;
  /** Runs `apply` (which replaces networks and settings through the usual setters) as one undoable step. */
  replaceWork(apply: () => void): void;
  /** Replace the graph, recording the previous one for undo (unless record is false). */
  setGraph(graph: Graph, opts?: { record?: boolean }): void;
  /** Apply a pure edit (from src/engine/graph/edit.ts) and record it for undo. */
  edit(fn: (g: Graph) => Graph): void;
  undo(): void;
  redo(): void;
  select(ids: readonly NodeId[]): void;
  /** Replace the active graph by a single Input node ("New graph"), recorded for undo. */
  newGraph(): void;
  /** Load a GAN pair (the editor starts on the generator), or leave GAN mode with null (then `main`, if given,
   *  becomes the graph). Clears the undo history and the selection. */
  setGanGraphs(gan: GraphSlice['ganGraphs'], main?: Graph): void;
  /** Switch which GAN network the editor edits ("Generator" / "Discriminator" tabs). Clears history and selection. */
  setActiveNetwork(n: GraphSlice['activeNetwork']): void;
  /**
   * Swap in a preset's networks for all of the work's (a validation "Rebuild for …" fix), as one undoable step; the
   * settings stay. A GAN pair keeps the tab the editor is on.
   */
  replaceNetworks(networks: PresetNetworks): void;
}

export type RunStatus = 'idle' | 'initializing' | 'ready' | 'running' | 'paused' | 'finished' | 'error';

/** trainingSlice.ts — settings and the run's state (not its frames). */
export interface TrainingSlice {
  readonly presetId: string;
  readonly dataset: DatasetId;
  readonly hyper: Hyper;
  /** GAN presets: k_D, k_G, the two learning rates, loss, label smoothing, latent distribution. */
  readonly ganHyper: GanHyper;
  /** RBM presets: CD steps, persistent chain, visible units (the hidden units are the picture graph's). */
  readonly rbmHyper: RbmHyper;
  readonly seed: number;
  readonly backendPolicy: BackendPolicy;
  readonly status: RunStatus;
  readonly runId: RunId | null;
  readonly backend: BackendInfo | null;
  readonly step: number;
  readonly epoch: number;
  readonly epochProgress: number;
  readonly examplesPerSec: number;
  readonly datasetProgress: { readonly loaded: number; readonly total: number } | null;
  readonly datasetCounts: { readonly train: number; readonly test: number } | null;
  readonly error: { readonly code: ErrorCode; readonly message: string } | null;
  readonly notice: string | null;
  /** What the worker is doing while the run initializes ("Measuring backends: WebGL (2/3)…"); null otherwise. */
  readonly preparing: string | null;
  /** Seconds the current run spent in RBM pretraining before it was ready (its training time counts them); else null. */
  readonly pretrainSeconds: number | null;
  /** The graph the current run was started with; differs from `graph` after an edit. */
  readonly runGraph: Graph | null;
  setHyper(patch: Partial<Hyper>): void;
  setGanHyper(patch: Partial<GanHyper>): void;
  setRbmHyper(patch: Partial<RbmHyper>): void;
  setDataset(id: DatasetId): void;
  setSeed(seed: number): void;
  setBackendPolicy(p: BackendPolicy): void;
  setPreset(id: string): void;
  patchRun(patch: Partial<Omit<TrainingSlice, keyof TrainingActions>>): void;
}
type TrainingActions = Pick<
  TrainingSlice,
  | 'setHyper'
  | 'setGanHyper'
  | 'setRbmHyper'
  | 'setDataset'
  | 'setSeed'
  | 'setBackendPolicy'
  | 'setPreset'
  | 'patchRun'
>;

/** metricsSlice.ts — curves (bounded here, decimated again on draw). Several runs can be overlaid. */
export interface MetricsSlice {
  /** Each run's history is bounded (metricHistory.ts): at most MAX_POINTS points, evenly over the whole run. */
  readonly runs: readonly ({
    readonly runId: RunId;
    readonly label: string;
  } & MetricHistory)[];
  appendMetrics(runId: RunId, points: readonly MetricPoint[]): void;
  startMetricsRun(runId: RunId, label: string): void;
  clearMetrics(): void;
}

/** A message across the top; `download` offers a text file (e.g. an autosave that could not be read). */
export interface Banner {
  readonly kind: 'error' | 'info';
  readonly message: string;
  readonly download?: { readonly label: string; readonly filename: string; readonly text: string };
  /** A message about the autosave (what was kept, reset or not saved): a later message does not remove it. */
  readonly autosave?: boolean;
  /** Earlier autosave messages still shown above this one, oldest first (see store/banners.ts). */
  readonly earlier?: readonly Banner[];
}

/** uiSlice.ts — theme, panel layout, chosen sample, banners. */
export interface ConvStepPick {
  readonly node: NodeId;
  readonly index: number;
  readonly y: number;
  readonly x: number;
}

export interface UiSlice {
  readonly theme: 'light' | 'dark';
  /** Presenter: bigger type and panels for a projector (the Presenter toggle). */
  readonly presenter: boolean;
  readonly collapsedPanels: readonly string[];
  readonly dockSize: number;
  /** Dock choices per kind of network: hidden panels, the maximised one (see panels/panelLayout.ts). */
  readonly panelPrefs: PanelPrefs;
  readonly sample: { readonly from: 'test'; readonly index: number } | { readonly from: 'drawn' };
  /**
   * The cell the Convolution step region computes: a layer, its filter / channel / unit `index` and the output cell
   * (y, x; 0, 0 for a dense unit). Set by a click in Activation maps or the region's own fields; null: none yet.
   */
  readonly convStep: ConvStepPick | null;
  readonly banner: Banner | null;
  /** A share link waiting for the user's answer (it would replace work that differs from it and the default). */
  readonly pendingShare: SharedState | null;
  /** The runs of a comparison link, waiting for the user to train them (or not); they never replace the work. */
  readonly pendingRuns: readonly SharedRun[] | null;
  setTheme(t: 'light' | 'dark'): void;
  setPresenter(on: boolean): void;
  togglePanel(name: string): void;
  setDockSize(px: number): void;
  updatePanelPrefs(fn: (p: PanelPrefs) => PanelPrefs): void;
  setSample(s: UiSlice['sample']): void;
  setConvStep(pick: ConvStepPick | null): void;
  setBanner(b: UiSlice['banner']): void;
  setPendingShare(shared: SharedState | null): void;
  setPendingRuns(runs: readonly SharedRun[] | null): void;
}

/** labSlice.ts — the experiment lab: every run recorded (persisted in IndexedDB by the run recorder). */
export interface LabSlice {
  /** Oldest first. */
  readonly records: readonly RunRecord[];
  /** Runs whose curves the Loss chart overlays, in the order they were picked. */
  readonly selectedRunIds: readonly string[];
  /** The record of the run now in the store's curves (the recorder tracks it), or null. */
  readonly liveRecordId: string | null;
  /** Whether records survive a reload, and why not. */
  readonly labStorage: { readonly persistent: boolean; readonly message: string | null };
  setRecords(records: readonly RunRecord[]): void;
  upsertRecord(record: RunRecord): void;
  renameRecord(id: string, name: string): void;
  /** A pinned run is never dropped to keep the list to its limit. */
  setRecordPinned(id: string, pinned: boolean): void;
  removeRecord(id: string): void;
  setRunSelected(id: string, selected: boolean): void;
  setLabStorage(storage: LabSlice['labStorage']): void;
  setLiveRecordId(id: string | null): void;
  /** The sweep under way or last run (controllers/sweepController.ts), or null. */
  readonly sweep: SweepProgress | null;
  setSweep(sweep: SweepProgress | null): void;
  /** The user's own network and settings while a sweep trains its variants: what the autosave keeps meanwhile. */
  readonly sweepBase: {
    readonly graph: Graph;
    readonly hyper: Hyper;
    readonly dataset: DatasetId;
    readonly seed: number;
  } | null;
  setSweepBase(base: LabSlice['sweepBase']): void;
}

/** A sweep's progress: variant `index` of `total` ("Sweep 2/4: kernel 5…"), and the variants it skipped. */
export interface SweepProgress {
  readonly index: number;
  readonly total: number;
  readonly label: string;
  readonly skipped: readonly { readonly label: string; readonly reason: string }[];
  /** False while it trains; true once it ended or was cancelled (the skipped list stays shown). */
  readonly done: boolean;
  /** How it ended when it did not run to its end ("Sweep cancelled: you pressed Reset. …"). */
  readonly ended?: string;
}

/**
 * datasetSlice.ts — the user's own datasets in this browser (their metadata; the pixels stay in IndexedDB). Not
 * autosaved: main.tsx reads them from IndexedDB at startup.
 */
export interface DatasetSlice {
  /** Oldest first. */
  readonly userDatasets: readonly UserDatasetMeta[];
  /** Why the user's datasets cannot be kept in this browser (no IndexedDB, private mode); null when they can. */
  readonly userDatasetsError: string | null;
  setUserDatasets(list: readonly UserDatasetMeta[], error?: string | null): void;
  /** Adds a dataset, or replaces the one with its id (a rename, removed images). */
  upsertUserDataset(meta: UserDatasetMeta): void;
  /** Forgets a dataset; when it was the chosen one, MNIST is chosen instead. */
  removeUserDataset(id: UserDatasetId): void;
}

export type AppState = GraphSlice &
  TrainingSlice &
  MetricsSlice &
  UiSlice &
  LabSlice &
  DatasetSlice &
  AugmentSlice;
