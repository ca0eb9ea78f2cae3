import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../data/random';
import { maxPoolGradInto } from './maxPoolGradWasm';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

interface Config {
  n: number;
  h: number;
  w: number;
  c: number;
  fh: number;
  fw: number;
  sh: number;
  sw: number;
  pad: 'same' | 'valid' | number;
  /** Values from a handful of integers, so windows hold ties. */
  ties: boolean;
}

function randomConfig(rand: () => number): Config {
  const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
  const fh = int(1, 4);
  const fw = int(1, 4);
  const r = rand();
  return {
    n: int(1, 3),
    h: int(fh, 10),
    w: int(fw, 10),
    c: int(1, 4),
    fh,
    fw,
    sh: int(1, 3),
    sw: int(1, 3),
    pad: r < 0.4 ? 'same' : r < 0.8 ? 'valid' : int(0, 1),
    ties: rand() < 0.5,
  };
}

/** The cpu backend's MaxPoolGrad (through tf.grad of maxPool), and ours on the same arrays. */
function both(x: tf.Tensor4D, cfg: Config, seed: number): { want: Float32Array; got: Float32Array } {
  return tf.tidy(() => {
    const fwd = (t: tf.Tensor): tf.Tensor4D =>
      tf.maxPool(t as tf.Tensor4D, [cfg.fh, cfg.fw], [cfg.sh, cfg.sw], cfg.pad);
    const y = fwd(x);
    const dy = tf.randomNormal(y.shape, 0, 1, 'float32', seed);
    const want = tf
      .grad((t: tf.Tensor) => tf.sum(tf.mul(fwd(t), dy)))(x)
      .dataSync() as Float32Array;
    const info = tf.backend_util.computePool2DInfo(x.shape, [cfg.fh, cfg.fw], [cfg.sh, cfg.sw], 1, cfg.pad);
    const got = new Float32Array(x.size).fill(NaN); // overwritten everywhere
    maxPoolGradInto(x.dataSync() as Float32Array, dy.dataSync() as Float32Array, got, {
      batchSize: info.batchSize,
      inHeight: info.inHeight,
      inWidth: info.inWidth,
      inChannels: info.inChannels,
      outHeight: info.outHeight,
      outWidth: info.outWidth,
      strideHeight: info.strideHeight,
      strideWidth: info.strideWidth,
      filterHeight: info.effectiveFilterHeight,
      filterWidth: info.effectiveFilterWidth,
      padTop: info.padInfo.top,
      padLeft: info.padInfo.left,
    });
    return { want, got };
  });
}

describe('maxPoolGradInto', () => {
  it('equals the cpu backend on 400 random configurations, ties included', () => {
    const rand = mulberry32(77);
    let withTies = 0;
    for (let i = 0; i < 400; i++) {
      const cfg = randomConfig(rand);
      const size = cfg.n * cfg.h * cfg.w * cfg.c;
      const values = Float32Array.from({ length: size }, () =>
        cfg.ties ? Math.floor(rand() * 3) : rand() * 2 - 1,
      );
      const x = tf.tensor4d(values, [cfg.n, cfg.h, cfg.w, cfg.c]);
      const { want, got } = both(x, cfg, i + 1);
      x.dispose();
      for (let j = 0; j < size; j++) {
        // Sums of the same dy values in the same order: equal up to float32 rounding of the cpu's float64 sum.
        if (!(Math.abs((got[j] as number) - (want[j] as number)) <= 1e-6))
          throw new Error(`config ${i} ${JSON.stringify(cfg)} at ${j}: ${got[j]} vs ${want[j]}`);
      }
      if (cfg.ties) withTies++;
    }
    expect(withTies).toBeGreaterThan(100);
  });

  it('gives a tie to its first element, and nothing to windows of NaN, as the cpu backend', () => {
    // One 2×2 window of equal values, then one of NaN and −∞ (no number above −∞): pool 2, stride 2.
    const cfg: Config = { n: 1, h: 2, w: 4, c: 1, fh: 2, fw: 2, sh: 2, sw: 2, pad: 'valid', ties: true };
    const x = tf.tensor4d([3, 3, NaN, -Infinity, 3, 3, NaN, NaN], [1, 2, 4, 1]);
    const { want, got } = both(x, cfg, 5);
    x.dispose();
    expect(Array.from(got)).toEqual(Array.from(want));
    expect(got[0]).not.toBe(0);
    expect(Array.from(got).filter((v) => v !== 0)).toHaveLength(1);
  });
});
