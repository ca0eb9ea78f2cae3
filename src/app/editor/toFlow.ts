/**
 * The React Flow view of the store's graph: nodes and edges derived from the graph, its analysis and the
 * selection. Pure, so it is unit-tested; xyflow's transient state (sizes, positions mid-drag) is merged in by
 * GraphCanvas.
 */
import { MarkerType } from '@xyflow/react';
import type { Edge, Node } from '@xyflow/react';
import type { Graph, GraphNode, NodeId } from '../../engine/graph/types';
import type { GraphIssue } from '../../engine/graph/issues';
import type { NodeInfo } from '../../engine/graph/shapes';
import type { Size } from '../../engine/graph/layout';
import { CATALOGUE } from '../../engine/graph/catalogue';
import { topologicalOrder } from '../../engine/graph/graphUtils';
import { nodeSize } from '../../engine/graph/layout';
import type { LabelPlacement, NodeSides } from './flowGeometry';
import { labelPlacement, nodeSides } from './flowGeometry';
import type { GraphAnalysis } from '../graphView/useGraphAnalysis';
import { shapeText } from '../graphView/graphText';
import { popoverIssues } from '../graphView/issueScope';

/**
 * Where a node's issue popover opens: below the node in the upper half of the graph, above it in the lower half;
 * from its left edge in the left half, from its right edge in the right half (so it stays on the canvas).
 */
export type PopoverSide = 'below-start' | 'below-end' | 'above-start' | 'above-end';

export interface LayerNodeData extends Record<string, unknown> {
  readonly node: GraphNode;
  readonly info: NodeInfo | undefined;
  readonly issues: readonly GraphIssue[];
  readonly sides: NodeSides;
  /** Issues are shown (in a popover over the neighbours) while the node is selected or has an error. */
  readonly showIssues: boolean;
  /** The issues the popover lists (graphView/issueScope.ts): those about the whole work only when selected. */
  readonly popoverIssues: readonly GraphIssue[];
  readonly popover: PopoverSide;
}
export type LayerFlowNode = Node<LayerNodeData, 'layer'>;

export interface ShapeEdgeData extends Record<string, unknown> {
  /** The tensor shape flowing along the edge, e.g. '14×14×8', or '?' when unknown. */
  readonly shape: string;
  readonly placement: LabelPlacement;
  readonly sourceSize: Size;
  readonly targetSize: Size;
}
export type ShapeFlowEdge = Edge<ShapeEdgeData, 'shape'>;

/**
 * Stacking: a node showing its issues is raised above every other node (selected ones sit at 1000) and above the
 * connection labels (1001), so its popover and fix buttons are never covered.
 */
export const ISSUES_Z = 2000;

/** 'Conv2D conv2d_1' — the node's accessible name. */
export function nodeLabel(n: GraphNode): string {
  return `${CATALOGUE[n.layer.kind].title} ${n.id}`;
}

function hasError(issues: readonly GraphIssue[], info: NodeInfo | undefined): boolean {
  return issues.some((i) => i.severity === 'error') || Boolean(info?.error);
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
  const sides = nodeSides(graph);
  const centreX = (n: GraphNode): number => n.position.x + nodeSize(n.layer.kind).width / 2;
  const centreY = (n: GraphNode): number => n.position.y + nodeSize(n.layer.kind).height / 2;
  const mid = (vs: number[]): number => (Math.min(...vs) + Math.max(...vs)) / 2;
  const middleX = mid(graph.nodes.map(centreX));
  const middleY = mid(graph.nodes.map(centreY));
  return ordered.map((n) => {
    const info = analysis.info.get(n.id);
    const issues = analysis.byNode.get(n.id) ?? [];
    const selected = selection.has(n.id);
    const shown = popoverIssues(issues, selected);
    const showIssues = (shown.length > 0 || Boolean(info?.error)) && (selected || hasError(shown, info));
    const size = nodeSize(n.layer.kind);
    return {
      id: n.id,
      type: 'layer',
      position: n.position,
      width: size.width,
      height: size.height,
      selected,
      ariaLabel: nodeLabel(n),
      ...(showIssues ? { zIndex: ISSUES_Z } : {}),
      data: {
        node: n,
        info,
        issues,
        sides: sides.get(n.id) ?? { input: 'left', output: 'right' },
        showIssues,
        popoverIssues: shown,
        popover: `${centreY(n) > middleY + 1 ? 'above' : 'below'}-${centreX(n) > middleX + 1 ? 'end' : 'start'}`,
      },
    };
  });
}

export function toFlowEdges(
  graph: Graph,
  analysis: GraphAnalysis,
  selected: ReadonlySet<string>,
): ShapeFlowEdge[] {
  const sides = nodeSides(graph);
  const kinds = new Map(graph.nodes.map((n) => [n.id, n.layer.kind] as const));
  const sizeOf = (id: NodeId): Size => nodeSize(kinds.get(id) ?? 'dense');
  return graph.edges.map((e) => {
    const s = sides.get(e.source) ?? { input: 'left', output: 'right' };
    const t = sides.get(e.target) ?? { input: 'left', output: 'right' };
    return {
      id: e.id,
      type: 'shape',
      source: e.source,
      target: e.target,
      selected: selected.has(e.id),
      ariaLabel: `Connection from ${e.source} to ${e.target}`,
      // An arrow shows the direction, which right-to-left rows need.
      markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14 },
      data: {
        shape: shapeText(analysis.info.get(e.source)),
        placement: labelPlacement(s, t.input),
        sourceSize: sizeOf(e.source),
        targetSize: sizeOf(e.target),
      },
    };
  });
}
