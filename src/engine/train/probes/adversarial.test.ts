import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTrainer } from '../createTrainer';
import type { Trainer } from '../trainer';
import { tinyCnn, tinyData, tinyHyper } from '../testGraphs';
import type { ProbeRequest, ProbeResult } from './types';

const data = tinyData(64, 40);
let trainer: Trainer;

beforeAll(async () => {
  await tf.setBackend('cpu');
  trainer = createTrainer({ graph: tinyCnn(), dataset: data, hyper: tinyHyper(), seed: 3 });
  await trainer.trainBatches(4);
});

afterAll(() => trainer.dispose());

async function probe<K extends 'adversarial' | 'adversarialSearch'>(
  req: ProbeRequest & { kind: K },
): Promise<Extract<ProbeResult, { kind: K }>> {
  const before = tf.memory().numTensors;
  const r = await trainer.probe(req);
  expect(tf.memory().numTensors).toBe(before);
  expect(r.kind).toBe(req.kind);
  return r as Extract<ProbeResult, { kind: K }>;
}

const top = (p: Float32Array): number => p.indexOf(Math.max(...p));

describe('adversarial probe', () => {
  it('attacks the test image against its label within ±ε, with predictions before and after', async () => {
    for (const method of ['fgsm', 'pgd'] as const) {
      const r = await probe({
        kind: 'adversarial',
        sample: { from: 'test', index: 2 },
        method,
        epsilon: 0.1,
      });
      expect(r).toMatchObject({ h: 28, w: 28, channels: 1, method, epsilon: 0.1 });
      expect(r.steps).toBe(method === 'pgd' ? 10 : 0);
      expect(r.label).toBe(data.test.labels[2]);
      expect(r.target).toBe(r.label);
      expect(r.original).toEqual(data.test.images.subarray(2 * 784, 3 * 784));
      expect(r.before.length).toBe(10);
      expect(r.after.length).toBe(10);
      const moved = r.perturbation.filter((d) => Math.abs(d) > 1e-6).length;
      expect(moved).toBeGreaterThan(0);
      expect(Math.max(...r.perturbation.map(Math.abs))).toBeLessThanOrEqual(0.1 + 1e-6);
      // The attack raises the loss of the label: its probability falls.
      expect(r.after[r.target]).toBeLessThan(r.before[r.target] as number);
    }
  });

  it('the smallest flipping ε it reports does flip the prediction', async () => {
    let checked = 0;
    for (let index = 0; index < 12 && checked < 2; index++) {
      const zero = await probe({
        kind: 'adversarial',
        sample: { from: 'test', index },
        method: 'fgsm',
        epsilon: 0,
      });
      expect(Array.from(zero.after)).toEqual(Array.from(zero.before));
      const r = await probe({ kind: 'adversarialSearch', sample: { from: 'test', index } });
      expect(r.clean).toBe(top(zero.before));
      expect(r.searchMax).toBe(0.3);
      for (const method of ['fgsm', 'pgd'] as const) {
        const flip = method === 'fgsm' ? r.fgsmFlip : r.pgdFlip;
        if (flip === null) continue;
        const at = await probe({
          kind: 'adversarial',
          sample: { from: 'test', index },
          method,
          epsilon: flip.epsilon,
        });
        expect(top(at.after)).not.toBe(top(at.before));
        expect(top(at.after)).toBe(flip.to);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('attacks a drawing against its predicted class, and answers a repeated search from the kept one', async () => {
    const pixels = new Uint8Array(28 * 28);
    for (let y = 6; y < 22; y++) pixels.fill(255, y * 28 + 12, y * 28 + 16);
    const r = await probe({
      kind: 'adversarial',
      sample: { from: 'drawn', pixels },
      method: 'pgd',
      epsilon: 0.05,
    });
    expect(r.label).toBeNull();
    expect(r.target).toBe(top(r.before));
    const s = await probe({ kind: 'adversarialSearch', sample: { from: 'drawn', pixels } });
    expect(s.clean).toBe(top(r.before));
    const again = await probe({
      kind: 'adversarialSearch',
      sample: { from: 'drawn', pixels: pixels.slice() },
    });
    expect(again.ms).toBeLessThan(s.ms / 5);
    expect([again.fgsmFlip, again.pgdFlip]).toEqual([s.fgsmFlip, s.pgdFlip]);
    // Another sample is searched afresh.
    pixels.fill(255, 14 * 28 + 4, 14 * 28 + 24);
    const other = await probe({ kind: 'adversarialSearch', sample: { from: 'drawn', pixels } });
    expect(other.ms).toBeGreaterThan(again.ms);
  });
});
