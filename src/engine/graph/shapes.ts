/**
 * Shape inference over the whole graph, without TF.js, so the main thread can show it instantly.
 * Per node: output shape, parameters, multiply-adds, activation memory, receptive field and effective stride.
 * Agreement with TF.js is checked by shapes.tfjs.test.ts.
 */
import type { GraphIssueCode } from './issues';
import type { Graph, LayerSpec, NodeId, Shape } from './types';
import type { Field as RfField } from '../layers/module';
import { moduleOf } from '../layers/registry';
import { inferLayer } from './layerShape';
import { predecessors, topologicalOrder } from './graphUtils';

export {
  formatShape,
  fractionalAxes,
  fractionalText,
  convOutputLength,
  deconvLength,
} from './convArithmetic';
export type { FractionalAxis } from './convArithmetic';

export interface NodeInfo {
  readonly output: Shape | null;
  readonly params: number;
  /** Parameters updated by training (0 for a frozen node). */
  readonly trainableParams: number;
  /** Multiply-adds per example (conv, transposed conv, dense; BatchNorm counts one per value; others 0). */
  readonly macs: number;
  /** Output activation memory per example, float32. */
  readonly activationBytes: number;
  /** Input pixels (along the larger axis) one output value depends on; null once the spatial layout is gone. */
  readonly receptiveField: number | null;
  /** Input pixels between neighbouring outputs; null once the spatial layout is gone. */
  readonly effectiveStride: number | null;
  readonly formula: string | null;
  readonly paramFormula: string | null;
  readonly error: string | null;
  /** Validation code for `error` (added beside the spec'd fields so validation can classify it). */
  readonly errorCode: GraphIssueCode | null;
}

type Field = RfField;

const BYTES_PER_VALUE = 4;

const nextField = (layer: LayerSpec, inputs: readonly (Field | null)[]): Field | null =>
  moduleOf(layer).field(layer, inputs);

const EMPTY: Omit<NodeInfo, 'error' | 'errorCode'> = {
  output: null,
  params: 0,
  trainableParams: 0,
  macs: 0,
  activationBytes: 0,
  receptiveField: null,
  effectiveStride: null,
  formula: null,
  paramFormula: null,
};

/**
 * Infers every node in topological order. A node whose input failed (or that sits on a cycle) gets output null
 * and no error of its own, so only the first broken node carries the explanation.
 */
export function inferShapes(graph: Graph): ReadonlyMap<NodeId, NodeInfo> {
  const result = new Map<NodeId, NodeInfo>();
  const fields = new Map<NodeId, Field | null>();
  const byId = new Map(graph.nodes.map((n) => [n.id, n] as const));
  for (const id of topologicalOrder(graph)) {
    const node = byId.get(id);
    if (!node) continue;
    const preds = predecessors(graph, id).filter((p) => byId.has(p));
    const inShapes = preds.map((p) => result.get(p)?.output ?? null);
    if (inShapes.some((s) => s === null)) {
      result.set(id, { ...EMPTY, error: null, errorCode: null });
      fields.set(id, null);
      continue;
    }
    const r = inferLayer(node.layer, inShapes as Shape[]);
    const field = r.output
      ? nextField(
          node.layer,
          preds.map((p) => fields.get(p) ?? null),
        )
      : null;
    fields.set(id, field);
    result.set(id, {
      output: r.output,
      params: r.params,
      trainableParams: node.frozen ? 0 : r.trainableParams,
      macs: r.macs,
      activationBytes: r.output ? r.output.reduce((a, b) => a * b, 1) * BYTES_PER_VALUE : 0,
      receptiveField: field ? Math.max(field.rf[0], field.rf[1]) : null,
      effectiveStride: field ? Math.max(field.jump[0], field.jump[1]) : null,
      formula: r.formula,
      paramFormula: r.paramFormula,
      error: r.error,
      errorCode: r.errorCode,
    });
  }
  // Nodes left out of the topological order sit on (or after) a cycle.
  for (const n of graph.nodes) {
    if (!result.has(n.id)) result.set(n.id, { ...EMPTY, error: null, errorCode: null });
  }
  return result;
}

/** Totals over a graph's inferred nodes. */
export function totals(info: ReadonlyMap<NodeId, NodeInfo>): {
  params: number;
  trainableParams: number;
  macs: number;
  activationBytes: number;
} {
  let params = 0;
  let trainableParams = 0;
  let macs = 0;
  let activationBytes = 0;
  for (const i of info.values()) {
    params += i.params;
    trainableParams += i.trainableParams;
    macs += i.macs;
    activationBytes += i.activationBytes;
  }
  return { params, trainableParams, macs, activationBytes };
}
