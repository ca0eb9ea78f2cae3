/** Which layers of a classifier RBM pretraining can start (pure: the app shows the setting only where it applies). */
import type { Graph, NodeId } from '../graph/types';

/** The Dense + sigmoid layers that follow the input (through Flatten layers), bottom first: those an RBM stack fits. */
export function pretrainableLayers(graph: Graph): { readonly id: NodeId; readonly units: number }[] {
  if (graph.role !== 'classifier') return [];
  const byId = new Map(graph.nodes.map((n) => [n.id, n] as const));
  const input = graph.nodes.find((n) => n.layer.kind === 'input');
  const out: { id: NodeId; units: number }[] = [];
  let at = input;
  for (;;) {
    if (!at) return out;
    const next = graph.edges.filter((e) => e.source === at!.id);
    if (next.length !== 1) return out;
    const node = byId.get(next[0]!.target);
    if (!node) return out;
    const l = node.layer;
    if (l.kind === 'flatten' && out.length === 0) {
      at = node;
      continue;
    }
    if (l.kind !== 'dense' || l.activation !== 'sigmoid') return out;
    // A layer that feeds the loss is the classifier's head, not a feature layer.
    if (!graph.edges.some((e) => e.source === node.id)) return out;
    out.push({ id: node.id, units: l.units });
    at = node;
  }
}
