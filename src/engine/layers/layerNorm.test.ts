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
});
