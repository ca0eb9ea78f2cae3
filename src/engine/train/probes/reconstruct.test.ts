import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeProceduralDataset } from '../../data/procedural';
import { presetById } from '../../graph/presets';
import { createTrainer } from '../createTrainer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('reconstruct probe', () => {
  it('returns inputs and reconstructions that change as the autoencoder trains', async () => {
    const p = presetById('autoencoder');
    if (!p) throw new Error('no autoencoder preset');
    const dataset = makeProceduralDataset({ seed: 2, train: 64, test: 8 });
    const t = createTrainer({
      graph: p.graph,
      dataset,
      hyper: { ...p.hyper, batchSize: 16, learningRate: 0.01 },
      seed: 1,
    });
    const a = await t.probe({ kind: 'reconstruct', count: 4 });
    await t.trainBatches(5);
    const b = await t.probe({ kind: 'reconstruct', count: 4 });
    t.dispose();
    if (a.kind !== 'reconstruct' || b.kind !== 'reconstruct') throw new Error('wrong kind');
    expect(a.inputs.length).toBe(4 * 28 * 28);
    expect(a.inputs).toEqual(b.inputs);
    expect(a.outputs).not.toEqual(b.outputs);
    const err = (r: typeof a): number =>
      r.outputs.reduce((s, v, i) => s + Math.abs(v - (r.inputs[i] as number)), 0);
    expect(err(b)).toBeLessThan(err(a));
  });
});
