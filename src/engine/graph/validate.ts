/**
 * Validation as data: every problem the editor can show, each with a code, the node, a plain message and
 * one-call fixes (applied with applyFix from fixes.ts).
 */
import type { GraphFix, GraphIssue } from './issues';
import type { Graph, GraphNode, LayerSpec, NodeId, Shape } from './types';
import { assertNever } from '../assertNever';
import type { LayerFix } from '../layers/module';
import { moduleOf } from '../layers/registry';
import { inferShapes, totals } from './shapes';
import type { NodeInfo } from './shapes';
import { hasCycle, inputNodes, predecessors, reachableFrom, sinkNodes, topologicalOrder } from './graphUtils';
import { fractionalIssue, nonPositiveFixes } from './sizeFixes';
import { roleIssues } from './validateRole';
import { withRebuildFix } from './rebuildFix';
import type { ValidationContext } from './validationContext';

const fmt = (n: number): string => n.toLocaleString('en-US');

function structureIssues(graph: Graph): { issues: GraphIssue[]; unreachable: Set<NodeId> } {
  const issues: GraphIssue[] = [];
  const unreachable = new Set<NodeId>();
  if (graph.nodes.length === 0) {
    issues.push({
      code: 'noInput',
      node: undefined,
      severity: 'error',
      message: 'The graph is empty: add an Input block.',
      fixes: [],
    });
    return { issues, unreachable };
  }
  if (hasCycle(graph)) {
    const ordered = new Set(topologicalOrder(graph));
    const stuck = graph.nodes.filter((n) => !ordered.has(n.id)).map((n) => n.id);
    issues.push({
      code: 'cycle',
      node: stuck[0],
      severity: 'error',
      message: `The connections form a loop through ${stuck.join(', ')}; data must flow one way, from the input to the output.`,
      fixes: [],
    });
  }
  const inputs = inputNodes(graph);
  if (inputs.length === 0) {
    issues.push({
      code: 'noInput',
      node: undefined,
      severity: 'error',
      message: 'There is no Input block, so no data can enter the model.',
      fixes: [],
    });
  }
  const reached = reachableFrom(graph, inputs);
  for (const n of graph.nodes) {
    if (inputs.length > 0 && !reached.has(n.id)) {
      unreachable.add(n.id);
      issues.push({
        code: 'unreachable',
        node: n.id,
        severity: 'error',
        message: `${n.id} is not connected to any Input, so it never receives data.`,
        fixes: [{ kind: 'removeNode', label: `remove ${n.id}`, node: n.id }],
      });
    }
  }
  const sinks = sinkNodes(graph).filter((id) => !unreachable.has(id));
  if (sinks.length === 0 && inputs.length > 0) {
    issues.push({
      code: 'noOutput',
      node: undefined,
      severity: 'error',
      message: 'Nothing comes after the Input: add layers to produce an output.',
      fixes: [],
    });
  } else if (sinks.length > 1) {
    const order = topologicalOrder(graph).filter((id) => sinks.includes(id));
    const main = order[order.length - 1];
    for (const id of order.slice(0, -1)) {
      issues.push({
        code: 'multipleOutputs',
        node: id,
        severity: 'error',
        message: `${id} leads nowhere: a model has one output (${main ?? 'the last layer'}); connect ${id} onward or remove it.`,
        fixes: [{ kind: 'removeNode', label: `remove ${id}`, node: id }],
      });
    }
  }
  return { issues, unreachable };
}

/** A layer module's own fix, with the node (and for Flatten its input) filled in. */
function graphFix(node: GraphNode, pred: NodeId | undefined, fix: LayerFix<LayerSpec>): GraphFix | null {
  switch (fix.kind) {
    case 'setParams':
      return { kind: 'setParams', label: fix.label, node: node.id, patch: fix.patch };
    case 'setFrozen':
      return { kind: 'setFrozen', label: fix.label, node: node.id, frozen: fix.frozen };
    case 'removeNode':
      return { kind: 'removeNode', label: `${fix.label} ${node.id}`, node: node.id };
    case 'flattenInput':
      return pred === undefined
        ? null
        : { kind: 'insertAfter', label: fix.label, node: pred, layer: { kind: 'flatten' } };
    default:
      return assertNever(fix);
  }
}

const graphFixes = (node: GraphNode, pred: NodeId | undefined, fixes: readonly LayerFix<LayerSpec>[]) =>
  fixes.map((f) => graphFix(node, pred, f)).filter((f): f is GraphFix => f !== null);

function shapeIssue(node: GraphNode, info: NodeInfo, input: Shape | null): GraphIssue | null {
  if (!info.error || !info.errorCode) return null;
  let fixes: readonly GraphFix[] = [];
  if (info.errorCode === 'nonPositiveSize') fixes = nonPositiveFixes(node, input);
  if (info.errorCode === 'badArity' || info.errorCode === 'reshapeMismatch') {
    fixes = graphFixes(node, undefined, moduleOf(node.layer).errorFixes(node.layer, input));
  }
  return { code: info.errorCode, node: node.id, severity: 'error', message: info.error, fixes };
}

function layerIssues(
  graph: Graph,
  node: GraphNode,
  info: ReadonlyMap<NodeId, NodeInfo>,
  ctx: ValidationContext,
): GraphIssue[] {
  const out: GraphIssue[] = [];
  const preds = predecessors(graph, node.id);
  const input = preds.length === 1 ? (info.get(preds[0] as NodeId)?.output ?? null) : null;
  const own = info.get(node.id);
  if (own) {
    const s = shapeIssue(node, own, input);
    if (s) out.push(s);
  }
  if (input) {
    const f = fractionalIssue(node, input);
    if (f) out.push(f);
  }
  const l = node.layer;
  if (
    l.kind !== 'input' &&
    preds.length === 0 &&
    inputNodes(graph).length === 0 &&
    graph.role !== 'generator'
  ) {
    // The Input block was deleted: the layer that lost it gets it back in one click.
    const i = out.findIndex((x) => x.code === 'badArity');
    const fix: GraphFix = {
      kind: 'insertBefore',
      label: 'add Input',
      node: node.id,
      layer: { kind: 'input', source: 'dataset', shape: [...ctx.imageShape] },
    };
    const found = out[i];
    if (found) out[i] = { ...found, fixes: [...found.fixes, fix] };
  }
  const checks = moduleOf(l).check(l, { input, frozen: node.frozen, imageShape: ctx.imageShape });
  for (const issue of checks) {
    out.push({
      code: issue.code,
      node: node.id,
      severity: issue.severity,
      message: issue.message,
      fixes: graphFixes(node, preds[0], issue.fixes),
    });
  }
  return out;
}

function budgetIssues(
  graph: Graph,
  info: ReadonlyMap<NodeId, NodeInfo>,
  ctx: ValidationContext,
): GraphIssue[] {
  const budget = ctx.budget;
  if (!budget) return [];
  const t = totals(info);
  const out: GraphIssue[] = [];
  const dominant = (pick: (i: NodeInfo) => number): { id: NodeId | undefined; value: number } => {
    let best: { id: NodeId | undefined; value: number } = { id: undefined, value: -1 };
    for (const n of graph.nodes) {
      const v = pick(info.get(n.id) ?? ({ params: 0, activationBytes: 0 } as NodeInfo));
      if (v > best.value) best = { id: n.id, value: v };
    }
    return best;
  };
  const check = (
    total: number,
    max: number | undefined,
    what: string,
    unit: (n: number) => string,
    pick: (i: NodeInfo) => number,
  ): void => {
    if (max === undefined || total <= max) return;
    const d = dominant(pick);
    const share = total > 0 ? Math.round((100 * d.value) / total) : 0;
    out.push({
      code: 'overBudget',
      node: d.id,
      severity: 'error',
      message: `The model has ${unit(total)} ${what}, over the budget of ${unit(max)}; ${d.id ?? '?'} dominates with ${unit(d.value)} (${share}%).`,
      fixes: [],
    });
  };
  check(t.params, budget.maxParams, 'parameters', fmt, (i) => i.params);
  const mb = (n: number): string => `${(n / 1_048_576).toFixed(2)} MB`;
  check(
    t.activationBytes,
    budget.maxActivationBytes,
    'of activations per example',
    mb,
    (i) => i.activationBytes,
  );
  return out;
}

/**
 * Every issue of the graph for a dataset of `ctx.imageShape` images and `ctx.classes` classes. `known`: the graph's
 * shape inference when the caller has it already (the editor's analysis), so it is not run twice.
 */
export function validateGraph(
  graph: Graph,
  ctx: ValidationContext,
  known?: ReadonlyMap<NodeId, NodeInfo>,
): GraphIssue[] {
  const { issues, unreachable } = structureIssues(graph);
  if (graph.nodes.length === 0) return issues;
  const info = known ?? inferShapes(graph);
  for (const node of graph.nodes) {
    if (unreachable.has(node.id)) continue;
    issues.push(...layerIssues(graph, node, info, ctx));
  }
  issues.push(...roleIssues(graph, info, ctx));
  issues.push(...budgetIssues(graph, info, ctx));
  return withRebuildFix(graph, issues, ctx);
}
