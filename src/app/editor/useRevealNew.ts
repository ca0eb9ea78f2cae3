/**
 * Keeps a newly added layer in sight: when one node appears (Enter on a palette item, "Insert layer", a fix that
 * inserts Flatten, undo of a delete) and it lies outside the visible canvas, the view pans to centre it at the same
 * zoom. Without this, layers added from the keyboard land below the canvas edge where nobody sees them.
 */
import { useEffect, useRef } from 'react';
import type { RefObject } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { Graph } from '../../engine/graph/types';

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

/** Size assumed for a node React Flow has not measured yet (a typical layer block). */
const UNMEASURED = { width: 180, height: 70 } as const;

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

/** Is the node box (flow coordinates) entirely inside a pane of `pane` pixels under viewport `view`? */
export function fullyVisible(node: Box, view: View, pane: { width: number; height: number }): boolean {
  const left = node.x * view.zoom + view.x;
  const top = node.y * view.zoom + view.y;
  const right = left + node.width * view.zoom;
  const bottom = top + node.height * view.zoom;
  return left >= 0 && top >= 0 && right <= pane.width && bottom <= pane.height;
}

export function useRevealNew(graph: Graph, pane: RefObject<HTMLElement | null>): void {
  const { getInternalNode, getViewport, setCenter } = useReactFlow();
  const known = useRef<ReadonlySet<string>>(new Set(graph.nodes.map((n) => n.id)));
  useEffect(() => {
    const id = freshNode(known.current, graph);
    known.current = new Set(graph.nodes.map((n) => n.id));
    if (!id) return;
    // Wait a frame so React Flow has the node (and, usually, its size).
    const raf = requestAnimationFrame(() => {
      const n = getInternalNode(id);
      const el = pane.current;
      if (!n || !el) return;
      const box: Box = {
        ...n.internals.positionAbsolute,
        width: n.measured.width ?? UNMEASURED.width,
        height: n.measured.height ?? UNMEASURED.height,
      };
      const view = getViewport();
      if (fullyVisible(box, view, { width: el.clientWidth, height: el.clientHeight })) return;
      void setCenter(box.x + box.width / 2, box.y + box.height / 2, { zoom: view.zoom, duration: 200 });
    });
    return () => cancelAnimationFrame(raf);
  }, [graph, getInternalNode, getViewport, setCenter, pane]);
}
