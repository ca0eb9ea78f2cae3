/**
 * Checks that depend on the model's role: where softmax sits, the classifier's number of outputs, a generator's
 * image shape, a discriminator's single logit and an autoencoder's reconstruction shape.
 */
import type { GraphFix, GraphIssue } from './issues';
import type { Graph, GraphNode, NodeId, Shape } from './types';
import type { NodeInfo } from './shapes';
import type { ValidationContext } from './validationContext';
import { assertNever } from '../assertNever';
import { formatShape } from './convArithmetic';
import { outputNode, predecessors } from './graphUtils';
import { formatLabels } from '../data/labels';
import { moduleOf } from '../layers/registry';

const sameShape = (a: Shape, b: Shape): boolean => a.length === b.length && a.every((d, i) => d === b[i]);

/** Walks back from `id` through shape-preserving layers to the layer that sets the output size. */
function sizingNode(graph: Graph, id: NodeId): GraphNode | undefined {
  let cur = graph.nodes.find((n) => n.id === id);
  for (let i = 0; cur && moduleOf(cur.layer).elementWise && i < graph.nodes.length; i++) {
    const preds = predecessors(graph, cur.id);
    if (preds.length !== 1) return undefined;
    cur = graph.nodes.find((n) => n.id === preds[0]);
  }
  return cur;
}

function isSoftmax(n: GraphNode): boolean {
  return moduleOf(n.layer).activation(n.layer) === 'softmax';
}

function softmaxIssues(graph: Graph, out: NodeId | undefined): GraphIssue[] {
  const issues: GraphIssue[] = [];
  for (const n of graph.nodes) {
    if (!isSoftmax(n) || n.id === out) continue;
    const fix: GraphFix =
      n.layer.kind === 'activation'
        ? { kind: 'setParams', label: 'use ReLU', node: n.id, patch: { fn: 'relu' } }
        : { kind: 'setParams', label: 'use ReLU', node: n.id, patch: { activation: 'relu' } };
    const fixes: GraphFix[] = [fix];
    if (n.layer.kind === 'activation')
      fixes.push({ kind: 'removeNode', label: `remove ${n.id}`, node: n.id });
    issues.push({
      code: 'softmaxNotLast',
      node: n.id,
      severity: 'warning',
      message: `${n.id} applies softmax before the end of the model; softmax turns the final scores into class probabilities and belongs on the last layer only.`,
      fixes,
    });
  }
  return issues;
}

/**
 * Setting the units of the Dense layer that sizes the output; offered only when the output is already a vector,
 * since a Dense layer on an image (e.g. right after a conv) keeps the image's height and width whatever its units.
 */
function unitsFix(graph: Graph, out: NodeId, output: Shape, units: number, what: string): GraphFix[] {
  if (output.length !== 1) return [];
  const s = sizingNode(graph, out);
  if (s?.layer.kind === 'dense')
    return [{ kind: 'setParams', label: `${what} ${units}`, node: s.id, patch: { units } }];
  return [];
}

export function roleIssues(
  graph: Graph,
  info: ReadonlyMap<NodeId, NodeInfo>,
  ctx: ValidationContext,
): GraphIssue[] {
  const out = outputNode(graph);
  const issues = softmaxIssues(graph, out);
  if (!out) return issues;
  const shape = info.get(out)?.output;
  if (!shape) return issues;
  switch (graph.role) {
    case 'classifier': {
      const subset = ctx.labelSubset ?? [];
      const units = shape.length === 1 ? shape[0] : undefined;
      const fits = units === ctx.classes || (subset.length > 0 && units === subset.length);
      if (!fits) {
        const labels = subset.length > 0 ? formatLabels(subset) : '';
        issues.push({
          code: 'outputUnitsMismatch',
          node: out,
          severity: 'error',
          message:
            units === undefined
              ? `A classifier must end in a vector of ${ctx.classes} class scores, but this one ends in ${formatShape(shape)}.`
              : subset.length > 0 && subset.length !== ctx.classes
                ? `The output has ${units} units but training uses ${subset.length} labels (${labels}); the last Dense layer needs one unit per label, or ${ctx.classes} for all classes.`
                : `The output has ${units} units but the data has ${ctx.classes} classes; the last Dense layer needs one unit per class.`,
          fixes: [
            ...unitsFix(graph, out, shape, ctx.classes, 'units'),
            ...(subset.length > 0 && subset.length !== ctx.classes
              ? unitsFix(graph, out, shape, subset.length, 'units')
              : []),
          ],
        });
      }
      break;
    }
    case 'discriminator':
      if (shape.length !== 1 || shape[0] !== 1) {
        issues.push({
          code: 'discriminatorOutput',
          node: out,
          severity: 'error',
          message: `A discriminator must end in one unit (the real-vs-fake logit), but this one ends in ${formatShape(shape)}.`,
          fixes: unitsFix(graph, out, shape, 1, 'units'),
        });
      }
      break;
    case 'generator':
    case 'autoencoder':
      if (!sameShape(shape, ctx.imageShape)) {
        const s = sizingNode(graph, out);
        const channels = ctx.imageShape[2];
        const fixes: GraphFix[] = [];
        if (
          s &&
          channels !== undefined &&
          (s.layer.kind === 'conv2d' || s.layer.kind === 'conv2dTranspose') &&
          sameShape(shape.slice(0, 2), ctx.imageShape.slice(0, 2))
        ) {
          fixes.push({
            kind: 'setParams',
            label: `filters ${channels}`,
            node: s.id,
            patch: { filters: channels },
          });
        }
        const who =
          graph.role === 'generator'
            ? 'A generator must produce images'
            : 'An autoencoder must rebuild its input';
        issues.push({
          code: graph.role === 'generator' ? 'generatorOutputMismatch' : 'shapeMismatch',
          node: out,
          severity: 'error',
          message: `${who} of ${formatShape(ctx.imageShape)}, but this one outputs ${formatShape(shape)}.`,
          fixes,
        });
      }
      break;
    default:
      return assertNever(graph.role);
  }
  return issues;
}
