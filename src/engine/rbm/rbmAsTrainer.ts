/**
 * An RBM run behind the worker's `Trainer` contract, so the worker's loop, pause/step, metrics batching and probes
 * serve it unchanged: one batch is one CD-k (or PCD-k) update; the loss is the reconstruction error (mean squared
 * error per pixel), and the pseudo-log-likelihood of PL_EXAMPLES test images is measured after each chunk.
 */
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../data/types';
import type { Hyper } from '../train/hyper';
import { effectiveLearningRate } from '../train/hyper';
import { NonFiniteError } from '../train/trainer';
import type { Checkpoint, Trainer } from '../train/trainer';
import { EpochSampler, subsetIndices } from '../train/batches';
import { mulberry32 } from '../data/random';
import { assertNever } from '../assertNever';
import type { ProbeResult } from '../train/probes/types';
import { probeSamples } from '../train/probes/samples';
import { createRbm } from './rbm';
import type { Rbm, RbmWeights } from './rbm';
import type { RbmHyper } from './rbmHyper';
import type { RbmProbeRequest, RbmProbeResult } from './rbmProbeTypes';

export interface RbmRunOptions {
  readonly dataset: Dataset;
  readonly hyper: Hyper;
  readonly rbm: RbmHyper;
  readonly hidden: number;
  readonly seed: number;
  /** Free-running dream chains shown by the Dreams panel. */
  readonly dreams?: number;
}

/** The RBM trainer also hands out its weights (for a deep belief net built on it). */
export interface RbmTrainer extends Trainer {
  readonly model: Rbm;
  exportRbm(): Promise<RbmWeights>;
}

const EVAL_LIMIT = 500;
/** Test images the pseudo-likelihood is measured on: one random flipped bit each is a noisy estimate, so not too few. */
export const PL_EXAMPLES = 128;

/** Each training pixel's mean over (up to 5,000 of) the training images, for the visible biases' start. */
function pixelMeans(d: Dataset, size: number): Float32Array {
  const n = Math.min(d.train.count, 5000);
  const sum = new Float32Array(size);
  for (let k = 0; k < n; k++) {
    const off = k * size;
    for (let p = 0; p < size; p++) sum[p] = (sum[p] as number) + (d.train.images[off + p] as number);
  }
  for (let p = 0; p < size; p++) sum[p] = (sum[p] as number) / (255 * Math.max(n, 1));
  return sum;
}

/** Pixels of the given examples in [0, 1] as [n, visible]. */
function batchTensor(split: Dataset['train'], size: number, indices: ArrayLike<number>): tf.Tensor2D {
  const n = indices.length;
  const buf = new Float32Array(n * size);
  for (let k = 0; k < n; k++) {
    const src = split.images.subarray((indices[k] as number) * size, ((indices[k] as number) + 1) * size);
    for (let p = 0; p < size; p++) buf[k * size + p] = (src[p] as number) / 255;
  }
  return tf.tensor2d(buf, [n, size]);
}

const toUint8 = (t: tf.Tensor): tf.Tensor => tf.cast(tf.round(tf.mul(tf.clipByValue(t, 0, 1), 255)), 'int32');

export function createRbmAsTrainer(opts: RbmRunOptions): RbmTrainer {
  const { dataset } = opts;
  const [h, w, ch] = dataset.shape;
  const size = h * w * ch;
  let hyper = opts.hyper;
  let settings = opts.rbm;
  const model = createRbm({
    visible: size,
    hidden: opts.hidden,
    visibleType: settings.visible,
    seed: opts.seed,
    visibleMeans: pixelMeans(dataset, size),
  });
  const sampler = new EpochSampler(subsetIndices(dataset.train, hyper.labelSubset), opts.seed);
  const rand = mulberry32(opts.seed ^ 0x5bd1e995);
  let step = 0;
  const dreamCount = opts.dreams ?? 16;
  let dream: tf.Tensor2D | null = null;
  let dreamStep = 0;
  let dreamSeed = opts.seed + 1;
  const plCount = Math.min(PL_EXAMPLES, dataset.test.count);
  let plImages: tf.Tensor2D | null = null;
  const plBatch = (): tf.Tensor2D =>
    (plImages ??= tf.keep(
      batchTensor(
        dataset.test,
        size,
        Int32Array.from({ length: plCount }, (_, i) => i),
      ),
    ));

  const inputs = (split: Dataset['train'], idx: ArrayLike<number>): tf.Tensor2D =>
    tf.tidy(() => {
      const x = batchTensor(split, size, idx);
      // Binarised training: each pixel is on with its grey level as the probability.
      return settings.binarize && settings.visible === 'bernoulli'
        ? (tf.cast(
            tf.less(tf.randomUniform(x.shape, 0, 1, 'float32', step + opts.seed), x),
            'float32',
          ) as tf.Tensor2D)
        : x;
    });

  const flips = (n: number): Int32Array => Int32Array.from({ length: n }, () => Math.floor(rand() * size));

  const restartDreams = (): void => {
    dream?.dispose();
    dreamStep = 0;
    dream = tf.tidy(() => {
      const u = tf.randomUniform([dreamCount, size], 0, 1, 'float32', dreamSeed++);
      return tf.keep(
        (settings.visible === 'gaussian' ? u : tf.cast(tf.less(u, 0.5), 'float32')) as tf.Tensor2D,
      );
    });
  };

  async function probeRbm(request: RbmProbeRequest): Promise<RbmProbeResult> {
    if (request.restart || dream === null) restartDreams();
    const steps = Math.max(0, Math.min(200, Math.round(request.dreamSteps)));
    const current = dream as unknown as tf.Tensor2D;
    const g = model.gibbs(current, steps);
    current.dispose();
    dream = g.sample;
    dreamStep += steps;
    const packed = tf.tidy(() => {
      // Each filter scaled by its own largest |w|: 0 → mid-grey, positive → light, negative → dark.
      const wt = tf.transpose(model.W); // [hidden, visible]
      const m = tf.maximum(tf.max(tf.abs(wt), 1, true), 1e-8);
      const filters = toUint8(tf.add(0.5, tf.mul(0.5, tf.div(wt, m))));
      return [filters.reshape([-1]), toUint8(g.mean).reshape([-1]), tf.max(tf.abs(wt))] as const;
    });
    g.mean.dispose();
    const [f, d, mx] = await Promise.all(packed.map((t) => t.data()));
    packed.forEach((t) => t.dispose());
    return {
      kind: 'rbm',
      step,
      h,
      w,
      channels: ch,
      hidden: model.hidden,
      filters: Uint8Array.from(f as Int32Array),
      maxAbs: (mx as Float32Array)[0] ?? 0,
      dreams: dreamCount,
      dreamPixels: Uint8Array.from(d as Int32Array),
      dreamStep,
    };
  }

  async function reconstruct(count: number): Promise<ProbeResult> {
    const n = Math.max(1, Math.min(Math.round(count), 32, dataset.test.count));
    const idx = Int32Array.from({ length: n }, (_, i) => i);
    const packed = tf.tidy(() => {
      const x = batchTensor(dataset.test, size, idx);
      return tf.concat([toUint8(x).reshape([-1]), toUint8(model.reconstruct(x)).reshape([-1])]);
    });
    const all = await packed.data<'int32'>();
    packed.dispose();
    return {
      kind: 'reconstruct',
      step,
      count: n,
      h,
      w,
      channels: ch,
      inputs: Uint8Array.from(all.subarray(0, n * size)),
      outputs: Uint8Array.from(all.subarray(n * size, 2 * n * size)),
    };
  }

  const trainer: RbmTrainer = {
    model,
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
    setHyper(patch) {
      hyper = { ...hyper, ...patch };
      if (patch.labelSubset !== undefined) sampler.setPool(subsetIndices(dataset.train, hyper.labelSubset));
    },
    setRbmHyper(patch) {
      const was = settings;
      settings = { ...settings, ...patch };
      model.visibleType = settings.visible;
      if (was.persistent !== settings.persistent || was.visible !== settings.visible) model.resetChain();
    },
    setFrozen() {
      // An RBM has one weight matrix: nothing to freeze layer by layer.
    },
    async trainBatches(n) {
      const errs: tf.Scalar[] = [];
      let pl: tf.Scalar | null = null;
      for (let i = 0; i < n; i++) {
        const idx = sampler.next(hyper.batchSize);
        const v = inputs(dataset.train, idx);
        errs.push(
          model.cdStep(v, {
            learningRate: effectiveLearningRate(hyper, step),
            k: settings.k,
            persistent: settings.persistent,
            momentum: settings.momentum,
            weightDecay: settings.weightDecay,
          }),
        );
        v.dispose();
        step++;
      }
      if (settings.visible === 'bernoulli' && plCount > 0)
        pl = model.pseudoLikelihood(plBatch(), flips(plCount));
      const stacked = tf.tidy(() => tf.stack(pl ? [...errs, pl] : errs));
      errs.forEach((e) => e.dispose());
      pl?.dispose();
      const values = await stacked.data<'float32'>();
      stacked.dispose();
      const losses = Float32Array.from(values.subarray(0, n));
      const pseudoLikelihood = new Float32Array(n).fill(NaN);
      if (pl) pseudoLikelihood[n - 1] = values[n] ?? NaN;
      if (losses.some((x) => !Number.isFinite(x)))
        throw new NonFiniteError(
          null,
          'The RBM’s reconstruction error is not a number: try a lower learning rate.',
        );
      return { losses, accuracies: new Float32Array(n).fill(NaN), rbm: { pseudoLikelihood } };
    },
    async evaluate(limit) {
      const n = Math.max(1, Math.min(limit ?? EVAL_LIMIT, EVAL_LIMIT, dataset.test.count));
      const idx = Int32Array.from({ length: n }, (_, i) => i);
      const e = tf.tidy(() => model.reconstructionError(batchTensor(dataset.test, size, idx)));
      const loss = (await e.data())[0] ?? NaN;
      e.dispose();
      return { loss, accuracy: NaN };
    },
    async probe(request) {
      switch (request.kind) {
        case 'rbm':
          return probeRbm(request);
        case 'reconstruct':
          return reconstruct(request.count);
        case 'samples':
          return probeSamples(
            {
              dataset,
            } as Parameters<typeof probeSamples>[0],
            request.split,
            request.indices,
          );
        case 'kernels':
        case 'activations':
        case 'pooling':
        case 'deadRelu':
        case 'health':
        case 'confusion':
        case 'predict':
        case 'ganSamples':
        case 'snapshot':
        case 'layerIO':
        case 'adversarial':
        case 'adversarialSearch':
        case 'featureVis':
        case 'saliency':
        case 'augmentPreview':
          // The app asks RBM runs only for the RBM panels' probes (probeFits).
          throw new Error(`The ${request.kind} probe is not available for RBM runs`);
        default:
          return assertNever(request);
      }
    },
    async checkpoint(): Promise<Checkpoint> {
      const x = await model.exportWeights();
      return {
        step,
        weights: [
          { name: 'rbm/W', shape: [x.visible, x.hidden], values: x.W },
          { name: 'rbm/b', shape: [x.visible], values: x.b },
          { name: 'rbm/c', shape: [x.hidden], values: x.c },
        ],
      };
    },
    restore(cp) {
      const get = (name: string): Float32Array => {
        const found = cp.weights.find((x) => x.name === name);
        if (!found) throw new Error(`restore: checkpoint has no weight ${name}`);
        return found.values;
      };
      model.importWeights({
        visible: size,
        hidden: model.hidden,
        visibleType: settings.visible,
        W: get('rbm/W'),
        b: get('rbm/b'),
        c: get('rbm/c'),
      });
      step = cp.step;
    },
    exportRbm: () => model.exportWeights(),
    async exportModel() {
      // The RBM's upward pass as a Layers model: flatten, then Dense + sigmoid with W and c (a DBN's first layer).
      const { exportArtifacts } = await import('../train/weights');
      const net = tf.sequential({
        layers: [
          tf.layers.flatten({ inputShape: [h, w, ch] }),
          tf.layers.dense({ units: model.hidden, activation: 'sigmoid', name: 'rbm_hidden' }),
        ],
      });
      try {
        net.layers[1]?.setWeights([model.W, model.c]);
        return await exportArtifacts(net);
      } finally {
        net.dispose();
      }
    },
    dispose() {
      dream?.dispose();
      dream = null;
      plImages?.dispose();
      plImages = null;
      model.dispose();
    },
  };
  return trainer;
}
