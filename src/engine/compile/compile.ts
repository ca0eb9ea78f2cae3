/**
 * Compile a (validated) layer graph to a tf.LayersModel through the functional API.
 * Node ids are the layer names, so any node's output can be probed (see compileProbeModel).
 * Explicit padding P becomes a ZeroPadding2D named `${id}__pad` before a 'valid' convolution.
 * Initialization is seeded: the i-th initializer gets deriveSeed(seed, i) (never 0), so the same graph + seed gives the same weights.
 */
import * as tf from '@tensorflow/tfjs';
import { assertNever } from '../assertNever';
import type { Graph, GraphNode, Initializer, NodeId } from '../graph/types';
import type { CompileContext } from '../layers/module';
import { moduleOf } from '../layers/registry';
import { outputNode, predecessors, topologicalOrder } from '../graph/graphUtils';
import { deriveSeed } from './seeds';

export interface CompileOptions {
  readonly seed: number;
}

export { PAD_SUFFIX } from '../layers/conv2d';

type SymbolicTensor = tf.SymbolicTensor;

/** Hands out seeded initializers; each call uses the next seed so no two weights share a random stream. */
class SeededInit {
  private stream = 0;
  constructor(private readonly seed: number) {}
  make(kind: Initializer): ReturnType<typeof tf.initializers.zeros> {
    const seed = this.nextSeed();
    switch (kind) {
      case 'heNormal':
        return tf.initializers.heNormal({ seed });
      case 'heUniform':
        return tf.initializers.heUniform({ seed });
      case 'glorotUniform':
        return tf.initializers.glorotUniform({ seed });
      case 'glorotNormal':
        return tf.initializers.glorotNormal({ seed });
      case 'zeros':
        return tf.initializers.zeros();
      default:
        return assertNever(kind);
    }
  }
  nextSeed(): number {
    return deriveSeed(this.seed, this.stream++);
  }
}

/** Builds the tf layer(s) for one node through its layer module and applies them to its inputs. */
function buildNode(node: GraphNode, inputs: SymbolicTensor[], init: SeededInit): SymbolicTensor {
  const ctx: CompileContext = {
    tf,
    name: node.id,
    trainable: !node.frozen,
    inputs,
    init: (kind) => init.make(kind),
    nextSeed: () => init.nextSeed(),
    applyOne(layer, x) {
      const input = x ?? inputs[0];
      if (input === undefined || inputs.length !== 1) {
        throw new Error(`compileGraph: node ${node.id} expects exactly one input, got ${inputs.length}`);
      }
      return layer.apply(input) as SymbolicTensor;
    },
    applyAll: (layer) => layer.apply(inputs) as SymbolicTensor,
  };
  return moduleOf(node.layer).compile(node.layer, ctx);
}

/** Compiles the graph; throws only on programmer errors (the graph is assumed validated). */
export function compileGraph(graph: Graph, opts: CompileOptions): tf.LayersModel {
  const order = topologicalOrder(graph);
  if (order.length !== graph.nodes.length) throw new Error('compileGraph: the graph has a cycle');
  const byId = new Map(graph.nodes.map((n) => [n.id, n] as const));
  const outputs = new Map<NodeId, SymbolicTensor>();
  const modelInputs: SymbolicTensor[] = [];
  const init = new SeededInit(opts.seed);
  for (const id of order) {
    const node = byId.get(id);
    if (node === undefined) throw new Error(`compileGraph: unknown node ${id}`);
    if (node.layer.kind === 'input') {
      const input = buildNode(node, [], init);
      modelInputs.push(input);
      outputs.set(id, input);
      continue;
    }
    const ins = predecessors(graph, id).map((p) => {
      const t = outputs.get(p);
      if (t === undefined) throw new Error(`compileGraph: input ${p} of ${id} not built`);
      return t;
    });
    outputs.set(id, buildNode(node, ins, init));
  }
  const out = outputNode(graph);
  const outTensor = out === undefined ? undefined : outputs.get(out);
  if (outTensor === undefined) throw new Error('compileGraph: the graph has no output node');
  if (modelInputs.length === 0) throw new Error('compileGraph: the graph has no input node');
  return tf.model({ inputs: modelInputs, outputs: outTensor });
}

/**
 * A model sharing `model`'s layers (and weights) whose outputs are the given nodes' outputs, in order.
 * Input nodes are allowed (their output is the input itself). Dispose it with disposeProbeModel, never model.dispose():
 * that would free the shared weights.
 */
export function compileProbeModel(model: tf.LayersModel, nodeIds: readonly NodeId[]): tf.LayersModel {
  const outs = nodeIds.map((id) => {
    const layer = model.getLayer(id);
    const out = layer.output;
    if (Array.isArray(out)) throw new Error(`compileProbeModel: layer ${id} has several outputs`);
    return out;
  });
  return tf.model({ inputs: model.inputs, outputs: outs });
}
