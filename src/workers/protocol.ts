/**
 * Messages between the main thread and the training worker. Types only.
 * Every message carries the run id; the client drops messages of old runs.
 * Only typed arrays cross, transferred; the worker owns every tensor.
 */
import type { Graph, NodeId } from '../engine/graph/types';
import type { DatasetId } from '../engine/data/types';
import type { Hyper } from '../engine/train/hyper';
import type { GanHyper } from '../engine/gan/ganHyper';

declare const runIdBrand: unique symbol;
export type RunId = string & { readonly [runIdBrand]: 'RunId' };
export const asRunId = (s: string): RunId => s as RunId;

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

/** How the UI and the worker's progress messages name each backend. */
export const BACKEND_LABEL: Readonly<Record<BackendName, string>> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WASM',
  cpu: 'CPU',
};
export type BackendPolicy = 'auto' | BackendName;

export interface BackendInfo {
  readonly name: BackendName;
  /** e.g. the WebGPU adapter description, "SwiftShader", "WASM SIMD". */
  readonly adapter: string;
  /** Why this backend was chosen, in words. */
  readonly reason: string;
  /** Measured examples/s per backend tried (auto policy). */
  readonly measured: readonly {
    readonly backend: BackendName;
    readonly examplesPerSec: number | null;
    readonly note: string;
  }[];
}

export interface MetricPoint {
  readonly step: number;
  readonly epoch: number;
  readonly examplesPerSec: number;
  readonly loss: number;
  /** NaN where the model has no accuracy (autoencoder). */
  readonly accuracy: number;
  readonly valLoss?: number;
  readonly valAccuracy?: number;
  /** Fraction of the current epoch done, 0..1. */
  readonly epochProgress: number;
  readonly learningRate: number;
  /** GAN runs: discriminator and generator losses, mean D(x) on real and D(G(z)) on generated images. */
  readonly gan?: {
    readonly dLoss: number;
    readonly gLoss: number;
    readonly dReal: number;
    readonly dFake: number;
  };
}

export type ProbeRequest =
  | { readonly kind: 'kernels'; readonly gradients: boolean }
  | { readonly kind: 'activations'; readonly sample: SampleRef }
  | { readonly kind: 'pooling'; readonly node: NodeId; readonly sample: SampleRef }
  | { readonly kind: 'deadRelu' }
  | { readonly kind: 'health' }
  /** `limit`: at most this many validation examples (the worker caps it on slow backends to keep probes cheap). */
  | { readonly kind: 'confusion'; readonly limit?: number }
  | { readonly kind: 'predict'; readonly sample: SampleRef }
  | { readonly kind: 'samples'; readonly split: 'train' | 'test'; readonly indices: readonly number[] }
  /** GAN runs: the fixed-noise grid, and optionally a slerp path between two of its cells (indices into the grid). */
  /** Autoencoders: the first `count` test images (noisy when the run adds noise) and the model's reconstructions. */
  | { readonly kind: 'reconstruct'; readonly count: number }
  | {
      readonly kind: 'ganSamples';
      readonly interpolate?: { readonly a: number; readonly b: number; readonly steps: number };
    };

/** A test-set image by index, or a user-drawn image (28×28 uint8, already centred and scaled). */
export type SampleRef =
  { readonly from: 'test'; readonly index: number } | { readonly from: 'drawn'; readonly pixels: Uint8Array };

/** Quantised picture stack: `count` maps of h×w, uint8, each normalised to 0..255 with its own range. */
export interface MapStack {
  readonly node: NodeId;
  readonly h: number;
  readonly w: number;
  readonly count: number;
  readonly data: Uint8Array;
  /** Per-map min and max of the raw values, so the legend is honest. */
  readonly min: Float32Array;
  readonly max: Float32Array;
}

export interface KernelSet {
  readonly node: NodeId;
  readonly kh: number;
  readonly kw: number;
  readonly inChannels: number;
  readonly filters: number;
  /** Raw float weights (or gradients), layout [kh, kw, in, out] as TF.js stores them. */
  readonly values: Float32Array;
  /** GAN runs: the network the layer belongs to (node ids of the two networks may coincide). */
  readonly network?: GanNetwork;
}

export type GanNetwork = 'generator' | 'discriminator';

export interface LayerHealth {
  readonly node: NodeId;
  readonly weightNorm: number;
  readonly gradNorm: number;
  readonly updateRatio: number;
  readonly nonFinite: boolean;
}

export type ProbeResult =
  | {
      readonly kind: 'kernels';
      readonly gradients: boolean;
      readonly step: number;
      readonly layers: readonly KernelSet[];
    }
  | {
      readonly kind: 'activations';
      readonly step: number;
      readonly input: MapStack;
      readonly layers: readonly MapStack[];
      /**
       * GAN runs: `input`/`layers` are the discriminator's maps of the real image; these are its maps of a generated
       * one, G(z) for cell `index` of the fixed-noise grid.
       */
      readonly fake?: {
        readonly index: number;
        readonly input: MapStack;
        readonly layers: readonly MapStack[];
      };
    }
  | {
      readonly kind: 'pooling';
      readonly step: number;
      readonly node: NodeId;
      readonly input: MapStack;
      readonly output: MapStack;
      /** For max pooling: per output cell, the flat index (y * w + x) into its input map of the winning cell. */
      readonly argmax: Int32Array | null;
    }
  | {
      readonly kind: 'deadRelu';
      readonly step: number;
      readonly layers: readonly {
        readonly node: NodeId;
        readonly deadFraction: number;
        readonly zeroFraction: number;
      }[];
    }
  | { readonly kind: 'health'; readonly step: number; readonly layers: readonly LayerHealth[] }
  | {
      readonly kind: 'confusion';
      readonly step: number;
      readonly classes: number;
      /** Row = true class, column = predicted; counts. */
      readonly matrix: Int32Array;
      /** Up to 16 test indices per cell, -1 padded: layout [true][pred][16]. */
      readonly examples: Int32Array;
    }
  | {
      readonly kind: 'predict';
      readonly step: number;
      readonly probabilities: Float32Array;
      readonly label: number | null;
    }
  | {
      readonly kind: 'samples';
      readonly split: 'train' | 'test';
      readonly indices: readonly number[];
      readonly labels: Uint8Array;
      readonly pixels: Uint8Array;
    }
  | {
      readonly kind: 'reconstruct';
      readonly step: number;
      readonly count: number;
      readonly h: number;
      readonly w: number;
      /** What the model was given (with noise for denoising runs), and its outputs; uint8, count×h×w each. */
      readonly inputs: Uint8Array;
      readonly outputs: Uint8Array;
    }
  | {
      readonly kind: 'ganSamples';
      readonly step: number;
      /** `count` images of h×w (one channel), uint8, the fixed-noise grid in row-major order. */
      readonly count: number;
      readonly h: number;
      readonly w: number;
      readonly pixels: Uint8Array;
      /** `interpolationSteps` images along slerp(z_a, z_b), or null. */
      readonly interpolation: Uint8Array | null;
      readonly interpolationSteps: number;
      /** Diversity of the grid: mean pairwise L2 distance between samples divided by that of real images (≈1 healthy, ≪1 collapse). */
      readonly diversity: number;
    };

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
    }
  | { readonly type: 'start' | 'pause' | 'reset' | 'dispose'; readonly runId: RunId }
  | { readonly type: 'step'; readonly runId: RunId; readonly batches: number }
  | {
      readonly type: 'setHyper';
      readonly runId: RunId;
      readonly patch: Partial<Hyper>;
      readonly gan?: Partial<GanHyper>;
    }
  | {
      readonly type: 'freeze';
      readonly runId: RunId;
      readonly nodes: readonly NodeId[];
      readonly frozen: boolean;
    }
  | { readonly type: 'probe'; readonly runId: RunId; readonly request: ProbeRequest }
  /** Ask for the trained model as TF.js artifacts (model.json + weights.bin). */
  | { readonly type: 'export'; readonly runId: RunId };

export type FromWorker =
  | {
      readonly type: 'ready';
      readonly runId: RunId;
      readonly backend: BackendInfo;
      readonly trainCount: number;
      readonly testCount: number;
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
      readonly stage: 'backend' | 'model';
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
