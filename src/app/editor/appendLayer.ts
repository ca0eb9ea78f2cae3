/** Where a layer goes when it is added from the keyboard: after the selected node, else at the end of the network. */
import type { Graph, LayerKind, NodeId } from '../../engine/graph/types';
import { defaultLayer } from '../../engine/graph/catalogue';
import { addNode, appendAfter, outputNode, topologicalOrder } from '../../engine/graph/edit';
import { SPACING, nodeSize } from '../../engine/graph/layout';
import { placeFresh } from '../../engine/graph/layoutPlace';

export const LAYER_KIND_MIME = 'application/x-layer-kind';

/** The node a new layer is appended after: the first selected node, else the output node, else the last in order. */
export function appendAnchor(g: Graph, selection: readonly NodeId[]): NodeId | undefined {
  const ids = new Set(g.nodes.map((n) => n.id));
  const selected = selection.find((id) => ids.has(id));
  if (selected) return selected;
  const out = outputNode(g);
  if (out) return out;
  const order = topologicalOrder(g);
  return order[order.length - 1] ?? g.nodes[g.nodes.length - 1]?.id;
}

export function appendLayer(
  g: Graph,
  kind: LayerKind,
  selection: readonly NodeId[],
): { graph: Graph; id: NodeId } {
  const layer = defaultLayer(kind);
  const anchor = kind === 'input' ? undefined : appendAnchor(g, selection);
  if (anchor) {
    const r = appendAfter(g, anchor, layer);
    // The new layer goes on along the flow (right in a left-to-right row), not below its anchor.
    if (r) return { graph: placeFresh(g, r.graph), id: r.id };
  }
  // A layer without an anchor (another Input) starts a row of its own under the graph.
  const bottom = Math.max(0, ...g.nodes.map((n) => n.position.y + nodeSize(n.layer.kind).height));
  const y = g.nodes.length === 0 ? SPACING.origin : bottom + SPACING.band;
  return addNode(g, layer, { x: SPACING.origin, y });
}

/** Reads a layer kind dropped from the palette; anything else (text, files, tampered data) gives null. */
export function parseDroppedKind(raw: string, known: readonly LayerKind[]): LayerKind | null {
  return (known as readonly string[]).includes(raw) ? (raw as LayerKind) : null;
}
