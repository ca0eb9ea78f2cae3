/**
 * Compile a (validated) layer graph to a tf.LayersModel through the functional API.
 * Node ids are the layer names, so any node's output can be probed (see compileProbeModel).
 * Explicit padding P becomes a ZeroPadding2D named `${id}__pad` before a 'valid' convolution.
 * Initialization is seeded: the i-th initializer gets deriveSeed(seed, i) (never 0), so the same graph + seed gives the same weights.
 */
import * as tf from '@tensorflow/tfjs';
import { assertNever } from '../graph/types';
import type { FusedActivation, Graph, GraphNode, Initializer, LayerSpec, NodeId } from '../graph/types';
import { outputNode, predecessors, topologicalOrder } from '../graph/graphUtils';
import { deriveSeed } from './seeds';

export interface CompileOptions {
  readonly seed: number;
}

/** Suffix of the ZeroPadding2D layer inserted before a conv with explicit padding. */
export const PAD_SUFFIX = '__pad';

type SymbolicTensor = tf.SymbolicTensor;
type ActivationName = 'linear' | 'relu' | 'sigmoid' | 'tanh' | 'softmax' | 'elu';

function activationName(a: FusedActivation): ActivationName {
  switch (a) {
    case 'linear':
    case 'relu':
    case 'sigmoid':
    case 'tanh':
    case 'softmax':
    case 'elu':
      return a;
    default:
      return assertNever(a);
  }
}

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

function single(inputs: SymbolicTensor[], id: NodeId): SymbolicTensor {
  const x = inputs[0];
  if (x === undefined || inputs.length !== 1) {
    throw new Error(`compileGraph: node ${id} expects exactly one input, got ${inputs.length}`);
  }
  return x;
}

function applyLayer(layer: tf.layers.Layer, x: SymbolicTensor | SymbolicTensor[]): SymbolicTensor {
  return layer.apply(x) as SymbolicTensor;
}

/** Builds the tf layer(s) for one node and applies them to its inputs. */
function buildNode(node: GraphNode, inputs: SymbolicTensor[], init: SeededInit): SymbolicTensor {
  const name = node.id;
  const trainable = !node.frozen;
  const spec: LayerSpec = node.layer;
  switch (spec.kind) {
    case 'input':
      throw new Error(`compileGraph: input node ${name} handled separately`);
    case 'conv2d': {
      let x = single(inputs, node.id);
      let padding: 'valid' | 'same';
      if (typeof spec.padding === 'object') {
        const p = spec.padding.explicit;
        if (p > 0) {
          x = applyLayer(
            tf.layers.zeroPadding2d({ padding: [p, p], name: `${name}${PAD_SUFFIX}`, trainable }),
            x,
          );
        }
        padding = 'valid';
      } else {
        padding = spec.padding;
      }
      const layer = tf.layers.conv2d({
        name,
        trainable,
        filters: spec.filters,
        kernelSize: [spec.kernel[0], spec.kernel[1]],
        strides: [spec.stride[0], spec.stride[1]],
        dilationRate: [spec.dilation[0], spec.dilation[1]],
        padding,
        activation: activationName(spec.activation),
        useBias: spec.useBias,
        kernelInitializer: init.make(spec.initializer),
        biasInitializer: 'zeros',
      });
      return applyLayer(layer, x);
    }
    case 'conv2dTranspose':
      return applyLayer(
        tf.layers.conv2dTranspose({
          name,
          trainable,
          filters: spec.filters,
          kernelSize: [spec.kernel[0], spec.kernel[1]],
          strides: [spec.stride[0], spec.stride[1]],
          padding: spec.padding,
          activation: activationName(spec.activation),
          useBias: spec.useBias,
          kernelInitializer: init.make(spec.initializer),
          biasInitializer: 'zeros',
        }),
        single(inputs, node.id),
      );
    case 'maxPool2d':
    case 'avgPool2d': {
      const args = {
        name,
        trainable,
        poolSize: [spec.pool[0], spec.pool[1]] as [number, number],
        strides: [spec.stride[0], spec.stride[1]] as [number, number],
        padding: spec.padding,
      };
      const layer =
        spec.kind === 'maxPool2d' ? tf.layers.maxPooling2d(args) : tf.layers.averagePooling2d(args);
      return applyLayer(layer, single(inputs, node.id));
    }
    case 'globalAvgPool':
      return applyLayer(tf.layers.globalAveragePooling2d({ name, trainable }), single(inputs, node.id));
    case 'dense':
      return applyLayer(
        tf.layers.dense({
          name,
          trainable,
          units: spec.units,
          activation: activationName(spec.activation),
          useBias: spec.useBias,
          kernelInitializer: init.make(spec.initializer),
          biasInitializer: 'zeros',
        }),
        single(inputs, node.id),
      );
    case 'flatten':
      return applyLayer(tf.layers.flatten({ name, trainable }), single(inputs, node.id));
    case 'reshape':
      return applyLayer(
        tf.layers.reshape({ name, trainable, targetShape: [...spec.shape] }),
        single(inputs, node.id),
      );
    case 'dropout':
      return applyLayer(
        tf.layers.dropout({ name, trainable, rate: spec.rate, seed: init.nextSeed() }),
        single(inputs, node.id),
      );
    case 'batchNorm':
      return applyLayer(
        tf.layers.batchNormalization({ name, trainable, momentum: spec.momentum, epsilon: spec.epsilon }),
        single(inputs, node.id),
      );
    case 'activation': {
      const x = single(inputs, node.id);
      if (spec.fn === 'leakyRelu')
        return applyLayer(tf.layers.leakyReLU({ name, trainable, alpha: spec.alpha }), x);
      return applyLayer(tf.layers.activation({ name, trainable, activation: activationName(spec.fn) }), x);
    }
    case 'upSampling2d':
      return applyLayer(
        tf.layers.upSampling2d({ name, trainable, size: [spec.size[0], spec.size[1]] }),
        single(inputs, node.id),
      );
    case 'add':
      return applyLayer(tf.layers.add({ name, trainable }), inputs);
    case 'concatenate':
      return applyLayer(tf.layers.concatenate({ name, trainable, axis: -1 }), inputs);
    default:
      return assertNever(spec);
  }
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
      const input = tf.input({ shape: [...node.layer.shape], name: id });
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
