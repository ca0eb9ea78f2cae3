/**
 * Makes a probe result safe to transfer: every typed array is copied into a buffer of its own (a TF.js dataSync()
 * array may be the backend's storage, or a view into the dataset) and the copies' buffers are listed for transfer.
 */
import type { ProbeResult } from '../engine/train/probes/types';

type Plain = unknown;

function copyDeep(value: Plain, out: Set<ArrayBuffer>): Plain {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const copy = (value as unknown as { slice(): ArrayBufferView }).slice();
    out.add(copy.buffer as ArrayBuffer);
    return copy;
  }
  if (Array.isArray(value)) return value.map((v) => copyDeep(v, out));
  if (value !== null && typeof value === 'object') {
    const o: Record<string, Plain> = {};
    for (const [k, v] of Object.entries(value)) o[k] = copyDeep(v, out);
    return o;
  }
  return value;
}

export function forTransfer(result: ProbeResult): { result: ProbeResult; transfer: ArrayBuffer[] } {
  const buffers = new Set<ArrayBuffer>();
  const copy = copyDeep(result, buffers) as ProbeResult;
  return { result: copy, transfer: [...buffers] };
}
