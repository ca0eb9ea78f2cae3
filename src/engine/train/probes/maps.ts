/** Quantising channel-last maps to Uint8 picture stacks (one 0..255 range per map), on the CPU. */
import type { NodeId } from '../../graph/types';
import type { MapStack } from './types';

/** Height, width and map count of a per-example shape: [h, w, c] → c maps of h×w; [n] → one 1×n map. */
export function mapGeometry(shape: readonly (number | null)[]): { h: number; w: number; count: number } {
  const dims = shape.map((d) => d ?? 1);
  if (dims.length === 3) return { h: dims[0] as number, w: dims[1] as number, count: dims[2] as number };
  if (dims.length === 2) return { h: dims[0] as number, w: dims[1] as number, count: 1 };
  return { h: 1, w: dims.reduce((a, b) => a * b, 1), count: 1 };
}

/** `values` holds one example, channel-last (h·w·count values). */
export function quantiseMaps(
  node: NodeId,
  values: Float32Array,
  h: number,
  w: number,
  count: number,
): MapStack {
  const area = h * w;
  if (values.length !== area * count)
    throw new Error(`quantiseMaps: ${values.length} values for ${h}×${w}×${count}`);
  const data = new Uint8Array(area * count);
  const min = new Float32Array(count).fill(Infinity);
  const max = new Float32Array(count).fill(-Infinity);
  for (let p = 0; p < area; p++) {
    for (let m = 0; m < count; m++) {
      const v = values[p * count + m] as number;
      if (v < (min[m] as number)) min[m] = v;
      if (v > (max[m] as number)) max[m] = v;
    }
  }
  for (let m = 0; m < count; m++) {
    const lo = min[m] as number;
    const span = (max[m] as number) - lo;
    const scale = span > 0 && Number.isFinite(span) ? 255 / span : 0;
    for (let p = 0; p < area; p++) {
      const v = values[p * count + m] as number;
      data[m * area + p] = scale === 0 ? 0 : Math.round((v - lo) * scale);
    }
  }
  return { node, h, w, count, data, min, max };
}
