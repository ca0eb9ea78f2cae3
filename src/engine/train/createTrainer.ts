/**
 * The TF.js trainer behind the worker: a custom loop (variableGrads + optimizer) so hyperparameters, frozen layers and
 * the label subset change between batches without a restart, and losses are read back once per trainBatches call.
 */
import * as tf from '@tensorflow/tfjs';
import { compileGraph } from '../compile/compile';
import type { NodeId } from '../graph/types';
import { PAD_SUFFIX } from '../compile/compile';
import { deriveSeed } from '../compile/seeds';
import { budgetProgress, effectiveLearningRate, isSecondOrder } from './hyper';
import type { Hyper } from './hyper';
import type { BatchStats, Checkpoint, Trainer, TrainerOptions } from './trainer';
import {
  EpochSampler,
  imagesTensor,
  labelsTensor,
  makeLabelMap,
  subsetIndices,
  type BatchAugment,
} from './batches';
import { augmentActive } from '../data/augment';
import { mulberry32 } from '../data/random';
import { correctCount, lossOf, targetFor } from './losses';
import { disposeOptimizer, makeOptimizer, setLearningRate, setMomentum } from './optimizer';
import { nonFiniteError } from './nonFinite';
import { clipByGlobalNorm, globalNorm } from './clipGradients';
import { DivergenceGuard } from './divergence';
import { divergedError } from './divergenceReport';
import { exportArtifacts, restoreCheckpoint, takeCheckpoint } from './weights';
import { reseedDropout } from './dropoutSeeds';
import { runProbe } from './probes/runProbe';
import type { TrainContext } from './context';
import type { ProbeRequest, ProbeResult } from './probes/types';
import { registerBatchNormGradient } from './batchNormGrad';
import { CHUNK, SecondOrderStepper } from './secondOrder/trainerStep';

export interface EngineTrainerOptions extends TrainerOptions {
  /** Denoising autoencoders: std-dev of the Gaussian noise added to inputs (pixels in 0..1) while training. */
  readonly noise?: number;
  /** The divergence guard (divergence.ts) is on unless this is false (throughput measurements). */
  readonly divergenceGuard?: boolean;
}

// Batch norm's gradient without TF.js's tile (batchNormGrad.ts), for every trainer on every backend.
registerBatchNormGradient();

const EVAL_BATCH = 256;

type StepTensors = { loss: tf.Scalar; correct: tf.Scalar | null; norm: tf.Scalar | null; n: number };
/** The seed stream of the training batches' augmentation (999 is the denoising noise's). */
const AUGMENT_STREAM = 777;

export function createTrainer(opts: EngineTrainerOptions): Trainer {
  const { graph, dataset, seed } = opts;
  const noise = opts.noise ?? 0;
  const model = compileGraph(graph, { seed });
  const target = targetFor(graph);
  const outShape = model.outputs[0]?.shape ?? [];
  const classes = outShape[outShape.length - 1] ?? 0;
  const datasetClasses = dataset.classNames.length;

  let hyper: Hyper = opts.hyper;
  let step = 0;
  let disposed = false;
  let labelMap = makeLabelMap(hyper.labelSubset, classes, datasetClasses);
  let testPool = subsetIndices(dataset.test, hyper.labelSubset);
  const sampler = new EpochSampler(subsetIndices(dataset.train, hyper.labelSubset), seed);
  let optimizer: tf.Optimizer | null = null;
  let optimizerLr = NaN;
  let trainableVars: tf.Variable[] = [];
  const secondOrder = new SecondOrderStepper();
  const guard =
    opts.divergenceGuard === false
      ? null
      : new DivergenceGuard({ chance: target === 'labels' && classes > 1 ? Math.log(classes) : NaN });

  const collectVars = (): tf.Variable[] => model.trainableWeights.map((w) => w.read() as tf.Variable);
  const currentLr = (): number =>
    effectiveLearningRate(hyper, step, budgetProgress(hyper, sampler.epoch + sampler.progress));
  const dropOptimizer = (): void => {
    if (optimizer !== null) disposeOptimizer(optimizer);
    optimizer = null;
    secondOrder.reset();
  };
  const ensureOptimizer = (): tf.Optimizer => {
    const lr = currentLr();
    if (optimizer === null) {
      optimizer = makeOptimizer(hyper, lr);
      optimizerLr = lr;
      trainableVars = collectVars();
    } else if (lr !== optimizerLr) {
      setLearningRate(optimizer, lr);
      optimizerLr = lr;
    }
    return optimizer;
  };
  trainableVars = collectVars();

  const assertLive = (): void => {
    if (disposed) throw new Error('Trainer used after dispose()');
  };

  /**
   * The input (noisy for a denoising autoencoder) and target of examples `idx` this step. Augmentation (when on) is
   * drawn per step from the run's seed, so a run and its restore see the same batches; part k > 0 (a chunk of a
   * second-order step) draws its own. Call inside tf.tidy.
   */
  const batchTensors = (idx: Int32Array, part = 0): { xIn: tf.Tensor; y: tf.Tensor } => {
    const stream = (s: number): number =>
      part === 0
        ? deriveSeed(deriveSeed(seed, step), s)
        : deriveSeed(deriveSeed(deriveSeed(seed, step), s), part);
    const aug: BatchAugment | undefined =
      hyper.augment && augmentActive(hyper.augment)
        ? { settings: hyper.augment, rng: mulberry32(stream(AUGMENT_STREAM)) }
        : undefined;
    const x = imagesTensor(dataset.train, dataset.shape, idx, aug);
    const y = target === 'labels' ? labelsTensor(dataset.train, idx, classes, labelMap) : x;
    const xIn =
      noise > 0
        ? tf.clipByValue(tf.add(x, tf.randomNormal(x.shape, 0, noise, 'float32', stream(999))), 0, 1)
        : x;
    return { xIn, y };
  };

  /** One L-BFGS or conjugate gradient step on a fixed batch of `secondOrderBatch` examples (secondOrder/). */
  const secondOrderStep = async (): Promise<StepTensors> => {
    const idx = sampler.next(hyper.secondOrderBatch);
    const [h, w, c] = dataset.shape;
    const r = await secondOrder.step(hyper, {
      vars: trainableVars,
      batch: {
        count: idx.length,
        chunks: Math.ceil(idx.length / CHUNK),
        size: (k) => Math.min(CHUNK, idx.length - k * CHUNK),
        tensors: (k) =>
          tf.tidy(() => {
            const { xIn, y } = batchTensors(idx.subarray(k * CHUNK, (k + 1) * CHUNK), k);
            return { x: xIn, y };
          }),
        floatsPerExample: h * w * c + (target === 'labels' ? classes : h * w * c),
      },
      loss: (x, y, correct) => {
        const pred = model.apply(x, { training: true }) as tf.Tensor;
        if (target === 'labels') correct(correctCount(y, pred));
        return lossOf(target, y, pred);
      },
      beforePass: () => reseedDropout(model, seed, step),
    });
    step++;
    return { loss: r.loss, correct: r.correct, norm: r.norm, n: idx.length };
  };

  /**
   * One step; returns the loss, the correct count and the global gradient norm before clipping (null when nothing
   * is trainable, or neither the guard nor clipping needs it) as scalars the caller must dispose.
   */
  const trainStep = (): StepTensors => {
    const opt = ensureOptimizer();
    const idx = sampler.next(hyper.batchSize);
    reseedDropout(model, seed, step);
    const held: { correct: tf.Scalar | null; norm: tf.Scalar | null } = { correct: null, norm: null };
    const loss = tf.tidy(() => {
      const { xIn, y } = batchTensors(idx);
      const f = (): tf.Scalar => {
        const pred = model.apply(xIn, { training: true }) as tf.Tensor;
        if (target === 'labels') held.correct = tf.keep(correctCount(y, pred));
        return lossOf(target, y, pred);
      };
      if (trainableVars.length === 0) return f();
      const { value, grads } = tf.variableGrads(f, trainableVars);
      if (guard === null && !(hyper.clipNorm > 0)) {
        opt.applyGradients(grads);
        return value;
      }
      const norm = globalNorm(grads);
      opt.applyGradients(clipByGlobalNorm(grads, hyper.clipNorm, norm));
      held.norm = tf.keep(norm);
      return value;
    });
    step++;
    return { loss, correct: held.correct, norm: held.norm, n: idx.length };
  };

  const context = (): TrainContext => ({
    model,
    graph,
    dataset,
    target,
    classes,
    step,
    hyper,
    learningRate: currentLr(),
    labelMap,
    testPool,
    trainableVars,
    noise,
  });

  const trainer: Trainer = {
    get step() {
      return step;
    },
    get epoch() {
      return sampler.epoch;
    },
    get epochProgress() {
      return sampler.progress;
    },
    get hyper() {
      return hyper;
    },

    setHyper(patch: Partial<Hyper>): void {
      assertLive();
      const prev = hyper;
      hyper = { ...hyper, ...patch };
      // A new rate, optimizer or clip is a fresh start for the guard: judge the run from here on.
      if (
        hyper.learningRate !== prev.learningRate ||
        hyper.optimizer !== prev.optimizer ||
        hyper.clipNorm !== prev.clipNorm
      )
        guard?.reset();
      if (hyper.optimizer !== prev.optimizer) dropOptimizer();
      else if (hyper.momentum !== prev.momentum && optimizer !== null) {
        setMomentum(optimizer, hyper.momentum);
      }
      if (hyper.labelSubset.join(',') !== prev.labelSubset.join(',')) {
        labelMap = makeLabelMap(hyper.labelSubset, classes, datasetClasses);
        testPool = subsetIndices(dataset.test, hyper.labelSubset);
        sampler.setPool(subsetIndices(dataset.train, hyper.labelSubset));
      }
    },

    setFrozen(nodes: readonly NodeId[], frozen: boolean): void {
      assertLive();
      const names = new Set<string>(nodes);
      for (const layer of model.layers) {
        const base = layer.name.endsWith(PAD_SUFFIX) ? layer.name.slice(0, -PAD_SUFFIX.length) : layer.name;
        if (names.has(base)) layer.trainable = !frozen;
      }
      dropOptimizer(); // the variable list changed: optimizer slots are indexed by it
      trainableVars = collectVars();
    },

    async trainBatches(n: number): Promise<BatchStats> {
      assertLive();
      const losses: tf.Scalar[] = [];
      const corrects: (tf.Scalar | null)[] = [];
      const norms: (tf.Scalar | null)[] = [];
      const sizes: number[] = [];
      const learningRates = new Float64Array(n);
      try {
        for (let i = 0; i < n; i++) {
          learningRates[i] = currentLr();
          const r = isSecondOrder(hyper.optimizer) ? await secondOrderStep() : trainStep();
          losses.push(r.loss);
          corrects.push(r.correct);
          norms.push(r.norm);
          sizes.push(r.n);
        }
        const packed = tf.tidy(() => {
          const l = tf.stack(losses);
          const c = corrects.map((t) => t ?? tf.scalar(NaN));
          const g = norms.map((t) => t ?? tf.scalar(NaN));
          return losses.length === 0 ? l : tf.concat([l, tf.stack(c), tf.stack(g)]);
        });
        const all = await packed.data<'float32'>();
        packed.dispose();
        const lossValues = Float32Array.from(all.subarray(0, n));
        const accuracies = new Float32Array(n);
        for (let i = 0; i < n; i++) accuracies[i] = (all[n + i] as number) / (sizes[i] as number);
        const bad = lossValues.findIndex((v) => !Number.isFinite(v));
        if (bad >= 0) throw nonFiniteError(model, step - n + bad + 1, currentLr());
        const d = guard?.observeAll(lossValues, all.subarray(2 * n, 3 * n)) ?? null;
        if (d) throw await divergedError(context(), d, step - n + d.index + 1);
        return { losses: lossValues, accuracies, learningRates };
      } finally {
        for (const t of losses) t.dispose();
        for (const t of corrects) t?.dispose();
        for (const t of norms) t?.dispose();
      }
    },

    async evaluate(limit?: number): Promise<{ loss: number; accuracy: number }> {
      assertLive();
      const pool = limit === undefined ? testPool : testPool.subarray(0, Math.max(0, limit));
      if (pool.length === 0) return { loss: NaN, accuracy: NaN };
      const sums = tf.tidy(() => {
        let lossSum: tf.Tensor = tf.scalar(0);
        let correctSum: tf.Tensor = tf.scalar(0);
        for (let s = 0; s < pool.length; s += EVAL_BATCH) {
          const idx = pool.subarray(s, Math.min(s + EVAL_BATCH, pool.length));
          const x = imagesTensor(dataset.test, dataset.shape, idx);
          const y = target === 'labels' ? labelsTensor(dataset.test, idx, classes, labelMap) : x;
          const pred = model.apply(x, { training: false }) as tf.Tensor;
          lossSum = tf.add(lossSum, tf.mul(lossOf(target, y, pred), idx.length));
          if (target === 'labels') correctSum = tf.add(correctSum, correctCount(y, pred));
        }
        return tf.stack([lossSum, correctSum]);
      });
      const [lossSum, correctSum] = await sums.data<'float32'>();
      sums.dispose();
      return {
        loss: (lossSum as number) / pool.length,
        accuracy: target === 'labels' ? (correctSum as number) / pool.length : NaN,
      };
    },

    async probe(request: ProbeRequest): Promise<ProbeResult> {
      assertLive();
      return runProbe(context(), request);
    },

    checkpoint(): Promise<Checkpoint> {
      assertLive();
      return takeCheckpoint(model, step);
    },

    restore(cp: Checkpoint): void {
      assertLive();
      restoreCheckpoint(model, cp);
      dropOptimizer(); // slots describe the abandoned trajectory
      guard?.reset();
    },

    exportModel(): Promise<{ modelJson: string; weights: ArrayBuffer }> {
      assertLive();
      return exportArtifacts(model);
    },

    dispose(): void {
      if (disposed) return;
      disposed = true;
      dropOptimizer();
      secondOrder.dispose();
      model.dispose();
    },
  };
  return trainer;
}
