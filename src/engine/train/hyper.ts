/** Training hyperparameters. Pure data shared by the app (controls) and the worker (training). */
import { DEFAULT_AUGMENT, type AugmentSettings } from '../data/augment';

export type OptimizerId = 'sgd' | 'momentum' | 'adam' | 'adadelta' | 'rmsprop' | 'lbfgs' | 'cg';
export type LossId = 'categoricalCrossentropy' | 'meanSquaredError' | 'binaryCrossentropy';
/**
 * How the learning rate changes over a run. 'decay': lr0 / (1 + decay · step), the notes' inverse-time decay (with
 * decay 0, constant). 'linear': from lr0 down to 0 in a straight line over the run's epochs, so the last steps are
 * small and settle the weights (a step or time limit that ends the run sooner does not shorten the schedule).
 */
export type LrSchedule = 'decay' | 'linear';
export const LR_SCHEDULES: readonly LrSchedule[] = ['decay', 'linear'];

export interface Hyper {
  readonly optimizer: OptimizerId;
  /** lr0; the effective rate follows `schedule` (effectiveLearningRate). */
  readonly learningRate: number;
  readonly momentum: number;
  /** The 'decay' schedule's rate: lr0 / (1 + decay · iteration). */
  readonly decay: number;
  readonly schedule: LrSchedule;
  readonly batchSize: number;
  readonly epochs: number;
  /** Validation on the test split every this many steps (0 = only at epoch ends). */
  readonly validateEvery: number;
  /** Only these labels are used for training and validation (transfer learning: 0–4 then 5–9). Empty = all. */
  readonly labelSubset: readonly number[];
  /** Gradients are scaled down to this global norm before each update when it is larger (0 = off). */
  readonly clipNorm: number;
  /** The run finishes at this step, whichever comes first with `epochs` (0 = no step limit). A sweep's budget in steps. */
  readonly maxSteps: number;
  /**
   * The run finishes once it has trained this many seconds (0 = no time limit): the time spent in training steps, so
   * pauses, validation and probes do not count. A sweep's budget in seconds (the same time for every optimizer).
   */
  readonly maxSeconds: number;
  /** Random changes to each training image, drawn per batch (never to the test split); all off by default. */
  readonly augment: AugmentSettings;
  /** L-BFGS: how many recent steps (and gradient changes) stand in for the curvature, "m". */
  readonly historySize: number;
  /**
   * L-BFGS and conjugate gradient: training examples per step, the same ones through the step's whole line search
   * (at most the training set: full batch). Batch size is for the first-order optimizers.
   */
  readonly secondOrderBatch: number;
  /**
   * Greedy RBM pretraining (a deep belief net): epochs each leading Dense + sigmoid layer trains as an RBM before
   * backprop starts (0 or absent = off, the layers keep their own initialisation).
   */
  readonly rbmPretrainEpochs?: number;
}

export const DEFAULT_HYPER: Hyper = {
  optimizer: 'adam',
  learningRate: 0.001,
  momentum: 0.9,
  decay: 0,
  schedule: 'decay',
  batchSize: 32,
  epochs: 1,
  validateEvery: 200,
  labelSubset: [],
  clipNorm: 0,
  maxSteps: 0,
  maxSeconds: 0,
  augment: DEFAULT_AUGMENT,
  historySize: 10,
  secondOrderBatch: 1024,
};

/** L-BFGS and conjugate gradient: line-search methods on the whole parameter vector (secondOrder/), not tf.train. */
export const isSecondOrder = (o: OptimizerId): boolean => o === 'lbfgs' || o === 'cg';

/** Training examples one step uses. */
export const examplesPerStep = (h: Pick<Hyper, 'optimizer' | 'batchSize' | 'secondOrderBatch'>): number =>
  isSecondOrder(h.optimizer) ? h.secondOrderBatch : h.batchSize;

/**
 * Whether a run at `step`, having completed `epochs` passes in `trainedMs` of training time, has used its budget.
 * (Settings saved before the time limit existed have no `maxSeconds`: no limit.)
 */
export const budgetReached = (
  h: Pick<Hyper, 'epochs' | 'maxSteps'> & Partial<Pick<Hyper, 'maxSeconds'>>,
  step: number,
  epochs: number,
  trainedMs = 0,
): boolean =>
  epochs >= h.epochs ||
  (h.maxSteps > 0 && step >= h.maxSteps) ||
  (h.maxSeconds !== undefined && h.maxSeconds > 0 && trainedMs >= h.maxSeconds * 1000);

/** How far through its epochs a run is, 0..1, from the epochs done (whole and fractional). */
export const budgetProgress = (h: Pick<Hyper, 'epochs'>, epochsDone: number): number =>
  h.epochs > 0 ? Math.min(1, Math.max(0, epochsDone / h.epochs)) : 0;

/**
 * The learning rate of step `iteration + 1` (iteration steps done), `progress` (budgetProgress) through the run.
 * Settings saved before schedules existed have none: the 'decay' schedule.
 */
export const effectiveLearningRate = (
  h: Pick<Hyper, 'learningRate' | 'decay'> & Partial<Pick<Hyper, 'schedule'>>,
  iteration: number,
  progress = 0,
): number =>
  h.schedule === 'linear'
    ? h.learningRate * Math.max(0, 1 - progress)
    : h.learningRate / (1 + h.decay * iteration);
