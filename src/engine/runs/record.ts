/**
 * A run record: what one run (one press of Train until reset or a graph change) was and how it went, kept so runs
 * can be compared, restored, exported and persisted. Plain JSON-serializable data: non-finite values are stored
 * as null, so a record survives JSON and IndexedDB unchanged.
 */
import type { Graph } from '../graph/types';
import type { DatasetId } from '../data/types';
import type { Hyper } from '../train/hyper';

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
}
