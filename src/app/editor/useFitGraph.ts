/**
 * Fitting the view to the graph: every node and connection label whole, a few pixels from the canvas edge, never
 * zoomed in past MAX_FIT_ZOOM. The box comes from the graph itself (positions and the fixed node sizes), so a
 * fit needs no measuring and is right even before React Flow has sized freshly loaded nodes.
 */
import { useCallback, useMemo, useRef } from 'react';
import { getViewportForBounds, useReactFlow, useStoreApi } from '@xyflow/react';
import type { Viewport } from '@xyflow/react';
import type { Graph } from '../../engine/graph/types';
import type { TargetView } from '../../engine/graph/layout';
import { inferShapes } from '../../engine/graph/shapes';
import { useAppStore } from '../store';
import type { Rect } from './flowGeometry';
import { graphBounds } from './flowGeometry';
import { shapeText } from '../graphView/graphText';

/** Room left between the graph and the canvas edge, in screen pixels. */
export const FIT_PADDING = 4;
/** Small graphs are not blown up beyond this. */
export const MAX_FIT_ZOOM = 1.2;
/** How far the user may zoom out by hand. */
export const MIN_ZOOM = 0.2;

export function fitViewportFor(bounds: Rect, pane: { width: number; height: number }): Viewport {
  return getViewportForBounds(bounds, pane.width, pane.height, MIN_ZOOM, MAX_FIT_ZOOM, `${FIT_PADDING}px`);
}

/** The view auto layout aims at: the canvas less the fit padding. */
export function layoutTarget(pane: { width: number; height: number }): TargetView {
  return {
    width: Math.max(100, pane.width - 2 * FIT_PADDING),
    height: Math.max(100, pane.height - 2 * FIT_PADDING),
    maxZoom: MAX_FIT_ZOOM,
  };
}

/** What each connection's label says, by edge id (label widths count in the fitted box). */
export function edgeShapes(g: Graph): Map<string, string> {
  const info = inferShapes(g);
  return new Map(g.edges.map((e) => [e.id, shapeText(info.get(e.source))] as const));
}

export type FitGraph = (options?: { duration?: number; graph?: Graph }) => Promise<void>;

export interface GraphFit {
  readonly fit: FitGraph;
  /** True from a fit until the user pans or zooms: then a resized canvas is fitted again. */
  readonly fitted: { readonly current: boolean };
  /** For React Flow's onMoveStart: a move with an input event is the user's. */
  readonly onMoveStart: (event: unknown) => void;
}

/**
 * Fits the view to the store's graph (or `graph`). `onBusy` hears true when a fit starts and false when the last
 * one ends, so the canvas can say aria-busy while the view moves.
 */
export function useFitGraph(onBusy: (busy: boolean) => void): GraphFit {
  const { setViewport } = useReactFlow();
  const store = useStoreApi();
  const running = useRef(0);
  const fitted = useRef(false);
  const fit = useCallback<FitGraph>(
    async (options = {}) => {
      const g = options.graph ?? useAppStore.getState().graph;
      const bounds = graphBounds(g, edgeShapes(g));
      const { width, height } = store.getState();
      if (!bounds || width === 0 || height === 0) return;
      fitted.current = true;
      running.current += 1;
      if (running.current === 1) onBusy(true);
      try {
        await setViewport(fitViewportFor(bounds, { width, height }), { duration: options.duration ?? 0 });
      } finally {
        running.current -= 1;
        if (running.current === 0) onBusy(false);
      }
    },
    [setViewport, store, onBusy],
  );
  return useMemo(
    () => ({
      fit,
      fitted,
      onMoveStart: (event: unknown) => {
        if (event) fitted.current = false;
      },
    }),
    [fit],
  );
}
