/**
 * A run's training speed from its own steady state, not its warm-up (shader compilation, first allocations, the JIT).
 *
 * The worker stamps every point of one metrics message with that message's examples/s, so consecutive points with the
 * same rate are one measurement; they are counted once, so a fast run's many points per message do not outweigh a
 * slow one's few. Rates that are not positive and finite (nothing measured yet) are skipped.
 */
import type { MetricPoint } from '../train/metricPoint';

/** Measurements needed for a rate at all. */
export const MIN_SAMPLES = 3;
/** Share of the first measurements dropped as warm-up… */
export const WARMUP_FRACTION = 0.2;
/** …and at least this many. */
export const MIN_WARMUP = 2;

/** The run's measurements of examples/s, in order, one per metrics message. */
export function rateSamples(points: readonly Pick<MetricPoint, 'examplesPerSec'>[]): number[] {
  const out: number[] = [];
  let last: number | null = null;
  for (const p of points) {
    const r = p.examplesPerSec;
    if (!Number.isFinite(r) || r <= 0) continue;
    if (r !== last) out.push(r);
    last = r;
  }
  return out;
}

export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/**
 * Examples/s in steady state: the median of the measurements after the first 20% (at least the first 2) are dropped;
 * null with fewer than 3 measurements.
 */
export function steadyRate(points: readonly Pick<MetricPoint, 'examplesPerSec'>[]): number | null {
  const samples = rateSamples(points);
  if (samples.length < MIN_SAMPLES) return null;
  const drop = Math.max(MIN_WARMUP, Math.ceil(samples.length * WARMUP_FRACTION));
  return median(samples.slice(drop));
}
