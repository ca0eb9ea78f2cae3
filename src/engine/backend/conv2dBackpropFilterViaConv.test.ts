import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../data/random';
import { conv2dBackpropFilterViaConv } from './conv2dBackpropFilterViaConv';
import type { ConvPad } from './conv2dBackpropFilterViaConv';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const CONFIGS = 400;

interface Config {
  n: number;
  h: number;
  w: number;
  c: number;
  k: number;
  kh: number;
  kw: number;
  sh: number;
  sw: number;
  pad: ConvPad;
}

function randomConfig(rand: () => number): Config {
  const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
  const kh = int(1, 5);
  const kw = int(1, 5);
  const r = rand();
  const pad: ConvPad =
    r < 0.4
      ? 'same'
      : r < 0.8
        ? 'valid'
        : r < 0.9
          ? int(0, 2)
          : [
              [0, 0],
              [int(0, 2), int(0, 2)],
              [int(0, 2), int(0, 2)],
              [0, 0],
            ];
  // 'valid' needs the kernel to fit.
  return {
    n: int(1, 3),
    h: int(kh, 11),
    w: int(kw, 11),
    c: int(1, 4),
    k: int(1, 4),
    kh,
    kw,
    sh: int(1, 3),
    sw: int(1, 3),
    pad,
  };
}

/** The cpu backend's own Conv2DBackpropFilter, reached through the gradient of conv2d w.r.t. its filter. */
function reference(x: tf.Tensor4D, dy: tf.Tensor4D, f: tf.Tensor4D, cfg: Config): tf.Tensor {
  return tf.grad((filter: tf.Tensor) =>
    tf.sum(tf.mul(tf.conv2d(x, filter as tf.Tensor4D, [cfg.sh, cfg.sw], cfg.pad), dy)),
  )(f);
}

describe('conv2dBackpropFilterViaConv', () => {
  it(`matches tf's filter gradient on ${CONFIGS} random configurations (relative error < 1e-5)`, () => {
    const rand = mulberry32(2024);
    let worst = 0;
    let checked = 0;
    for (let i = 0; i < CONFIGS; i++) {
      const cfg = randomConfig(rand);
      tf.tidy(() => {
        const x = tf.randomNormal([cfg.n, cfg.h, cfg.w, cfg.c], 0, 1, 'float32', i + 1) as tf.Tensor4D;
        const f = tf.zeros([cfg.kh, cfg.kw, cfg.c, cfg.k]) as tf.Tensor4D;
        const outShape = tf.conv2d(x, f, [cfg.sh, cfg.sw], cfg.pad).shape;
        const dy = tf.randomNormal(outShape, 0, 1, 'float32', i + 1000) as tf.Tensor4D;
        const want = reference(x, dy, f, cfg);
        let got: tf.Tensor;
        try {
          got = conv2dBackpropFilterViaConv(x, dy, [cfg.kh, cfg.kw, cfg.c, cfg.k], [cfg.sh, cfg.sw], cfg.pad);
        } catch (e) {
          throw new Error(`config ${i} ${JSON.stringify(cfg)}: ${String(e)}`, { cause: e });
        }
        expect(got.shape).toEqual(want.shape);
        // Relative to Σ|x|·|dy| per weight (what rounding scales with), not to a sum that may cancel to ~0.
        const scale = reference(tf.abs(x), tf.abs(dy), f, cfg);
        const err = tf
          .max(tf.div(tf.abs(tf.sub(got, want)), tf.maximum(scale, 1e-6)))
          .dataSync()[0] as number;
        if (!(err < 1e-5)) throw new Error(`config ${i} ${JSON.stringify(cfg)}: relative error ${err}`);
        worst = Math.max(worst, err);
        checked++;
      });
    }
    expect(checked).toBe(CONFIGS);
    expect(worst).toBeLessThan(1e-5);
  });

  it('frees its intermediates', () => {
    const x = tf.ones([2, 7, 7, 3]) as tf.Tensor4D;
    const dy = tf.ones([2, 4, 4, 5]) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    const g = conv2dBackpropFilterViaConv(x, dy, [3, 3, 3, 5], 2, 'same');
    expect(tf.memory().numTensors).toBe(before + 1);
    tf.dispose([x, dy, g]);
  });

  it('refuses dilation > 1, which TF.js cannot differentiate either', () => {
    const x = tf.ones([1, 7, 7, 1]) as tf.Tensor4D;
    const dy = tf.ones([1, 3, 3, 1]) as tf.Tensor4D;
    expect(() => conv2dBackpropFilterViaConv(x, dy, [3, 3, 1, 1], 1, 'valid', 2)).toThrow(/dilation/);
    tf.dispose([x, dy]);
  });
});
