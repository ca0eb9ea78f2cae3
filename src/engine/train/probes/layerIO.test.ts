import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTrainer } from '../createTrainer';
import type { Trainer } from '../trainer';
import { tinyCnn, tinyData, tinyHyper } from '../testGraphs';
import type { LayerIOResult } from './types';
import type { NodeId } from '../../graph/types';
import { convCell } from '../../inspect/convCell';
import { poolCell } from '../../inspect/poolCell';
import { denseUnit } from '../../inspect/denseUnit';

const data = tinyData(64, 16);
const graph = tinyCnn();
// input, conv (explicit padding 1, linear), relu, max pool, conv (stride 2, same, relu), dropout, flatten, dense softmax
const [, conv1, , pool, conv2, , , dense] = graph.nodes;
let trainer: Trainer;
let tensorsBefore = 0;

beforeAll(async () => {
  await tf.setBackend('cpu');
  tensorsBefore = tf.memory().numTensors;
  trainer = createTrainer({ graph, dataset: data, hyper: tinyHyper(), seed: 3 });
  await trainer.trainBatches(2);
});

afterAll(() => {
  trainer.dispose();
  expect(tf.memory().numTensors).toBe(tensorsBefore);
});

async function layerIO(node: NodeId | undefined): Promise<LayerIOResult> {
  const before = tf.memory().numTensors;
  const r = await trainer.probe({
    kind: 'layerIO',
    node: node as NodeId,
    sample: { from: 'test', index: 3 },
  });
  expect(tf.memory().numTensors).toBe(before);
  if (r.kind !== 'layerIO') throw new Error(r.kind);
  return r;
}

const map = (t: LayerIOResult['input']) => ({
  h: t.shape[0] as number,
  w: t.shape[1] as number,
  c: t.shape[2] as number,
  values: t.values,
});

describe('layerIO probe', () => {
  it.each([
    ['explicit padding, stride 1', () => conv1?.id],
    ['same padding, stride 2', () => conv2?.id],
  ])(
    'conv (%s): every cell recomputed from the window and the trained weights equals the layer output',
    async (_n, id) => {
      const r = await layerIO(id());
      if (r.spec.kind !== 'conv2d' || !r.weights) throw new Error('not a conv');
      const [oh, ow, f] = r.output.shape as [number, number, number];
      const io = { ...r.spec, input: map(r.input), weights: r.weights, bias: r.bias };
      expect(r.weights.length).toBe(3 * 3 * (r.input.shape[2] as number) * f);
      for (let oy = 0; oy < oh; oy++)
        for (let ox = 0; ox < ow; ox++)
          for (let k = 0; k < f; k++)
            expect(convCell(io, k, oy, ox)?.out).toBeCloseTo(
              r.output.values[(oy * ow + ox) * f + k] as number,
              4,
            );
      expect(r.ms).toBeGreaterThanOrEqual(0);
    },
  );

  it('max pooling: the winner of every cell is the layer output', async () => {
    const r = await layerIO(pool?.id);
    if (r.spec.kind !== 'maxPool2d') throw new Error('not a max pool');
    expect(r.weights).toBeNull();
    const [oh, ow, c] = r.output.shape as [number, number, number];
    const g = { kind: 'max' as const, pool: r.spec.pool, stride: r.spec.stride, padding: r.spec.padding };
    for (let oy = 0; oy < oh; oy++)
      for (let ox = 0; ox < ow; ox++)
        for (let ch = 0; ch < c; ch++) {
          const cell = poolCell(map(r.input), g, ch, oy, ox);
          expect(cell?.window[cell.winner]).toBe(r.output.values[(oy * ow + ox) * c + ch]);
        }
  });

  it('dense: the contributions, bias and softmax give each unit of the layer output', async () => {
    const r = await layerIO(dense?.id);
    if (r.spec.kind !== 'dense' || !r.weights) throw new Error('not dense');
    expect(r.input.shape).toEqual([7 * 7 * 4]);
    for (let u = 0; u < r.spec.units; u++) {
      const d = denseUnit({ ...r.spec, input: r.input.values, weights: r.weights, bias: r.bias }, u, 8);
      expect(d?.out).toBeCloseTo(r.output.values[u] as number, 5);
    }
  });

  it('refuses a layer it cannot step through', async () => {
    await expect(
      trainer.probe({
        kind: 'layerIO',
        node: graph.nodes[2]?.id as NodeId,
        sample: { from: 'test', index: 0 },
      }),
    ).rejects.toThrow(/not a conv/);
  });
});
