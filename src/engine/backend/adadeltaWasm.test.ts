import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../data/random';
import { adadeltaUpdateInto } from './adadeltaWasm';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('adadeltaUpdateInto', () => {
  it("equals one step of TF.js's Adadelta (cpu backend) on random slots, ρ, ε and rates", () => {
    const rand = mulberry32(31);
    for (let trial = 0; trial < 50; trial++) {
      const n = 1 + Math.floor(rand() * 300);
      const arr = (scale: number, positive = false) =>
        Float32Array.from({ length: n }, () => (positive ? rand() * scale : (rand() * 2 - 1) * scale));
      const value = arr(1);
      const grad = arr(trial % 5 === 0 ? 1e-4 : 1);
      const accGrad = arr(trial === 0 ? 0 : 1, true); // trial 0: the first step, zero slots
      const accUpdate = arr(trial === 0 ? 0 : 1e-3, true);
      const attrs = {
        rho: [0.95, 0.9, 0.5][trial % 3]!,
        epsilon: [1e-7, 1e-6, 1e-3][trial % 3]!,
        learningRate: [1, 0.1, 0.01][trial % 3]!,
      };
      const want = tf.tidy(() => {
        const v = tf.variable(tf.tensor1d(value));
        const opt = tf.train.adadelta(attrs.learningRate, attrs.rho, attrs.epsilon);
        const name = v.name;
        // Seed the slots with the given accumulators, then apply `grad`.
        opt.applyGradients([{ name, tensor: tf.zerosLike(v) }]);
        const internals = opt as unknown as {
          accumulatedGrads: { variable: tf.Variable }[];
          accumulatedUpdates: { variable: tf.Variable }[];
        };
        internals.accumulatedGrads[0]!.variable.assign(tf.tensor1d(accGrad));
        internals.accumulatedUpdates[0]!.variable.assign(tf.tensor1d(accUpdate));
        v.assign(tf.tensor1d(value));
        opt.applyGradients([{ name, tensor: tf.tensor1d(grad) }]);
        const out = {
          value: v.dataSync().slice(),
          accGrad: internals.accumulatedGrads[0]!.variable.dataSync().slice(),
          accUpdate: internals.accumulatedUpdates[0]!.variable.dataSync().slice(),
        };
        opt.dispose();
        v.dispose();
        return out;
      });
      const got = {
        value: new Float32Array(n),
        accGrad: new Float32Array(n),
        accUpdate: new Float32Array(n),
      };
      adadeltaUpdateInto(value, grad, accGrad, accUpdate, got, attrs);
      for (const k of ['value', 'accGrad', 'accUpdate'] as const)
        for (let i = 0; i < n; i++) {
          const w = want[k][i]!;
          if (!(Math.abs(got[k][i]! - w) <= 2e-7 * Math.max(1, Math.abs(w))))
            throw new Error(`trial ${trial} ${k}[${i}]: ${got[k][i]} vs ${w}`);
        }
    }
    expect(tf.memory().numTensors).toBe(0);
  });
});
