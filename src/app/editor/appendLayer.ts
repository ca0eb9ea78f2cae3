/** Where a layer goes when it is added from the keyboard: after the selected node, else at the end of the network. */
import type { Graph, LayerKind, NodeId } from '../../engine/graph/types';
import { defaultLayer } from '../../engine/graph/catalogue';
import { addNode, appendAfter, outputNode, topologicalOrder } from '../../engine/graph/edit';

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
    if (r) return r;
  }
  const bottom = Math.max(0, ...g.nodes.map((n) => n.position.y));
  return addNode(g, layer, { x: 40, y: g.nodes.length === 0 ? 40 : bottom + 90 });
}

/** Reads a layer kind dropped from the palette; anything else (text, files, tampered data) gives null. */
export function parseDroppedKind(raw: string, known: readonly LayerKind[]): LayerKind | null {
  return (known as readonly string[]).includes(raw) ? (raw as LayerKind) : null;
}
