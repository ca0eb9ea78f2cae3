/**
 * Trimming a probe's pictures to fit a run record (engine/runs/record.ts): plain typed-array work, no TF.js, so the
 * page (through engine/runs) and the worker share it.
 */
import type { KernelSet, MapStack } from './types';

/** The first `max` filters of a kernel set (layout [kh, kw, in, out]). */
export function trimKernels(k: KernelSet, max: number): KernelSet {
  if (k.filters <= max) return k;
  const values = new Float32Array(k.kh * k.kw * k.inChannels * max);
  for (let i = 0, o = 0; i < k.values.length; i += k.filters, o += max)
    values.set(k.values.subarray(i, i + max), o);
  return { ...k, filters: max, values };
}

/** The first `max` maps of a stack (data is map after map). */
export function trimMaps(m: MapStack, max: number): MapStack {
  if (m.count <= max) return m;
  const area = m.h * m.w;
  return {
    ...m,
    count: max,
    data: m.data.slice(0, area * max),
    min: m.min.slice(0, max),
    max: m.max.slice(0, max),
  };
}
