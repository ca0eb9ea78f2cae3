/** Metric points for the run tests (not shipped code paths). */
import type { MetricPoint } from '../train/metricPoint';

export const point = (step: number, extra: Partial<MetricPoint> = {}): MetricPoint => ({
  step,
  epoch: 0,
  examplesPerSec: 100,
  loss: 1,
  accuracy: 0.5,
  epochProgress: 0,
  learningRate: 0.001,
  ...extra,
});
