/**
 * The contract between the training worker and the engine's TF.js side.
 * Implemented in src/engine/train/createTrainer.ts (TF.js only there and in src/engine/compile).
 */
import type { Graph, NodeId } from '../graph/types';
import type { Dataset } from '../data/types';
import type { Hyper } from './hyper';
import type { GanHyper } from '../gan/ganHyper';
import type { RbmHyper } from '../rbm/rbmHyper';
import type { ProbeRequest, ProbeResult } from './probes/types';

export interface BatchStats {
  /** Per-batch training loss and accuracy (NaN accuracy where it has no meaning), read back once per call. */
  readonly losses: Float32Array;
  readonly accuracies: Float32Array;
  /** The learning rate each step trained with (classifier and autoencoder runs; others leave it out). */
  readonly learningRates?: Float64Array;
  /** GAN runs: per-iteration discriminator/generator losses and mean D outputs (losses then holds the G loss). */
  readonly gan?: {
    readonly dLoss: Float32Array;
    readonly gLoss: Float32Array;
    readonly dReal: Float32Array;
    readonly dFake: Float32Array;
  };
  /** RBM runs: pseudo-log-likelihood, measured on some batches (NaN on the others); `losses` is the reconstruction error. */
  readonly rbm?: { readonly pseudoLikelihood: Float32Array };
}

/** Weights copied to CPU memory, to restore after a backend failure. */
export interface Checkpoint {
  readonly step: number;
  readonly weights: readonly {
    readonly name: string;
    readonly shape: readonly number[];
    readonly values: Float32Array;
  }[];
}

export interface Trainer {
  /** Global step (batches trained so far) and epoch (0-based); progress through the current epoch, 0..1. */
  readonly step: number;
  readonly epoch: number;
  readonly epochProgress: number;
  readonly hyper: Hyper;
  /** Applied at the next batch, no restart. */
  setHyper(patch: Partial<Hyper>): void;
  setFrozen(nodes: readonly NodeId[], frozen: boolean): void;
  /** GAN runs only: change the GAN settings at the next iteration. */
  setGanHyper?(patch: Partial<GanHyper>): void;
  /** RBM runs only: change the RBM settings at the next step. */
  setRbmHyper?(patch: Partial<RbmHyper>): void;
  /**
   * Trains n mini-batches (tf.tidy per step; one readback for all n). Rejects with a NonFiniteError on NaN/Inf and a
   * DivergedError when the loss explodes or sticks (divergence.ts).
   */
  trainBatches(n: number): Promise<BatchStats>;
  /** Loss and accuracy on (up to `limit` examples of) the test split. */
  evaluate(limit?: number): Promise<{ loss: number; accuracy: number }>;
  probe(request: ProbeRequest): Promise<ProbeResult>;
  checkpoint(): Promise<Checkpoint>;
  restore(checkpoint: Checkpoint): void;
  /** TF.js artifacts (model.json text + one weights buffer), loadable by tf.loadLayersModel. */
  exportModel(): Promise<{ modelJson: string; weights: ArrayBuffer }>;
  dispose(): void;
}

export class NonFiniteError extends Error {
  constructor(
    readonly node: NodeId | null,
    message: string,
  ) {
    super(message);
    this.name = 'NonFiniteError';
  }
}

/**
 * The loss exploded or got stuck above chance with a zero gradient (divergence.ts), though every value is finite.
 * A NonFiniteError in all but name, so every path that pauses on NaN pauses on this too; the worker tells them apart.
 */
export class DivergedError extends NonFiniteError {
  constructor(
    node: NodeId | null,
    readonly kind: 'exploding' | 'stuck',
    message: string,
  ) {
    super(node, message);
    this.name = 'DivergedError';
  }
}

export interface TrainerOptions extends TrainerExtras {
  readonly graph: Graph;
  readonly dataset: Dataset;
  readonly hyper: Hyper;
  readonly seed: number;
}

/** What a run adds beyond graph, data and settings: input noise (denoising autoencoders) or a GAN's two networks. */
export interface TrainerExtras {
  readonly noise?: number;
  readonly gan?: { readonly generator: Graph; readonly discriminator: Graph; readonly hyper: GanHyper };
  /** RBM runs: `graph` only pictures it; the RBM has `hidden` units and trains with these settings. */
  readonly rbm?: { readonly hidden: number; readonly hyper: RbmHyper };
}
