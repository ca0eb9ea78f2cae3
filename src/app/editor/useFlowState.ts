/**
 * React Flow nodes and edges derived from the store graph, plus xyflow's transient state: measured sizes,
 * positions while a drag is under way, and which edges are selected. Changes that mean an edit (a finished move,
 * a selection) go to the store; everything else stays here.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import type { EdgeChange, NodeChange, XYPosition } from '@xyflow/react';
import type { Graph, NodeId } from '../../engine/graph/types';
import { asNodeId } from '../../engine/graph/types';
import { moveNode } from '../../engine/graph/edit';
import { useAppStore } from '../store';
import type { GraphAnalysis } from '../graphView/useGraphAnalysis';
import type { LayerFlowNode, ShapeFlowEdge } from './toFlow';
import { toFlowEdges, toFlowNodes } from './toFlow';
import { keepUnchanged } from './keepUnchanged';

type Size = { width: number; height: number };

/** Applies the finished moves as one edit (one undo step); moves that change nothing are skipped. */
export function commitMoves(g: Graph, moves: ReadonlyMap<string, XYPosition>): Graph {
  let out = g;
  for (const [id, p] of moves) {
    const n = out.nodes.find((x) => x.id === id);
    if (n && (n.position.x !== p.x || n.position.y !== p.y)) out = moveNode(out, n.id, { x: p.x, y: p.y });
  }
  return out;
}

/** The selection after xyflow's select changes. */
export function nextSelection(
  current: readonly string[],
  changes: readonly { id: string; selected: boolean }[],
): string[] {
  const set = new Set(current);
  for (const c of changes) {
    if (c.selected) set.add(c.id);
    else set.delete(c.id);
  }
  return [...set];
}

export function useFlowState(graph: Graph, analysis: GraphAnalysis, selection: readonly NodeId[]) {
  const edit = useAppStore((s) => s.edit);
  const select = useAppStore((s) => s.select);
  const [measured, setMeasured] = useState<ReadonlyMap<string, Size>>(new Map());
  const [dragging, setDragging] = useState<ReadonlyMap<string, XYPosition>>(new Map());
  const [selectedEdges, setSelectedEdges] = useState<readonly string[]>([]);

  const selSet = useMemo(() => new Set(selection), [selection]);
  const edgeSet = useMemo(() => new Set(selectedEdges), [selectedEdges]);
  const base = useMemo(() => toFlowNodes(graph, analysis, selSet), [graph, analysis, selSet]);
  // The objects of the last render, reused where nothing changed (see keepUnchanged).
  const shownNodes = useRef<LayerFlowNode[]>([]);
  const shownEdges = useRef<ShapeFlowEdge[]>([]);
  const nodes = useMemo<LayerFlowNode[]>(() => {
    const fresh = base.map((n) => {
      const m = measured.get(n.id);
      const p = dragging.get(n.id);
      if (!m && !p) return n;
      return { ...n, ...(m ? { measured: m } : {}), ...(p ? { position: p } : {}) };
    });
    shownNodes.current = keepUnchanged(shownNodes.current, fresh);
    return shownNodes.current;
  }, [base, measured, dragging]);
  const edges = useMemo(() => {
    shownEdges.current = keepUnchanged(shownEdges.current, toFlowEdges(graph, analysis, edgeSet));
    return shownEdges.current;
  }, [graph, analysis, edgeSet]);

  const onNodesChange = useCallback(
    (changes: NodeChange<LayerFlowNode>[]) => {
      const sizes: [string, Size][] = [];
      const moving = new Map<string, XYPosition>();
      const done = new Map<string, XYPosition>();
      const selects: { id: string; selected: boolean }[] = [];
      for (const c of changes) {
        if (c.type === 'dimensions' && c.dimensions) sizes.push([c.id, c.dimensions]);
        else if (c.type === 'position') {
          if (c.dragging && c.position) moving.set(c.id, c.position);
          else if (!c.dragging) {
            const p = c.position ?? dragging.get(c.id);
            if (p) done.set(c.id, p);
          }
        } else if (c.type === 'select') selects.push({ id: c.id, selected: c.selected });
        // 'remove' is handled by onDelete as one edit; 'add' and 'replace' never come from xyflow itself.
      }
      if (sizes.length > 0) {
        setMeasured((prev) => {
          const next = new Map(prev);
          for (const [id, s] of sizes) next.set(id, s);
          return next;
        });
      }
      if (moving.size > 0 || done.size > 0) {
        setDragging((prev) => {
          const next = new Map(prev);
          for (const [id, p] of moving) next.set(id, p);
          for (const id of done.keys()) next.delete(id);
          return next;
        });
      }
      if (done.size > 0) edit((g) => commitMoves(g, done));
      if (selects.length > 0) {
        const cur = useAppStore.getState().selection;
        select(nextSelection(cur, selects).map(asNodeId));
      }
    },
    [dragging, edit, select],
  );

  const onEdgesChange = useCallback((changes: EdgeChange<ShapeFlowEdge>[]) => {
    const selects = changes.flatMap((c) => (c.type === 'select' ? [{ id: c.id, selected: c.selected }] : []));
    if (selects.length > 0) setSelectedEdges((cur) => nextSelection(cur, selects));
  }, []);

  return { nodes, edges, onNodesChange, onEdgesChange, clearEdgeSelection: () => setSelectedEdges([]) };
}
