/**
 * A run's metric history in bounded memory. Points are kept one per step until there are MAX_POINTS of them; then
 * neighbouring pairs are averaged into one and every later group holds twice as many steps. So a 100,000-step run
 * keeps at most MAX_POINTS points at one even resolution over the whole run, and each append copies at most that
 * many. The last point may be an open group, updated in place as its steps arrive, so the curves and the step
 * counters always show the newest step.
 */
import type { MetricPoint } from '../../engine/train/metricPoint';

/** Points kept per run: four per pixel column of a wide curve, about 0.5 MB per run. */
export const MAX_POINTS = 4096;

export interface MetricHistory {
  readonly points: readonly MetricPoint[];
  /** Incoming points per kept point (a power of two). */
  readonly stride: number;
  /** Incoming points already in the last kept point while it is still open (0 when it is closed). */
  readonly open: number;
}

export const EMPTY_HISTORY: MetricHistory = { points: [], stride: 1, open: 0 };

/** Weighted mean that stays exact for equal weights; non-finite values make the mean non-finite, as they should. */
const mix = (a: number, wa: number, b: number, wb: number): number => (a * wa + b * wb) / (wa + wb);

type Gan = NonNullable<MetricPoint['gan']>;
const mixGan = (a: Gan | undefined, wa: number, b: Gan | undefined, wb: number): Gan | undefined =>
  a && b
    ? {
        dLoss: mix(a.dLoss, wa, b.dLoss, wb),
        gLoss: mix(a.gLoss, wa, b.gLoss, wb),
        dReal: mix(a.dReal, wa, b.dReal, wb),
        dFake: mix(a.dFake, wa, b.dFake, wb),
      }
    : (b ?? a);

/**
 * `a` (holding wa incoming points) followed by `b` (wb): averaged loss and accuracy, the later point's step, epoch,
 * rate and learning rate, and the latest validation in either.
 */
export function mergePoints(a: MetricPoint, wa: number, b: MetricPoint, wb: number): MetricPoint {
  const { valLoss: _l, valAccuracy: _a, valFull: _f, gan: _g, rbm: _r, ...rest } = b;
  // An RBM's pseudo-likelihood is measured on some points only: the merged point keeps the later one there is.
  const rbm = b.rbm ?? a.rbm;
  const val = b.valLoss !== undefined ? b : a.valLoss !== undefined ? a : null;
  const gan = mixGan(a.gan, wa, b.gan, wb);
  return {
    ...rest,
    loss: mix(a.loss, wa, b.loss, wb),
    accuracy: mix(a.accuracy, wa, b.accuracy, wb),
    ...(val && val.valLoss !== undefined && val.valAccuracy !== undefined
      ? { valLoss: val.valLoss, valAccuracy: val.valAccuracy, ...(val.valFull ? { valFull: true } : {}) }
      : {}),
    ...(gan ? { gan } : {}),
    ...(rbm ? { rbm } : {}),
  };
}

/** Averages neighbouring pairs of closed groups (an odd last one stays as it is). */
function halve(points: readonly MetricPoint[]): MetricPoint[] {
  const out: MetricPoint[] = [];
  for (let i = 0; i < points.length; i += 2) {
    const a = points[i] as MetricPoint;
    const b = points[i + 1];
    out.push(b ? mergePoints(a, 1, b, 1) : a);
  }
  return out;
}

/** The history with `incoming` appended; `max` kept points at most (MAX_POINTS unless a test says otherwise). */
export function appendHistory(
  h: MetricHistory,
  incoming: readonly MetricPoint[],
  max: number = MAX_POINTS,
): MetricHistory {
  if (incoming.length === 0) return h;
  let points = h.points.slice();
  let { stride, open } = h;
  for (const p of incoming) {
    if (open === 0) points.push(p);
    else points[points.length - 1] = mergePoints(points[points.length - 1] as MetricPoint, open, p, 1);
    open++;
    if (open < stride) continue;
    open = 0;
    if (points.length >= max) {
      points = halve(points);
      stride *= 2;
    }
  }
  return { points, stride, open };
}
