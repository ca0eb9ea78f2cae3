/**
 * A run's end-of-run picture for the experiment lab (engine/runs/record.ts RunSnapshot): the first kernel layer and
 * the activation maps of one fixed test image, trimmed so that a snapshot stays a few tens of KB.
 */
import type { ProbeRequest, ProbeResult } from './types';
import type { TrainContext } from '../context';
import { probeKernels } from './kernels';
import { probeActivations } from './activations';
import { trimKernels, trimMaps } from './trim';

export { trimKernels, trimMaps };

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
