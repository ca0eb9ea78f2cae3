import { describe, expect, it } from 'vitest';
import { DEFAULT_GAN_HYPER } from '../../engine/gan/ganHyper';
import { DEFAULT_HYPER } from '../../engine/train/hyper';
import { changed, createHyperSync } from './hyperSync';

function sync() {
  const sent: unknown[][] = [];
  return { sent, hyper: createHyperSync((...args) => void sent.push(args)) };
}

describe('hyperparameter sync', () => {
  it('changed lists only the fields that differ', () => {
    expect(changed({ a: 1, b: 2 }, { a: 1, b: 3 })).toEqual({ b: 3 });
    expect(changed({ a: 1 }, { a: 1 })).toEqual({});
  });

  it('sends nothing before a run got its settings, then only what changed since', () => {
    const { sent, hyper } = sync();
    hyper.flush({ ...DEFAULT_HYPER, learningRate: 0.5 }, DEFAULT_GAN_HYPER);
    expect(sent).toEqual([]);
    hyper.sent(DEFAULT_HYPER, DEFAULT_GAN_HYPER);
    hyper.flush(DEFAULT_HYPER, DEFAULT_GAN_HYPER);
    expect(sent).toEqual([]);
    const faster = { ...DEFAULT_HYPER, learningRate: 0.5 };
    hyper.flush(faster, DEFAULT_GAN_HYPER);
    hyper.flush(faster, DEFAULT_GAN_HYPER);
    expect(sent).toEqual([[{ learningRate: 0.5 }]]);
  });

  it('sends GAN settings with the rest', () => {
    const { sent, hyper } = sync();
    hyper.sent(DEFAULT_HYPER, DEFAULT_GAN_HYPER);
    hyper.flush(DEFAULT_HYPER, { ...DEFAULT_GAN_HYPER, kD: DEFAULT_GAN_HYPER.kD + 1 });
    expect(sent).toEqual([[{}, { kD: DEFAULT_GAN_HYPER.kD + 1 }]]);
  });

  it('remembers the batch size the run trained at, and a kept one counts as sent', () => {
    const { sent, hyper } = sync();
    hyper.sent(DEFAULT_HYPER, DEFAULT_GAN_HYPER);
    expect(hyper.runBatchSize).toBeNull();
    const bigger = { ...DEFAULT_HYPER, batchSize: DEFAULT_HYPER.batchSize * 8 };
    hyper.flush(bigger, DEFAULT_GAN_HYPER);
    expect(hyper.runBatchSize).toBe(DEFAULT_HYPER.batchSize);
    hyper.keptBatchSize(DEFAULT_HYPER.batchSize);
    hyper.flush({ ...bigger, batchSize: DEFAULT_HYPER.batchSize }, DEFAULT_GAN_HYPER);
    expect(sent).toEqual([[{ batchSize: DEFAULT_HYPER.batchSize * 8 }]]);
  });
});
