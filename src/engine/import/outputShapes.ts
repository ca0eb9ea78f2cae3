/**
 * The output shape of every node of an imported graph, by its layer module's own inference, in data-flow order;
 * null where a node's inputs do not fit it. A lean graph/shapes.ts (no counts, fields or limits): the page loads this
 * reader as a chunk of its own, and importing shapes.ts from that chunk makes the bundler move the page's shared
 * modules into a further chunk, about 2.5 KB more page JavaScript (e2e/bundle.spec.ts). The graph's own analysis,
 * with every check, runs once the graph is in the editor.
 */
import type { Graph, NodeId, Shape } from '../graph/types';
import { predecessors, topologicalOrder } from '../graph/graphUtils';
import { moduleOf } from '../layers/registry';

export function outputShapes(graph: Graph): ReadonlyMap<NodeId, Shape | null> {
  const out = new Map<NodeId, Shape | null>();
  const byId = new Map(graph.nodes.map((n) => [n.id, n] as const));
  for (const id of topologicalOrder(graph)) {
    const node = byId.get(id);
    if (!node) continue;
    const inputs = predecessors(graph, id).map((p) => out.get(p) ?? null);
    const m = moduleOf(node.layer);
    const arity =
      m.arity === 'none' ? inputs.length === 0 : m.arity === 'one' ? inputs.length === 1 : inputs.length >= 2;
    if (!arity || inputs.some((s) => s === null)) {
      out.set(id, null);
      continue;
    }
    out.set(id, m.infer(node.layer, inputs as Shape[]).output);
  }
  return out;
}
