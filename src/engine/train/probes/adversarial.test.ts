import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTrainer } from '../createTrainer';
import type { Trainer } from '../trainer';
import { tinyCnn, tinyData, tinyHyper } from '../testGraphs';
import type { AdversarialResult, ProbeRequest } from './types';

const data = tinyData(64, 40);
let trainer: Trainer;

beforeAll(async () => {
  await tf.setBackend('cpu');
  trainer = createTrainer({ graph: tinyCnn(), dataset: data, hyper: tinyHyper(), seed: 3 });
  await trainer.trainBatches(4);
});

afterAll(() => trainer.dispose());

async function probe(
  req: Omit<Extract<ProbeRequest, { kind: 'adversarial' }>, 'kind'>,
): Promise<AdversarialResult> {
  const before = tf.memory().numTensors;
  const r = await trainer.probe({ kind: 'adversarial', ...req });
  expect(tf.memory().numTensors).toBe(before);
  if (r.kind !== 'adversarial') throw new Error(r.kind);
  return r;
}

const top = (p: Float32Array): number => p.indexOf(Math.max(...p));

describe('adversarial probe', () => {
  it('attacks the test image against its label within ±ε, with predictions before and after', async () => {
    for (const method of ['fgsm', 'pgd'] as const) {
      const r = await probe({ sample: { from: 'test', index: 2 }, method, epsilon: 0.1 });
      expect(r).toMatchObject({ h: 28, w: 28, channels: 1, method, epsilon: 0.1, searchMax: 0.3 });
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
      const r = await probe({ sample: { from: 'test', index }, method: 'fgsm', epsilon: 0 });
      expect(Array.from(r.after)).toEqual(Array.from(r.before));
      for (const method of ['fgsm', 'pgd'] as const) {
        const flip = method === 'fgsm' ? r.fgsmFlip : r.pgdFlip;
        if (flip === null) continue;
        const at = await probe({ sample: { from: 'test', index }, method, epsilon: flip.epsilon });
        expect(top(at.after)).not.toBe(top(at.before));
        expect(top(at.after)).toBe(flip.to);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('attacks a drawing against its predicted class, and answers a repeat from the kept search', async () => {
    const pixels = new Uint8Array(28 * 28);
    for (let y = 6; y < 22; y++) pixels.fill(255, y * 28 + 12, y * 28 + 16);
    const r = await probe({ sample: { from: 'drawn', pixels }, method: 'pgd', epsilon: 0.05 });
    expect(r.label).toBeNull();
    expect(r.target).toBe(top(r.before));
    const again = await probe({ sample: { from: 'drawn', pixels }, method: 'fgsm', epsilon: 0.2 });
    expect(again.ms.search).toBe(0);
    expect([again.fgsmFlip, again.pgdFlip]).toEqual([r.fgsmFlip, r.pgdFlip]);
  });
});
