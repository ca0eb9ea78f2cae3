import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { chain } from '../graph/edit';
import { L } from '../graph/layerBuilders';
import { compileGraph } from '../compile/compile';
import { saliencyMap, upsampleCam, type SaliencyOptions } from './saliency';
import { classScoreGradient } from './inputGradient';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** conv(relu) → maxPool → conv(relu, the last conv) → global average pool → dense softmax. */
const graph = chain('classifier', [
  L.image([8, 8, 1]),
  L.conv(3, 3),
  L.maxPool(),
  L.conv(4, 3),
  L.globalAvgPool(),
  L.dense(3, 'softmax'),
]);
const [, conv1, , conv2, , dense] = graph.nodes.map((n) => n.id);
const model = compileGraph(graph, { seed: 11 });
const x = tf.randomUniform([1, 8, 8, 1], 0, 1, 'float32', 3) as tf.Tensor4D;

function run(opts: SaliencyOptions) {
  const before = tf.memory().numTensors;
  const r = tf.tidy(() => {
    const s = saliencyMap(model, x, opts);
    return [s.map, s.scores, s.target] as const;
  });
  const out = { map: r[0].arraySync(), scores: r[1].dataSync(), target: r[2].dataSync()[0] as number };
  r.forEach((t) => t.dispose());
  expect(tf.memory().numTensors).toBe(before);
  return out;
}

const argmax = (v: ArrayLike<number>) =>
  Array.from(v).reduce((b, a, i, all) => (a > (all[b] ?? a) ? i : b), 0);

describe('saliencyMap', () => {
  it('gradient: |∂score/∂x| of the chosen class (the predicted one by default), leaving no tensors', () => {
    const r = run({ method: 'gradient', classIndex: null });
    expect(r.target).toBe(argmax(r.scores));
    const g = tf.tidy(() => tf.abs(classScoreGradient(model, x, r.target).grad).dataSync());
    expect(r.map.flat()).toEqual(Array.from(g).map((v) => expect.closeTo(v, 6)));
    const other = run({ method: 'gradient', classIndex: (r.target + 1) % 3 });
    expect(other.target).toBe((r.target + 1) % 3);
    expect(other.map.flat()).not.toEqual(r.map.flat());
  });

  it('SmoothGrad: the input size, ≥ 0, a single copy without noise is the plain gradient', () => {
    const plain = run({ method: 'gradient', classIndex: 1 });
    const one = run({ method: 'smoothGrad', classIndex: 1, samples: 1, noise: 0 });
    expect(one.map.flat()).toEqual(plain.map.flat().map((v) => expect.closeTo(v, 6)));
    const smooth = run({ method: 'smoothGrad', classIndex: 1 });
    expect([smooth.map.length, smooth.map[0]?.length]).toEqual([8, 8]);
    expect(smooth.map.flat().every((v) => v >= 0)).toBe(true);
    expect(smooth.map.flat()).not.toEqual(plain.map.flat());
  });

  it('Grad-CAM: the input size, ≥ 0, and at the last conv before global pooling it is CAM: ReLU(Σ_k W_kc A_k)/area', () => {
    for (const layer of [conv1, conv2]) {
      const r = run({ method: 'gradCam', classIndex: 0, layer: layer as string });
      expect([r.map.length, r.map[0]?.length]).toEqual([8, 8]);
      expect(r.map.flat().every((v) => v >= 0)).toBe(true);
      expect(r.map.flat().some((v) => v > 0)).toBe(true);
    }
    // Closed form for conv2 (4×4 maps → 8×8): α_k = W[k, c] / 16 because the score is Σ_k W[k,c]·mean(A_k) + b_c.
    const expected = tf.tidy(() => {
      const a = tf.model({
        inputs: model.inputs,
        outputs: model.getLayer(conv2 as string).output as tf.SymbolicTensor,
      });
      const maps = a.predict(x) as tf.Tensor4D;
      const w = tf.slice(model.getLayer(dense as string).getWeights()[0] as tf.Tensor2D, [0, 0], [-1, 1]);
      const cam = tf.relu(tf.matMul(tf.reshape(maps, [16, 4]), tf.div(w, 16)));
      return tf.image
        .resizeBilinear(tf.reshape(cam, [1, 4, 4, 1]) as tf.Tensor4D, [8, 8], false, true)
        .dataSync();
    });
    const r = run({ method: 'gradCam', classIndex: 0, layer: conv2 as string });
    expect(r.map.flat()).toEqual(Array.from(expected).map((v) => expect.closeTo(v, 5)));
  });

  it('Grad-CAM changes with the class and the layer', () => {
    const a = run({ method: 'gradCam', classIndex: 0, layer: conv2 as string }).map.flat();
    const b = run({ method: 'gradCam', classIndex: 2, layer: conv2 as string }).map.flat();
    const c = run({ method: 'gradCam', classIndex: 0, layer: conv1 as string }).map.flat();
    expect(b).not.toEqual(a);
    expect(c).not.toEqual(a);
  });
});

describe('upsampleCam', () => {
  it("centres each map cell on the pixels it covers (a 7×7 map after two 2×2 pools of a 28×28 image), not the corners'", () => {
    const col = (i: number): number[] => {
      const cell = new Float32Array(49);
      cell[3 * 7 + i] = 1;
      const map = tf.tidy(() => upsampleCam(tf.tensor4d(cell, [1, 7, 7, 1]), 28, 28).arraySync());
      return Array.from({ length: 28 }, (_, c) => map.reduce((sum, row) => sum + (row[c] ?? 0), 0));
    };
    const centroid = (v: number[]): number =>
      v.reduce((a, m, c) => a + m * c, 0) / v.reduce((a, m) => a + m, 0);
    // Cell 1 covers pixels 4..7, centred on 5.5 (aligned corners would put it at 4.5).
    expect(centroid(col(1))).toBeCloseTo(5.5, 5);
    expect(centroid(col(5))).toBeCloseTo(21.5, 5);
    // Mirror cells give mirror maps: no shift to one side.
    expect(col(1)).toEqual(col(5).reverse());
  });
});
