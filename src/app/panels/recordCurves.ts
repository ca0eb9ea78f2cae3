/**
 * What the Loss chart draws: the current runs from the store, and the runs ticked in "Runs" from their records. A
 * ticked record of the run still in the store is drawn once, from the store (it is newer there).
 */
import type { RunRecord } from '../../engine/runs/record';
import type { CurvePoint, CurveRun } from '../../visualizers/curves';

const num = (v: number | null | undefined): number => (v === null || v === undefined ? NaN : v);

/**
 * A record's curves as chart points: each validation value joins the train point of its step (or gets its own). A
 * GAN run's train points carry its D and G values, so the chart draws it as it drew the live run.
 */
export function curveRunOf(r: Pick<RunRecord, 'name' | 'curves'>): CurveRun {
  const c = r.curves;
  const g = c.gan;
  const byStep = new Map<number, CurvePoint>();
  /** The training time of the i-th point of a series, where the record has one. */
  const time = (xs: readonly (number | null)[] | undefined, i: number): { seconds?: number } => {
    const t = xs?.[i];
    return t === null || t === undefined ? {} : { seconds: t };
  };
  c.steps.forEach((step, i) =>
    byStep.set(step, {
      step,
      ...time(c.seconds, i),
      loss: num(c.loss[i]),
      accuracy: num(c.accuracy[i]),
      ...(g
        ? {
            gan: {
              dLoss: num(g.dLoss[i]),
              gLoss: num(g.gLoss[i]),
              dReal: num(g.dReal[i]),
              dFake: num(g.dFake[i]),
            },
          }
        : {}),
    }),
  );
  c.valSteps.forEach((step, i) => {
    const p = byStep.get(step) ?? { step, loss: NaN, accuracy: NaN };
    byStep.set(step, {
      ...time(c.valSeconds, i),
      ...p,
      valLoss: num(c.valLoss[i]),
      valAccuracy: num(c.valAccuracy[i]),
    });
  });
  const points: CurvePoint[] = [...byStep.values()].sort((a, b) => a.step - b.step);
  return { label: r.name, points };
}

const cache = new WeakMap<RunRecord, CurveRun>();
const cachedCurveRun = (r: RunRecord): CurveRun => {
  let c = cache.get(r);
  if (!c) cache.set(r, (c = curveRunOf(r)));
  return c;
};

/**
 * The chart's runs: the runs ticked in "Runs" (in the order they were ticked), then the current run, named as its record is (its record is never drawn twice) — unless it has no points
 * yet (a run prepared after a reload or a Reset), which would only add a legend entry without a curve.
 */
export function chartRuns(
  live: readonly CurveRun[],
  records: readonly RunRecord[],
  selected: readonly string[],
  liveRecordId: string | null,
): readonly CurveRun[] {
  const picked = selected
    .filter((id) => id !== liveRecordId)
    .map((id) => records.find((r) => r.id === id))
    .filter((r): r is RunRecord => r !== undefined);
  // The run training now, under its name in Runs; earlier runs of the session are in the chart only when ticked.
  const current = live[live.length - 1];
  const name = records.find((r) => r.id === liveRecordId)?.name;
  const tail = current && current.points.length > 0 ? [name ? { ...current, label: name } : current] : [];
  return [...picked.map(cachedCurveRun), ...tail];
}

/** The labels chartRuns draws, for the legend (the records' curves are cached, so this builds none twice). */
export function chartLabels(
  live: readonly CurveRun[],
  records: readonly RunRecord[],
  selected: readonly string[],
  liveRecordId: string | null,
): string[] {
  return chartRuns(live, records, selected, liveRecordId).map((r) => r.label);
}
