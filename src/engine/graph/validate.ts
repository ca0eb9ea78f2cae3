/**
 * Validation as data: every problem the editor can show, each with a code, the node, a plain message and
 * one-call fixes (applied with applyFix from fixes.ts).
 */
import type { GraphFix, GraphIssue } from './issues';
import type { Graph, GraphNode, NodeId, Shape } from './types';
import { inferShapes, totals } from './shapes';
import type { NodeInfo } from './shapes';
import { formatShape } from './convArithmetic';
import { hasCycle, inputNodes, predecessors, reachableFrom, sinkNodes, topologicalOrder } from './graphUtils';
import { fractionalIssue, nonPositiveFixes } from './sizeFixes';
import { roleIssues } from './validateRole';
import type { ValidationContext } from './validationContext';

const sameShape = (a: Shape, b: Shape): boolean => a.length === b.length && a.every((d, i) => d === b[i]);
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

function shapeIssue(node: GraphNode, info: NodeInfo, input: Shape | null): GraphIssue | null {
  if (!info.error || !info.errorCode) return null;
  let fixes: readonly GraphFix[] = [];
  if (info.errorCode === 'nonPositiveSize') fixes = nonPositiveFixes(node, input);
  if (info.errorCode === 'badArity' && (node.layer.kind === 'add' || node.layer.kind === 'concatenate')) {
    fixes = [{ kind: 'removeNode', label: `remove ${node.id}`, node: node.id }];
  }
  if (info.errorCode === 'reshapeMismatch' && input && node.layer.kind === 'reshape') {
    const total = input.reduce((a, b) => a * b, 1);
    const [h, w] = node.layer.shape;
    const target =
      node.layer.shape.length === 3 && h && w && total % (h * w) === 0 ? [h, w, total / (h * w)] : [total];
    fixes = [
      { kind: 'setParams', label: `shape ${formatShape(target)}`, node: node.id, patch: { shape: target } },
    ];
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
  if (l.kind === 'dense' && input && input.length >= 2) {
    const pred = preds[0] as NodeId;
    out.push({
      code: 'needsFlatten',
      node: node.id,
      severity: 'error',
      message: `Dense expects a vector, but gets the ${input.length}-D tensor ${formatShape(input)}; flatten it first (TF.js would apply Dense to the last axis only).`,
      fixes: [{ kind: 'insertAfter', label: 'insert Flatten', node: pred, layer: { kind: 'flatten' } }],
    });
  }
  if (l.kind === 'conv2d' && (l.dilation[0] > 1 || l.dilation[1] > 1)) {
    if (l.stride[0] > 1 || l.stride[1] > 1) {
      out.push({
        code: 'dilationTrainable',
        node: node.id,
        severity: 'error',
        message:
          'TF.js cannot combine dilation > 1 with stride > 1 in one convolution; use one or the other.',
        fixes: [
          { kind: 'setParams', label: 'stride 1', node: node.id, patch: { stride: [1, 1] } },
          { kind: 'setParams', label: 'dilation 1', node: node.id, patch: { dilation: [1, 1] } },
        ],
      });
    } else if (!node.frozen) {
      out.push({
        code: 'dilationTrainable',
        node: node.id,
        severity: 'error',
        message:
          'TF.js has no gradient for dilated convolutions (dilation > 1), so this layer cannot be trained; freeze it (keep its weights) or use dilation 1.',
        fixes: [
          { kind: 'setFrozen', label: 'freeze layer', node: node.id, frozen: true },
          { kind: 'setParams', label: 'dilation 1', node: node.id, patch: { dilation: [1, 1] } },
        ],
      });
    }
  }
  if (l.kind === 'input' && l.source === 'dataset' && !sameShape(l.shape, ctx.imageShape)) {
    out.push({
      code: 'inputShapeMismatch',
      node: node.id,
      severity: 'error',
      message: `The dataset's images are ${formatShape(ctx.imageShape)}, but this Input expects ${formatShape(l.shape)}.`,
      fixes: [
        {
          kind: 'setParams',
          label: `shape ${formatShape(ctx.imageShape)}`,
          node: node.id,
          patch: { shape: [...ctx.imageShape] },
        },
      ],
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
  return issues;
}
