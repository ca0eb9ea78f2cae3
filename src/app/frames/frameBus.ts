/**
 * Transient frames (probe results: kernels, maps, samples…) never go through React state.
 * The training controller publishes each probe result here; canvases subscribe and draw in
 * requestAnimationFrame, newest frame wins.
 */
import type { ProbeResult } from '../../engine/train/probes/types';

export type ProbeKind = ProbeResult['kind'];
export type FrameOf<K extends ProbeKind> = Extract<ProbeResult, { kind: K }>;
type Listener<K extends ProbeKind> = (frame: FrameOf<K>) => void;

export interface FrameBus {
  publish(frame: ProbeResult): void;
  /** The newest frame of a kind, or undefined. */
  latest<K extends ProbeKind>(kind: K): FrameOf<K> | undefined;
  /** Calls back on every new frame of a kind; returns an unsubscribe function. */
  subscribe<K extends ProbeKind>(kind: K, listener: Listener<K>): () => void;
  /** Forgets every frame (a new run) and tells the onClear listeners, so canvases of the old network go blank. */
  clear(): void;
  onClear(listener: () => void): () => void;
}

export function createFrameBus(): FrameBus {
  const latest = new Map<ProbeKind, ProbeResult>();
  const listeners = new Map<ProbeKind, Set<(f: ProbeResult) => void>>();
  const clearListeners = new Set<() => void>();
  return {
    publish(frame) {
      latest.set(frame.kind, frame);
      listeners.get(frame.kind)?.forEach((l) => l(frame));
    },
    latest<K extends ProbeKind>(kind: K) {
      return latest.get(kind) as FrameOf<K> | undefined;
    },
    subscribe<K extends ProbeKind>(kind: K, listener: Listener<K>) {
      const set = listeners.get(kind) ?? new Set();
      listeners.set(kind, set);
      const l = listener as (f: ProbeResult) => void;
      set.add(l);
      return () => set.delete(l);
    },
    clear() {
      latest.clear();
      clearListeners.forEach((l) => l());
    },
    onClear(listener) {
      clearListeners.add(listener);
      return () => clearListeners.delete(listener);
    },
  };
}

/** The app's single frame bus. */
export const frameBus = createFrameBus();
