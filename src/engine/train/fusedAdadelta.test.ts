/**
 * FusedAdadeltaOptimizer on the real WASM backend (one kernel per variable, registered by registerWasmKernels) and on
 * cpu (TF.js's own step): both follow tf.train.adadelta on the cpu backend, keep its slots, and leak nothing.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../data/random';
import { registerWasmKernels } from '../backend/wasmKernels';
import { FusedAdadeltaOptimizer } from './fusedAdadelta';

beforeAll(async () => {
  setWasmPaths(join(dirname(fileURLToPath(import.meta.resolve('@tensorflow/tfjs-backend-wasm'))), '/'));
  expect(await tf.setBackend('wasm')).toBe(true);
  registerWasmKernels();
});

const SHAPES: number[][] = [[5, 5, 1, 8], [8], [256, 10], [10]];
const rand = mulberry32(12);
const init = SHAPES.map((s) =>
  Float32Array.from({ length: s.reduce((a, b) => a * b, 1) }, () => rand() - 0.5),
);
const grads = [0, 1, 2, 3, 4].map(() =>
  SHAPES.map((s) => Float32Array.from({ length: s.reduce((a, b) => a * b, 1) }, () => (rand() - 0.5) * 3)),
);

/** Five steps of `make()`'s optimizer on `backend` from the same start and gradients; values and slots after. */
async function run(backend: string, make: () => tf.Optimizer) {
  await tf.setBackend(backend);
  const before = tf.memory().numTensors;
  const vars = SHAPES.map((s, i) => tf.tidy(() => tf.variable(tf.tensor(init[i]!, s))));
  const opt = make();
  for (const step of grads) {
    const g = step.map((v, i) => ({ name: vars[i]!.name, tensor: tf.tensor(v, SHAPES[i]) }));
    // A list on odd steps, a map on even ones: TF.js takes both.
    opt.applyGradients(
      step === grads[1] || step === grads[3] ? g : Object.fromEntries(g.map((x) => [x.name, x.tensor])),
    );
    tf.dispose(g.map((x) => x.tensor));
  }
  const weights = await opt.getWeights();
  const out = {
    values: vars.map((v) => Array.from(v.dataSync())),
    slots: weights
      .slice(1)
      .map((w) => ({ name: w.name.replace(/^\d+/, ''), values: Array.from(w.tensor.dataSync()) })),
    iterations: weights[0]!.tensor.dataSync()[0],
  };
  weights[0]!.tensor.dispose(); // the iteration count, made by getWeights
  opt.dispose();
  tf.dispose(vars);
  expect(tf.memory().numTensors).toBe(before);
  return out;
}

function expectClose(a: number[], b: number[]): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++)
    expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(1e-5 * Math.max(1, Math.abs(b[i]!)));
}

describe('FusedAdadeltaOptimizer', () => {
  it('steps each variable in one kernel on wasm', async () => {
    await tf.setBackend('wasm');
    const v = tf.tidy(() => tf.variable(tf.ones([4])));
    const opt = new FusedAdadeltaOptimizer(1, 0.95);
    const g = tf.ones([4]);
    opt.applyGradients([{ name: v.name, tensor: g }]); // slots made on this first step
    const profile = await tf.profile(() => opt.applyGradients([{ name: v.name, tensor: g }]));
    expect(profile.kernelNames).toEqual(['AppAdadeltaUpdate']);
    tf.dispose([v, g]);
    opt.dispose();
  });

  it.each(['wasm', 'cpu'])(
    'on %s follows tf.train.adadelta on cpu for 5 steps, slots included',
    async (backend) => {
      const want = await run('cpu', () => tf.train.adadelta(1));
      const got = await run(backend, () => new FusedAdadeltaOptimizer(1, 0.95));
      for (let i = 0; i < SHAPES.length; i++) expectClose(got.values[i]!, want.values[i]!);
      expect(got.slots.map((s) => s.name)).toEqual(want.slots.map((s) => s.name));
      for (let i = 0; i < want.slots.length; i++) expectClose(got.slots[i]!.values, want.slots[i]!.values);
      expect(got.iterations).toBe(want.iterations);
      await tf.setBackend('wasm');
    },
  );
});
