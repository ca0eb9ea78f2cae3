import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { chain } from '../graph/edit';
import { L } from '../graph/layerBuilders';
import { inferShapes, totals } from '../graph/shapes';
import { validateGraph } from '../graph/validate';
import { compileGraph } from '../compile/compile';
import { graphToKeras } from '../export/kerasCode';
import { createTrainer } from '../train/createTrainer';
import { tinyData, tinyHyper } from '../train/testGraphs';
import { LAYERS } from './registry';
import { layerNormClass } from './layerNorm';
import type { Graph } from '../graph/types';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** conv (stride 2) → LayerNormalization → relu → pool → flatten → dense softmax. */
const withLayerNorm = (): Graph =>
  chain('classifier', [
    L.image(),
    L.conv(4, 3, { activation: 'linear', stride: 2 }),
    L.layerNorm(),
    L.act('relu'),
    L.maxPool(),
    L.flatten(),
    L.dense(10, 'softmax'),
  ]);

describe('LayerNormalization', () => {
  it('keeps the shape and has γ and β per channel, all trainable', () => {
    const r = LAYERS.layerNorm.infer(LAYERS.layerNorm.defaults, [[7, 7, 8]]);
    expect(r.output).toEqual([7, 7, 8]);
    expect(r.params).toBe(16);
    expect(r.trainableParams).toBe(16);
    expect(r.paramFormula).toBe('2·8 = 16 (γ and β, one each per channel)');
  });

  it('output checks look through it: Dense(5) → LayerNorm in a classifier is offered "units 10"', () => {
    const g = chain('classifier', [
      L.image(),
      L.flatten(),
      L.dense(5, 'linear'),
      L.layerNorm(),
      L.act('softmax'),
    ]);
    const issue = validateGraph(g, { imageShape: [28, 28, 1], classes: 10 }).find(
      (i) => i.code === 'outputUnitsMismatch',
    );
    expect(issue?.fixes.map((f) => f.label)).toContain('units 10');
  });

  it('is a valid classifier layer whose compiled model matches shape inference', () => {
    const g = withLayerNorm();
    const v = validateGraph(g, { imageShape: [28, 28, 1], classes: 10 });
    expect(v.filter((i) => i.severity === 'error')).toEqual([]);
    const model = compileGraph(g, { seed: 3 });
    expect(model.countParams()).toBe(totals(inferShapes(g)).params);
    const ln = model.getLayer('layer_norm_1');
    expect(ln.getClassName()).toBe('LayerNormalization');
    model.dispose();
  });

  it('normalises each position over the channels', () => {
    const g = chain('classifier', [L.image([2, 2, 3]), L.layerNorm(), L.flatten(), L.dense(2, 'softmax')]);
    const model = compileGraph(g, { seed: 1 });
    const x = tf.tensor4d([1, 2, 3, 10, 20, 30, -1, 0, 1, 4, 8, 0], [1, 2, 2, 3]);
    const probe = tf.model({
      inputs: model.inputs,
      outputs: model.getLayer('layer_norm_1').output as tf.SymbolicTensor,
    });
    const y = probe.predict(x) as tf.Tensor;
    const { mean, variance } = tf.moments(y, -1);
    expect(Array.from(mean.dataSync()).every((m) => Math.abs(m) < 1e-5)).toBe(true);
    expect(Array.from(variance.dataSync()).every((s) => Math.abs(s - 1) < 0.01)).toBe(true);
    tf.dispose([x, y, mean, variance]);
    model.dispose();
  });

  it('trains: the loss falls on a small fixed set', async () => {
    const t = createTrainer({
      graph: withLayerNorm(),
      dataset: tinyData(16, 16),
      hyper: tinyHyper({ batchSize: 16 }),
      seed: 1,
    });
    const first = await t.trainBatches(1);
    const later = await t.trainBatches(15);
    expect(later.losses[14]).toBeLessThan((first.losses[0] as number) * 0.7);
    t.dispose();
  });

  it('exports to Keras as LayerNormalization with its epsilon', () => {
    const code = graphToKeras(withLayerNorm());
    expect(code).toContain("layers.LayerNormalization(epsilon=0.001, name='layer_norm_1')(x_conv2d_1)");
  });
  it("computes what TF.js's LayerNormalization computes, values and gradients, on the same weights", () => {
    const Ours = layerNormClass(tf);
    const ours = new Ours({ name: 'ours', trainable: true, epsilon: 0.001 });
    const theirs = tf.layers.layerNormalization({ name: 'theirs', axis: -1, epsilon: 0.001 });
    const x = tf.randomNormal([3, 4, 5, 6], 0, 2, 'float32', 11);
    ours.apply(x);
    theirs.apply(x);
    const w = [tf.randomNormal([6], 1, 0.5, 'float32', 1), tf.randomNormal([6], 0, 0.5, 'float32', 2)];
    ours.setWeights(w);
    theirs.setWeights(w);
    const lossOf = (layer: tf.layers.Layer) => (input: tf.Tensor) =>
      tf.sum(tf.mul(layer.apply(input) as tf.Tensor, tf.range(0, 6).reshape([1, 1, 1, 6])));
    const close = (a: tf.Tensor, b: tf.Tensor): number => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!;
    expect(close(ours.apply(x) as tf.Tensor, theirs.apply(x) as tf.Tensor)).toBeLessThan(1e-4);
    expect(close(tf.grad(lossOf(ours))(x), tf.grad(lossOf(theirs))(x))).toBeLessThan(1e-3);
    tf.dispose([x, ...w]);
  });

  it("a training step is a few dozen kernels, not one Slice per position (TF.js's own layer tiles)", async () => {
    const g = chain('classifier', [
      L.image([28, 28, 1]),
      L.conv(8, 3),
      L.layerNorm(),
      L.flatten(),
      L.dense(10, 'softmax'),
    ]);
    const model = compileGraph(g, { seed: 1 });
    const x = tf.randomNormal([32, 28, 28, 1]);
    const y = tf.oneHot(tf.zeros([32], 'int32'), 10);
    const opt = tf.train.sgd(0.01);
    const step = () =>
      tf.tidy(() => {
        opt.minimize(
          () =>
            tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar,
        );
      });
    const prof = await tf.profile(step);
    expect(prof.kernels.length).toBeLessThan(300);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('exports as a LayerNormalization that TF.js loads into its own class', async () => {
    const model = compileGraph(withLayerNorm(), { seed: 2 });
    const json = model.toJSON(null, false) as unknown as { config: { layers: { class_name: string }[] } };
    expect(json.config.layers.map((l) => l.class_name)).toContain('LayerNormalization');
    const loaded = await tf.models.modelFromJSON(
      JSON.parse(JSON.stringify(json)) as tf.io.ModelJSON['modelTopology'] as never,
    );
    loaded.setWeights(model.getWeights());
    const x = tf.randomNormal([2, 28, 28, 1], 0, 1, 'float32', 5);
    const diff = tf
      .max(tf.abs(tf.sub(model.predict(x) as tf.Tensor, loaded.predict(x) as tf.Tensor)))
      .dataSync()[0]!;
    expect(diff).toBeLessThan(1e-5);
    tf.dispose(x);
    model.dispose();
    loaded.dispose();
  });
});
