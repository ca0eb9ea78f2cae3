/**
 * A run's end-of-run picture for the experiment lab (engine/runs/record.ts RunSnapshot): the first kernel layer and
 * the activation maps of one fixed test image, trimmed so that a snapshot stays a few tens of KB.
 */
import type { KernelSet, MapStack, ProbeRequest, ProbeResult } from './types';
import type { TrainContext } from '../context';
import { probeKernels } from './kernels';
import { probeActivations } from './activations';

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

export async function probeSnapshot(
  ctx: TrainContext,
  request: Extract<ProbeRequest, { kind: 'snapshot' }>,
): Promise<Extract<ProbeResult, { kind: 'snapshot' }>> {
  const kernels = await probeKernels(ctx, false);
  const maps = await probeActivations(ctx, { from: 'test', index: request.index });
  if (kernels.kind !== 'kernels' || maps.kind !== 'activations') throw new Error('probe: unexpected result');
  const first = kernels.layers[0];
  return {
    kind: 'snapshot',
    step: ctx.step,
    index: request.index,
    kernels: first === undefined ? null : trimKernels(first, request.maxFilters),
    input: maps.input,
    layers: maps.layers.slice(0, request.maxLayers).map((l) => trimMaps(l, request.maxMaps)),
  };
}
