/**
 * The app's WASM kernels on the real WASM backend (it loads in Node from node_modules): each gives the cpu backend's
 * gradient on random configurations, registering is idempotent, and nothing leaks.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../data/random';
import type { ConvPad } from './conv2dBackpropFilterViaConv';
import { registerWasmKernels } from './wasmKernels';
import { createTrainer } from '../train/createTrainer';
import { tinyCnn, tinyData, tinyHyper } from '../train/testGraphs';

const TFJS_WASM_KERNELS = new Map<string, tf.KernelConfig | undefined>();

beforeAll(async () => {
  setWasmPaths(join(dirname(fileURLToPath(import.meta.resolve('@tensorflow/tfjs-backend-wasm'))), '/'));
  expect(await tf.setBackend('wasm')).toBe(true);
  for (const k of [tf.Conv2DBackpropInput, tf.MaxPoolGrad, tf.Conv2DBackpropFilter])
    TFJS_WASM_KERNELS.set(k, tf.getKernel(k, 'wasm'));
  registerWasmKernels();
});

const rand = mulberry32(4242);
const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));

/** Runs `f` on `backend` and returns its values with Σ|·| scales for relative errors. */
async function on<T>(backend: string, f: () => T): Promise<T> {
  await tf.setBackend(backend);
  return f();
}

function relErr(got: ArrayLike<number>, want: ArrayLike<number>, scale: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < want.length; i++)
    worst = Math.max(worst, Math.abs(got[i]! - want[i]!) / Math.max(scale[i]!, 1e-6));
  return worst;
}

describe('registerWasmKernels', () => {
  it('replaces the input and pooling gradients once, and adds the filter gradient', () => {
    expect(TFJS_WASM_KERNELS.get(tf.Conv2DBackpropFilter)).toBeUndefined();
    expect(TFJS_WASM_KERNELS.get(tf.Conv2DBackpropInput)).toBeDefined();
    const input = tf.getKernel(tf.Conv2DBackpropInput, 'wasm');
    const pool = tf.getKernel(tf.MaxPoolGrad, 'wasm');
    expect(input).not.toBe(TFJS_WASM_KERNELS.get(tf.Conv2DBackpropInput));
    expect(pool).not.toBe(TFJS_WASM_KERNELS.get(tf.MaxPoolGrad));
    expect(tf.getKernel(tf.BatchMatMul, 'wasm')).not.toBe(TFJS_WASM_KERNELS.get(tf.BatchMatMul));
    expect(tf.getKernel(tf.Conv2DBackpropFilter, 'wasm')).toBeDefined();
    expect(registerWasmKernels()).toBe(false);
    expect(tf.getKernel(tf.Conv2DBackpropInput, 'wasm')).toBe(input);
    expect(tf.getKernel(tf.MaxPoolGrad, 'wasm')).toBe(pool);
  });

  it("gives the cpu backend's conv2d input gradient on 80 random configurations", async () => {
    for (let i = 0; i < 80; i++) {
      const kh = int(1, 5);
      const kw = int(1, 5);
      const r = rand();
      const pad: ConvPad =
        r < 0.4
          ? 'same'
          : r < 0.8
            ? 'valid'
            : [
                [0, 0],
                [int(0, 3), int(0, 3)],
                [int(0, 3), int(0, 3)],
                [0, 0],
              ];
      const cfg = {
        n: int(1, 3),
        h: int(kh, 12),
        w: int(kw, 12),
        c: int(1, 4),
        k: int(1, 5),
        s: [int(1, 3), int(1, 3)],
      };
      const seed = 3 * i + 1; // 0 would mean unseeded in TF.js
      const run = () =>
        tf.tidy(() => {
          const x = tf.zeros([cfg.n, cfg.h, cfg.w, cfg.c]);
          const f = tf.randomNormal([kh, kw, cfg.c, cfg.k], 0, 1, 'float32', seed) as tf.Tensor4D;
          const fwd = (t: tf.Tensor, w: tf.Tensor4D): tf.Tensor =>
            tf.conv2d(t as tf.Tensor4D, w, cfg.s as [number, number], pad);
          const dy = tf.randomNormal(fwd(x, f).shape, 0, 1, 'float32', seed + 1);
          const g = (d: tf.Tensor, w: tf.Tensor4D) =>
            tf.grad((t: tf.Tensor) => tf.sum(tf.mul(fwd(t, w), d)))(x);
          return { v: g(dy, f).dataSync(), scale: g(tf.abs(dy), tf.abs(f)).dataSync() };
        });
      const want = await on('cpu', run);
      const before = await on('wasm', () => tf.memory().numTensors);
      const got = run();
      expect(tf.memory().numTensors).toBe(before);
      expect(got.v.length).toBe(want.v.length);
      expect(relErr(got.v, want.v, want.scale), JSON.stringify({ ...cfg, kh, kw, pad })).toBeLessThan(1e-5);
    }
  });

  it("gives the cpu backend's max-pool gradient on 80 random configurations, ties included", async () => {
    for (let i = 0; i < 80; i++) {
      const fh = int(1, 4);
      const fw = int(1, 4);
      const r = rand();
      const cfg = {
        shape: [int(1, 3), int(fh, 12), int(fw, 12), int(1, 5)] as [number, number, number, number],
        filter: [fh, fw] as [number, number],
        s: [int(1, 3), int(1, 3)] as [number, number],
        // No numeric pad: TF.js sizes it with the filter's height for both axes, and the WASM backend's own
        // forward MaxPool then writes past its output (a 3×1 window). tfjs-layers pools 'same' or 'valid'.
        pad: r < 0.5 ? ('same' as const) : ('valid' as const),
        ties: rand() < 0.5,
      };
      const size = cfg.shape.reduce((a, b) => a * b, 1);
      const values = Float32Array.from({ length: size }, () => (cfg.ties ? Math.floor(rand() * 3) : rand()));
      const run = () =>
        tf.tidy(() => {
          const x = tf.tensor4d(values, cfg.shape);
          const fwd = (t: tf.Tensor) => tf.maxPool(t as tf.Tensor4D, cfg.filter, cfg.s, cfg.pad);
          const dy = tf.randomNormal(fwd(x).shape, 0, 1, 'float32', i + 1);
          return tf
            .grad((t: tf.Tensor) => tf.sum(tf.mul(fwd(t), dy)))(x)
            .dataSync();
        });
      const want = await on('cpu', run);
      const before = await on('wasm', () => tf.memory().numTensors);
      const got = run();
      expect(tf.memory().numTensors).toBe(before);
      expect(relErr(got, want, new Float32Array(size).fill(1)), JSON.stringify(cfg)).toBeLessThan(1e-6);
    }
  });

  it("gives the cpu backend's matMul on 120 random shapes, transposed or not, single or batched", async () => {
    for (let i = 0; i < 120; i++) {
      const [m, k, n] = [int(1, 40), int(1, 40), int(1, 40)];
      const tA = rand() < 0.5;
      const tB = rand() < 0.5;
      // Rank 2, rank 3 with batch 1 (as the engine passes a dense layer's products), or a real batch.
      const batch = [[], [1], [int(2, 3)]][i % 3]!;
      const aShape = [...batch, ...(tA ? [k, m] : [m, k])];
      const bShape = [...(i % 3 === 2 && rand() < 0.5 ? [] : batch), ...(tB ? [n, k] : [k, n])];
      const seed = 5 * i + 1;
      const run = () =>
        tf.tidy(() => {
          const a = tf.randomNormal(aShape, 0, 1, 'float32', seed);
          const b = tf.randomNormal(bShape, 0, 1, 'float32', seed + 1);
          const p = tf.matMul(a, b, tA, tB);
          return {
            shape: p.shape,
            v: p.dataSync(),
            scale: tf.matMul(tf.abs(a), tf.abs(b), tA, tB).dataSync(),
          };
        });
      const want = await on('cpu', run);
      const before = await on('wasm', () => tf.memory().numTensors);
      const got = run();
      expect(tf.memory().numTensors).toBe(before);
      const cfg = JSON.stringify({ aShape, bShape, tA, tB });
      expect(got.shape, cfg).toEqual(want.shape);
      expect(relErr(got.v, want.v, want.scale), cfg).toBeLessThan(1e-5);
    }
  });

  it('Identity and same-dtype Cast share the buffer, which lives until its last tensor goes', async () => {
    await tf.setBackend('wasm');
    const buffers = (): number => tf.engine().backend.numDataIds();
    const x = tf.tensor1d([1.5, -2, 3]);
    const before = buffers();
    const y = tf.clone(x);
    const z = tf.cast(x, 'float32');
    expect(buffers()).toBe(before); // no copies
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual([1.5, -2, 3]);
    y.dispose();
    expect(Array.from(z.dataSync())).toEqual([1.5, -2, 3]);
    z.dispose();
    expect(buffers()).toBe(before - 1);
    // Another dtype still converts (TF.js's own Cast).
    const f = tf.tensor1d([1.7, -2.2]);
    const i = tf.cast(f, 'int32');
    expect(i.dtype).toBe('int32');
    expect(Array.from(i.dataSync())).toEqual([1, -2]);
    tf.dispose([f, i]);
  });

  it.each(['sgd', 'adadelta'] as const)(
    'a conv net trains on wasm with the loss curve of cpu (%s), without leaking',
    async (optimizer) => {
      const data = tinyData(32, 16);
      const curve = async (backend: string): Promise<number[]> => {
        await tf.setBackend(backend);
        const before = tf.memory().numTensors;
        const buffers = tf.engine().backend.numDataIds();
        const t = createTrainer({
          graph: tinyCnn(),
          dataset: data,
          hyper: tinyHyper({ optimizer, learningRate: optimizer === 'sgd' ? 0.05 : 1 }),
          seed: 5,
        });
        const s = await t.trainBatches(6);
        t.dispose();
        expect(tf.memory().numTensors).toBe(before);
        expect(tf.engine().backend.numDataIds()).toBe(buffers);
        return Array.from(s.losses);
      };
      const cpu = await curve('cpu');
      const wasm = await curve('wasm');
      // Relative: Adadelta at rate 1 amplifies the backends' float32 differences a little (TF.js's own Adadelta on
      // wasm gives these same losses, to the digit).
      for (let i = 0; i < cpu.length; i++)
        expect(Math.abs(wasm[i]! - cpu[i]!)).toBeLessThan(1e-3 * Math.abs(cpu[i]!));
      expect(wasm[5]).not.toBe(wasm[0]);
    },
  );
});
