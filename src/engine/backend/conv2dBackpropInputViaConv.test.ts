import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../data/random';
import type { ConvPad } from './conv2dBackpropFilterViaConv';
import { backpropInputPadding, conv2dBackpropInputViaConv } from './conv2dBackpropInputViaConv';

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
  return {
    n: int(1, 3),
    h: int(kh, 11), // 'valid' needs the kernel to fit
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

/** The cpu backend's own Conv2DBackpropInput, reached through the gradient of conv2d w.r.t. its input. */
function reference(x: tf.Tensor4D, dy: tf.Tensor4D, f: tf.Tensor4D, cfg: Config): tf.Tensor {
  return tf.grad((input: tf.Tensor) =>
    tf.sum(tf.mul(tf.conv2d(input as tf.Tensor4D, f, [cfg.sh, cfg.sw], cfg.pad), dy)),
  )(x);
}

describe('conv2dBackpropInputViaConv', () => {
  it(`matches tf's input gradient on ${CONFIGS} random configurations (relative error < 1e-5)`, () => {
    const rand = mulberry32(2025);
    let worst = 0;
    let checked = 0;
    for (let i = 0; i < CONFIGS; i++) {
      const cfg = randomConfig(rand);
      tf.tidy(() => {
        const x = tf.zeros([cfg.n, cfg.h, cfg.w, cfg.c]) as tf.Tensor4D;
        const f = tf.randomNormal([cfg.kh, cfg.kw, cfg.c, cfg.k], 0, 1, 'float32', i + 1) as tf.Tensor4D;
        const outShape = tf.conv2d(x, f, [cfg.sh, cfg.sw], cfg.pad).shape;
        const dy = tf.randomNormal(outShape, 0, 1, 'float32', i + 1000) as tf.Tensor4D;
        const want = reference(x, dy, f, cfg);
        const got = conv2dBackpropInputViaConv(dy, f, x.shape, [cfg.sh, cfg.sw], cfg.pad);
        expect(got.shape).toEqual(want.shape);
        // Relative to Σ|dy|·|W| per input pixel (what rounding scales with), not to a sum that may cancel to ~0.
        const scale = reference(x, tf.abs(dy), tf.abs(f), cfg);
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

  it('pads a 5×5 same convolution by 2 on every side, and a strided valid one by what the stride leaves', () => {
    expect(backpropInputPadding([1, 24, 24, 1], [5, 5, 1, 8], [1, 1], 'same')).toEqual({
      top: 2,
      bottom: 2,
      left: 2,
      right: 2,
    });
    // 8 rows, 3×3 valid, stride 2: outputs at rows 0, 2, 4 (3 of them); row 7 is read by none.
    // D is 5 long; 8 + 3 − 1 = 10 = 2 above + 5 + 3 below.
    expect(backpropInputPadding([1, 8, 8, 1], [3, 3, 1, 1], [2, 2], 'valid')).toEqual({
      top: 2,
      bottom: 3,
      left: 2,
      right: 3,
    });
  });

  it('crops dy where an explicit pad is wider than the kernel', () => {
    // One input row padded by 3 on both sides, a 1×1 kernel, stride 4: outputs read padded rows 0 and 4 (pad, and
    // x's row 0 is padded row 3, read by none), so dx is 0 there; the correlation crops 3 rows above.
    const pad: ConvPad = [
      [0, 0],
      [3, 3],
      [0, 0],
      [0, 0],
    ];
    expect(backpropInputPadding([1, 1, 1, 1], [1, 1, 1, 1], [4, 1], pad).top).toBe(-3);
    const dx = conv2dBackpropInputViaConv(
      tf.ones([1, 2, 1, 1]),
      tf.ones([1, 1, 1, 1]),
      [1, 1, 1, 1],
      [4, 1],
      pad,
    );
    expect(Array.from(dx.dataSync())).toEqual([0]);
    // Padded by 4 instead: row 0 is padded row 4, read by the second output.
    const pad4: ConvPad = [
      [0, 0],
      [4, 4],
      [0, 0],
      [0, 0],
    ];
    const dy = tf.tensor4d([5, 7, 11], [1, 3, 1, 1]);
    const dx4 = conv2dBackpropInputViaConv(dy, tf.ones([1, 1, 1, 1]), [1, 1, 1, 1], [4, 1], pad4);
    expect(Array.from(dx4.dataSync())).toEqual([7]);
  });

  it('frees its intermediates', () => {
    const dy = tf.ones([2, 4, 4, 5]) as tf.Tensor4D;
    const f = tf.ones([3, 3, 3, 5]) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    const g = conv2dBackpropInputViaConv(dy, f, [2, 7, 7, 3], 2, 'same');
    expect(g.shape).toEqual([2, 7, 7, 3]);
    expect(tf.memory().numTensors).toBe(before + 1);
    tf.dispose([dy, f, g]);
  });
});
