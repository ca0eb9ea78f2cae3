/**
 * End to end on the real WASM backend (it loads in Node from node_modules): the registered kernel makes conv
 * gradients work there, and they agree with the cpu backend.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../data/random';
import { registerWasmConvBackpropFilter } from './conv2dBackpropFilterWasm';
import { createTrainer } from '../train/createTrainer';
import { tinyCnn, tinyData, tinyHyper } from '../train/testGraphs';

beforeAll(async () => {
  setWasmPaths(join(dirname(fileURLToPath(import.meta.resolve('@tensorflow/tfjs-backend-wasm'))), '/'));
  expect(await tf.setBackend('wasm')).toBe(true);
});

/**
 * Conv2DBackpropFilter(x, dy) on `backend`, reached through tf.grad of Σ conv2d(x, f)·dy w.r.t. f (the forward value
 * does not enter the filter gradient, so only the kernel under test is compared).
 */
async function filterGrad(
  backend: string,
  seed: number,
  cfg: {
    n: number;
    h: number;
    w: number;
    c: number;
    k: number;
    kh: number;
    kw: number;
    s: [number, number];
    pad: 'same' | 'valid';
  },
) {
  await tf.setBackend(backend);
  return tf.tidy(() => {
    const x = tf.randomNormal([cfg.n, cfg.h, cfg.w, cfg.c], 0, 1, 'float32', seed);
    const f = tf.zeros([cfg.kh, cfg.kw, cfg.c, cfg.k]);
    const info = tf.backend_util.computeConv2DInfo(
      x.shape as [number, number, number, number],
      [cfg.kh, cfg.kw, cfg.c, cfg.k],
      cfg.s,
      1,
      cfg.pad,
    );
    const dy = tf.randomNormal(info.outShape, 0, 1, 'float32', seed + 1);
    const grad = (a: tf.Tensor, b: tf.Tensor): tf.Tensor =>
      tf.grad((filter: tf.Tensor) =>
        tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, filter as tf.Tensor4D, cfg.s, cfg.pad), b)),
      )(f);
    const g = grad(x, dy);
    // Σ|x|·|dy| per weight: the scale rounding errors grow with, used to measure relative error.
    const scale = grad(tf.abs(x), tf.abs(dy));
    return { shape: g.shape, values: Array.from(g.dataSync()), scale: Array.from(scale.dataSync()) };
  });
}

describe('Conv2DBackpropFilter on wasm', () => {
  it('registers once, idempotently', () => {
    registerWasmConvBackpropFilter();
    expect(registerWasmConvBackpropFilter()).toBe(false);
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
  });

  it('gives the cpu gradient on random configurations', async () => {
    registerWasmConvBackpropFilter();
    const rand = mulberry32(99);
    const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
    for (let i = 0; i < 60; i++) {
      const kh = int(1, 4);
      const kw = int(1, 4);
      const cfg = {
        n: int(1, 3),
        h: int(kh, 9),
        w: int(kw, 9),
        c: int(1, 3),
        k: int(1, 3),
        kh,
        kw,
        s: [int(1, 3), int(1, 3)] as [number, number],
        pad: rand() < 0.5 ? ('same' as const) : ('valid' as const),
      };
      const want = await filterGrad('cpu', 2 * i + 1, cfg); // seed 0 would mean unseeded in TF.js
      const got = await filterGrad('wasm', 2 * i + 1, cfg);
      expect(got.shape).toEqual(want.shape);
      const err = Math.max(
        ...got.values.map(
          (v, j) => Math.abs(v - (want.values[j] as number)) / Math.max(want.scale[j] as number, 1e-6),
        ),
      );
      expect(err, JSON.stringify(cfg)).toBeLessThan(1e-5);
    }
    await tf.setBackend('wasm');
  });

  it('a conv model trains on wasm with the loss curve of cpu, without leaking', async () => {
    registerWasmConvBackpropFilter();
    const data = tinyData(32, 16);
    const curve = async (backend: string): Promise<number[]> => {
      await tf.setBackend(backend);
      const before = tf.memory().numTensors;
      const t = createTrainer({
        graph: tinyCnn(),
        dataset: data,
        hyper: tinyHyper({ optimizer: 'sgd', learningRate: 0.05 }),
        seed: 5,
      });
      const s = await t.trainBatches(4);
      t.dispose();
      expect(tf.memory().numTensors).toBe(before);
      return Array.from(s.losses);
    };
    const cpu = await curve('cpu');
    const wasm = await curve('wasm');
    for (let i = 0; i < cpu.length; i++) expect(wasm[i]).toBeCloseTo(cpu[i] as number, 3);
    expect(wasm[3]).not.toBe(wasm[0]);
  });
});
