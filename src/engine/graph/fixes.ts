/** Applies one validation fix to a graph (the ApplyFix contract in issues.ts). */
import type { ApplyFix, GraphFix } from './issues';
import type { Graph } from './types';
import { assertNever } from '../assertNever';
import { appendAfter, prependBefore, removeNodes, setFrozen, updateLayer } from './edit';
import { networkFor } from './presetNetworks';

export const applyFix: ApplyFix = (graph: Graph, fix: GraphFix): Graph => {
  // This graph's part of a rebuild, whichever network the issue was on; the editor swaps a GAN's other one too.
  if (fix.kind === 'rebuild') return networkFor(fix.networks, graph.role) ?? graph;
  if (!graph.nodes.some((n) => n.id === fix.node)) return graph;
  switch (fix.kind) {
    case 'setParams':
      return updateLayer(graph, fix.node, fix.patch);
    case 'insertAfter':
      return appendAfter(graph, fix.node, fix.layer)?.graph ?? graph;
    case 'insertBefore':
      return prependBefore(graph, fix.node, fix.layer)?.graph ?? graph;
    case 'removeNode':
      return removeNodes(graph, [fix.node]);
    case 'setFrozen':
      return setFrozen(graph, [fix.node], fix.frozen);
    default:
      return assertNever(fix);
  }
};
