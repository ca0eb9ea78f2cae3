/**
 * Shape inference over the whole graph, without TF.js, so the main thread can show it instantly.
 * Per node: output shape, parameters, multiply-adds, activation memory, receptive field and effective stride.
 * Agreement with TF.js is checked by shapes.tfjs.test.ts.
 */
import type { GraphIssueCode } from './issues';
import type { Graph, LayerSpec, NodeId, Shape } from './types';
import { assertNever } from './types';
import { dilatedSize } from './convArithmetic';
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

/** Receptive field and jump per axis (height, width). */
interface Field {
  readonly rf: readonly [number, number];
  readonly jump: readonly [number, number];
}

const BYTES_PER_VALUE = 4;

function nextField(layer: LayerSpec, inputs: readonly (Field | null)[]): Field | null {
  const f = inputs[0] ?? null;
  switch (layer.kind) {
    case 'input':
      return layer.shape.length === 3 ? { rf: [1, 1], jump: [1, 1] } : null;
    case 'conv2d':
    case 'maxPool2d':
    case 'avgPool2d': {
      if (!f) return null;
      const k = layer.kind === 'conv2d' ? layer.kernel : layer.pool;
      const d = layer.kind === 'conv2d' ? layer.dilation : ([1, 1] as const);
      const ext = [dilatedSize(k[0], d[0]), dilatedSize(k[1], d[1])] as const;
      return {
        rf: [f.rf[0] + (ext[0] - 1) * f.jump[0], f.rf[1] + (ext[1] - 1) * f.jump[1]],
        jump: [f.jump[0] * layer.stride[0], f.jump[1] * layer.stride[1]],
      };
    }
    case 'conv2dTranspose': {
      if (!f) return null;
      const jump = [f.jump[0] / layer.stride[0], f.jump[1] / layer.stride[1]] as const;
      return {
        rf: [f.rf[0] + (layer.kernel[0] - 1) * jump[0], f.rf[1] + (layer.kernel[1] - 1) * jump[1]],
        jump,
      };
    }
    case 'upSampling2d':
      return f ? { rf: f.rf, jump: [f.jump[0] / layer.size[0], f.jump[1] / layer.size[1]] } : null;
    case 'add':
    case 'concatenate': {
      if (inputs.some((x) => x === null) || inputs.length === 0) return null;
      const all = inputs as readonly Field[];
      const max = (pick: (x: Field) => number): number => Math.max(...all.map(pick));
      return {
        rf: [max((x) => x.rf[0]), max((x) => x.rf[1])],
        jump: [max((x) => x.jump[0]), max((x) => x.jump[1])],
      };
    }
    case 'dropout':
    case 'activation':
    case 'batchNorm':
      return f;
    case 'dense':
    case 'flatten':
    case 'reshape':
    case 'globalAvgPool':
      return null;
    default:
      return assertNever(layer);
  }
}

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
