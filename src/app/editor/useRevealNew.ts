/**
 * Keeps the view on the graph as it changes. A newly added layer (Enter on a palette item, "Insert layer", a fix
 * that inserts Flatten, undo of a delete) that lies outside the visible canvas is panned to, at the same zoom:
 * without this, layers added from the keyboard land past the canvas edge where nobody sees them. A graph swapped
 * in wholesale (the first view, another preset or GAN network, an import, undoing a preset) is fitted whole.
 */
import { useEffect, useRef } from 'react';
import type { RefObject } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { Graph } from '../../engine/graph/types';
import { nodeSize } from '../../engine/graph/layout';
import type { FitGraph } from './useFitGraph';

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}
export interface View {
  readonly x: number;
  readonly y: number;
  readonly zoom: number;
}

/**
 * The newest node `graph` gained over the ids in `before`, when it gained one to three and lost none; else null (a
 * preset, a new graph, the other GAN network).
 */
export function freshNode(before: ReadonlySet<string>, graph: Graph): string | null {
  const fresh = graph.nodes.filter((n) => !before.has(n.id));
  const kept = graph.nodes.length - fresh.length;
  // A few additions in one render (quick key presses batch together) reveal the newest; a swap of graphs none.
  if (kept !== before.size || fresh.length === 0 || fresh.length > MAX_BATCHED_ADDS) return null;
  return fresh[fresh.length - 1]?.id ?? null;
}

/** More new nodes than this at once is a loaded graph, not layers the user added. */
const MAX_BATCHED_ADDS = 3;

/** Did `graph` replace the graph whose ids were `before` (rather than edit it)? */
export function swapped(before: ReadonlySet<string>, graph: Graph): boolean {
  const fresh = graph.nodes.filter((n) => !before.has(n.id)).length;
  const removed = before.size - (graph.nodes.length - fresh);
  return fresh > MAX_BATCHED_ADDS || (fresh > 0 && removed > 0);
}

/** Is the node box (flow coordinates) entirely inside a pane of `pane` pixels under viewport `view`? */
export function fullyVisible(node: Box, view: View, pane: { width: number; height: number }): boolean {
  const left = node.x * view.zoom + view.x;
  const top = node.y * view.zoom + view.y;
  const right = left + node.width * view.zoom;
  const bottom = top + node.height * view.zoom;
  return left >= 0 && top >= 0 && right <= pane.width && bottom <= pane.height;
}

/**
 * `viewKey` names what is shown (preset and network): when it changes, or the graph is swapped, or the canvas
 * first gets a size (`ready`), the view is fitted; otherwise a fresh node out of sight is revealed.
 */
export function useRevealNew(
  graph: Graph,
  pane: RefObject<HTMLElement | null>,
  opts: { viewKey: string; ready: boolean; fit: FitGraph },
): void {
  const { getInternalNode, getViewport, setCenter } = useReactFlow();
  const known = useRef<ReadonlySet<string>>(new Set(graph.nodes.map((n) => n.id)));
  const shown = useRef<string | null>(null);
  const { viewKey, ready, fit } = opts;
  useEffect(() => {
    if (!ready) return;
    const before = known.current;
    known.current = new Set(graph.nodes.map((n) => n.id));
    if (shown.current !== viewKey || swapped(before, graph)) {
      shown.current = viewKey;
      void fit({ graph });
      return;
    }
    const id = freshNode(before, graph);
    if (!id) return;
    // Wait a frame so React Flow has the node.
    const raf = requestAnimationFrame(() => {
      const n = getInternalNode(id);
      const el = pane.current;
      const g = graph.nodes.find((m) => m.id === id);
      if (!n || !el || !g) return;
      const size = nodeSize(g.layer.kind);
      const box: Box = {
        ...n.internals.positionAbsolute,
        width: n.measured.width ?? size.width,
        height: n.measured.height ?? size.height,
      };
      const view = getViewport();
      if (fullyVisible(box, view, { width: el.clientWidth, height: el.clientHeight })) return;
      void setCenter(box.x + box.width / 2, box.y + box.height / 2, { zoom: view.zoom, duration: 200 });
    });
    return () => cancelAnimationFrame(raf);
  }, [graph, getInternalNode, getViewport, setCenter, pane, viewKey, ready, fit]);
}
