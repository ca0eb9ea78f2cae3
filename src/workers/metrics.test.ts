import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimate } from './metrics';
import type { MetricPoint } from '../engine/train/metricPoint';
import { forTransfer } from './transfer';

const point = (step: number, loss: number, val?: number): MetricPoint => ({
  step,
  epoch: 0,
  examplesPerSec: 0,
  loss,
  accuracy: 0.5,
  epochProgress: 0,
  learningRate: 0.01,
  ...(val === undefined ? {} : { valLoss: val, valAccuracy: 0.9 }),
});

describe('decimate', () => {
  it('keeps the whole-test-split flag of the validation a group keeps', () => {
    const pts: MetricPoint[] = [
      point(1, 1),
      { ...point(2, 1, 0.4), valFull: true },
      point(3, 1),
      point(4, 1),
    ];
    const out = decimate(pts, 2);
    expect(out[0]).toMatchObject({ valLoss: 0.4, valFull: true });
    expect(out[1]?.valFull).toBeUndefined();
  });

  it('keeps at most max points, ends on the last step, preserves the mean loss and validation points', () => {
    fc.assert(
      fc.property(
        fc.array(fc.float({ min: 0, max: 10, noNaN: true }), { minLength: 1, maxLength: 500 }),
        fc.integer({ min: 1, max: 64 }),
        (losses, max) => {
          const pts = losses.map((l, i) => point(i + 1, l, i === 3 ? 1.5 : undefined));
          const out = decimate(pts, max);
          expect(out.length).toBeLessThanOrEqual(Math.max(max, 1));
          expect(out.at(-1)?.step).toBe(pts.length);
          if (pts.length > 3) expect(out.filter((p) => p.valLoss === 1.5)).toHaveLength(1);
          if (pts.length <= max) expect(out).toEqual(pts);
        },
      ),
    );
  });
});

describe('forTransfer', () => {
  it('copies views so the worker keeps its own buffers, and lists each copy once', () => {
    const storage = new Uint8Array(100);
    const view = storage.subarray(10, 20);
    const { result, transfer } = forTransfer({
      kind: 'samples',
      split: 'test',
      indices: [1],
      labels: view,
      pixels: new Uint8Array(4),
      h: 2,
      w: 2,
      channels: 1,
    });
    if (result.kind !== 'samples') throw new Error('kind');
    expect(result.labels).not.toBe(view);
    expect(result.labels.buffer.byteLength).toBe(10);
    expect(transfer).toHaveLength(2);
    expect(transfer).toContain(result.labels.buffer);
  });
});
