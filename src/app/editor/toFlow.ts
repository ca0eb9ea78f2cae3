/**
 * The React Flow view of the store's graph: nodes and edges derived from the graph, its analysis and the
 * selection. Pure, so it is unit-tested; xyflow's transient state (sizes, positions mid-drag) is merged in by
 * GraphCanvas.
 */
import type { Edge, Node } from '@xyflow/react';
import type { Graph, GraphNode, NodeId } from '../../engine/graph/types';
import type { GraphIssue } from '../../engine/graph/issues';
import type { NodeInfo } from '../../engine/graph/shapes';
import { formatShape } from '../../engine/graph/shapes';
import { CATALOGUE } from '../../engine/graph/catalogue';
import { topologicalOrder } from '../../engine/graph/graphUtils';
import type { GraphAnalysis } from './useGraphAnalysis';

export interface LayerNodeData extends Record<string, unknown> {
  readonly node: GraphNode;
  readonly info: NodeInfo | undefined;
  readonly issues: readonly GraphIssue[];
}
export type LayerFlowNode = Node<LayerNodeData, 'layer'>;

export interface ShapeEdgeData extends Record<string, unknown> {
  /** The tensor shape flowing along the edge, e.g. '14×14×8', or '?' when unknown. */
  readonly shape: string;
}
export type ShapeFlowEdge = Edge<ShapeEdgeData, 'shape'>;

/** 'Conv2D conv2d_1' — the node's accessible name. */
export function nodeLabel(n: GraphNode): string {
  return `${CATALOGUE[n.layer.kind].title} ${n.id}`;
}

export function shapeText(info: NodeInfo | undefined): string {
  return info?.output ? formatShape(info.output) : '?';
}

export function toFlowNodes(
  graph: Graph,
  analysis: GraphAnalysis,
  selection: ReadonlySet<NodeId>,
): LayerFlowNode[] {
  // Topological order, so Tab walks the network from input to output.
  const rank = new Map(topologicalOrder(graph).map((id, i) => [id, i] as const));
  const ordered = [...graph.nodes].sort(
    (a, b) => (rank.get(a.id) ?? rank.size) - (rank.get(b.id) ?? rank.size),
  );
  return ordered.map((n) => ({
    id: n.id,
    type: 'layer',
    position: n.position,
    selected: selection.has(n.id),
    ariaLabel: nodeLabel(n),
    data: { node: n, info: analysis.info.get(n.id), issues: analysis.byNode.get(n.id) ?? [] },
  }));
}

export function toFlowEdges(
  graph: Graph,
  analysis: GraphAnalysis,
  selected: ReadonlySet<string>,
): ShapeFlowEdge[] {
  return graph.edges.map((e) => ({
    id: e.id,
    type: 'shape',
    source: e.source,
    target: e.target,
    selected: selected.has(e.id),
    ariaLabel: `Connection from ${e.source} to ${e.target}`,
    data: { shape: shapeText(analysis.info.get(e.source)) },
  }));
}
