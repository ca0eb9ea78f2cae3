import { describe, expect, it } from 'vitest';
import { EpochSampler } from './batches';

const range = (a: number, b: number): Int32Array => Int32Array.from({ length: b - a }, (_, i) => a + i);

describe('EpochSampler', () => {
  it('visits every example once per epoch, then reshuffles', () => {
    const s = new EpochSampler(range(0, 10), 3);
    const seen = [...s.next(4), ...s.next(4), ...s.next(4)];
    expect(seen.sort((a, b) => a - b)).toEqual([...range(0, 10)]);
    expect(s.progress).toBe(1);
    expect(s.epoch).toBe(0);
    s.next(4);
    expect(s.epoch).toBe(1);
  });

  it('a new pool right after a finished pass counts that epoch; mid-pass it restarts the pass', () => {
    const s = new EpochSampler(range(0, 8), 1);
    s.next(8);
    s.setPool(range(10, 14));
    expect(s.epoch).toBe(1);
    expect(s.progress).toBe(0);
    s.next(2);
    s.setPool(range(20, 24));
    expect(s.epoch).toBe(1);
    expect([...s.next(4)].sort((a, b) => a - b)).toEqual([20, 21, 22, 23]);
  });
});
