/**
 * A GAN run behind the worker's `Trainer` contract, so the worker's loop, pause/step, metrics batching and probe
 * throttling serve GANs unchanged: one "batch" is one GAN iteration (k_D D steps + k_G G steps).
 */
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../data/types';
import type { Graph } from '../graph/types';
import type { Hyper } from '../train/hyper';
import type { Trainer } from '../train/trainer';
import { exportArtifacts, restoreCheckpoint, takeCheckpoint } from '../train/weights';
import { probeKernels } from '../train/probes/kernels';
import { probeActivations } from '../train/probes/activations';
import { probeSamples } from '../train/probes/samples';
import { assertNever } from '../assertNever';
import type { TrainContext } from '../train/context';
import type { KernelSet, ProbeRequest, ProbeResult, SampleRef } from '../train/probes/types';
import { createGanTrainer } from './createGanTrainer';
import type { GanHyper } from './ganHyper';
import { drawLatent, slerpPath } from './latent';
import { diversityRatio } from './diversity';

/** Fixed-noise samples (and test images) in the batch the kernel-gradient probe uses. */
const GRADIENT_BATCH = 16;

export interface GanRunOptions {
  readonly generator: Graph;
  readonly discriminator: Graph;
  readonly dataset: Dataset;
  readonly hyper: Hyper;
  readonly gan: GanHyper;
  readonly seed: number;
  /** Size of the fixed-noise grid (8×8 by default). */
  readonly gridSize?: number;
}

export function createGanAsTrainer(opts: GanRunOptions): Trainer {
  let hyper = opts.hyper;
  const gan = createGanTrainer({
    generator: opts.generator,
    discriminator: opts.discriminator,
    dataset: opts.dataset,
    hyper: { ...opts.gan, batchSize: opts.hyper.batchSize },
    seed: opts.seed,
    labelSubset: opts.hyper.labelSubset,
    clipNorm: opts.hyper.clipNorm,
  });
  const grid = opts.gridSize ?? 64;
  const fixedNoise = drawLatent(grid, gan.latentSize, opts.gan.distribution, opts.seed + 424242);
  const [h, w, c] = opts.dataset.shape;
  const realDiversitySample = Math.min(64, opts.dataset.test.count);

  const contextFor = (model: tf.LayersModel, graph: Graph): TrainContext => ({
    model,
    graph,
    dataset: opts.dataset,
    target: 'input',
    classes: 1,
    step: gan.iteration,
    hyper,
    learningRate: gan.hyper.lrD,
    labelMap: (l) => l,
    testPool: new Int32Array(0),
    trainableVars: [],
  });

  const samples = async (request: Extract<ProbeRequest, { kind: 'ganSamples' }>): Promise<ProbeResult> => {
    const pixels = await gan.generate(fixedNoise);
    let interpolation: Uint8Array | null = null;
    let steps = 0;
    if (request.interpolate) {
      const d = gan.latentSize;
      const pick = (i: number): Float32Array =>
        fixedNoise.slice((((i % grid) + grid) % grid) * d, ((((i % grid) + grid) % grid) + 1) * d);
      steps = Math.max(2, Math.min(32, Math.round(request.interpolate.steps)));
      interpolation = await gan.generate(
        slerpPath(pick(request.interpolate.a), pick(request.interpolate.b), steps),
      );
    }
    const real = opts.dataset.test.images.subarray(0, realDiversitySample * h * w * c);
    return {
      kind: 'ganSamples',
      step: gan.iteration,
      count: grid,
      h,
      w,
      channels: c,
      pixels,
      interpolation,
      interpolationSteps: steps,
      diversity: diversityRatio(pixels, real, h * w * c),
    };
  };

  const discriminatorContext = (): TrainContext => ({
    ...contextFor(gan.discriminator, opts.discriminator),
    signedInput: true,
  });

  /** Both networks' kernels (or their losses' gradients on a probe batch), each layer tagged with its network. */
  const kernels = async (gradients: boolean): Promise<ProbeResult> => {
    const nets = [
      ['discriminator', gan.discriminator, opts.discriminator],
      ['generator', gan.generator, opts.generator],
    ] as const;
    const layers: KernelSet[] = [];
    for (const [network, model, graph] of nets) {
      const r = await probeKernels(contextFor(model, graph), gradients, () =>
        gan.probeGradients(network, fixedNoise, GRADIENT_BATCH),
      );
      if (r.kind === 'kernels') layers.push(...r.layers.map((l) => ({ ...l, network })));
    }
    return { kind: 'kernels', gradients, step: gan.iteration, layers };
  };

  /**
   * The discriminator's maps of the chosen real image, and of a generated one: G(z) for the fixed-noise cell with the
   * sample's index (mod the grid), so one "Test image" number picks both. The generator's input is a vector, not a
   * picture: its maps are not shown.
   */
  const activations = async (sample: SampleRef): Promise<ProbeResult> => {
    const ctx = discriminatorContext();
    const real = await probeActivations(ctx, sample);
    const index = sample.from === 'test' ? ((sample.index % grid) + grid) % grid : 0;
    const d = gan.latentSize;
    const pixels = await gan.generate(fixedNoise.slice(index * d, (index + 1) * d));
    const fake = await probeActivations(ctx, { from: 'drawn', pixels });
    if (real.kind !== 'activations' || fake.kind !== 'activations') throw new Error('probe: wrong result');
    return { ...real, step: gan.iteration, fake: { index, input: fake.input, layers: fake.layers } };
  };

  return {
    get step() {
      return gan.iteration;
    },
    get epoch() {
      return gan.epoch;
    },
    get epochProgress() {
      return gan.epochProgress;
    },
    get hyper() {
      return hyper;
    },
    setHyper(patch) {
      hyper = { ...hyper, ...patch };
      if (patch.batchSize !== undefined) gan.setHyper({ batchSize: patch.batchSize });
      if (patch.clipNorm !== undefined) gan.setClipNorm(patch.clipNorm);
    },
    setGanHyper(patch) {
      gan.setHyper(patch);
    },
    setFrozen(nodes, frozen) {
      const names = new Set<string>(nodes);
      for (const m of [gan.generator, gan.discriminator])
        for (const l of m.layers) if (names.has(l.name)) l.trainable = !frozen;
    },
    async trainBatches(n) {
      const s = await gan.trainIterations(n);
      return { losses: s.gLoss, accuracies: new Float32Array(n).fill(NaN), gan: s };
    },
    async evaluate() {
      return { loss: NaN, accuracy: NaN };
    },
    async probe(request) {
      switch (request.kind) {
        case 'ganSamples':
          return samples(request);
        case 'samples':
          // Real images for the dataset strip: the dataset is the same for a GAN as for a classifier.
          return probeSamples(discriminatorContext(), request.split, request.indices);
        case 'kernels':
          return kernels(request.gradients);
        case 'activations':
          return activations(request.sample);
        case 'pooling':
        case 'deadRelu':
        case 'health':
        case 'confusion':
        case 'predict':
        case 'reconstruct':
        case 'snapshot':
        case 'layerIO':
        case 'adversarial':
        case 'adversarialSearch':
        case 'featureVis':
        case 'saliency':
        case 'rbm':
        case 'augmentPreview': // GAN training does not augment its real images
          // The app does not ask for these on GAN runs (probeFits); they need a classifier or an autoencoder.
          throw new Error(`The ${request.kind} probe is not available for GAN runs`);
        default:
          return assertNever(request);
      }
    },
    async checkpoint() {
      // The two networks may reuse node ids: prefix weight names with the network.
      const g = await takeCheckpoint(gan.generator, gan.iteration);
      const d = await takeCheckpoint(gan.discriminator, gan.iteration);
      const tag = (p: string, ws: typeof g.weights) => ws.map((w) => ({ ...w, name: p + w.name }));
      return { step: gan.iteration, weights: [...tag('G:', g.weights), ...tag('D:', d.weights)] };
    },
    restore(cp) {
      const part = (p: string) =>
        cp.weights.filter((w) => w.name.startsWith(p)).map((w) => ({ ...w, name: w.name.slice(p.length) }));
      restoreCheckpoint(gan.generator, { step: cp.step, weights: part('G:') });
      restoreCheckpoint(gan.discriminator, { step: cp.step, weights: part('D:') });
    },
    exportModel() {
      return exportArtifacts(gan.generator);
    },
    dispose() {
      gan.dispose();
    },
  };
}
