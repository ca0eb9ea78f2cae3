import { describe, expect, it } from 'vitest';
import { asRunId } from '../../workers/protocol';
import type { MetricPoint } from '../../engine/train/metricPoint';
import { appendHistory, EMPTY_HISTORY, MAX_POINTS, mergePoints } from './metricHistory';
import { createAppStore } from './index';
import { selectLastValidation } from './selectors';

const point = (step: number, loss = 1 / step, extra: Partial<MetricPoint> = {}): MetricPoint => ({
  step,
  epoch: 0,
  examplesPerSec: 100,
  loss,
  accuracy: 0.5,
  epochProgress: 0,
  learningRate: 0.001,
  ...extra,
});

const noStorage = {
  getItem: () => null,
  setItem: () => undefined,
  removeItem: () => undefined,
};

describe('bounded metric history', () => {
  it('keeps one point per step while the run is short', () => {
    const h = appendHistory(appendHistory(EMPTY_HISTORY, [point(1), point(2)]), [point(3)]);
    expect(h.points.map((p) => p.step)).toEqual([1, 2, 3]);
    expect(h.stride).toBe(1);
  });

  it('averages pairs once full, at one resolution over the whole run, the newest step always shown', () => {
    let h = EMPTY_HISTORY;
    for (let s = 1; s <= 20; s++) {
      h = appendHistory(h, [point(s, s)], 8);
      expect(h.points.length).toBeLessThanOrEqual(8);
      expect(h.points.at(-1)?.step).toBe(s);
    }
    // 20 steps in groups of 4: 1–4, 5–8, 9–12, 13–16, 17–20 (losses are the step numbers, so means are midpoints).
    expect(h.stride).toBe(4);
    expect(h.points.map((p) => [p.step, p.loss])).toEqual([
      [4, 2.5],
      [8, 6.5],
      [12, 10.5],
      [16, 14.5],
      [20, 18.5],
    ]);
    // An open group is the mean of what it has so far.
    h = appendHistory(h, [point(21, 21)], 8);
    expect(h.points.at(-1)).toMatchObject({ step: 21, loss: 21 });
    h = appendHistory(h, [point(22, 22)], 8);
    expect(h.points.at(-1)).toMatchObject({ step: 22, loss: 21.5 });
  });

  it('keeps the latest validation and averages GAN losses when merging', () => {
    const a = point(1, 1, {
      valLoss: 0.3,
      valAccuracy: 0.9,
      gan: { dLoss: 1, gLoss: 2, dReal: 0.5, dFake: 0.5 },
    });
    const b = point(2, 3, { gan: { dLoss: 3, gLoss: 4, dReal: 0.7, dFake: 0.1 } });
    expect(mergePoints(a, 1, b, 1)).toMatchObject({
      step: 2,
      loss: 2,
      valLoss: 0.3,
      valAccuracy: 0.9,
      gan: { dLoss: 2, gLoss: 3, dReal: 0.6, dFake: 0.3 },
    });
    expect(mergePoints(a, 3, b, 1).loss).toBe(1.5);
  });

  it('keeps whether the validation it keeps covered the whole test split', () => {
    const full = point(1, 1, { valLoss: 0.3, valAccuracy: 0.9, valFull: true });
    const quick = point(2, 1, { valLoss: 0.2, valAccuracy: 1 });
    expect(mergePoints(full, 1, point(2, 1), 1).valFull).toBe(true);
    expect(mergePoints(full, 1, quick, 1).valFull).toBeUndefined();
  });

  it('a synthetic 100,000-step run through the store keeps at most MAX_POINTS points covering all of it', () => {
    const store = createAppStore(noStorage as never);
    const r = asRunId('long');
    store.getState().patchRun({ runId: r });
    store.getState().startMetricsRun(r, 'long');
    const steps = 100_000;
    let sum = 0;
    let longest = 0;
    // The worker posts up to 64 points per message; a validation every 200 steps.
    for (let s = 1; s <= steps; s += 64) {
      const batch: MetricPoint[] = [];
      for (let t = s; t < s + 64 && t <= steps; t++) {
        const loss = 2 * Math.exp(-t / 20_000) + 0.1 * Math.sin(t);
        sum += loss;
        batch.push(point(t, loss, t % 200 === 0 ? { valLoss: loss, valAccuracy: t / steps } : {}));
      }
      store.getState().appendMetrics(r, batch);
      longest = Math.max(longest, store.getState().runs[0]!.points.length);
    }
    const run = store.getState().runs[0]!;
    expect(longest).toBeLessThanOrEqual(MAX_POINTS);
    expect(run.points.length).toBeGreaterThan(MAX_POINTS / 4);
    expect(run.points[0]!.step).toBe(run.stride);
    expect(run.points.at(-1)!.step).toBe(steps);
    // Every kept point holds `stride` steps but the open last one, so the run's mean loss survives decimation.
    const closed = run.open === 0 ? run.points : run.points.slice(0, -1);
    const keptMean = closed.reduce((a, p) => a + p.loss, 0) / closed.length;
    const covered = closed.length * run.stride;
    expect(covered).toBeGreaterThan(steps - run.stride);
    expect(Math.abs(keptMean - sum / steps)).toBeLessThan(0.01);
    expect(selectLastValidation(store.getState())).toEqual({ loss: expect.any(Number), accuracy: 1 });
  });
});
