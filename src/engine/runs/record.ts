/**
 * A run record: what one run (one press of Train until reset or a graph change) was and how it went, kept so runs
 * can be compared, restored, exported and persisted. Plain JSON-serializable data: non-finite values are stored
 * as null, so a record survives JSON and IndexedDB unchanged.
 */
import type { Graph } from '../graph/types';
import type { DatasetId } from '../data/types';
import type { GanHyper } from '../gan/ganHyper';
import type { Hyper } from '../train/hyper';
import type { MetricPoint } from '../train/metricPoint';
import type { KernelSet, MapStack } from '../train/probes/types';
import { inferShapes, totals } from '../graph/shapes';
import { curvesFromPoints } from './curves';
import { steadyRate } from './steadyRate';

/**
 * A run's curves, decimated. Train points and validation points are separate series because validation happens
 * only every few steps. null = not a finite number (no accuracy for an autoencoder, a diverged loss).
 */
export interface RunCurves {
  readonly steps: readonly number[];
  readonly loss: readonly (number | null)[];
  readonly accuracy: readonly (number | null)[];
  readonly valSteps: readonly number[];
  readonly valLoss: readonly (number | null)[];
  readonly valAccuracy: readonly (number | null)[];
  /**
   * GAN runs: discriminator and generator losses, D(x) and D(G(z)), one value per entry of `steps` (what a GAN run's
   * live curve shows in Loss). Absent for other runs and for records made before GAN runs were kept.
   */
  readonly gan?: RunGanCurves;
  /**
   * Training time in seconds at each entry of `steps` and of `valSteps` (pauses not counted), so runs can be compared
   * against time. Absent in records made before it was measured.
   */
  readonly seconds?: readonly (number | null)[];
  readonly valSeconds?: readonly (number | null)[];
}

export interface RunGanCurves {
  readonly dLoss: readonly (number | null)[];
  readonly gLoss: readonly (number | null)[];
  readonly dReal: readonly (number | null)[];
  readonly dFake: readonly (number | null)[];
}

/** A GAN run's two networks. */
export interface RunGanGraphs {
  readonly generator: Graph;
  readonly discriminator: Graph;
}

/** The generator's fixed-noise grid (GAN runs' picture): `count` images of h×w, uint8, row-major. */
export interface RunSamples {
  readonly count: number;
  readonly h: number;
  readonly w: number;
  /** 1 (grey) or 3 (RGB); records from before colour have none (grey). */
  readonly channels?: number;
  /** count × h × w × channels, channel-last. */
  readonly pixels: Uint8Array;
}

/**
 * What the network looked like when the run stopped: the first conv layer's kernels and the activation maps of one
 * fixed test image (the same index for every run, so runs can be put side by side). Typed arrays: IndexedDB keeps
 * them as they are; the JSON export writes them as plain arrays.
 *
 * GAN runs: `samples` is the generator's fixed-noise grid (the same noise all run long, so two runs' grids compare),
 * `kernels` the discriminator's first conv (or null), and there are no activation maps (`input` absent, `layers`
 * empty): the generator's input is a vector, not a picture.
 */
export interface RunSnapshot {
  /** The step the snapshot was taken at. */
  readonly step: number;
  /** The test image the maps are of. */
  readonly sampleIndex: number;
  /** The first layer with kernels (conv or transposed conv), at most SNAPSHOT_MAX_FILTERS filters; null if none. */
  readonly kernels: KernelSet | null;
  /** The input image as the network saw it; absent for GAN runs. */
  readonly input?: MapStack;
  /** Feature-map layers in data-flow order, at most SNAPSHOT_MAX_MAPS maps each. */
  readonly layers: readonly MapStack[];
  /** GAN runs: the generator's fixed-noise samples, at most SNAPSHOT_MAX_SAMPLES of them. */
  readonly samples?: RunSamples;
}

/** Limits that keep a snapshot small (a few tens of KB) so 200 runs fit comfortably. */
export const SNAPSHOT_MAX_FILTERS = 32;
export const SNAPSHOT_MAX_MAPS = 16;
export const SNAPSHOT_MAX_LAYERS = 8;
/** GAN runs: the first this many images of the fixed-noise grid (a 4×4 grid, about 12 KB at 28×28). */
export const SNAPSHOT_MAX_SAMPLES = 16;
/** Every run's snapshot shows this test image. */
export const SNAPSHOT_SAMPLE_INDEX = 0;

export interface RunRecord {
  /** Unique, e.g. `run-${createdAt}-${counter}`. */
  readonly id: string;
  /** Editable; default 'Run N'. */
  readonly name: string;
  /** Start time, ms since the epoch. */
  readonly createdAt: number;
  /** Pinned runs are never dropped by the cap. */
  readonly pinned: boolean;
  /** The network the editor showed when the run started (for a GAN run: one of its two networks, see `gan`). */
  readonly graph: Graph;
  readonly role: Graph['role'];
  /** GAN runs: both networks; null or absent (records from before GAN runs were kept) for other runs. */
  readonly gan?: RunGanGraphs | null;
  /** GAN runs: the GAN settings (learning rates, steps per iteration, loss…); null or absent for other runs. */
  readonly ganHyper?: GanHyper | null;
  readonly dataset: DatasetId;
  /** The labels trained on (empty = all); the same as hyper.labelSubset. */
  readonly labelSubset: readonly number[];
  readonly hyper: Hyper;
  readonly seed: number;
  /** The TF.js backend it ran on ('webgl', 'wasm', 'cpu'…), null when unknown. */
  readonly backend: string | null;
  /** Weights of the network; a GAN run's counts both networks (generator + discriminator). */
  readonly params: number;
  readonly trainableParams: number;
  /**
   * 2 · multiply-adds per example, from shape inference. For a GAN run: one generator forward pass plus one
   * discriminator forward pass per example (making one fake image and judging one image), without backward passes.
   */
  readonly flopsPerExample: number;
  /** Steps (batches) trained. */
  readonly steps: number;
  /** The epoch the run ended in (as the worker counts it). */
  readonly epochs: number;
  readonly wallTimeMs: number;
  /** Of wallTimeMs, the RBM pretraining before backprop started (absent when the run had none). */
  readonly pretrainMs?: number;
  /** Steady-state training speed (see steadyRate.ts); null with too few points. */
  readonly examplesPerSec: number | null;
  readonly finalValAccuracy: number | null;
  readonly bestValAccuracy: number | null;
  readonly finalValLoss: number | null;
  readonly bestValLoss: number | null;
  /** What differs from the previous run, in words (see changes.ts). */
  readonly changes: readonly string[];
  readonly curves: RunCurves;
  /**
   * Kernels and activation maps at the end (see RunSnapshot): undefined while none was asked for yet, null when the
   * run could not give one (a record from before snapshots, a failed probe).
   */
  readonly snapshot?: RunSnapshot | null;
}

/** What a finished run hands over to become a record. */
export interface RunRecordInput {
  readonly id: string;
  readonly name: string;
  readonly createdAt: number;
  readonly pinned?: boolean;
  readonly graph: Graph;
  /** GAN runs: both networks and the GAN settings. */
  readonly gan?: RunGanGraphs | null;
  readonly ganHyper?: GanHyper | null;
  readonly dataset: DatasetId;
  readonly hyper: Hyper;
  readonly seed: number;
  readonly backend: string | null;
  /** The run's metric history (as the store keeps it), oldest first. */
  readonly points: readonly MetricPoint[];
  readonly wallTimeMs: number;
  readonly pretrainMs?: number;
  readonly changes: readonly string[];
  /** Points kept per curve (default MAX_CURVE_POINTS). */
  readonly maxCurvePoints?: number;
}

/** A unique record id from the start time and a per-session counter. */
export const runRecordId = (createdAt: number, counter: number): string => `run-${createdAt}-${counter}`;

/** The default name of the n-th run (1-based). */
export const defaultRunName = (n: number): string => `Run ${n}`;

const finite = (xs: readonly (number | undefined)[]): number[] =>
  xs.filter((x): x is number => x !== undefined && Number.isFinite(x));

const lastOf = (xs: readonly number[]): number | null =>
  xs.length > 0 ? (xs[xs.length - 1] as number) : null;

/** Parameters and multiply-adds per example of the run's network(s): a GAN run's are the sum of its two networks. */
function countsOf(input: Pick<RunRecordInput, 'graph' | 'gan'>): {
  params: number;
  trainableParams: number;
  macs: number;
} {
  const graphs = input.gan ? [input.gan.generator, input.gan.discriminator] : [input.graph];
  const sum = { params: 0, trainableParams: 0, macs: 0 };
  for (const g of graphs) {
    const t = totals(inferShapes(g));
    sum.params += t.params;
    sum.trainableParams += t.trainableParams;
    sum.macs += t.macs;
  }
  return sum;
}

/**
 * Builds the record: parameters and FLOPs per example (2 · multiply-adds) from shape inference, final and best
 * validation numbers from the whole-test-split validations when there are any (before the curves are thinned), steady-state examples/s, and the
 * epochs trained as a fraction (1.5 = one and a half passes over the training set).
 */
export function makeRunRecord(input: RunRecordInput): RunRecord {
  const t = countsOf(input);
  const gan = input.gan ?? null;
  const pts = input.points;
  // Best and final come from the validations on the whole test split when there are any: the quick mid-epoch
  // checks (a few hundred examples) are too noisy to take a maximum over (they reach 100% by chance).
  const full = pts.filter((p) => p.valFull === true);
  const judged = full.length > 0 ? full : pts;
  const valAcc = finite(judged.map((p) => p.valAccuracy));
  const valLoss = finite(judged.map((p) => p.valLoss));
  const last = pts[pts.length - 1];
  return {
    id: input.id,
    name: input.name,
    createdAt: input.createdAt,
    pinned: input.pinned ?? false,
    graph: input.graph,
    role: input.graph.role,
    // Only GAN records carry the GAN fields: other records stay as they were.
    ...(gan ? { gan, ganHyper: input.ganHyper ?? null } : {}),
    dataset: input.dataset,
    labelSubset: input.hyper.labelSubset,
    hyper: input.hyper,
    seed: input.seed,
    backend: input.backend,
    params: t.params,
    trainableParams: t.trainableParams,
    flopsPerExample: 2 * t.macs,
    steps: last?.step ?? 0,
    epochs: last ? last.epoch + last.epochProgress : 0,
    wallTimeMs: input.wallTimeMs,
    ...(input.pretrainMs !== undefined ? { pretrainMs: input.pretrainMs } : {}),
    examplesPerSec: steadyRate(pts),
    finalValAccuracy: lastOf(valAcc),
    bestValAccuracy: valAcc.length > 0 ? Math.max(...valAcc) : null,
    finalValLoss: lastOf(valLoss),
    bestValLoss: valLoss.length > 0 ? Math.min(...valLoss) : null,
    changes: input.changes,
    curves: curvesFromPoints(pts, input.maxCurvePoints),
  };
}
