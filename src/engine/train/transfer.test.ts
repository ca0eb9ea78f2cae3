import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { chain } from '../graph/edit';
import { L } from '../graph/layerBuilders';
import { createTrainer } from './createTrainer';
import { tinyData, tinyHyper } from './testGraphs';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** The Keras transfer example in miniature: conv features, then a 5-way head. */
const graph = chain('classifier', [
  L.image(),
  L.conv(4, 3, { stride: 2 }),
  L.conv(4, 3, { stride: 2 }),
  L.flatten(),
  L.dense(16),
  L.dense(5, 'softmax'),
]);
const convIds = graph.nodes.filter((n) => n.layer.kind === 'conv2d').map((n) => n.id);

describe('transfer learning', () => {
  it('trains on labels 0–4, freezes the convs, retrains on 5–9: only unfrozen weights change', async () => {
    const data = tinyData(120, 60);
    const t = createTrainer({
      graph,
      dataset: data,
      hyper: tinyHyper({ labelSubset: [0, 1, 2, 3, 4] }),
      seed: 4,
    });
    await t.trainBatches(4);
    const samples = await t.probe({ kind: 'confusion' });
    if (samples.kind !== 'confusion') throw new Error('kind');
    // Only test examples of labels 0–4 are evaluated, mapped to classes 0–4.
    const lowCount = Array.from(data.test.labels).filter((l) => l < 5).length;
    expect(samples.matrix.reduce((a, b) => a + b, 0)).toBe(lowCount);

    const before = await t.checkpoint();
    t.setFrozen(convIds, true);
    t.setHyper({ labelSubset: [5, 6, 7, 8, 9] });
    const second = await t.trainBatches(4);
    expect(second.losses.every(Number.isFinite)).toBe(true);
    const after = await t.checkpoint();
    // model.weights lists trainable weights first, so the order changes when freezing: match by name.
    expect(after.weights.length).toBe(before.weights.length);
    for (const w of before.weights) {
      const a = after.weights.find((x) => x.name === w.name);
      const changed = Array.from(w.values).some((v, j) => v !== a?.values[j]);
      const frozen = convIds.some((id) => w.name.startsWith(`${id}/`));
      expect(changed, w.name).toBe(!frozen);
    }
    // Unfreezing lets the convs move again.
    t.setFrozen(convIds, false);
    await t.trainBatches(1);
    const last = await t.checkpoint();
    const kernelOf = (cp: typeof last): number[] =>
      Array.from(cp.weights.find((w) => w.name === `${convIds[0]}/kernel`)?.values ?? []);
    expect(kernelOf(last).length).toBe(36);
    expect(kernelOf(last)).not.toEqual(kernelOf(after));
    t.dispose();
  });
});
