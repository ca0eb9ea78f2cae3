/**
 * A GAN run's picture for its record (RunSnapshot): the generator's fixed-noise samples (the same noise all run long,
 * so two runs' grids show what each generator learned to draw) and the discriminator's first conv kernels. Built on
 * the page from a 'ganSamples' and a 'kernels' probe result; trimmed like a classifier's snapshot.
 */
import type { KernelSet, ProbeResult } from '../train/probes/types';
import { trimKernels } from '../train/probes/trim';
import {
  SNAPSHOT_MAX_FILTERS,
  SNAPSHOT_MAX_SAMPLES,
  SNAPSHOT_SAMPLE_INDEX,
  type RunSnapshot,
} from './record';

type GanSamples = Extract<ProbeResult, { kind: 'ganSamples' }>;
type Kernels = Extract<ProbeResult, { kind: 'kernels' }>;

/** The discriminator's first layer with kernels from a GAN run's kernels probe (its weights, not gradients). */
export function discriminatorKernels(r: Kernels | null): KernelSet | null {
  if (!r || r.gradients) return null;
  return r.layers.find((l) => l.network === 'discriminator') ?? null;
}

/** The snapshot of a GAN run: the first SNAPSHOT_MAX_SAMPLES samples, at most SNAPSHOT_MAX_FILTERS kernels. */
export function ganSnapshot(samples: GanSamples, kernels: KernelSet | null): RunSnapshot {
  const count = Math.min(samples.count, SNAPSHOT_MAX_SAMPLES);
  const channels = samples.channels ?? 1;
  const area = samples.h * samples.w * channels;
  return {
    step: samples.step,
    sampleIndex: SNAPSHOT_SAMPLE_INDEX,
    kernels: kernels ? trimKernels(kernels, SNAPSHOT_MAX_FILTERS) : null,
    layers: [],
    samples: { count, h: samples.h, w: samples.w, channels, pixels: samples.pixels.slice(0, count * area) },
  };
}
