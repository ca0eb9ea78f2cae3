/**
 * Which layer and cell the Convolution step region should compute for a click on a map in Activation maps: a conv or
 * pooling map is itself; an activation layer's map stands for the conv (or pooling) right before it, so a click on
 * the ReLU after a linear conv steps through that conv. Also the layers the region offers, in the order data flows.
 */
import type { Graph, NodeId } from '../../engine/graph/types';
import { predecessors, topologicalOrder } from '../../engine/graph/graphUtils';
import { isInspectableLayer, type InspectableLayer } from '../../engine/inspect/inspectable';
import type { ConvStepPick } from '../store/types';

const SPATIAL = new Set(['conv2d', 'maxPool2d', 'avgPool2d']);

export function pickFromMap(
  graph: Graph | null,
  node: NodeId,
  channel: number,
  y: number,
  x: number,
): ConvStepPick | null {
  if (!graph || graph.role === 'generator' || graph.role === 'discriminator') return null;
  const byId = new Map(graph.nodes.map((n) => [n.id, n] as const));
  let id: NodeId | undefined = node;
  if (byId.get(node)?.layer.kind === 'activation') id = predecessors(graph, node)[0];
  const layer = id === undefined ? undefined : byId.get(id)?.layer;
  if (id === undefined || !layer || !SPATIAL.has(layer.kind)) return null;
  return { node: id, index: channel, y, x };
}

/** The conv, pooling and dense layers of a classifier or autoencoder, in the order data flows. */
export function inspectableLayers(graph: Graph | null): { id: NodeId; layer: InspectableLayer }[] {
  if (!graph || graph.role === 'generator' || graph.role === 'discriminator') return [];
  const byId = new Map(graph.nodes.map((n) => [n.id, n] as const));
  const out: { id: NodeId; layer: InspectableLayer }[] = [];
  for (const id of topologicalOrder(graph)) {
    const layer = byId.get(id)?.layer;
    if (layer && isInspectableLayer(layer) && predecessors(graph, id).length === 1) out.push({ id, layer });
  }
  return out;
}
