import { describe, expect, it } from 'vitest';
import { presetById } from '../../engine/graph/presets';
import { DEFAULT_HYPER } from '../../engine/train/hyper';
import { makeRunRecord, type RunCurves, type RunRecord } from '../../engine/runs/record';
import { point } from '../../engine/runs/testPoints';
import { GAN_SERIES, isGanRun, seriesOf, type CurveRun } from '../../visualizers/curves';
import { chartLabels, chartRuns, curveRunOf } from './recordCurves';

const curves = (c: Partial<RunCurves>): RunCurves => ({
  steps: [],
  loss: [],
  accuracy: [],
  valSteps: [],
  valLoss: [],
  valAccuracy: [],
  ...c,
});

function record(id: string, name: string): RunRecord {
  return makeRunRecord({
    id,
    name,
    createdAt: 1,
    graph: presetById('notes-small')!.graph,
    dataset: 'procedural',
    hyper: DEFAULT_HYPER,
    seed: 1,
    backend: 'wasm',
    points: [point(1, { loss: 2 }), point(2, { loss: 1, valLoss: 1.5, valAccuracy: 0.6 })],
    wallTimeMs: 100,
    changes: ['first run'],
  });
}

const liveRun = (label: string, loss: number): CurveRun => ({
  label,
  points: [{ step: 1, loss, accuracy: 0.5 }],
});

describe('curveRunOf', () => {
  it('joins each validation value to the train point of its step, NaN for missing values', () => {
    const run = curveRunOf({
      name: 'Run 3',
      curves: curves({
        steps: [1, 2, 4],
        loss: [2, null, 1],
        accuracy: [0.1, 0.2, null],
        valSteps: [2, 3],
        valLoss: [1.5, null],
        valAccuracy: [0.6, 0.7],
      }),
    });
    expect(run.label).toBe('Run 3');
    expect(run.points).toEqual([
      { step: 1, loss: 2, accuracy: 0.1 },
      { step: 2, loss: NaN, accuracy: 0.2, valLoss: 1.5, valAccuracy: 0.6 },
      // A validation step without a train point gets its own point, in step order.
      { step: 3, loss: NaN, accuracy: NaN, valLoss: NaN, valAccuracy: 0.7 },
      { step: 4, loss: 1, accuracy: NaN },
    ]);
  });

  it("gives each point the record's training time, where it has one", () => {
    const run = curveRunOf({
      name: 'Run 4',
      curves: curves({
        steps: [1, 2],
        loss: [2, 1],
        accuracy: [0.1, 0.2],
        valSteps: [2, 3],
        valLoss: [1.5, 1.4],
        valAccuracy: [0.6, 0.7],
        seconds: [0.5, null],
        valSeconds: [1, 1.5],
      }),
    });
    expect(run.points.map((p) => p.seconds)).toEqual([0.5, 1, 1.5]);
  });

  it("gives a GAN record's points their D and G values, so the chart draws it as a GAN run", () => {
    const run = curveRunOf({
      name: 'GAN',
      curves: curves({
        steps: [1, 2],
        loss: [0.7, 0.8],
        accuracy: [null, null],
        gan: { dLoss: [1.4, null], gLoss: [0.7, 0.8], dReal: [0.6, 0.7], dFake: [0.4, 0.3] },
      }),
    });
    expect(run.points).toEqual([
      { step: 1, loss: 0.7, accuracy: NaN, gan: { dLoss: 1.4, gLoss: 0.7, dReal: 0.6, dFake: 0.4 } },
      { step: 2, loss: 0.8, accuracy: NaN, gan: { dLoss: NaN, gLoss: 0.8, dReal: 0.7, dFake: 0.3 } },
    ]);
    expect(isGanRun(run)).toBe(true);
    expect(seriesOf(run)).toBe(GAN_SERIES);
  });

  it('gives an empty record no points', () => {
    expect(curveRunOf({ name: 'x', curves: curves({}) }).points).toEqual([]);
  });
});

describe('chartRuns and chartLabels', () => {
  const r1 = record('r1', 'Run 1');
  const r2 = record('r2', 'baseline');
  const r3 = record('r3', 'Run 3');
  const records = [r1, r2, r3];
  const live = [liveRun('Run 2 · adam 0.001', 3), liveRun('Run 3 · adam 0.001', 4)];
  const liveLabels = live.map((r) => r.label);

  it('draws only the current run, under its name in Runs, when nothing is ticked (earlier runs only when ticked)', () => {
    const runs = chartRuns(live, records, [], 'r3');
    expect(runs.map((r) => r.label)).toEqual(['Run 3']);
    expect(runs[0]!.points).toBe(live[1]!.points);
    expect(chartLabels(live, records, [], 'r3')).toEqual(['Run 3']);
    // Ticking only the live run's own record changes nothing.
    expect(chartLabels(live, records, ['r3'], 'r3')).toEqual(['Run 3']);
    expect(liveLabels).toHaveLength(2);
  });

  it('draws the ticked records in ticking order, then the current live run named as its record', () => {
    const runs = chartRuns(live, records, ['r2', 'r1'], 'r3');
    expect(runs.map((r) => r.label)).toEqual(['baseline', 'Run 1', 'Run 3']);
    expect(runs[0]!.points).toEqual(curveRunOf(r2).points);
    // The live run's curve comes from the store (it is newer there), not from its record.
    expect(runs[2]!.points).toBe(live[1]!.points);
    expect(chartLabels(live, records, ['r2', 'r1'], 'r3')).toEqual(['baseline', 'Run 1', 'Run 3']);
  });

  it('never draws the live record twice', () => {
    const runs = chartRuns(live, records, ['r3', 'r1'], 'r3');
    expect(runs.map((r) => r.label)).toEqual(['Run 1', 'Run 3']);
    expect(chartLabels(live, records, ['r3', 'r1'], 'r3')).toEqual(['Run 1', 'Run 3']);
  });

  it('keeps the live label when the live run has no record, and skips ids no longer recorded', () => {
    expect(chartRuns(live, records, ['gone', 'r1'], null).map((r) => r.label)).toEqual([
      'Run 1',
      'Run 3 · adam 0.001',
    ]);
    expect(chartLabels(live, records, ['gone', 'r1'], null)).toEqual(['Run 1', 'Run 3 · adam 0.001']);
    expect(chartLabels(live, records, ['gone'], null)).toEqual(['Run 3 · adam 0.001']);
  });

  it('leaves out a live run without points once records are ticked (a run prepared after a reload)', () => {
    const prepared = [liveRun('Run 1 · adam 0.001', 1), { label: 'Run 2 · adam 0.001', points: [] }];
    expect(chartRuns(prepared, records, ['r1', 'r2'], null).map((r) => r.label)).toEqual([
      'Run 1',
      'baseline',
    ]);
    expect(chartLabels(prepared, records, ['r1', 'r2'], null)).toEqual(['Run 1', 'baseline']);
    // Nothing ticked and the current run has no points yet: nothing to draw.
    expect(chartLabels(prepared, records, [], null)).toEqual([]);
  });

  it('draws only the ticked records when there is no live run', () => {
    expect(chartRuns([], records, ['r1', 'r2'], null).map((r) => r.label)).toEqual(['Run 1', 'baseline']);
    expect(chartLabels([], records, ['r1', 'r2'], null)).toEqual(['Run 1', 'baseline']);
  });

  it('reuses the curves built for a record while it is unchanged', () => {
    const a = chartRuns(live, records, ['r1'], null)[0];
    const b = chartRuns(live, records, ['r1'], null)[0];
    expect(b).toBe(a);
  });
});
