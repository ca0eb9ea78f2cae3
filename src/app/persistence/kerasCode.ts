/**
 * Export a graph as a Python script that builds the same network with the tf.keras functional API, for users who
 * outgrow the browser. Node ids become layer names, so weights and summaries line up with the playground.
 */
import { endsInSigmoid } from '../../engine/graph/graphUtils';
import type { Hyper } from '../../engine/train/hyper';
import { effectiveLearningRate } from '../../engine/train/hyper';
import { outputNode, predecessors, topologicalOrder } from '../../engine/graph/graphUtils';
import type {
  FusedActivation,
  Graph,
  GraphNode,
  Initializer,
  LayerSpec,
  NodeId,
  Pair,
} from '../../engine/graph/types';
import { assertNever } from '../../engine/graph/types';

const INITIALIZERS: Record<Initializer, string> = {
  heNormal: 'he_normal',
  heUniform: 'he_uniform',
  glorotUniform: 'glorot_uniform',
  glorotNormal: 'glorot_normal',
  zeros: 'zeros',
};

/** A Python string literal (single quotes), safe for any text. */
export const pyStr = (s: string): string =>
  `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
const pyNum = (n: number): string => String(n);
const pyBool = (b: boolean): string => (b ? 'True' : 'False');
const tuple = (xs: readonly number[]): string => (xs.length === 1 ? `(${xs[0]},)` : `(${xs.join(', ')})`);
const pair = (p: Pair): string => tuple(p);

function kwargs(parts: readonly (string | null)[]): string {
  return parts.filter((p): p is string => p !== null).join(', ');
}

const act = (a: FusedActivation): string => `activation=${pyStr(a)}`;

/** The Keras layer constructor call for one layer spec (without the `(inputs)` application). */
export function kerasLayer(layer: LayerSpec, name: string): string {
  const n = `name=${pyStr(name)}`;
  switch (layer.kind) {
    case 'input':
      return `keras.Input(shape=${tuple(layer.shape)}, ${n})`;
    case 'conv2d': {
      const padding = typeof layer.padding === 'object' ? 'valid' : layer.padding;
      return `layers.Conv2D(${kwargs([
        String(layer.filters),
        `kernel_size=${pair(layer.kernel)}`,
        `strides=${pair(layer.stride)}`,
        `padding=${pyStr(padding)}`,
        layer.dilation[0] !== 1 || layer.dilation[1] !== 1 ? `dilation_rate=${pair(layer.dilation)}` : null,
        act(layer.activation),
        `use_bias=${pyBool(layer.useBias)}`,
        `kernel_initializer=${pyStr(INITIALIZERS[layer.initializer])}`,
        n,
      ])})`;
    }
    case 'conv2dTranspose':
      return `layers.Conv2DTranspose(${kwargs([
        String(layer.filters),
        `kernel_size=${pair(layer.kernel)}`,
        `strides=${pair(layer.stride)}`,
        `padding=${pyStr(layer.padding)}`,
        act(layer.activation),
        `use_bias=${pyBool(layer.useBias)}`,
        `kernel_initializer=${pyStr(INITIALIZERS[layer.initializer])}`,
        n,
      ])})`;
    case 'maxPool2d':
    case 'avgPool2d':
      return `layers.${layer.kind === 'maxPool2d' ? 'MaxPooling2D' : 'AveragePooling2D'}(pool_size=${pair(
        layer.pool,
      )}, strides=${pair(layer.stride)}, padding=${pyStr(layer.padding)}, ${n})`;
    case 'globalAvgPool':
      return `layers.GlobalAveragePooling2D(${n})`;
    case 'dense':
      return `layers.Dense(${kwargs([
        String(layer.units),
        act(layer.activation),
        `use_bias=${pyBool(layer.useBias)}`,
        `kernel_initializer=${pyStr(INITIALIZERS[layer.initializer])}`,
        n,
      ])})`;
    case 'flatten':
      return `layers.Flatten(${n})`;
    case 'reshape':
      return `layers.Reshape(${tuple(layer.shape)}, ${n})`;
    case 'dropout':
      return `layers.Dropout(${pyNum(layer.rate)}, ${n})`;
    case 'batchNorm':
      return `layers.BatchNormalization(momentum=${pyNum(layer.momentum)}, epsilon=${pyNum(layer.epsilon)}, ${n})`;
    case 'activation':
      // Positional slope: tf.keras 2 calls it alpha, Keras 3 negative_slope; both take it first.
      return layer.fn === 'leakyRelu'
        ? `layers.LeakyReLU(${pyNum(layer.alpha)}, ${n})`
        : `layers.Activation(${pyStr(layer.fn)}, ${n})`;
    case 'upSampling2d':
      return `layers.UpSampling2D(size=${pair(layer.size)}, ${n})`;
    case 'add':
      return `layers.Add(${n})`;
    case 'concatenate':
      return `layers.Concatenate(${n})`;
    default:
      return assertNever(layer);
  }
}

/** Python variable names from node ids: unique, valid identifiers. */
function variableNames(nodes: readonly GraphNode[]): Map<NodeId, string> {
  const used = new Set<string>();
  const names = new Map<NodeId, string>();
  for (const node of nodes) {
    const base = `x_${node.id.replace(/[^A-Za-z0-9_]/g, '_')}`;
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}_${i}`;
    used.add(name);
    names.set(node.id, name);
  }
  return names;
}

function optimizerCode(h: Hyper): string {
  const rate =
    h.decay > 0
      ? `keras.optimizers.schedules.InverseTimeDecay(${pyNum(h.learningRate)}, decay_steps=1, decay_rate=${pyNum(h.decay)})`
      : pyNum(effectiveLearningRate(h, 0));
  // The playground clips by the norm of all gradients together: Keras's global_clipnorm (clipnorm is per variable).
  const lr = h.clipNorm > 0 ? `${rate}, global_clipnorm=${pyNum(h.clipNorm)}` : rate;
  switch (h.optimizer) {
    case 'sgd':
      return `keras.optimizers.SGD(learning_rate=${lr})`;
    case 'momentum':
      return `keras.optimizers.SGD(learning_rate=${lr}, momentum=${pyNum(h.momentum)})`;
    case 'adam':
      return `keras.optimizers.Adam(learning_rate=${lr})`;
    case 'adadelta':
      return `keras.optimizers.Adadelta(learning_rate=${lr})`;
    case 'rmsprop':
      return `keras.optimizers.RMSprop(learning_rate=${lr})`;
    default:
      return assertNever(h.optimizer);
  }
}

function compileCode(g: Graph, hyper: Hyper | undefined): string[] {
  if (!hyper || g.role === 'generator') return [];
  const loss =
    g.role === 'classifier'
      ? "'categorical_crossentropy'"
      : g.role === 'autoencoder'
        ? endsInSigmoid(g)
          ? "'binary_crossentropy'"
          : "'mean_squared_error'"
        : 'keras.losses.BinaryCrossentropy(from_logits=True)';
  const metrics = g.role === 'autoencoder' ? '' : ", metrics=['accuracy']";
  return ['', `model.compile(optimizer=${optimizerCode(hyper)}, loss=${loss}${metrics})`];
}

/**
 * A runnable Python script building the graph. A graph with a cycle or no output cannot be built; the script then
 * says so and raises, rather than producing a network that differs from the one in the playground.
 */
export function graphToKeras(graph: Graph, hyper?: Hyper): string {
  const head = [
    '# Built with the CNN playground. Run with: python model.py  (needs: pip install tensorflow)',
    'from tensorflow import keras',
    'from tensorflow.keras import layers',
    '',
  ];
  const order = topologicalOrder(graph);
  const out = outputNode(graph);
  if (order.length < graph.nodes.length || out === undefined) {
    const why = out === undefined ? 'it has no output layer' : 'its connections form a cycle';
    return [...head, `raise ValueError(${pyStr(`This network cannot be built: ${why}.`)})`, ''].join('\n');
  }
  const byId = new Map(graph.nodes.map((n) => [n.id, n] as const));
  const vars = variableNames(order.map((id) => byId.get(id)!));
  const lines: string[] = [];
  const inputs: string[] = [];
  for (const id of order) {
    const node = byId.get(id)!;
    const v = vars.get(id)!;
    const layer = node.layer;
    if (layer.kind === 'input') {
      inputs.push(v);
      lines.push(`${v} = ${kerasLayer(layer, id)}`);
      continue;
    }
    const ins = predecessors(graph, id).map((p) => vars.get(p) ?? 'None');
    const merge = layer.kind === 'add' || layer.kind === 'concatenate';
    let arg = merge ? `[${ins.join(', ')}]` : (ins[0] ?? 'None');
    if (layer.kind === 'conv2d' && typeof layer.padding === 'object') {
      lines.push(
        `${v}_padded = layers.ZeroPadding2D(padding=${layer.padding.explicit}, name=${pyStr(`${id}_pad`)})(${arg})`,
      );
      arg = `${v}_padded`;
    }
    lines.push(`${v} = ${kerasLayer(layer, id)}(${arg})`);
  }
  const frozen = graph.nodes.filter((n) => n.frozen && n.layer.kind !== 'input');
  const inputList = inputs.length === 1 ? inputs[0] : `[${inputs.join(', ')}]`;
  return [
    ...head,
    ...lines,
    '',
    `model = keras.Model(inputs=${inputList}, outputs=${vars.get(out)}, name=${pyStr(graph.role)})`,
    ...frozen.map((n) => `model.get_layer(${pyStr(n.id)}).trainable = False  # frozen in the playground`),
    ...compileCode(graph, hyper),
    'model.summary()',
    '',
  ].join('\n');
}
