/**
 * Shape inference and validation of the edited graph, cached on the graph object (graphs are immutable) so the
 * canvas, the inspector and anything else share one computation per edit.
 */
import { useMemo } from 'react';
import type { Graph, NodeId } from '../../engine/graph/types';
import type { GraphIssue } from '../../engine/graph/issues';
import type { NodeInfo } from '../../engine/graph/shapes';
import { inferShapes } from '../../engine/graph/shapes';
import { validateGraph } from '../../engine/graph/validate';
import type { ValidationContext } from '../../engine/graph/validationContext';
import { useAppStore } from '../store';
import { validationContext } from './validationContext';
import { selectGraph } from '../store/selectors';

export interface GraphAnalysis {
  readonly info: ReadonlyMap<NodeId, NodeInfo>;
  readonly issues: readonly GraphIssue[];
  /** Issues about one node, in validation order. */
  readonly byNode: ReadonlyMap<NodeId, readonly GraphIssue[]>;
}

export function analyse(graph: Graph, ctx: ValidationContext): GraphAnalysis {
  const info = inferShapes(graph);
  const issues = validateGraph(graph, ctx, info);
  const byNode = new Map<NodeId, GraphIssue[]>();
  for (const issue of issues) {
    if (issue.node === undefined) continue;
    byNode.set(issue.node, [...(byNode.get(issue.node) ?? []), issue]);
  }
  return { info, issues, byNode };
}

const selectLabelSubset = (s: { hyper: { labelSubset: readonly number[] } }): readonly number[] =>
  s.hyper.labelSubset;

const CACHE = new WeakMap<
  Graph,
  { readonly labelSubset: readonly number[]; readonly analysis: GraphAnalysis }
>();

/** The analysis of `graph` for the label subset; computed once per graph object and subset. */
export function analysisOf(graph: Graph, labelSubset: readonly number[]): GraphAnalysis {
  const hit = CACHE.get(graph);
  if (hit && hit.labelSubset === labelSubset) return hit.analysis;
  const analysis = analyse(graph, validationContext(labelSubset));
  CACHE.set(graph, { labelSubset, analysis });
  return analysis;
}

export function useGraphAnalysis(): GraphAnalysis {
  const graph = useAppStore(selectGraph);
  const labelSubset = useAppStore(selectLabelSubset);
  return useMemo(() => analysisOf(graph, labelSubset), [graph, labelSubset]);
}
