/**
 * Which probes the visible panels need. Panels register a need while they are visible and not collapsed;
 * the training controller polls `currentProbeNeeds()` (or subscribes) and turns each need into a ProbeRequest,
 * filling in the sample (test index or drawn pixels) itself. One-shot requests (a confusion cell's images)
 * go through `requestProbeNow`, which the controller listens to with `onProbeNow`.
 */
import type { NodeId } from '../../engine/graph/types';
import type { ProbeRequest } from '../../workers/protocol';

/** A probe a panel wants polled. Sample-based kinds carry no sample: the controller uses the store's. */
export type ProbeNeed =
  | { readonly kind: 'kernels'; readonly gradients: boolean }
  | { readonly kind: 'activations' }
  | { readonly kind: 'pooling'; readonly node: NodeId | null }
  | { readonly kind: 'deadRelu' }
  | { readonly kind: 'health' }
  | { readonly kind: 'confusion' }
  | { readonly kind: 'predict' }
  /** GAN runs: the fixed-noise grid, plus a slerp path between grid cells `a` and `b` when asked. Same shape as the request. */
  | {
      readonly kind: 'ganSamples';
      readonly interpolate?: { readonly a: number; readonly b: number; readonly steps: number };
    }
  /** Autoencoders: the first `count` test images and their reconstructions. Same shape as the request. */
  | { readonly kind: 'reconstruct'; readonly count: number };

export type ProbeNeedKind = ProbeNeed['kind'];

const entries = new Map<number, ProbeNeed>();
const listeners = new Set<() => void>();
let nextId = 1;

function notify(): void {
  listeners.forEach((l) => l());
}

/** Key that makes two equal needs one (two panels asking for kernels poll once). */
export function needKey(n: ProbeNeed): string {
  switch (n.kind) {
    case 'kernels':
      return `kernels:${n.gradients ? 'g' : 'w'}`;
    case 'pooling':
      return `pooling:${n.node ?? ''}`;
    case 'ganSamples':
      return n.interpolate
        ? `ganSamples:${n.interpolate.a}-${n.interpolate.b}x${n.interpolate.steps}`
        : 'ganSamples';
    case 'reconstruct':
      return `reconstruct:${n.count}`;
    default:
      return n.kind;
  }
}

/** Registers a need; returns the function that removes it (call on hide, collapse or unmount). */
export function registerProbeNeed(need: ProbeNeed): () => void {
  const id = nextId++;
  entries.set(id, need);
  notify();
  return () => {
    if (entries.delete(id)) notify();
  };
}

/** The distinct needs of all visible panels, in registration order. */
export function currentProbeNeeds(): ProbeNeed[] {
  const seen = new Map<string, ProbeNeed>();
  for (const n of entries.values()) {
    const k = needKey(n);
    if (!seen.has(k)) seen.set(k, n);
  }
  return [...seen.values()];
}

/** Alias kept for the controller: the kinds of probe to poll now. */
export function visibleProbeNeeds(): ProbeNeedKind[] {
  return [...new Set(currentProbeNeeds().map((n) => n.kind))];
}

/** Called whenever the set of needs changes. */
export function subscribeProbeNeeds(cb: () => void): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}

type OneShot = (req: ProbeRequest) => void;
const oneShotListeners = new Set<OneShot>();
const pendingOneShots: ProbeRequest[] = [];

/** A panel asks for a probe once (e.g. `{kind:'samples', split:'test', indices}`). Queued until someone listens. */
export function requestProbeNow(req: ProbeRequest): void {
  if (oneShotListeners.size === 0) {
    pendingOneShots.push(req);
    return;
  }
  oneShotListeners.forEach((l) => l(req));
}

/** The controller listens for one-shot requests; queued ones are delivered at once. */
export function onProbeNow(cb: OneShot): () => void {
  oneShotListeners.add(cb);
  for (const r of pendingOneShots.splice(0)) cb(r);
  return () => oneShotListeners.delete(cb);
}

/** Test helper: forget every need and listener. */
export function resetProbeNeeds(): void {
  entries.clear();
  listeners.clear();
  oneShotListeners.clear();
  pendingOneShots.length = 0;
}
