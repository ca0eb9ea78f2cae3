import * as tf from '@tensorflow/tfjs';
import { FLAT_SPREAD } from '../../inspect/featureVisSettings';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTrainer } from '../createTrainer';
import type { Trainer } from '../trainer';
import { tinyCnn, tinyData, tinyHyper } from '../testGraphs';
import { type FeatureVisRequest, type FeatureVisResult, type FeatureVisTarget } from './featureVisTypes';
import { ASCENT_ITERATIONS, featureVisTotal, imageStats, quantise } from './featureVis';

const data = tinyData(64, 16);
const graph = tinyCnn();
const [, conv1] = graph.nodes;
let trainer: Trainer;
let tensorsBefore = 0;

beforeAll(async () => {
  await tf.setBackend('cpu');
  tensorsBefore = tf.memory().numTensors;
  trainer = createTrainer({ graph, dataset: data, hyper: tinyHyper(), seed: 2 });
  await trainer.trainBatches(3);
});

afterAll(() => {
  trainer.dispose();
  expect(tf.memory().numTensors).toBe(tensorsBefore);
});

const regs = { jitter: true, blur: true, decay: true };

async function chunk(
  target: FeatureVisTarget,
  prev: FeatureVisResult | null,
  iterations: number,
  param: FeatureVisRequest['param'] = 'pixels',
): Promise<FeatureVisResult> {
  const before = tf.memory().numTensors;
  const r = await trainer.probe({
    kind: 'featureVis',
    job: 4,
    target,
    param,
    regularisers: regs,
    state: prev?.state ?? null,
    done: prev?.done ?? 0,
    iterations,
  });
  expect(tf.memory().numTensors).toBe(before);
  if (r.kind !== 'featureVis') throw new Error('wrong kind');
  return r;
}

describe('feature visualization probe', () => {
  it('filters: chunks continue the ascent and raise each filter’s activation', async () => {
    const target: FeatureVisTarget = { mode: 'filters', node: conv1!.id, units: [0, 1, 2] };
    const first = await chunk(target, null, 0);
    expect(first).toMatchObject({
      count: 3,
      h: 28,
      w: 28,
      channels: 1,
      done: 0,
      total: ASCENT_ITERATIONS,
      job: 4,
    });
    expect(first.pixels.length).toBe(3 * 28 * 28);
    let r = first;
    for (let i = 0; i < 3; i++) r = await chunk(target, r, 8);
    expect(r.done).toBe(24);
    for (let i = 0; i < 3; i++) expect(r.values[i]).toBeGreaterThan(first.values[i] as number);
    // Each image is stretched to its own range (0..255), unless it is flat (a linear filter can saturate every pixel).
    let patterned = 0;
    for (let i = 0; i < 3; i++) {
      const img = r.pixels.subarray(i * 784, (i + 1) * 784);
      const [lo, hi] = [Math.min(...img), Math.max(...img)];
      if (hi > lo) patterned++;
      // Stretched, or (nearly) flat and shown as it is.
      expect((lo === 0 && hi === 255) || (r.spread[i] as number) < FLAT_SPREAD).toBe(true);
    }
    // conv1 is followed by a ReLU: each picture says whether its filter fires on it.
    expect(r.fires).toHaveLength(3);
    // conv1 is linear, followed by a ReLU: the ReLU's output is maximised, a pattern, not a saturated flat image.
    expect(patterned).toBe(3);
  });

  it('a chunk never runs past the total', async () => {
    const target: FeatureVisTarget = { mode: 'filters', node: conv1!.id, units: [3] };
    const near = await chunk(target, null, ASCENT_ITERATIONS - 2);
    const last = await chunk(target, near, 16);
    expect(last.done).toBe(ASCENT_ITERATIONS);
  });

  it('classes: raises each chosen class score, also in the spectral parameterisation', async () => {
    for (const param of ['pixels', 'spectral'] as const) {
      const target: FeatureVisTarget = { mode: 'classes', units: [0, 7] };
      const first = await chunk(target, null, 0, param);
      const r = await chunk(target, first, 12, param);
      expect(r.count).toBe(2);
      expect(r.values[0]).toBeGreaterThan(first.values[0] as number);
      expect(r.values[1]).toBeGreaterThan(first.values[1] as number);
    }
  });

  it('dream: starts from the test image and raises the layer’s mean square through the octaves', async () => {
    const target: FeatureVisTarget = {
      mode: 'dream',
      node: conv1!.id,
      sample: { from: 'test', index: 3 },
      octaves: 2,
    };
    const total = featureVisTotal(target);
    const start = await chunk(target, null, 0);
    expect(start.count).toBe(1);
    // The unchanged start is the test image itself (at the first octave's size, enlarged).
    const px = data.test.images.subarray(3 * 784, 4 * 784);
    let close = 0;
    for (let i = 0; i < 784; i++) if (Math.abs((start.pixels[i] as number) - (px[i] as number)) < 80) close++;
    expect(close).toBeGreaterThan(700);
    // It carries the image it started from, at full size, exactly the test image.
    expect(Array.from(start.start ?? [])).toEqual(Array.from(px));
    let r = start;
    while (r.done < total) r = await chunk(target, r, 8);
    expect(r.stateShape).toEqual([1, 28, 28, 1]);
    expect(r.values[0]).toBeGreaterThan((start.values[0] as number) * 1.1);
  });

  it('refuses units the layer does not have', async () => {
    await expect(
      trainer.probe({
        kind: 'featureVis',
        job: 1,
        target: { mode: 'filters', node: conv1!.id, units: [9] },
        param: 'pixels',
        regularisers: regs,
        state: null,
        done: 0,
        iterations: 1,
      }),
    ).rejects.toThrow(/no unit 9/);
  });
});

describe('quantising the pictures', () => {
  it('shows a flat image as it is: uniform white stays white (it was drawn black), a faint ripple is not blown up', () => {
    const white = new Float32Array(4).fill(1);
    const ripple = Float32Array.from([0.5, 0.505, 0.5, 0.51]);
    const pattern = Float32Array.from([0.2, 0.6, 0.2, 0.2]);
    const q = quantise(Float32Array.from([...white, ...ripple, ...pattern]), 3, true);
    expect(Array.from(q.subarray(0, 4))).toEqual([255, 255, 255, 255]);
    expect(Array.from(q.subarray(4, 8))).toEqual([128, 129, 128, 130]);
    expect(Array.from(q.subarray(8, 12))).toEqual([0, 255, 0, 0]); // a pattern is still stretched
    const stats = imageStats(Float32Array.from([...white, ...pattern]), 2);
    expect(stats.spread[0]).toBe(0);
    expect(stats.mean[0]).toBe(1);
    expect(stats.spread[1]).toBeCloseTo(0.4, 6);
  });
});
