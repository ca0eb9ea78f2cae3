/** Graphs for the import tests (not shipped code paths): one that holds every layer kind the playground has. */
import { autoLayout } from '../graph/layout';
import { L } from '../graph/layerBuilders';
import type { Graph, LayerSpec } from '../graph/types';
import { GRAPH_VERSION, asNodeId } from '../graph/types';

/**
 * Every kind once or more: explicit padding, dilation, batch and layer norm, Leaky ReLU, a residual Add, a
 * Concatenate, both pools, a transposed conv, upsampling, global pooling, reshape, flatten, dropout and dense.
 */
export function everyKindGraph(): Graph {
  const n: [string, LayerSpec][] = [
    ['input_1', L.image()],
    ['conv2d_1', L.conv(4, 3, { padding: { explicit: 1 }, activation: 'linear' })],
    ['batch_norm_1', L.batchNorm()],
    ['activation_1', L.act('leakyRelu', 0.1)],
    ['conv2d_2', L.conv(4, 3, { dilation: 2, activation: 'tanh' })],
    ['add_1', { kind: 'add' }],
    ['concatenate_1', { kind: 'concatenate' }],
    ['layer_norm_1', L.layerNorm()],
    ['max_pool_1', L.maxPool()],
    ['avg_pool_1', L.avgPool(2, 2, 'same')],
    ['conv2d_transpose_1', L.deconv(4, 3, { activation: 'sigmoid' })],
    ['up_sampling_1', L.upSample()],
    ['conv2d_3', L.conv(8, 3, { stride: 2, padding: 'valid', activation: 'elu' })],
    ['global_avg_pool_1', L.globalAvgPool()],
    ['reshape_1', L.reshape([2, 2, 2])],
    ['flatten_1', L.flatten()],
    ['dropout_1', L.dropout(0.3)],
    ['dense_1', L.dense(10, 'softmax')],
  ];
  const chainEdges: [string, string][] = [
    ['input_1', 'conv2d_1'],
    ['conv2d_1', 'batch_norm_1'],
    ['batch_norm_1', 'activation_1'],
    ['activation_1', 'conv2d_2'],
    ['activation_1', 'add_1'],
    ['conv2d_2', 'add_1'],
    ['add_1', 'concatenate_1'],
    ['activation_1', 'concatenate_1'],
    ['concatenate_1', 'layer_norm_1'],
    ['layer_norm_1', 'max_pool_1'],
    ['max_pool_1', 'avg_pool_1'],
    ['avg_pool_1', 'conv2d_transpose_1'],
    ['conv2d_transpose_1', 'up_sampling_1'],
    ['up_sampling_1', 'conv2d_3'],
    ['conv2d_3', 'global_avg_pool_1'],
    ['global_avg_pool_1', 'reshape_1'],
    ['reshape_1', 'flatten_1'],
    ['flatten_1', 'dropout_1'],
    ['dropout_1', 'dense_1'],
  ];
  return autoLayout({
    version: GRAPH_VERSION,
    role: 'classifier',
    nodes: n.map(([id, layer]) => ({ id: asNodeId(id), layer, position: { x: 0, y: 0 }, frozen: false })),
    edges: chainEdges.map(([s, t]) => ({ id: `${s}->${t}`, source: asNodeId(s), target: asNodeId(t) })),
  });
}

/**
 * The nodes (id and layer) and each node's inputs in order, for comparing two graphs whatever their layout and the
 * order of their lists.
 */
export function networkOf(g: Graph): { role: string; nodes: string[]; inputs: string[] } {
  return {
    role: g.role,
    nodes: g.nodes.map((x) => `${x.id} ${JSON.stringify(x.layer)}`).sort(),
    inputs: g.nodes
      .map(
        (x) =>
          `${x.id} <- ${g.edges
            .filter((e) => e.target === x.id)
            .map((e) => e.source)
            .join(', ')}`,
      )
      .sort(),
  };
}
