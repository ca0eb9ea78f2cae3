import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { chain } from '../graph/edit';
import { L } from '../graph/layerBuilders';
import { makeProceduralDataset } from '../data/procedural';
import { createTrainer } from '../train/createTrainer';
import { DEFAULT_HYPER } from '../train/hyper';
import { pretrainDbn } from './dbn';
import { dbnOptionsFor, pretrainCheckpoint, pretrainableLayers } from './pretrainClassifier';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const net = () =>
  chain('classifier', [
    L.image([28, 28, 1]),
    L.flatten(),
    L.dense(12, 'sigmoid'),
    L.dense(6, 'sigmoid'),
    L.dense(10, 'softmax'),
  ]);

describe('RBM pretraining of a classifier', () => {
  it('finds the leading Dense + sigmoid layers, not the head nor layers after a ReLU one', () => {
    const g = net();
    const dense = g.nodes.filter((n) => n.layer.kind === 'dense').map((n) => n.id);
    expect(pretrainableLayers(g)).toEqual([
      { id: dense[0], units: 12 },
      { id: dense[1], units: 6 },
    ]);
    const relu = chain('classifier', [
      L.image([28, 28, 1]),
      L.flatten(),
      L.dense(12),
      L.dense(6, 'sigmoid'),
      L.dense(10, 'softmax'),
    ]);
    expect(pretrainableLayers(relu)).toEqual([]);
    const logistic = chain('classifier', [L.image([28, 28, 1]), L.flatten(), L.dense(10, 'sigmoid')]);
    expect(pretrainableLayers(logistic)).toEqual([]);
  });

  it('sets each Dense kernel and bias to its RBM’s W and c, leaves the head alone, and leaks nothing', async () => {
    const g = net();
    const dataset = makeProceduralDataset({ seed: 5, train: 96, test: 16 });
    const trainer = createTrainer({ graph: g, dataset, hyper: DEFAULT_HYPER, seed: 1 });
    const cp = await trainer.checkpoint();
    const before = tf.memory().numTensors;
    const starts: string[] = [];
    const out = await pretrainCheckpoint(cp, g, dataset, {
      epochs: 2,
      seed: 9,
      onLayerStart: (i, n) => starts.push(`${i + 1}/${n}`),
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(starts).toEqual(['1/2', '2/2']);

    // The same stack trained directly (same data, settings and seed) gives the same W and c.
    const layers = pretrainableLayers(g);
    const pixels = Float32Array.from(dataset.train.images, (v) => v / 255);
    const data = tf.tensor2d(pixels, [96, 784]);
    const stack = await pretrainDbn(data, dbnOptionsFor(layers, 2, 9));
    data.dispose();
    const byName = new Map(out.weights.map((w) => [w.name, w]));
    const oldByName = new Map(cp.weights.map((w) => [w.name, w]));
    layers.forEach((l, i) => {
      expect(byName.get(`${l.id}/kernel`)?.values).toEqual(stack[i]!.W);
      expect(byName.get(`${l.id}/bias`)?.values).toEqual(stack[i]!.c);
      expect(byName.get(`${l.id}/kernel`)?.values).not.toEqual(oldByName.get(`${l.id}/kernel`)?.values);
    });
    const head = g.nodes.filter((n) => n.layer.kind === 'dense')[2]!.id;
    expect(byName.get(`${head}/kernel`)?.values).toEqual(oldByName.get(`${head}/kernel`)?.values);

    // The trainer takes the pretrained weights (names and shapes match), and off leaves the checkpoint as it was.
    trainer.restore(out);
    const again = await trainer.checkpoint();
    expect(again.weights.find((w) => w.name === `${layers[0]!.id}/kernel`)?.values).toEqual(stack[0]!.W);
    expect(await pretrainCheckpoint(cp, g, dataset, { epochs: 0, seed: 9 })).toBe(cp);
    trainer.dispose();
  });
});
