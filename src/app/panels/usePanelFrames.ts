/**
 * Wiring shared by the panel wrappers: register the probe need while active, and feed frames from the frame bus
 * straight to a renderer (never through React state). The latest frame is drawn on (re)activation.
 */
import { useEffect, useRef } from 'react';
import { frameBus, type FrameOf, type ProbeKind } from '../frames/frameBus';
import type { ProbeNeed } from '../controllers/probeScheduler';
import { registerProbeNeed } from './probeNeeds';

export function useProbeNeed(need: ProbeNeed | null, active: boolean): void {
  const key = need ? JSON.stringify(need) : null;
  useEffect(() => {
    if (!active || !key) return;
    return registerProbeNeed(JSON.parse(key) as ProbeNeed);
  }, [active, key]);
}

export function useFrames<K extends ProbeKind>(
  kind: K,
  active: boolean,
  onFrame: (f: FrameOf<K>) => void,
): void {
  const cb = useRef(onFrame);
  useEffect(() => {
    cb.current = onFrame;
  });
  useEffect(() => {
    if (!active) return;
    const latest = frameBus.latest(kind);
    if (latest) cb.current(latest);
    return frameBus.subscribe(kind, (f) => cb.current(f));
  }, [kind, active]);
}

/**
 * Creates a renderer on a container ref; destroys it on unmount. With `clearOnNewRun`, a new run (the frame bus is
 * cleared) replaces it by a fresh, blank one, so a panel never shows the previous network's kernels or maps.
 */
export function useRenderer<R extends { destroy(): void }>(
  make: (host: HTMLDivElement) => R,
  opts: { readonly clearOnNewRun?: boolean } = {},
): [React.RefObject<HTMLDivElement | null>, React.RefObject<R | null>] {
  const host = useRef<HTMLDivElement | null>(null);
  const renderer = useRef<R | null>(null);
  const factory = useRef(make);
  const clearOnNewRun = opts.clearOnNewRun === true;
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    renderer.current = factory.current(el);
    const off = clearOnNewRun
      ? frameBus.onClear(() => {
          renderer.current?.destroy();
          renderer.current = factory.current(el);
        })
      : () => undefined;
    return () => {
      off();
      renderer.current?.destroy();
      renderer.current = null;
    };
  }, [clearOnNewRun]);
  return [host, renderer];
}

/**
 * Calls `onNewRun` when a new run starts (Reset, a graph or preset change: the frame bus is cleared), so a panel can
 * forget the text and state it derived from the previous run's frames, as useRenderer's `clearOnNewRun` does for its
 * picture.
 */
export function useOnNewRun(onNewRun: () => void): void {
  const cb = useRef(onNewRun);
  useEffect(() => {
    cb.current = onNewRun;
  });
  useEffect(() => frameBus.onClear(() => cb.current()), []);
}

/** A readable caption for a node id from a graph. */
export function nodeLabel(
  graph: { nodes: readonly { id: string; layer: { kind: string } }[] } | null,
  id: string,
): string {
  const n = graph?.nodes.find((x) => x.id === id);
  return n ? `${id} (${n.layer.kind})` : id;
}
