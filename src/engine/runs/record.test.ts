import { describe, expect, it } from 'vitest';
import { defaultRunName, makeRunRecord, runRecordId, type RunRecordInput } from './record';
import { defaultLayer } from '../graph/catalogue';
import { chain } from '../graph/edit';
import type { Graph } from '../graph/types';
import { DEFAULT_HYPER } from '../train/hyper';
import { point } from './testPoints';

/** Input 28×28×1 → Conv2D (8 filters F×F, same) → Flatten → Dense 10. */
const convNet = (f: number): Graph =>
  chain('classifier', [
    defaultLayer('input'),
    { ...defaultLayer('conv2d'), filters: 8, kernel: [f, f], padding: 'same' },
    defaultLayer('flatten'),
    { ...defaultLayer('dense'), units: 10, activation: 'softmax' },
  ]);

const input = (extra: Partial<RunRecordInput> = {}): RunRecordInput => ({
  id: runRecordId(1000, 0),
  name: defaultRunName(1),
  createdAt: 1000,
  graph: convNet(3),
  dataset: 'procedural',
  hyper: { ...DEFAULT_HYPER, labelSubset: [0, 1] },
  seed: 7,
  backend: 'cpu',
  points: [point(1), point(2)],
  wallTimeMs: 1234,
  changes: ['first run'],
  ...extra,
});

describe('makeRunRecord', () => {
  it('counts parameters as (F·F·D1)·K + K plus the dense layer, and FLOPs as 2 · multiply-adds', () => {
    const dense = 28 * 28 * 8 * 10 + 10;
    const r3 = makeRunRecord(input());
    const r10 = makeRunRecord(input({ graph: convNet(10) }));
    expect(r3.params).toBe(3 * 3 * 1 * 8 + 8 + dense);
    expect(r10.params).toBe(10 * 10 * 1 * 8 + 8 + dense);
    expect(r10.params - r3.params).toBe((100 - 9) * 8);
    expect(r3.trainableParams).toBe(r3.params);
    expect(r3.flopsPerExample).toBe(2 * (28 * 28 * 8 * 9 + 28 * 28 * 8 * 10));
    expect(r10.flopsPerExample).toBe(2 * (28 * 28 * 8 * 100 + 28 * 28 * 8 * 10));
  });

  it('counts a frozen layer in params but not in trainable params', () => {
    const g = convNet(3);
    const frozen: Graph = {
      ...g,
      nodes: g.nodes.map((n) => (n.id === 'conv2d_1' ? { ...n, frozen: true } : n)),
    };
    const r = makeRunRecord(input({ graph: frozen }));
    expect(r.params - r.trainableParams).toBe(80);
  });

  it('keeps the settings, the role and the label subset of the run', () => {
    const r = makeRunRecord(input());
    expect(r).toMatchObject({
      id: 'run-1000-0',
      name: 'Run 1',
      createdAt: 1000,
      pinned: false,
      role: 'classifier',
      dataset: 'procedural',
      labelSubset: [0, 1],
      seed: 7,
      backend: 'cpu',
      wallTimeMs: 1234,
      changes: ['first run'],
    });
    expect(makeRunRecord(input({ pinned: true })).pinned).toBe(true);
  });

  it('takes final and best validation from every validation point, skipping NaN', () => {
    const r = makeRunRecord(
      input({
        points: [
          point(1),
          point(2, { valLoss: 0.9, valAccuracy: 0.6 }),
          point(3),
          point(4, { valLoss: 0.4, valAccuracy: 0.9 }),
          point(5, { valLoss: 0.5, valAccuracy: 0.8 }),
          point(6, { valLoss: NaN, valAccuracy: NaN }),
        ],
      }),
    );
    expect(r.finalValAccuracy).toBe(0.8);
    expect(r.bestValAccuracy).toBe(0.9);
    expect(r.finalValLoss).toBe(0.5);
    expect(r.bestValLoss).toBe(0.4);
    expect(r.curves.valSteps).toEqual([2, 4, 5, 6]);
    expect(r.curves.valAccuracy).toEqual([0.6, 0.9, 0.8, null]);
  });

  it('judges best and final by the whole-test-split validations when there are any (quick checks are noisy)', () => {
    const r = makeRunRecord(
      input({
        points: [
          point(1, { valLoss: 0.05, valAccuracy: 1 }), // a lucky quick check on a few hundred examples
          point(2, { valLoss: 0.2, valAccuracy: 0.97, valFull: true }),
          point(3, { valLoss: 0.01, valAccuracy: 1 }),
          point(4, { valLoss: 0.15, valAccuracy: 0.98, valFull: true }),
        ],
      }),
    );
    expect([r.bestValAccuracy, r.finalValAccuracy, r.bestValLoss, r.finalValLoss]).toEqual([
      0.98, 0.98, 0.15, 0.15,
    ]);
    // The curves still show every validation.
    expect(r.curves.valSteps).toEqual([1, 2, 3, 4]);
  });

  it('has no validation numbers without validation points', () => {
    const r = makeRunRecord(input());
    expect([r.finalValAccuracy, r.bestValAccuracy, r.finalValLoss, r.bestValLoss]).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });

  it('counts steps, epochs as a fraction, and the steady-state rate', () => {
    const rates = [10, 20, 100, 110, 120];
    const r = makeRunRecord(
      input({
        points: rates.map((examplesPerSec, i) =>
          point(i + 1, { examplesPerSec, epoch: 1, epochProgress: 0.5 }),
        ),
      }),
    );
    expect(r.steps).toBe(5);
    expect(r.epochs).toBe(1.5);
    expect(r.examplesPerSec).toBe(110);
    expect(makeRunRecord(input({ points: [] }))).toMatchObject({ steps: 0, epochs: 0, examplesPerSec: null });
  });

  it('survives JSON unchanged (no NaN or undefined inside)', () => {
    const r = makeRunRecord(
      input({
        points: [point(1, { accuracy: NaN, loss: Infinity }), point(2, { valLoss: 1, valAccuracy: 0.5 })],
      }),
    );
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    expect(r.curves.accuracy).toEqual([null, 0.5]);
    expect(r.curves.loss).toEqual([null, 1]);
  });
});
