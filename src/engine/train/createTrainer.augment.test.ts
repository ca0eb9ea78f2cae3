import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTrainer } from './createTrainer';
import { imagesTensor } from './batches';
import { mulberry32 } from '../data/random';
import { DEFAULT_AUGMENT } from '../data/augment';
import { tinyCnn, tinyData, tinyHyper } from './testGraphs';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const data = tinyData();
const ON = { ...DEFAULT_AUGMENT, shift: 3, flip: true, rotate: 15 };

describe('augmentation of training batches', () => {
  it('imagesTensor changes the pixels only when asked, seeded', () => {
    const idx = [0, 1, 2, 3];
    const plain = tf.tidy(() => imagesTensor(data.train, data.shape, idx).dataSync());
    const direct = Float32Array.from(data.train.images.subarray(0, 4 * 28 * 28), (v) => v / 255);
    expect(plain).toEqual(direct);
    const aug = (seed: number): Float32Array =>
      tf.tidy(() =>
        imagesTensor(data.train, data.shape, idx, { settings: ON, rng: mulberry32(seed) }).dataSync(),
      ) as Float32Array;
    expect(aug(1)).not.toEqual(plain);
    expect(aug(1)).toEqual(aug(1));
    expect(aug(1)).not.toEqual(aug(2));
  });

  it('training sees the changed images (other losses), the same for the same seed; the test split does not', async () => {
    const run = async (augment = DEFAULT_AUGMENT) => {
      const t = createTrainer({ graph: tinyCnn(), dataset: data, hyper: tinyHyper({ augment }), seed: 3 });
      const before = await t.evaluate();
      const s = await t.trainBatches(4);
      t.dispose();
      return { before, losses: Array.from(s.losses) };
    };
    const off = await run();
    const on = await run(ON);
    const again = await run(ON);
    expect(on.losses).not.toEqual(off.losses);
    expect(again.losses).toEqual(on.losses);
    expect(on.before).toEqual(off.before);
  });

  it('setHyper with a new augment applies from the next batch', async () => {
    const make = () => createTrainer({ graph: tinyCnn(), dataset: data, hyper: tinyHyper(), seed: 5 });
    const a = make();
    const b = make();
    const a1 = await a.trainBatches(2);
    const b1 = await b.trainBatches(2);
    expect(Array.from(b1.losses)).toEqual(Array.from(a1.losses));
    b.setHyper({ augment: ON });
    const a2 = await a.trainBatches(1);
    const b2 = await b.trainBatches(1);
    expect(b2.losses[0]).not.toBe(a2.losses[0]);
    a.dispose();
    b.dispose();
  });
});
