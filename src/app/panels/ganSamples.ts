/**
 * GAN sample grids (fixed-noise generator output, uint8 0..255) travel here, outside React state: the protocol's
 * probe kinds have no generator-sample frame yet, so the GAN controller publishes them with `publishGanSamples`.
 */
export interface GanSamplesFrame {
  readonly step: number;
  readonly count: number;
  readonly h: number;
  readonly w: number;
  readonly pixels: Uint8Array;
}

type Listener = (f: GanSamplesFrame) => void;
let latest: GanSamplesFrame | null = null;
const listeners = new Set<Listener>();

export function publishGanSamples(f: GanSamplesFrame): void {
  latest = f;
  listeners.forEach((l) => l(f));
}
export function latestGanSamples(): GanSamplesFrame | null {
  return latest;
}
export function subscribeGanSamples(cb: Listener): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}
