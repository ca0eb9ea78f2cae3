/**
 * A run's curves for its record: the metric history cut down to a few hundred points per series (a record is kept
 * for good, up to a couple of hundred of them), non-finite values stored as null.
 */
import type { MetricPoint } from '../train/metricPoint';
import type { RunCurves, RunGanCurves } from './record';

/** Points kept per series: enough for a curve a few hundred pixels wide. */
export const MAX_CURVE_POINTS = 500;

const finiteOrNull = (v: number | undefined): number | null =>
  v !== undefined && Number.isFinite(v) ? v : null;

/** Mean of the finite values, null when there are none. */
function meanFinite(xs: readonly (number | undefined)[]): number | null {
  let sum = 0;
  let n = 0;
  for (const x of xs) {
    if (x === undefined || !Number.isFinite(x)) continue;
    sum += x;
    n++;
  }
  return n === 0 ? null : sum / n;
}

interface Series {
  readonly steps: number[];
  readonly a: (number | null)[];
  readonly b: (number | null)[];
}

/** Consecutive groups of equal size averaged into at most `max` points; each keeps its group's last step. */
function decimate(
  steps: readonly number[],
  a: readonly (number | undefined)[],
  b: readonly (number | undefined)[],
  max: number,
): Series {
  const size = Math.max(1, Math.ceil(steps.length / max));
  const out: Series = { steps: [], a: [], b: [] };
  for (let i = 0; i < steps.length; i += size) {
    const end = Math.min(i + size, steps.length);
    out.steps.push(steps[end - 1] as number);
    out.a.push(size === 1 ? finiteOrNull(a[i]) : meanFinite(a.slice(i, end)));
    out.b.push(size === 1 ? finiteOrNull(b[i]) : meanFinite(b.slice(i, end)));
  }
  return out;
}

/** A GAN run's D and G losses, D(x) and D(G(z)), decimated like the train points (the same steps). */
function ganCurves(points: readonly MetricPoint[], max: number): RunGanCurves {
  const steps = points.map((p) => p.step);
  const losses = decimate(
    steps,
    points.map((p) => p.gan?.dLoss),
    points.map((p) => p.gan?.gLoss),
    max,
  );
  const judged = decimate(
    steps,
    points.map((p) => p.gan?.dReal),
    points.map((p) => p.gan?.dFake),
    max,
  );
  return { dLoss: losses.a, gLoss: losses.b, dReal: judged.a, dFake: judged.b };
}

/**
 * Train loss and accuracy, and validation loss and accuracy (only the points that carry one), each ≤ `max` points;
 * for a GAN run (points with `gan`) also its D and G curves, aligned with the train steps.
 */
export function curvesFromPoints(points: readonly MetricPoint[], max: number = MAX_CURVE_POINTS): RunCurves {
  const train = decimate(
    points.map((p) => p.step),
    points.map((p) => p.loss),
    points.map((p) => p.accuracy),
    max,
  );
  const vals = points.filter((p) => p.valLoss !== undefined || p.valAccuracy !== undefined);
  const val = decimate(
    vals.map((p) => p.step),
    vals.map((p) => p.valLoss),
    vals.map((p) => p.valAccuracy),
    max,
  );
  return {
    steps: train.steps,
    loss: train.a,
    accuracy: train.b,
    valSteps: val.steps,
    valLoss: val.a,
    valAccuracy: val.b,
    ...(points.some((p) => p.gan !== undefined) ? { gan: ganCurves(points, max) } : {}),
    ...(points.some((p) => p.seconds !== undefined)
      ? { seconds: secondsAt(points, train.steps), valSeconds: secondsAt(vals, val.steps) }
      : {}),
  };
}

/** The training time at each kept step (a group's last point's), null where that point has none. */
function secondsAt(points: readonly MetricPoint[], steps: readonly number[]): (number | null)[] {
  const at = new Map<number, number | undefined>();
  for (const p of points) at.set(p.step, p.seconds);
  return steps.map((s) => finiteOrNull(at.get(s)));
}
