/**
 * A run record: what one run (one press of Train until reset or a graph change) was and how it went, kept so runs
 * can be compared, restored, exported and persisted. Plain JSON-serializable data: non-finite values are stored
 * as null, so a record survives JSON and IndexedDB unchanged.
 */
import type { Graph } from '../graph/types';
import type { DatasetId } from '../data/types';
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
}

/**
 * What the network looked like when the run stopped: the first conv layer's kernels and the activation maps of one
 * fixed test image (the same index for every run, so runs can be put side by side). Typed arrays: IndexedDB keeps
 * them as they are; the JSON export writes them as plain arrays.
 */
export interface RunSnapshot {
  /** The step the snapshot was taken at. */
  readonly step: number;
  /** The test image the maps are of. */
  readonly sampleIndex: number;
  /** The first layer with kernels (conv or transposed conv), at most SNAPSHOT_MAX_FILTERS filters; null if none. */
  readonly kernels: KernelSet | null;
  /** The input image as the network saw it. */
  readonly input: MapStack;
  /** Feature-map layers in data-flow order, at most SNAPSHOT_MAX_MAPS maps each. */
  readonly layers: readonly MapStack[];
}

/** Limits that keep a snapshot small (a few tens of KB) so 200 runs fit comfortably. */
export const SNAPSHOT_MAX_FILTERS = 32;
export const SNAPSHOT_MAX_MAPS = 16;
export const SNAPSHOT_MAX_LAYERS = 8;
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
  readonly graph: Graph;
  readonly role: Graph['role'];
  readonly dataset: DatasetId;
  /** The labels trained on (empty = all); the same as hyper.labelSubset. */
  readonly labelSubset: readonly number[];
  readonly hyper: Hyper;
  readonly seed: number;
  /** The TF.js backend it ran on ('webgl', 'wasm', 'cpu'…), null when unknown. */
  readonly backend: string | null;
  readonly params: number;
  readonly trainableParams: number;
  /** 2 · multiply-adds per example, from shape inference. */
  readonly flopsPerExample: number;
  /** Steps (batches) trained. */
  readonly steps: number;
  /** The epoch the run ended in (as the worker counts it). */
  readonly epochs: number;
  readonly wallTimeMs: number;
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
  readonly dataset: DatasetId;
  readonly hyper: Hyper;
  readonly seed: number;
  readonly backend: string | null;
  /** The run's metric history (as the store keeps it), oldest first. */
  readonly points: readonly MetricPoint[];
  readonly wallTimeMs: number;
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

/**
 * Builds the record: parameters and FLOPs per example (2 · multiply-adds) from shape inference, final and best
 * validation numbers from the whole-test-split validations when there are any (before the curves are thinned), steady-state examples/s, and the
 * epochs trained as a fraction (1.5 = one and a half passes over the training set).
 */
export function makeRunRecord(input: RunRecordInput): RunRecord {
  const t = totals(inferShapes(input.graph));
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
    examplesPerSec: steadyRate(pts),
    finalValAccuracy: lastOf(valAcc),
    bestValAccuracy: valAcc.length > 0 ? Math.max(...valAcc) : null,
    finalValLoss: lastOf(valLoss),
    bestValLoss: valLoss.length > 0 ? Math.min(...valLoss) : null,
    changes: input.changes,
    curves: curvesFromPoints(pts, input.maxCurvePoints),
  };
}
