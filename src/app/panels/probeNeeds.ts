/**
 * Which probes the visible panels need. Panels register a need while they are visible and not collapsed;
 * the training controller polls `currentProbeNeeds()` (or subscribes) and its probe scheduler
 * (controllers/probeScheduler.ts) dedupes them and turns each into a ProbeRequest, filling in the sample
 * (test index or drawn pixels). One-shot requests (a confusion cell's images) go through `requestProbeNow`,
 * which the controller listens to with `onProbeNow`.
 */
import type { ProbeRequest } from '../../engine/train/probes/types';
import type { ProbeNeed } from '../controllers/probeScheduler';

const entries = new Map<number, ProbeNeed>();
const listeners = new Set<() => void>();
let nextId = 1;

function notify(): void {
  listeners.forEach((l) => l());
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

/** The needs of all visible panels, in registration order (equal ones too: the probe scheduler dedupes). */
export function currentProbeNeeds(): ProbeNeed[] {
  return [...entries.values()];
}

/** Called whenever the set of needs changes. */
export function subscribeProbeNeeds(cb: () => void): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}

type OneShot = (req: ProbeRequest, user: boolean) => void;
const oneShotListeners = new Set<OneShot>();
const pendingOneShots: { readonly req: ProbeRequest; readonly user: boolean }[] = [];

/**
 * A panel asks for a probe once (e.g. `{kind:'samples', split:'test', indices}`). Queued until someone listens.
 * `user`: the user's own action (a click, a changed control) asked for it, so while training the worker serves it at
 * its next gap instead of in turn; false for follow-ups such as the next chunk of a long job.
 */
export function requestProbeNow(req: ProbeRequest, user = false): void {
  if (oneShotListeners.size === 0) {
    pendingOneShots.push({ req, user });
    return;
  }
  oneShotListeners.forEach((l) => l(req, user));
}

/** The controller listens for one-shot requests; queued ones are delivered at once. */
export function onProbeNow(cb: OneShot): () => void {
  oneShotListeners.add(cb);
  for (const r of pendingOneShots.splice(0)) cb(r.req, r.user);
  return () => oneShotListeners.delete(cb);
}

/** Test helper: forget every need and listener. */
export function resetProbeNeeds(): void {
  entries.clear();
  listeners.clear();
  oneShotListeners.clear();
  pendingOneShots.length = 0;
}
