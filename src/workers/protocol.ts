/**
 * Messages between the main thread and the training worker. Types only.
 * Every message carries the run id; the client drops messages of old runs.
 * Only typed arrays cross, transferred; the worker owns every tensor.
 * The values the messages carry (probe results, metrics, backend info) are the engine's types: import them from
 * there, not from here.
 */
import type { Graph, NodeId } from '../engine/graph/types';
import type { DatasetId } from '../engine/data/types';
import type { Hyper } from '../engine/train/hyper';
import type { GanHyper } from '../engine/gan/ganHyper';
import type { RbmHyper } from '../engine/rbm/rbmHyper';
import type { MetricPoint } from '../engine/train/metricPoint';
import type { ProbeRequest, ProbeResult } from '../engine/train/probes/types';
import type { BackendInfo, BackendPolicy } from '../engine/backend/types';
import type { ImportedWeight } from '../engine/import/types';

declare const runIdBrand: unique symbol;
export type RunId = string & { readonly [runIdBrand]: 'RunId' };
export const asRunId = (s: string): RunId => s as RunId;

export type ErrorCode =
  | 'badGraph'
  | 'dataset'
  | 'backend'
  | 'nonFinite'
  /** The loss exploded, or sits above chance with a zero gradient (finite values): paused, like nonFinite. */
  | 'diverged'
  | 'tooLarge'
  /** A batch-size change mid-run that does not fit: refused, the run paused at its old batch size. */
  | 'batchTooLarge'
  /** L-BFGS or conjugate gradient on a model over their parameter budget, chosen mid-run: paused, model kept. */
  | 'tooManyParameters'
  | 'notReady'
  /** A probe failed; the run itself carries on. */
  | 'probe'
  | 'internal';

export type ToWorker =
  | {
      readonly type: 'init';
      readonly runId: RunId;
      readonly graph: Graph;
      readonly dataset: DatasetId;
      readonly hyper: Hyper;
      readonly seed: number;
      readonly backend: BackendPolicy;
      /** Denoising autoencoders: std-dev of the noise added to inputs (pixels in 0..1). */
      readonly noise?: number;
      /** GAN runs: `graph` is the generator; these are both networks and the GAN settings. */
      readonly gan?: { readonly generator: Graph; readonly discriminator: Graph; readonly hyper: GanHyper };
      /** RBM runs: `graph` pictures the RBM (image → hidden → image); it trains `hidden` units by CD with these settings. */
      readonly rbm?: { readonly hidden: number; readonly hyper: RbmHyper };
      /**
       * An imported model's weights ("Import model"), named like the compiled model's: the run starts from them, and
       * Reset and a backend fallback go back to them. A set that does not fit the graph refuses the run (badGraph).
       */
      readonly weights?: readonly ImportedWeight[];
    }
  | { readonly type: 'start' | 'pause' | 'reset' | 'dispose'; readonly runId: RunId }
  | { readonly type: 'step'; readonly runId: RunId; readonly batches: number }
  | {
      readonly type: 'setHyper';
      readonly runId: RunId;
      readonly patch: Partial<Hyper>;
      readonly gan?: Partial<GanHyper>;
      readonly rbm?: Partial<RbmHyper>;
    }
  | {
      readonly type: 'freeze';
      readonly runId: RunId;
      readonly nodes: readonly NodeId[];
      readonly frozen: boolean;
    }
  /**
   * `user`: the user's own action asked for it (a control changed, a panel shown): while training it is served at
   * the next gap between chunks (workers/probeBudget.ts).
   */
  | { readonly type: 'probe'; readonly runId: RunId; readonly request: ProbeRequest; readonly user?: boolean }
  /**
   * The augmentation preview without a run: needs only the dataset, so it works before any run and while one is being
   * prepared. `runId` is the preview's own id (trainingClient.preview), not a run's; the answer is a 'probe' (or an
   * 'error') message under that id.
   */
  | {
      readonly type: 'preview';
      readonly runId: RunId;
      readonly dataset: DatasetId;
      readonly seed: number;
      readonly request: Extract<ProbeRequest, { kind: 'augmentPreview' }>;
    }
  /** Ask for the trained model as TF.js artifacts (model.json + weights.bin). */
  | { readonly type: 'export'; readonly runId: RunId };

export type FromWorker =
  | {
      readonly type: 'ready';
      readonly runId: RunId;
      readonly backend: BackendInfo;
      readonly trainCount: number;
      readonly testCount: number;
      /** Seconds the run spent in RBM pretraining before 'ready' (absent without it); counted in its training time. */
      readonly pretrainSeconds?: number;
    }
  | {
      readonly type: 'datasetProgress';
      readonly runId: RunId;
      readonly loadedBytes: number;
      readonly totalBytes: number;
    }
  | { readonly type: 'metrics'; readonly runId: RunId; readonly points: readonly MetricPoint[] }
  | { readonly type: 'probe'; readonly runId: RunId; readonly result: ProbeResult }
  | {
      readonly type: 'state';
      readonly runId: RunId;
      readonly running: boolean;
      readonly step: number;
      readonly epoch: number;
    }
  | { readonly type: 'notice'; readonly runId: RunId; readonly message: string }
  /** What the worker is doing before 'ready' ("Measuring backends: WebGL (2/3)…", "Building the model…"). */
  | {
      readonly type: 'preparing';
      readonly runId: RunId;
      readonly stage: 'backend' | 'model' | 'pretrain';
      readonly message: string;
    }
  | {
      readonly type: 'exported';
      readonly runId: RunId;
      readonly modelJson: string;
      readonly weights: ArrayBuffer;
    }
  | { readonly type: 'error'; readonly runId: RunId; readonly code: ErrorCode; readonly message: string }
  | { readonly type: 'finished'; readonly runId: RunId; readonly step: number; readonly epoch: number };
