/**
 * A DCGAN-style trainer: per iteration k_D discriminator steps then k_G generator steps, each network with its own
 * Adam optimizer; images scaled to [−1, 1]; non-saturating or least-squares loss; one-sided label smoothing.
 * Losses and D outputs are read back once per trainIterations call.
 */
import * as tf from '@tensorflow/tfjs';
import { compileGraph } from '../compile/compile';
import type { Graph } from '../graph/types';
import type { Dataset } from '../data/types';
import { EpochSampler, subsetIndices } from '../train/batches';
import { nonFiniteError } from '../train/nonFinite';
import { clipByGlobalNorm } from '../train/clipGradients';
import type { GanHyper } from './ganHyper';
import { discriminatorLoss, generatorLoss, meanRealProbability } from './ganLosses';
import { drawLatent } from './latent';

export interface GanStats {
  readonly dLoss: Float32Array;
  readonly gLoss: Float32Array;
  /** Mean D(x) on real images and mean D(G(z)) on fakes, as probabilities. */
  readonly dReal: Float32Array;
  readonly dFake: Float32Array;
}

export interface GanTrainer {
  readonly iteration: number;
  readonly epoch: number;
  readonly epochProgress: number;
  readonly latentSize: number;
  readonly hyper: GanHyper;
  setHyper(patch: Partial<GanHyper>): void;
  /** Each network's gradients are clipped to this global norm before its update (0 = off). */
  setClipNorm(clipNorm: number): void;
  trainIterations(n: number): Promise<GanStats>;
  /** Generator outputs for flat latent vectors [count·latentSize], as uint8 pixels (tanh −1..1 → 0..255). */
  generate(z: Float32Array): Promise<Uint8Array>;
  /**
   * Loss gradients per variable name of one network on a probe batch, in inference mode: the discriminator's loss
   * on the first `count` test images and on G(z) for the flat latent vectors `z`, or the generator's loss on D(G(z)).
   * Call inside tf.tidy.
   */
  probeGradients(
    network: 'generator' | 'discriminator',
    z: Float32Array,
    count: number,
  ): Map<string, tf.Tensor>;
  readonly generator: tf.LayersModel;
  readonly discriminator: tf.LayersModel;
  dispose(): void;
}

export interface GanTrainerOptions {
  readonly generator: Graph;
  readonly discriminator: Graph;
  readonly dataset: Dataset;
  readonly hyper: GanHyper;
  readonly seed: number;
  /** Train only on these labels (e.g. one digit); empty = all. */
  readonly labelSubset?: readonly number[];
  /** Gradient clipping by global norm, per network (0 or absent = off). */
  readonly clipNorm?: number;
}

/** Real images in [−1, 1], shape [n, h, w, c]. Call inside tf.tidy. */
function realImages(ds: Dataset, idx: Int32Array, split: 'train' | 'test' = 'train'): tf.Tensor4D {
  const [h, w, c] = ds.shape;
  const size = h * w * c;
  const buf = new Float32Array(idx.length * size);
  for (let k = 0; k < idx.length; k++) {
    const src = ds[split].images.subarray((idx[k] as number) * size, ((idx[k] as number) + 1) * size);
    for (let p = 0; p < size; p++) buf[k * size + p] = (src[p] as number) / 127.5 - 1;
  }
  return tf.tensor4d(buf, [idx.length, h, w, c]);
}

export function createGanTrainer(opts: GanTrainerOptions): GanTrainer {
  const { dataset, seed } = opts;
  const generator = compileGraph(opts.generator, { seed });
  const discriminator = compileGraph(opts.discriminator, { seed: seed + 10_000 });
  const latentSize = generator.inputs[0]?.shape[1] ?? 0;
  if (latentSize <= 0) throw new Error('GAN generator must take a latent vector input');
  let hyper = opts.hyper;
  let clipNorm = opts.clipNorm ?? 0;
  let iteration = 0;
  let noiseSeed = seed * 7919 + 1;
  const sampler = new EpochSampler(subsetIndices(dataset.train, opts.labelSubset ?? []), seed);
  const makeOpts = (): { d: tf.Optimizer; g: tf.Optimizer } => ({
    d: tf.train.adam(hyper.lrD, hyper.beta1),
    g: tf.train.adam(hyper.lrG, hyper.beta1),
  });
  let optimizers = makeOpts();
  const dVars = (): tf.Variable[] => discriminator.trainableWeights.map((w) => w.read() as tf.Variable);
  const gVars = (): tf.Variable[] => generator.trainableWeights.map((w) => w.read() as tf.Variable);
  const noise = (n: number): tf.Tensor2D =>
    tf.tensor2d(drawLatent(n, latentSize, hyper.distribution, noiseSeed++), [n, latentSize]);

  /** One D step; returns [loss, dReal, dFake] kept scalars. */
  const dStep = (): tf.Tensor1D =>
    tf.tidy(() => {
      const idx = sampler.next(hyper.batchSize);
      const x = realImages(dataset, idx);
      const z = noise(idx.length);
      const fake = generator.apply(z, { training: true }) as tf.Tensor;
      const realLabel = hyper.labelSmoothing ? 0.9 : 1;
      const probes: tf.Scalar[] = [];
      const { value, grads } = tf.variableGrads(() => {
        const realOut = discriminator.apply(x, { training: true }) as tf.Tensor;
        const fakeOut = discriminator.apply(fake, { training: true }) as tf.Tensor;
        // variableGrads runs f in its own tidy: keep the D outputs we report, dispose them below.
        probes.push(
          tf.keep(meanRealProbability(hyper.loss, realOut)),
          tf.keep(meanRealProbability(hyper.loss, fakeOut)),
        );
        return discriminatorLoss(hyper.loss, realOut, fakeOut, realLabel);
      }, dVars());
      optimizers.d.applyGradients(clipByGlobalNorm(grads, clipNorm));
      const row = tf.stack([value, ...probes]) as tf.Tensor1D;
      for (const t of probes) t.dispose();
      return row;
    });

  const gStep = (): tf.Scalar =>
    tf.tidy(() => {
      const z = noise(hyper.batchSize);
      const { value, grads } = tf.variableGrads(() => {
        const fakeOut = discriminator.apply(generator.apply(z, { training: true }) as tf.Tensor, {
          training: true,
        }) as tf.Tensor;
        return generatorLoss(hyper.loss, fakeOut);
      }, gVars());
      optimizers.g.applyGradients(clipByGlobalNorm(grads, clipNorm));
      return value;
    });

  return {
    get iteration() {
      return iteration;
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
    latentSize,
    generator,
    discriminator,
    setHyper(patch) {
      const prev = hyper;
      hyper = { ...hyper, ...patch };
      if (hyper.lrD !== prev.lrD || hyper.lrG !== prev.lrG || hyper.beta1 !== prev.beta1) {
        optimizers.d.dispose();
        optimizers.g.dispose();
        optimizers = makeOpts();
      }
    },
    setClipNorm(n) {
      clipNorm = n;
    },
    async trainIterations(n) {
      const dRows: tf.Tensor1D[] = [];
      const gRows: tf.Scalar[] = [];
      try {
        for (let i = 0; i < n; i++) {
          let d: tf.Tensor1D | null = null;
          for (let k = 0; k < hyper.kD; k++) {
            d?.dispose();
            d = dStep();
          }
          let g: tf.Scalar | null = null;
          for (let k = 0; k < hyper.kG; k++) {
            g?.dispose();
            g = gStep();
          }
          dRows.push(d ?? tf.tensor1d([NaN, NaN, NaN]));
          gRows.push(g ?? tf.scalar(NaN));
          iteration++;
        }
        const packed = tf.tidy(() => tf.concat([tf.stack(dRows).flatten(), tf.stack(gRows)]));
        const all = await packed.data<'float32'>();
        packed.dispose();
        const stats: GanStats = {
          dLoss: new Float32Array(n),
          gLoss: new Float32Array(n),
          dReal: new Float32Array(n),
          dFake: new Float32Array(n),
        };
        for (let i = 0; i < n; i++) {
          stats.dLoss[i] = all[3 * i] as number;
          stats.dReal[i] = all[3 * i + 1] as number;
          stats.dFake[i] = all[3 * i + 2] as number;
          stats.gLoss[i] = all[3 * n + i] as number;
        }
        // A loss is NaN by design when its network took no step this iteration (k = 0).
        const checked = [...(hyper.kD > 0 ? stats.dLoss : []), ...(hyper.kG > 0 ? stats.gLoss : [])];
        const bad = checked.some((v) => !Number.isFinite(v));
        if (bad) {
          const dBad = nonFiniteError(discriminator, iteration, hyper.lrD);
          throw dBad.node !== null ? dBad : nonFiniteError(generator, iteration, hyper.lrG);
        }
        return stats;
      } finally {
        for (const t of dRows) t.dispose();
        for (const t of gRows) t.dispose();
      }
    },
    async generate(z) {
      const count = z.length / latentSize;
      const out = tf.tidy(() => {
        const img = generator.apply(tf.tensor2d(z, [count, latentSize]), { training: false }) as tf.Tensor;
        return tf.cast(tf.clipByValue(tf.round(tf.mul(tf.add(img, 1), 127.5)), 0, 255), 'int32');
      });
      const data = await out.data<'int32'>();
      out.dispose();
      return Uint8Array.from(data);
    },
    probeGradients(network, z, count) {
      const out = new Map<string, tf.Tensor>();
      const n = Math.min(count, dataset.test.count, Math.floor(z.length / latentSize));
      const vars = (network === 'generator' ? gVars() : dVars()).filter((v) => v.trainable);
      if (n <= 0 || vars.length === 0) return out;
      const zt = tf.tensor2d(z.subarray(0, n * latentSize), [n, latentSize]);
      const { grads } = tf.variableGrads(() => {
        const fakeOut = discriminator.apply(generator.apply(zt, { training: false }) as tf.Tensor, {
          training: false,
        }) as tf.Tensor;
        if (network === 'generator') return generatorLoss(hyper.loss, fakeOut);
        const x = realImages(
          dataset,
          Int32Array.from({ length: n }, (_, i) => i),
          'test',
        );
        const realOut = discriminator.apply(x, { training: false }) as tf.Tensor;
        return discriminatorLoss(hyper.loss, realOut, fakeOut, hyper.labelSmoothing ? 0.9 : 1);
      }, vars);
      for (const [name, g] of Object.entries(grads)) out.set(name, g);
      return out;
    },
    dispose() {
      optimizers.d.dispose();
      optimizers.g.dispose();
      generator.dispose();
      discriminator.dispose();
    },
  };
}
