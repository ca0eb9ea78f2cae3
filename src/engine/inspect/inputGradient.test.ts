import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { chain } from '../graph/edit';
import { L } from '../graph/layerBuilders';
import { compileGraph } from '../compile/compile';
import { classScoreGradient, inputGradient } from './inputGradient';
import { classScores, scoreKind } from './classScore';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Smooth everywhere (tanh, average pooling), so central differences are accurate; an explicit pad and a skip-free chain. */
const smooth = (softmax: 'fused' | 'layer' | 'none') =>
  compileGraph(
    chain('classifier', [
      L.image([6, 6, 2]),
      L.conv(3, 3, { activation: 'tanh', padding: { explicit: 1 } }),
      L.avgPool(),
      L.flatten(),
      ...(softmax === 'fused'
        ? [L.dense(4, 'softmax')]
        : softmax === 'layer'
          ? [L.dense(4, 'linear'), L.act('softmax')]
          : [L.dense(4, 'sigmoid')]),
    ]),
    { seed: 5 },
  );

const image = (seed: number) => tf.randomUniform([1, 6, 6, 2], 0, 1, 'float32', seed) as tf.Tensor4D;

/** Central differences of class `cls`'s score at every input value (float64 arithmetic on float32 outputs). */
function finiteDifferences(model: tf.LayersModel, x: tf.Tensor4D, cls: number, eps = 1e-2): Float64Array {
  const base = x.dataSync();
  const out = new Float64Array(base.length);
  const score = (v: Float32Array) =>
    tf.tidy(() => classScores(model, tf.tensor4d(v, x.shape)).scores.dataSync()[cls] as number);
  for (let i = 0; i < base.length; i++) {
    const up = Float32Array.from(base);
    const down = Float32Array.from(base);
    up[i] = (up[i] as number) + eps;
    down[i] = (down[i] as number) - eps;
    out[i] = (score(up) - score(down)) / (2 * eps);
  }
  return out;
}

describe('class scores', () => {
  it('are the logits: their softmax is the model output, for a fused and a separate softmax', () => {
    for (const kind of ['fused', 'layer'] as const) {
      const model = smooth(kind);
      expect(scoreKind(model)).toBe('logit');
      const [p, q, lse] = tf.tidy(() => {
        const x = image(1);
        const z = classScores(model, x).scores;
        return [
          tf.softmax(z).dataSync(),
          (model.predict(x) as tf.Tensor).dataSync(),
          tf.logSumExp(z).dataSync(),
        ];
      });
      expect(Array.from(p ?? [])).toEqual(Array.from(q ?? []).map((v) => expect.closeTo(v, 5)));
      // Not log-probabilities (whose softmax is the output too): those would have log Σ e^z = 0.
      expect(Math.abs(lse?.[0] ?? 0)).toBeGreaterThan(0.1);
    }
  });

  it('fall back to log-probabilities when the model ends in another activation', () => {
    const model = smooth('none');
    expect(scoreKind(model)).toBe('logProbability');
    const [s, out] = tf.tidy(() => {
      const x = image(2);
      return [classScores(model, x).scores.dataSync(), (model.predict(x) as tf.Tensor).dataSync()];
    });
    expect(Array.from(s ?? [])).toEqual(Array.from(out ?? []).map((v) => expect.closeTo(Math.log(v), 5)));
  });
});

describe('inputGradient', () => {
  it('equals finite differences of the class score, leaving no tensors behind', () => {
    const model = smooth('fused');
    const x = image(3);
    const before = tf.memory().numTensors;
    const g = tf.tidy(() => classScoreGradient(model, x, 2).grad);
    const grad = g.dataSync();
    g.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const fd = finiteDifferences(model, x, 2);
    expect(grad.length).toBe(72);
    let maxAbs = 0;
    for (const v of fd) maxAbs = Math.max(maxAbs, Math.abs(v));
    expect(maxAbs).toBeGreaterThan(1e-3);
    for (let i = 0; i < fd.length; i++)
      expect(Math.abs((grad[i] as number) - (fd[i] as number))).toBeLessThan(2e-3);
    x.dispose();
  });

  it('of a batch is each image’s own gradient', () => {
    const model = smooth('layer');
    const [one, both] = tf.tidy(() => {
      const a = image(4);
      const b = image(5);
      return [
        classScoreGradient(model, a, 1).grad.dataSync(),
        classScoreGradient(model, tf.concat([a, b]), 1).grad.dataSync(),
      ];
    });
    expect(Array.from(both?.subarray(0, 72) ?? [])).toEqual(
      Array.from(one ?? []).map((v) => expect.closeTo(v, 6)),
    );
  });

  it('works for any scalar function', () => {
    const g = tf.tidy(() =>
      inputGradient(
        (v: tf.Tensor1D) => tf.sum(tf.square(v)) as tf.Scalar,
        tf.tensor1d([1, -2, 3]),
      ).dataSync(),
    );
    expect(Array.from(g)).toEqual([2, -4, 6]);
  });
});
