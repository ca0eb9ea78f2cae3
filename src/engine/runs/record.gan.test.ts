import { describe, expect, it } from 'vitest';
import { makeRunRecord, type RunRecordInput } from './record';
import { presetById } from '../graph/presets';
import { DEFAULT_GAN_HYPER } from '../gan/ganHyper';
import { DEFAULT_HYPER } from '../train/hyper';
import type { MetricPoint } from '../train/metricPoint';
import { point } from './testPoints';

const pair = presetById('dcgan')!.gan!;
const gan = { generator: pair.generator, discriminator: pair.discriminator };

/** A GAN iteration as the worker reports it: loss is G's, no accuracy, no validation. */
const ganPoint = (step: number, dLoss: number, gLoss: number): MetricPoint =>
  point(step, {
    loss: gLoss,
    accuracy: NaN,
    gan: { dLoss, gLoss, dReal: 0.6, dFake: 0.4 },
  });

const input = (extra: Partial<RunRecordInput> = {}): RunRecordInput => ({
  id: 'run-1-0',
  name: 'Run 1',
  createdAt: 1,
  graph: gan.generator,
  dataset: 'procedural',
  hyper: DEFAULT_HYPER,
  seed: 1,
  backend: 'wasm',
  points: [ganPoint(1, 1.4, 0.7), ganPoint(2, 1.2, 0.9), ganPoint(3, 1, 1.1)],
  wallTimeMs: 100,
  changes: ['first run'],
  ...extra,
});

describe('makeRunRecord of a GAN run', () => {
  it('counts the parameters and FLOPs of both networks (one G and one D forward pass per example)', () => {
    const g = makeRunRecord(input({ gan: null, graph: gan.generator }));
    const d = makeRunRecord(input({ gan: null, graph: gan.discriminator }));
    const both = makeRunRecord(input({ gan, ganHyper: DEFAULT_GAN_HYPER }));
    expect(g.params).toBeGreaterThan(0);
    expect(d.params).toBeGreaterThan(0);
    expect(both.params).toBe(g.params + d.params);
    expect(both.trainableParams).toBe(g.trainableParams + d.trainableParams);
    expect(both.flopsPerExample).toBe(g.flopsPerExample + d.flopsPerExample);
    // Whichever network the editor showed, the counts are the pair's.
    expect(makeRunRecord(input({ gan, graph: gan.discriminator })).params).toBe(both.params);
  });

  it('keeps both networks and the GAN settings; other runs carry neither field', () => {
    const ganHyper = { ...DEFAULT_GAN_HYPER, lrD: 0.0001 };
    const r = makeRunRecord(input({ gan, ganHyper }));
    expect(r.gan).toEqual(gan);
    expect(r.ganHyper).toEqual(ganHyper);
    expect(r.role).toBe('generator');
    const plain = makeRunRecord(input({ points: [point(1)] }));
    expect('gan' in plain).toBe(false);
    expect('ganHyper' in plain).toBe(false);
    expect(plain.curves.gan).toBeUndefined();
  });

  it('keeps the D and G curves (decimated like the train curve) and has no validation accuracy', () => {
    const r = makeRunRecord(input({ gan, ganHyper: DEFAULT_GAN_HYPER }));
    expect(r.curves.steps).toEqual([1, 2, 3]);
    expect(r.curves.gan).toEqual({
      dLoss: [1.4, 1.2, 1],
      gLoss: [0.7, 0.9, 1.1],
      dReal: [0.6, 0.6, 0.6],
      dFake: [0.4, 0.4, 0.4],
    });
    expect([r.bestValAccuracy, r.finalValAccuracy, r.bestValLoss]).toEqual([null, null, null]);
    const thin = makeRunRecord(input({ gan, maxCurvePoints: 2 }));
    expect(thin.curves.steps).toEqual([2, 3]);
    const r2 = (xs: readonly (number | null)[] | undefined) => xs?.map((x) => Math.round(x! * 100) / 100);
    expect(r2(thin.curves.gan?.dLoss)).toEqual([1.3, 1]);
    expect(r2(thin.curves.gan?.gLoss)).toEqual([0.8, 1.1]);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});
