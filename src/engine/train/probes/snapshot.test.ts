import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTrainer } from '../createTrainer';
import type { Trainer } from '../trainer';
import { tinyCnn, tinyData, tinyHyper } from '../testGraphs';
import { asNodeId } from '../../graph/types';
import type { KernelSet, MapStack } from './types';
import { trimKernels, trimMaps } from './snapshot';

describe('trimKernels', () => {
  it('keeps the first filters of every (ky, kx, in) row', () => {
    // kh=1, kw=2, in=1, filters=3: values[(kx)*3 + f] = 10*kx + f
    const k: KernelSet = {
      node: asNodeId('c'),
      kh: 1,
      kw: 2,
      inChannels: 1,
      filters: 3,
      values: Float32Array.from([0, 1, 2, 10, 11, 12]),
    };
    const t = trimKernels(k, 2);
    expect(t.filters).toBe(2);
    expect(Array.from(t.values)).toEqual([0, 1, 10, 11]);
    expect(trimKernels(k, 3)).toBe(k);
  });
});

describe('trimMaps', () => {
  it('keeps the first maps and their ranges', () => {
    const m: MapStack = {
      node: asNodeId('c'),
      h: 1,
      w: 2,
      count: 3,
      data: Uint8Array.from([1, 2, 3, 4, 5, 6]),
      min: Float32Array.from([-1, -2, -3]),
      max: Float32Array.from([1, 2, 3]),
    };
    const t = trimMaps(m, 2);
    expect(t.count).toBe(2);
    expect(Array.from(t.data)).toEqual([1, 2, 3, 4]);
    expect(Array.from(t.min)).toEqual([-1, -2]);
    expect(Array.from(t.max)).toEqual([1, 2]);
    expect(trimMaps(m, 5)).toBe(m);
  });
});

describe('snapshot probe', () => {
  const data = tinyData(64, 80);
  const graph = tinyCnn();
  const [, conv1, , pool] = graph.nodes;
  let trainer: Trainer;
  let before = 0;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    before = tf.memory().numTensors;
    trainer = createTrainer({ graph, dataset: data, hyper: tinyHyper(), seed: 2 });
    await trainer.trainBatches(2);
  });
  afterAll(() => {
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('gives the first conv layer and the maps of the asked test image, within the limits', async () => {
    const n = tf.memory().numTensors;
    const r = await trainer.probe({ kind: 'snapshot', index: 3, maxFilters: 2, maxMaps: 3, maxLayers: 3 });
    expect(tf.memory().numTensors).toBe(n);
    if (r.kind !== 'snapshot') throw new Error('expected a snapshot');
    expect(r.step).toBe(2);
    expect(r.index).toBe(3);
    expect(r.kernels).toMatchObject({ node: conv1!.id, kh: 3, kw: 3, inChannels: 1, filters: 2 });
    expect(r.kernels?.values.length).toBe(3 * 3 * 2);
    // The same weights as the kernels probe, first two filters.
    const k = await trainer.probe({ kind: 'kernels', gradients: false });
    if (k.kind !== 'kernels') throw new Error('expected kernels');
    expect(Array.from(r.kernels!.values)).toEqual(Array.from(trimKernels(k.layers[0]!, 2).values));
    expect(r.layers.map((l) => [l.node, l.count])).toEqual([
      [conv1!.id, 3],
      [graph.nodes[2]!.id, 3],
      [pool!.id, 3],
    ]);
    const px = data.test.images.subarray(3 * 784, 4 * 784);
    expect(r.input.max[0]).toBeCloseTo(Math.max(...px) / 255, 5);
  });
});
