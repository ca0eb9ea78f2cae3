/**
 * Wires the engine into WorkerDeps: the TF.js trainer, graph validation, size estimates and backend selection.
 * The browser worker and the Node tests differ only in the parts passed in (backend env, dataset loader, yield).
 */
import type { BackendEnv } from '../engine/backend/select';
import { BackendSelector } from '../engine/backend/select';
import { isUserDatasetId, type Dataset, type DatasetId } from '../engine/data/types';
import type { Graph } from '../engine/graph/types';
import { assertNever } from '../engine/assertNever';
import type { GraphIssue } from '../engine/graph/issues';
import { inferShapes, totals } from '../engine/graph/shapes';
import { validateGraph } from '../engine/graph/validate';
import { createTrainer } from '../engine/train/createTrainer';
import { createGanAsTrainer } from '../engine/gan/ganAsTrainer';
import { createRbmAsTrainer } from '../engine/rbm/rbmAsTrainer';
import type { Trainer, TrainerOptions } from '../engine/train/trainer';
import type { DeviceLimits } from './sizeCheck';
import type { LoopTuning, WorkerDeps } from './workerState';
import type { ModelSize } from './sizeCheck';

export interface DepsParts {
  readonly env: BackendEnv;
  readonly loadDataset: WorkerDeps['loadDataset'];
  /** validateGraph against the dataset's image shape and classes unless given. */
  readonly validate?: WorkerDeps['validate'];
  readonly yieldToEventLoop: () => Promise<void>;
  readonly now?: () => number;
  readonly memoryBudgetBytes?: number;
  /** The device's memory and GPU limits (the worker asks the browser; Node tests tell nothing by default). */
  readonly deviceLimits?: () => Promise<DeviceLimits>;
  readonly tuning?: Partial<LoopTuning>;
}

/**
 * Issues of `graph` for the dataset: every dataset the app ships is 28×28 grey with 10 classes (MNIST, Fashion-MNIST,
 * procedural); a loaded dataset (a user's, whose shape is known only then) is checked against its own shape and classes.
 */
export function validateForDataset(
  graph: Graph,
  dataset: DatasetId,
  labelSubset: readonly number[] = [],
  loaded?: Pick<Dataset, 'shape' | 'classNames'>,
): readonly GraphIssue[] {
  if (loaded)
    return validateGraph(graph, { imageShape: loaded.shape, classes: loaded.classNames.length, labelSubset });
  switch (dataset) {
    case 'mnist':
    case 'fashion-mnist':
    case 'procedural':
      return validateGraph(graph, { imageShape: [28, 28, 1], classes: 10, labelSubset });
    default:
      // A user dataset's shape and classes are known once it is loaded (initRun loads it first, then passes them).
      if (isUserDatasetId(dataset)) return [];
      return assertNever(dataset);
  }
}

export function modelSize(graph: Graph): ModelSize | null {
  const info = inferShapes(graph);
  for (const i of info.values()) if (i.output === null) return null;
  const t = totals(info);
  let largestWeightBytes = 0;
  let largestActivationBytes = 0;
  for (const i of info.values()) {
    largestWeightBytes = Math.max(largestWeightBytes, i.params * 4);
    largestActivationBytes = Math.max(largestActivationBytes, i.activationBytes);
  }
  return {
    params: t.params,
    trainableParams: t.trainableParams,
    activationBytes: t.activationBytes,
    largestWeightBytes,
    largestActivationBytes,
  };
}

/** A GAN run when the options carry both networks, an RBM run with RBM settings, else the classifier/autoencoder trainer. */
export function createAnyTrainer(opts: TrainerOptions): Trainer {
  const { gan, rbm, ...rest } = opts;
  if (rbm !== undefined)
    return createRbmAsTrainer({
      dataset: opts.dataset,
      hyper: opts.hyper,
      rbm: rbm.hyper,
      hidden: rbm.hidden,
      seed: opts.seed,
    });
  if (gan === undefined) return createTrainer(rest);
  return createGanAsTrainer({
    generator: gan.generator,
    discriminator: gan.discriminator,
    dataset: opts.dataset,
    hyper: opts.hyper,
    gan: gan.hyper,
    seed: opts.seed,
  });
}

export function createWorkerDeps(parts: DepsParts): WorkerDeps {
  const selector = new BackendSelector(parts.env);
  const deps: WorkerDeps = {
    loadDataset: parts.loadDataset,
    createTrainer: createAnyTrainer,
    validate: parts.validate ?? validateForDataset,
    modelSize,
    deviceLimits: parts.deviceLimits ?? (() => Promise.resolve({})),
    selectBackend: (policy, params, measure, opts) => selector.select(policy, params, measure, opts),
    fallbackBackend: (failed, info, tried) => selector.fallback(failed, info, tried),
    now: parts.now ?? (() => performance.now()),
    yieldToEventLoop: parts.yieldToEventLoop,
  };
  return {
    ...deps,
    ...(parts.memoryBudgetBytes !== undefined ? { memoryBudgetBytes: parts.memoryBudgetBytes } : {}),
    ...(parts.tuning ? { tuning: parts.tuning } : {}),
  };
}
