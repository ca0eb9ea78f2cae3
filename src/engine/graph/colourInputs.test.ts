/**
 * Colour and other sizes end to end on the engine side: an Input of 32×32×3 or 64×64×3 (the sizes user datasets come
 * in) is inferred, validated, compiled and exported like 28×28×1, and the fixes adapt a 28×28×1 network to it.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileGraph } from '../compile/compile';
import { graphToKeras } from '../export/kerasCode';
import { chain } from './edit';
import { applyFix } from './fixes';
import { L } from './layerBuilders';
import { inferShapes, totals } from './shapes';
import type { Graph, Shape } from './types';
import { validateGraph } from './validate';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const cnn = (shape: Shape): Graph =>
  chain('classifier', [
    L.image(shape),
    L.conv(8, 5, { padding: 'valid' }),
    L.maxPool(),
    L.conv(16, 3),
    L.maxPool(),
    L.flatten(),
    L.dense(10, 'softmax'),
  ]);
const errors = (g: Graph, imageShape: Shape) =>
  validateGraph(g, { imageShape, classes: 10 }).filter((i) => i.severity === 'error');

describe.each([
  { size: 32, c: 3 },
  { size: 64, c: 3 },
  { size: 32, c: 1 },
])('an Input of $size×$size×$c', ({ size, c }) => {
  const shape: Shape = [size, size, c];
  const g = cnn(shape);
  const [input, conv1, pool1, conv2, pool2, flat] = g.nodes;
  const info = inferShapes(g);
  const half = (size - 4) / 2;
  const quarter = Math.floor(half / 2);

  it('infers every shape and counts the first layer over all input channels', () => {
    expect(info.get(input!.id)?.output).toEqual(shape);
    expect(info.get(conv1!.id)?.output).toEqual([size - 4, size - 4, 8]);
    expect(info.get(conv1!.id)?.params).toBe(5 * 5 * c * 8 + 8);
    expect(info.get(pool1!.id)?.output).toEqual([half, half, 8]);
    expect(info.get(conv2!.id)?.output).toEqual([half, half, 16]);
    expect(info.get(pool2!.id)?.output).toEqual([quarter, quarter, 16]);
    expect(info.get(flat!.id)?.output).toEqual([quarter * quarter * 16]);
  });

  it('validates against a dataset of that shape, and the 28×28×1 network is fixed to it', () => {
    expect(errors(g, shape)).toEqual([]);
    const mnist = cnn([28, 28, 1]);
    const issue = errors(mnist, shape).find((i) => i.code === 'inputShapeMismatch');
    expect(issue?.message).toContain(`${size}×${size}×${c}`);
    const fixed = applyFix(mnist, issue!.fixes[0]!);
    expect(errors(fixed, shape)).toEqual([]);
  });

  it('compiles: the model takes [n, h, w, c], the kernel is [5, 5, c, 8], and the parameter counts agree', () => {
    const model = compileGraph(g, { seed: 1 });
    try {
      expect(model.inputs[0]?.shape).toEqual([null, size, size, c]);
      expect(model.getLayer(conv1!.id).getWeights()[0]?.shape).toEqual([5, 5, c, 8]);
      expect(model.countParams()).toBe(totals(info).params);
      const out = tf.tidy(() => (model.predict(tf.zeros([2, size, size, c])) as tf.Tensor).shape);
      expect(out).toEqual([2, 10]);
    } finally {
      model.dispose();
    }
  });

  it('exports Keras code with that input shape', () => {
    expect(graphToKeras(g)).toMatch(new RegExp(`keras\\.Input\\(shape=\\(${size}, ${size}, ${c}\\)`));
  });
});

describe('colour outputs', () => {
  it('an autoencoder on RGB must rebuild 3 channels; the fix sets the last conv to 3 filters', () => {
    const ae = (out: number) =>
      chain('autoencoder', [
        L.image([32, 32, 3]),
        L.conv(8, 3),
        L.maxPool(),
        L.upSample(),
        L.conv(out, 3, { activation: 'sigmoid' }),
      ]);
    expect(errors(ae(3), [32, 32, 3])).toEqual([]);
    const issue = errors(ae(1), [32, 32, 3]).find((i) => i.code === 'shapeMismatch');
    expect(issue?.fixes.map((f) => f.label)).toEqual(['filters 3']);
    expect(errors(applyFix(ae(1), issue!.fixes[0]!), [32, 32, 3])).toEqual([]);
  });

  it('a generator ending in 3 channels makes 32×32×3 images', () => {
    const gen = chain('generator', [
      L.latent(16),
      L.dense(8 * 8 * 8, 'linear'),
      L.reshape([8, 8, 8]),
      L.deconv(8, 4),
      L.deconv(3, 4, { activation: 'tanh' }),
    ]);
    expect(inferShapes(gen).get(gen.nodes.at(-1)!.id)?.output).toEqual([32, 32, 3]);
    expect(errors(gen, [32, 32, 3])).toEqual([]);
    expect(errors(gen, [28, 28, 1]).map((i) => i.code)).toContain('generatorOutputMismatch');
  });
});
