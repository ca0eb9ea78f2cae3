/**
 * The measured DCGAN run (issue 7): trains the app's own classifier on MNIST, then the DCGAN preset, and every
 * CHECK_EVERY iterations asks the classifier to label 100 fixed-noise samples. Done when at least 9 of the 10 digits
 * appear with mean confidence ≥ 0.8. Runs on the TF.js WASM backend (the one "auto" picks on this machine).
 * `npm run bench:gan` — writes bench/gan-results.json and bench/gan-samples.png.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { registerWasmConvBackpropFilter } from '../src/engine/backend/conv2dBackpropFilterWasm';
import { loadDataset } from '../src/engine/data/loader';
import { createGanTrainer } from '../src/engine/gan/createGanTrainer';
import { DEFAULT_GAN_HYPER } from '../src/engine/gan/ganHyper';
import { drawLatent } from '../src/engine/gan/latent';
import { DEFAULT_PRESET_ID, presetById } from '../src/engine/graph/presets';
import { createTrainer } from '../src/engine/train/createTrainer';
import { encodeGreyPng, tile } from './png';

const PUBLIC = join(process.cwd(), 'public');
const MAX_MINUTES = Number(process.env['GAN_MINUTES'] ?? 30);
const CHECK_EVERY = 250;
const diskFetch: typeof fetch = async (input) => {
  const path = join(PUBLIC, new URL(String(input)).pathname);
  if (!existsSync(path)) return new Response('', { status: 404 });
  return new Response(readFileSync(path));
};

interface Check {
  iteration: number;
  minutes: number;
  classesSeen: number;
  meanConfidence: number;
  histogram: number[];
  dLoss: number;
  gLoss: number;
}

it('DCGAN on MNIST: samples become digits the classifier recognises', async () => {
  setWasmPaths(join(dirname(fileURLToPath(import.meta.resolve('@tensorflow/tfjs-backend-wasm'))), '/'));
  expect(await tf.setBackend('wasm')).toBe(true);
  registerWasmConvBackpropFilter();
  const mnist = await loadDataset('mnist', { baseUrl: 'http://local', fetch: diskFetch });

  // 1. The app's own classifier: the default preset, one epoch.
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
  const clfEval = await clf.evaluate();
  const clfSeconds = (performance.now() - t0) / 1000;
  console.log(
    `classifier: test accuracy ${(clfEval.accuracy * 100).toFixed(2)}% after 1 epoch (${clfSeconds.toFixed(0)} s)`,
  );

  // 2. The DCGAN preset.
  const dcgan = presetById('dcgan')?.gan;
  if (!dcgan) throw new Error('no dcgan preset');
  const hyper = { ...DEFAULT_GAN_HYPER, batchSize: 64 };
  const gan = createGanTrainer({ ...dcgan, dataset: mnist, hyper, seed: 1 });
  const fixed = drawLatent(100, gan.latentSize, hyper.distribution, 2024);
  const checks: Check[] = [];
  const start = performance.now();
  let samples: Uint8Array = new Uint8Array(0);
  let done = false;
  while (!done && (performance.now() - start) / 60_000 < MAX_MINUTES) {
    const s = await gan.trainIterations(CHECK_EVERY);
    samples = await gan.generate(fixed);
    const histogram = new Array<number>(10).fill(0);
    let conf = 0;
    for (let i = 0; i < 100; i++) {
      const r = await clf.probe({
        kind: 'predict',
        sample: { from: 'drawn', pixels: samples.subarray(i * 784, (i + 1) * 784) },
      });
      if (r.kind !== 'predict') throw new Error('unexpected probe');
      let best = 0;
      for (let c = 1; c < 10; c++)
        if ((r.probabilities[c] as number) > (r.probabilities[best] as number)) best = c;
      histogram[best] = (histogram[best] as number) + 1;
      conf += r.probabilities[best] as number;
    }
    const check: Check = {
      iteration: gan.iteration,
      minutes: (performance.now() - start) / 60_000,
      classesSeen: histogram.filter((n) => n > 0).length,
      meanConfidence: conf / 100,
      histogram,
      dLoss: s.dLoss[s.dLoss.length - 1] as number,
      gLoss: s.gLoss[s.gLoss.length - 1] as number,
    };
    checks.push(check);
    console.log(
      `iteration ${check.iteration}: ${check.minutes.toFixed(1)} min, classes ${check.classesSeen}/10, ` +
        `mean confidence ${check.meanConfidence.toFixed(3)}, D ${check.dLoss.toFixed(3)}, G ${check.gLoss.toFixed(3)}`,
    );
    done = check.classesSeen >= 9 && check.meanConfidence >= 0.8;
  }
  const grid = tile(samples, 100, 28, 10, 2);
  writeFileSync(join('bench', 'gan-samples.png'), encodeGreyPng(grid.pixels, grid.w, grid.h));
  writeFileSync(
    join('bench', 'gan-results.json'),
    JSON.stringify(
      {
        backend: tf.getBackend(),
        classifier: {
          preset: DEFAULT_PRESET_ID,
          epochs: 1,
          testAccuracy: clfEval.accuracy,
          seconds: clfSeconds,
        },
        gan: { preset: 'dcgan', hyper, checks },
      },
      null,
      2,
    ) + '\n',
  );
  gan.dispose();
  clf.dispose();
  expect(done).toBe(true);
});
