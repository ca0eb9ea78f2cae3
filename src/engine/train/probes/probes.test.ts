import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTrainer } from '../createTrainer';
import type { Trainer } from '../trainer';
import { tinyCnn, tinyData, tinyHyper } from '../testGraphs';
import type { ProbeRequest, ProbeResult } from './types';
import { maxPoolArgmax } from './argmax';
import { quantiseMaps } from './maps';
import { asNodeId } from '../../graph/types';
import { insertBetween } from '../../graph/edit';
import { L } from '../../graph/layerBuilders';

const data = tinyData(64, 80);
const graph = tinyCnn();
const [, conv1, relu, pool, conv2] = graph.nodes;
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

async function probe<K extends ProbeResult['kind']>(
  req: ProbeRequest & { kind: K },
): Promise<Extract<ProbeResult, { kind: K }>> {
  const before = tf.memory().numTensors;
  const r = await trainer.probe(req);
  expect(tf.memory().numTensors).toBe(before);
  expect(r.kind).toBe(req.kind);
  return r as Extract<ProbeResult, { kind: K }>;
}

describe('probes', () => {
  it('kernels: every conv layer, [kh, kw, in, out] values equal to the layer weights', async () => {
    const r = await probe({ kind: 'kernels', gradients: false });
    expect(r.layers.map((l) => l.node)).toEqual([conv1?.id, conv2?.id]);
    const k = r.layers[0];
    expect(k).toMatchObject({ kh: 3, kw: 3, inChannels: 1, filters: 4 });
    expect(k?.values.length).toBe(36);
    const w = trainer.probe({ kind: 'kernels', gradients: false });
    expect((await w).kind).toBe('kernels');
    expect(r.step).toBe(3);
  });

  it('kernel gradients are finite, non-zero and differ from the kernels', async () => {
    const g = await probe({ kind: 'kernels', gradients: true });
    const k = await probe({ kind: 'kernels', gradients: false });
    const gv = g.layers[1]?.values ?? new Float32Array();
    expect(gv.length).toBe(3 * 3 * 4 * 4);
    expect(gv.every(Number.isFinite)).toBe(true);
    expect(gv.some((v) => v !== 0)).toBe(true);
    expect(Array.from(gv)).not.toEqual(Array.from(k.layers[1]?.values ?? []));
  });

  it('activations: input and every conv/activation/pool map stack, quantised with honest ranges', async () => {
    const r = await probe({ kind: 'activations', sample: { from: 'test', index: 5 } });
    expect(r.input).toMatchObject({ h: 28, w: 28, count: 1 });
    expect(r.layers.map((l) => [l.node, l.h, l.w, l.count])).toEqual([
      [conv1?.id, 28, 28, 4],
      [relu?.id, 28, 28, 4],
      [pool?.id, 14, 14, 4],
      [conv2?.id, 7, 7, 4],
    ]);
    const reluMaps = r.layers[1];
    expect(reluMaps?.data.length).toBe(28 * 28 * 4);
    expect(Array.from(reluMaps?.min ?? []).every((v) => v >= 0)).toBe(true);
    // The input image's range is the pixel range of test image 5.
    const px = data.test.images.subarray(5 * 784, 6 * 784);
    expect(r.input.max[0]).toBeCloseTo(Math.max(...px) / 255, 5);
  });

  it('activations come in the order the data flows, also for a layer inserted later', async () => {
    const edge = graph.edges.find((e) => e.source === conv1!.id)!;
    const inserted = insertBetween(graph, edge.id, L.layerNorm())!;
    const t = createTrainer({ graph: inserted.graph, dataset: data, hyper: tinyHyper(), seed: 2 });
    try {
      const r = await t.probe({ kind: 'activations', sample: { from: 'test', index: 0 } });
      if (r.kind !== 'activations') throw new Error('expected activations');
      const names = r.layers.map((l) => l.node);
      expect(names.slice(0, 3)).toEqual([conv1!.id, inserted.id, relu!.id]);
    } finally {
      t.dispose();
    }
  });

  it('activations of a drawn image; a wrong size is refused', async () => {
    const pixels = new Uint8Array(784).fill(0);
    pixels[300] = 255;
    const r = await probe({ kind: 'activations', sample: { from: 'drawn', pixels } });
    expect(r.input.data[300]).toBe(255);
    await expect(
      trainer.probe({ kind: 'activations', sample: { from: 'drawn', pixels: new Uint8Array(10) } }),
    ).rejects.toThrow(/pixels/);
  });

  it('pooling: input/output pair and arg-max cells that hold the window maxima', async () => {
    const r = await probe({
      kind: 'pooling',
      node: pool?.id ?? asNodeId('x'),
      sample: { from: 'test', index: 1 },
    });
    expect(r.input).toMatchObject({ h: 28, w: 28, count: 4 });
    expect(r.output).toMatchObject({ h: 14, w: 14, count: 4 });
    expect(r.argmax?.length).toBe(14 * 14 * 4);
    // Quantised output value equals the quantised input value at the arg-max (same map, ranges equal for max pool).
    const a = r.argmax ?? new Int32Array();
    for (let m = 0; m < 4; m++) {
      for (let o = 0; o < 196; o++) {
        const at = a[m * 196 + o] as number;
        const oy = Math.floor(o / 14);
        const ox = o % 14;
        expect(Math.floor(at / 28) >> 1).toBe(oy);
        expect((at % 28) >> 1).toBe(ox);
        for (const d of [0, 1, 28, 29]) {
          expect(r.input.data[m * 784 + at] as number).toBeGreaterThanOrEqual(
            r.input.data[m * 784 + (oy * 2 * 28 + ox * 2) + d] as number,
          );
        }
      }
    }
    expect(r.output.max[0]).toBeCloseTo(r.input.max[0] as number, 5);
  });

  it('dead ReLU: one entry per ReLU layer, fractions in [0, 1], dead ≤ zero', async () => {
    const r = await probe({ kind: 'deadRelu' });
    expect(r.layers.map((l) => l.node)).toEqual([relu?.id, conv2?.id]);
    for (const l of r.layers) {
      expect(l.deadFraction).toBeGreaterThanOrEqual(0);
      expect(l.zeroFraction).toBeLessThanOrEqual(1);
      expect(l.deadFraction).toBeLessThanOrEqual(l.zeroFraction + 1e-6);
    }
    expect(r.layers[0]?.zeroFraction).toBeGreaterThan(0);
  });

  it('health: norms per layer with weights', async () => {
    const r = await probe({ kind: 'health' });
    expect(r.layers.map((l) => l.node)).toEqual(
      graph.nodes.filter((n) => ['conv2d', 'dense'].includes(n.layer.kind)).map((n) => n.id),
    );
    for (const l of r.layers) {
      expect(l.weightNorm).toBeGreaterThan(0);
      expect(l.gradNorm).toBeGreaterThan(0);
      expect(l.updateRatio).toBeCloseTo((0.01 * l.gradNorm) / l.weightNorm, 8);
      expect(l.nonFinite).toBe(false);
    }
  });

  it('confusion: counts sum to the test examples; example indices sit in their cells', async () => {
    const r = await probe({ kind: 'confusion' });
    expect(r.classes).toBe(10);
    expect(r.matrix.reduce((a, b) => a + b, 0)).toBe(80);
    const pred = await probe({ kind: 'predict', sample: { from: 'test', index: 0 } });
    const p0 = pred.probabilities.indexOf(Math.max(...pred.probabilities));
    const t0 = data.test.labels[0] as number;
    const cell = Array.from(r.examples.subarray((t0 * 10 + p0) * 16, (t0 * 10 + p0 + 1) * 16));
    expect(cell).toContain(0);
  });

  it('predict: probabilities sum to 1 and carry the label', async () => {
    const r = await probe({ kind: 'predict', sample: { from: 'test', index: 7 } });
    expect(r.probabilities.length).toBe(10);
    expect(r.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(r.label).toBe(data.test.labels[7]);
  });

  it('samples: pixels and labels copied from the split', async () => {
    const r = await probe({ kind: 'samples', split: 'train', indices: [2, 9] });
    expect(Array.from(r.labels)).toEqual([data.train.labels[2], data.train.labels[9]]);
    expect(Array.from(r.pixels.subarray(784))).toEqual(
      Array.from(data.train.images.subarray(9 * 784, 10 * 784)),
    );
  });
});

describe('probe helpers', () => {
  it('quantiseMaps normalises each channel-last map to 0..255 by its own range', () => {
    const s = quantiseMaps(asNodeId('n'), Float32Array.from([0, 10, 1, 10, 2, 10, 3, 10]), 2, 2, 2);
    expect(Array.from(s.data)).toEqual([0, 85, 170, 255, 0, 0, 0, 0]);
    expect(Array.from(s.min)).toEqual([0, 10]);
    expect(Array.from(s.max)).toEqual([3, 10]);
  });

  it('maxPoolArgmax with same padding puts the extra padding bottom/right like TF', () => {
    // 3×3 single map, pool 2 stride 2 same → 2×2 output; the last row/column are alone in their windows.
    const v = Float32Array.from([1, 9, 2, 3, 4, 5, 8, 6, 7]);
    expect(
      Array.from(maxPoolArgmax(v, { h: 3, w: 3, c: 1 }, { h: 2, w: 2 }, [2, 2], [2, 2], 'same')),
    ).toEqual([1, 5, 6, 8]);
  });
});
