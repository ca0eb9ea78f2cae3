/**
 * The measured DCGAN run (issues 7 and 16): trains the app's own classifier (the default preset, one epoch of MNIST),
 * then the DCGAN preset with its own settings, and every CHECK_EVERY iterations lets the classifier label 100
 * fixed-noise samples in one batch (bench/digitScore.ts). Done when at least 9 of the 10 digits appear with mean
 * confidence ≥ 0.8. Runs on the TF.js WASM backend (the one "auto" picks on this machine).
 *
 * Minutes are GAN training wall time only: the checks (generating and labelling the samples) are timed apart and
 * left out, so checking more often does not make the GAN look slower.
 *
 * `npm run bench:gan` — writes bench/gan-results.json and bench/gan-samples.png. Environment:
 *   GAN_MINUTES      cap on training minutes (default 30); minutesToDigits is null when it is reached first
 *   GAN_CHECK_EVERY  iterations between checks (default 50)
 *   GAN_HYPER        trials: a JSON patch over the preset's GAN settings, e.g. '{"lrG":0.001}'
 *   GAN_SIZE         trials: a JSON patch over DCGAN_SIZE (gFilters, dFilters, kernel)
 *   GAN_OUT          trials: prefix of the two output files (default bench/gan)
 *   GAN_CLASSIFIER   trials: a file to keep the trained classifier in and reuse
 *   GAN_PAST_DIGITS  trials: keep training to the cap after the criterion is met (to see the curve)
 *   GAN_ITERATIONS   trials: a cap on iterations as well
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { registerWasmConvBackpropFilter } from '../src/engine/backend/conv2dBackpropFilterWasm';
import { loadDataset } from '../src/engine/data/loader';
import { createGanTrainer } from '../src/engine/gan/createGanTrainer';
import { DEFAULT_GAN_HYPER, type GanHyper } from '../src/engine/gan/ganHyper';
import { drawLatent } from '../src/engine/gan/latent';
import { DCGAN_SIZE, dcganDiscriminator, dcganGenerator } from '../src/engine/graph/dcganNetworks';
import { DEFAULT_PRESET_ID, presetById } from '../src/engine/graph/presets';
import { createTrainer } from '../src/engine/train/createTrainer';
import type { Trainer } from '../src/engine/train/trainer';
import { looksLikeDigits, scoreDigits, type DigitScore } from './digitScore';
import { encodeGreyPng, tile } from './png';

const env = process.env;
const PUBLIC = join(process.cwd(), 'public');
const MAX_MINUTES = Number(env['GAN_MINUTES'] ?? 30);
const CHECK_EVERY = Number(env['GAN_CHECK_EVERY'] ?? 50);
const OUT = env['GAN_OUT'] ?? join('bench', 'gan');
const MAX_ITERATIONS = Number(env['GAN_ITERATIONS'] ?? Infinity);
const SAMPLES = 100;
const diskFetch: typeof fetch = async (input) => {
  const path = join(PUBLIC, new URL(String(input)).pathname);
  if (!existsSync(path)) return new Response('', { status: 404 });
  return new Response(readFileSync(path));
};
const json = <T>(name: string): Partial<T> => JSON.parse(env[name] ?? '{}') as Partial<T>;
const load1 = (): number => Number(loadavg()[0]?.toFixed(2));

interface Check extends DigitScore {
  iteration: number;
  /** Training wall time so far, checks excluded. */
  minutes: number;
  dLoss: number;
  gLoss: number;
  load1: number;
}

interface Artifacts {
  modelJson: string;
  weights: ArrayBuffer;
}

/** The default preset trained for one epoch, as TF.js artifacts (kept in GAN_CLASSIFIER between trials). */
async function classifierArtifacts(
  mnist: Awaited<ReturnType<typeof loadDataset>>,
): Promise<{ artifacts: Artifacts; accuracy: number; seconds: number; trainer: Trainer | null }> {
  const cache = env['GAN_CLASSIFIER'];
  if (cache && existsSync(cache)) {
    const saved = JSON.parse(readFileSync(cache, 'utf8')) as Artifacts & {
      accuracy: number;
      seconds: number;
      w: string;
    };
    const weights = Uint8Array.from(Buffer.from(saved.w, 'base64')).buffer;
    return {
      artifacts: { modelJson: saved.modelJson, weights },
      accuracy: saved.accuracy,
      seconds: saved.seconds,
      trainer: null,
    };
  }
  const preset = presetById(DEFAULT_PRESET_ID);
  if (!preset) throw new Error('no default preset');
  const t0 = performance.now();
  const clf = createTrainer({
    graph: preset.graph,
    dataset: mnist,
    hyper: { ...preset.hyper, batchSize: 64 },
    seed: 1,
  });
  for (let i = 0; i < 938; i += 50) await clf.trainBatches(Math.min(50, 938 - i));
  const seconds = (performance.now() - t0) / 1000;
  const { accuracy } = await clf.evaluate();
  const artifacts = await clf.exportModel();
  if (cache) {
    const w = Buffer.from(new Uint8Array(artifacts.weights)).toString('base64');
    writeFileSync(cache, JSON.stringify({ modelJson: artifacts.modelJson, w, accuracy, seconds }));
  }
  return { artifacts, accuracy, seconds, trainer: clf };
}

async function loadModel({ modelJson, weights }: Artifacts): Promise<tf.LayersModel> {
  const j = JSON.parse(modelJson) as {
    modelTopology: object;
    weightsManifest: [{ weights: tf.io.WeightsManifestEntry[] }];
  };
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: j.modelTopology,
      weightSpecs: j.weightsManifest[0].weights,
      weightData: weights,
    }),
  );
}

/** Class probabilities for `n` 28×28 grey samples in one batch, as the app's predict probe scales them (÷ 255). */
async function classify(model: tf.LayersModel, pixels: Uint8Array, n: number): Promise<Float32Array> {
  const out = tf.tidy(
    () => model.predict(tf.div(tf.tensor4d(Float32Array.from(pixels), [n, 28, 28, 1]), 255)) as tf.Tensor,
  );
  const p = await out.data<'float32'>();
  out.dispose();
  return Float32Array.from(p);
}

it('DCGAN on MNIST: samples become digits the classifier recognises', async () => {
  setWasmPaths(join(dirname(fileURLToPath(import.meta.resolve('@tensorflow/tfjs-backend-wasm'))), '/'));
  expect(await tf.setBackend('wasm')).toBe(true);
  registerWasmConvBackpropFilter();
  const mnist = await loadDataset('mnist', { baseUrl: 'http://local', fetch: diskFetch });
  const loadAtStart = loadavg().map((x) => Number(x.toFixed(2)));

  // 1. The app's own classifier: the default preset, one epoch; its predictions in batches of 100.
  const clf = await classifierArtifacts(mnist);
  console.log(
    `classifier: test accuracy ${(clf.accuracy * 100).toFixed(2)}% after 1 epoch (${clf.seconds.toFixed(0)} s)`,
  );
  const judge = await loadModel(clf.artifacts);

  // 2. The DCGAN preset, with the batch size the app gives it (the run's Batch size) and its GAN settings.
  const preset = presetById('dcgan');
  if (!preset?.gan) throw new Error('no dcgan preset');
  const sizePatch = json<typeof DCGAN_SIZE>('GAN_SIZE');
  const size = { ...DCGAN_SIZE, ...sizePatch };
  const networks =
    Object.keys(sizePatch).length > 0
      ? { generator: dcganGenerator([28, 28, 1], size), discriminator: dcganDiscriminator([28, 28, 1], size) }
      : preset.gan;
  const hyper: GanHyper = {
    ...DEFAULT_GAN_HYPER,
    batchSize: preset.hyper.batchSize,
    ...json<GanHyper>('GAN_HYPER'),
  };
  const gan = createGanTrainer({ ...networks, dataset: mnist, hyper, seed: 1 });
  const fixed = drawLatent(SAMPLES, gan.latentSize, hyper.distribution, 2024);
  const checks: Check[] = [];
  let trainMs = 0;
  let cpuMs = 0;
  let checkMs = 0;
  let samples: Uint8Array = new Uint8Array(0);
  let reached: Check | null = null;
  let agreed = false;
  while (
    trainMs / 60_000 < MAX_MINUTES &&
    gan.iteration < MAX_ITERATIONS &&
    (reached === null || env['GAN_PAST_DIGITS'])
  ) {
    const t0 = performance.now();
    const u0 = process.cpuUsage();
    const s = await gan.trainIterations(CHECK_EVERY);
    const u = process.cpuUsage(u0);
    const t1 = performance.now();
    trainMs += t1 - t0;
    cpuMs += (u.user + u.system) / 1000;
    samples = await gan.generate(fixed);
    const probabilities = await classify(judge, samples, SAMPLES);
    if (!agreed && clf.trainer) {
      // The batched judge is the app's classifier: it agrees with the app's own predict probe on a sample.
      const r = await clf.trainer.probe({
        kind: 'predict',
        sample: { from: 'drawn', pixels: samples.subarray(0, 784) },
      });
      if (r.kind !== 'predict') throw new Error('unexpected probe');
      expect(r.probabilities).toHaveLength(10);
      for (let c = 0; c < 10; c++)
        expect(Math.abs((r.probabilities[c] as number) - (probabilities[c] as number))).toBeLessThan(1e-4);
      agreed = true;
    }
    checkMs += performance.now() - t1;
    const check: Check = {
      iteration: gan.iteration,
      minutes: trainMs / 60_000,
      ...scoreDigits(probabilities),
      dLoss: s.dLoss[s.dLoss.length - 1] as number,
      gLoss: s.gLoss[s.gLoss.length - 1] as number,
      load1: load1(),
    };
    checks.push(check);
    console.log(
      `iteration ${check.iteration}: ${check.minutes.toFixed(2)} min, classes ${check.classesSeen}/10, ` +
        `mean confidence ${check.meanConfidence.toFixed(3)}, D ${check.dLoss.toFixed(3)}, G ${check.gLoss.toFixed(3)}, ` +
        `load ${check.load1}`,
    );
    if (reached === null && looksLikeDigits(check)) reached = check;
  }
  const grid = tile(samples, SAMPLES, 28, 10, 2);
  writeFileSync(`${OUT}-samples.png`, encodeGreyPng(grid.pixels, grid.w, grid.h));
  const last = checks.at(-1);
  writeFileSync(
    `${OUT}-results.json`,
    JSON.stringify(
      {
        minutesToDigits: reached?.minutes ?? null,
        iterationsToDigits: reached?.iteration ?? null,
        criterion: 'at least 9 of 10 classes, mean confidence ≥ 0.8, on 100 fixed-noise samples',
        timing: 'minutes of GAN training wall time; the checks are excluded',
        msPerIteration: last ? trainMs / last.iteration : null,
        /** CPU time of this process per iteration: what the load average does not inflate as much. */
        cpuMsPerIteration: last ? cpuMs / last.iteration : null,
        checkSeconds: checkMs / 1000,
        checkEvery: CHECK_EVERY,
        backend: tf.getBackend(),
        machine: {
          cpus: cpus().length,
          loadAverageAtStart: loadAtStart,
          loadAverageAtEnd: loadavg().map((x) => Number(x.toFixed(2))),
        },
        classifier: {
          preset: DEFAULT_PRESET_ID,
          epochs: 1,
          testAccuracy: clf.accuracy,
          seconds: clf.seconds,
        },
        gan: { preset: 'dcgan', size, hyper, checks },
      },
      null,
      2,
    ) + '\n',
  );
  judge.dispose();
  clf.trainer?.dispose();
  gan.dispose();
  expect(reached).not.toBeNull();
});
