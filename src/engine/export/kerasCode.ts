/**
 * Export a graph as a Python script that builds the same network with the tf.keras functional API, for users who
 * outgrow the browser. Each layer's line comes from its module (src/engine/layers/<kind>.ts). Node ids become layer names, so weights and summaries line up with the playground.
 */
import { endsInSigmoid, outputNode, predecessors, topologicalOrder } from '../graph/graphUtils';
import type { Hyper } from '../train/hyper';
import { effectiveLearningRate } from '../train/hyper';
import type { Graph, GraphNode, NodeId } from '../graph/types';
import { assertNever } from '../assertNever';
import { moduleOf } from '../layers/registry';
import { pyNum, pyStr } from '../layers/python';

export { pyStr } from '../layers/python';

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

/**
 * The Keras optimizer with the playground's settings: the decay as an InverseTimeDecay schedule, the linear schedule as
 * a PolynomialDecay (power 1) to 0 over SCHEDULE_STEPS, which the code around it defines (scheduleStepsLine).
 */
export function optimizerCode(h: Hyper): string {
  const rate =
    h.schedule === 'linear'
      ? `keras.optimizers.schedules.PolynomialDecay(${pyNum(h.learningRate)}, decay_steps=SCHEDULE_STEPS, end_learning_rate=0.0)`
      : h.decay > 0
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
    case 'lbfgs':
    case 'cg':
      // Keras has no line-search optimizer (scipy.optimize.minimize or tfp.optimizer.lbfgs_minimize do it on the
      // flattened weights): Adam stands in.
      return `keras.optimizers.Adam(learning_rate=${lr})`;
    default:
      return assertNever(h.optimizer);
  }
}

/**
 * The linear schedule's length in steps, as Python: the run's epochs of batches of x_train. `names`: the script's
 * variables; without them the settings' values are written in.
 */
export function scheduleStepsLine(h: Hyper, names?: { epochs: string; batch: string }): string {
  const epochs = names?.epochs ?? String(h.epochs);
  const batch = names?.batch ?? String(h.batchSize);
  return `SCHEDULE_STEPS = ${epochs} * -(-len(x_train) // ${batch})  # the learning rate falls linearly to 0 over the epochs`;
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
  return [
    '',
    ...(hyper.schedule === 'linear' ? [scheduleStepsLine(hyper)] : []),
    `model.compile(optimizer=${optimizerCode(hyper)}, loss=${loss}${metrics})`,
  ];
}

/** The lines that build the graph as `model` (layer by layer, then frozen layers), or why it cannot be built. */
export function kerasModelLines(graph: Graph): { readonly lines: string[] } | { readonly error: string } {
  const order = topologicalOrder(graph);
  const out = outputNode(graph);
  if (order.length < graph.nodes.length || out === undefined)
    return { error: out === undefined ? 'it has no output layer' : 'its connections form a cycle' };
  const byId = new Map(graph.nodes.map((n) => [n.id, n] as const));
  const vars = variableNames(order.map((id) => byId.get(id)!));
  const lines: string[] = [];
  const inputs: string[] = [];
  for (const id of order) {
    const node = byId.get(id)!;
    const v = vars.get(id)!;
    const layer = node.layer;
    const m = moduleOf(layer);
    const ins = predecessors(graph, id).map((p) => vars.get(p) ?? 'None');
    const arg = m.arity === 'many' ? `[${ins.join(', ')}]` : (ins[0] ?? 'None');
    const k = m.keras(layer, { name: `name=${pyStr(id)}`, id, variable: v, input: arg });
    lines.push(...k.before);
    if (m.arity === 'none') {
      inputs.push(v);
      lines.push(`${v} = ${k.call}`);
    } else {
      lines.push(`${v} = ${k.call}(${k.input})`);
    }
  }
  const frozen = graph.nodes.filter((n) => n.frozen && n.layer.kind !== 'input');
  const inputList = inputs.length === 1 ? inputs[0] : `[${inputs.join(', ')}]`;
  return {
    lines: [
      ...lines,
      '',
      `model = keras.Model(inputs=${inputList}, outputs=${vars.get(out)}, name=${pyStr(graph.role)})`,
      ...frozen.map((n) => `model.get_layer(${pyStr(n.id)}).trainable = False  # frozen in the playground`),
    ],
  };
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
  const built = kerasModelLines(graph);
  if ('error' in built) {
    return [...head, `raise ValueError(${pyStr(`This network cannot be built: ${built.error}.`)})`, ''].join(
      '\n',
    );
  }
  return [...head, ...built.lines, ...compileCode(graph, hyper), 'model.summary()', ''].join('\n');
}
