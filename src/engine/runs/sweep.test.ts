import { describe, expect, it } from 'vitest';
import { smallCnn } from '../graph/testGraphs';
import { asNodeId, type Conv2DLayer } from '../graph/types';
import { inferShapes } from '../graph/shapes';
import { DEFAULT_HYPER } from '../train/hyper';
import {
  fieldOf,
  parseSweepValues,
  sweepableFields,
  sweepVariants,
  TRAINING_SWEEP_FIELDS,
  type SweepField,
  type SweepTarget,
} from './sweep';

const graph = smallCnn();
const conv = graph.nodes.find((n) => n.layer.kind === 'conv2d')!;
const ctx = { imageShape: [28, 28, 1] as const, classes: 10 };
const field = (key: string): SweepField => fieldOf(graph, { kind: 'layer', node: conv.id, key })!;
const layerTarget = (key: string): SweepTarget => ({ kind: 'layer', node: conv.id, key });

describe('parseSweepValues', () => {
  it('reads numbers, keeps each value once and refuses what the rule forbids', () => {
    expect(parseSweepValues('3, 5, 7, 10', field('filters'))).toEqual({ ok: true, values: [3, 5, 7, 10] });
    expect(parseSweepValues('4; 4, 8', field('filters'))).toEqual({ ok: true, values: [4, 8] });
    expect(parseSweepValues('3, x', field('filters'))).toEqual({ ok: false, error: '"x" is not a number.' });
    expect(parseSweepValues('2.5', field('filters'))).toEqual({
      ok: false,
      error: '"2.5" must be a whole number.',
    });
    expect(parseSweepValues('0', field('filters'))).toMatchObject({ ok: false, error: /too small/ });
    expect(parseSweepValues(' , ', field('filters'))).toMatchObject({
      ok: false,
      error: /at least one value/,
    });
  });

  it('reads a pair as a square, or as a rectangle with ×', () => {
    expect(parseSweepValues('3, 5, 3×3, 2x4', field('kernel'))).toEqual({
      ok: true,
      values: [
        [3, 3],
        [5, 5],
        [2, 4],
      ],
    });
    expect(parseSweepValues('1x2x3', field('kernel'))).toMatchObject({ ok: false });
  });

  it('reads options by value or label, paddings and a learning rate above zero', () => {
    expect(parseSweepValues('sgd, Adam, RMSPROP', TRAINING_SWEEP_FIELDS.optimizer)).toEqual({
      ok: true,
      values: ['sgd', 'adam', 'rmsprop'],
    });
    expect(parseSweepValues('nadam', TRAINING_SWEEP_FIELDS.optimizer)).toMatchObject({
      ok: false,
      error: /"nadam" is not one of the choices for Optimizer: SGD, Momentum, Adam/,
    });
    expect(parseSweepValues('valid, same, 2', field('padding'))).toEqual({
      ok: true,
      values: ['valid', 'same', { explicit: 2 }],
    });
    expect(parseSweepValues('0.01, 0.1', TRAINING_SWEEP_FIELDS.learningRate)).toEqual({
      ok: true,
      values: [0.01, 0.1],
    });
    expect(parseSweepValues('0', TRAINING_SWEEP_FIELDS.learningRate)).toMatchObject({ ok: false });
  });
});

describe('sweepVariants', () => {
  const base = { graph, hyper: DEFAULT_HYPER };

  it('applies a kernel size to the node only and names each variant', () => {
    const vs = sweepVariants(
      base,
      layerTarget('kernel'),
      [
        [3, 3],
        [5, 5],
      ],
      ctx,
    );
    expect(vs.map((v) => v.label)).toEqual(['kernel 3', 'kernel 5']);
    const params = vs.map((v) => {
      if (!('graph' in v)) throw new Error('skipped');
      const layer = v.graph.nodes.find((n) => n.id === conv.id)!.layer as Conv2DLayer;
      expect(layer.kernel).toEqual(v.value);
      expect(v.hyper).toBe(DEFAULT_HYPER);
      return inferShapes(v.graph).get(conv.id)!.params;
    });
    // (F·F·D1)·K + K with D1 = 1, K = 4: 5·5·4 − 3·3·4 = 64.
    expect(params[1]! - params[0]!).toBe(64);
    expect(graph.nodes.find((n) => n.id === conv.id)!.layer).toBe(conv.layer);
  });

  it('skips a variant that does not validate, with the reason', () => {
    const vs = sweepVariants(
      base,
      layerTarget('kernel'),
      [
        [3, 3],
        [40, 40],
      ],
      ctx,
    );
    expect('graph' in vs[0]!).toBe(true);
    expect(vs[1]).toMatchObject({
      label: 'kernel 40',
      skipped: expect.stringMatching(/^Kernel 40×40 on 28×28/),
    });
  });

  it('varies a training setting and keeps the graph', () => {
    const vs = sweepVariants(base, { kind: 'training', key: 'learningRate' }, [0.01, 0.1], ctx);
    expect(vs.map((v) => v.label)).toEqual(['learning rate 0.01', 'learning rate 0.1']);
    for (const v of vs) {
      if (!('graph' in v)) throw new Error('skipped');
      expect(v.graph).toBe(graph);
      expect(v.hyper.learningRate).toBe(v.value);
    }
    const opt = sweepVariants(base, { kind: 'training', key: 'optimizer' }, ['sgd'], ctx);
    expect(opt[0]!.label).toBe('optimizer SGD');
  });

  it('offers every field of the node except shapes', () => {
    expect(sweepableFields(conv.layer).map((f) => f.label)).toContain('Kernel size');
    expect(sweepableFields(graph.nodes[0]!.layer)).toEqual([]);
    expect(fieldOf(graph, { kind: 'layer', node: asNodeId('nope'), key: 'kernel' })).toBeNull();
  });
});
