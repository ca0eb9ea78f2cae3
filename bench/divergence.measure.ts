/**
 * The divergence guard's figures (issue 11, fault 6), on the default preset's network with procedural data, TF.js WASM
 * in Node: steps until the guard pauses a run at learning rate 10 (Adam, SGD), and examples/s with the guard off, on,
 * and on with clipNorm 1 (interleaved rounds, the best round of each, so a loaded machine hurts all three alike).
 * Run: npx vitest run --config vitest.measure.config.ts bench/divergence.measure.ts
 */
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { it } from 'vitest';
import { createTrainer } from '../src/engine/train/createTrainer';
import { registerWasmConvBackpropFilter } from '../src/engine/backend/conv2dBackpropFilterWasm';
import { DEFAULT_PRESET_ID, presetById } from '../src/engine/graph/presets';
import { makeProceduralDataset } from '../src/engine/data/procedural';
import type { Hyper } from '../src/engine/train/hyper';

const ROUNDS = Number(process.env['DIV_ROUNDS'] ?? 5);
const STEPS = Number(process.env['DIV_STEPS'] ?? 40);

it('divergence guard: steps to detection and throughput', async () => {
  setWasmPaths(join(process.cwd(), 'node_modules/@tensorflow/tfjs-backend-wasm/dist/'));
  await tf.setBackend('wasm');
  registerWasmConvBackpropFilter(); // as the worker does (tfBackends.ts): tfjs-wasm has no conv filter gradient
  const preset = presetById(DEFAULT_PRESET_ID);
  if (!preset) throw new Error('no default preset');
  const data = makeProceduralDataset({ seed: 7, train: 2048, test: 128 });
  const base: Hyper = { ...preset.hyper, epochs: 1000, validateEvery: 0 };

  for (const optimizer of ['adam', 'sgd'] as const) {
    const t = createTrainer({
      graph: preset.graph,
      dataset: data,
      hyper: { ...base, optimizer, learningRate: 10 },
      seed: 1,
    });
    let msg = 'not detected in 400 steps';
    try {
      while (t.step < 400) await t.trainBatches(10);
    } catch (e) {
      msg = (e as Error).message;
    }
    t.dispose();
    console.log(`lr 10 ${optimizer}: ${msg}`);
  }

  const configs = [
    ['guard off', { divergenceGuard: false, clipNorm: 0 }],
    ['guard on', { divergenceGuard: true, clipNorm: 0 }],
    ['guard on + clipNorm 1', { divergenceGuard: true, clipNorm: 1 }],
  ] as const;
  const trainers = configs.map(([, c]) =>
    createTrainer({
      graph: preset.graph,
      dataset: data,
      hyper: { ...base, clipNorm: c.clipNorm },
      seed: 1,
      divergenceGuard: c.divergenceGuard,
    }),
  );
  for (const t of trainers) await t.trainBatches(5); // warm-up
  const best = configs.map(() => 0);
  for (let r = 0; r < ROUNDS; r++) {
    for (const [i, t] of trainers.entries()) {
      const t0 = performance.now();
      for (let k = 0; k < STEPS / 10; k++) await t.trainBatches(10);
      const rate = (STEPS * base.batchSize * 1000) / (performance.now() - t0);
      best[i] = Math.max(best[i] as number, rate);
    }
  }
  for (const t of trainers) t.dispose();
  const off = best[0] as number;
  configs.forEach(([name], i) =>
    console.log(
      `${name}: ${(best[i] as number).toFixed(0)} examples/s (${((best[i] as number) / off).toFixed(3)} of guard off)`,
    ),
  );
});
