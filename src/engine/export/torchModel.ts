/**
 * A graph as a torch.nn.Module class: one child module per node (named by its id, so the shape check and a state
 * dict line up with the playground), the forward pass in topological order, the playground's initialisers, frozen
 * layers without gradients, and APP_SHAPES: the app's shape inference, which check_shapes compares with PyTorch's.
 */
import { formatShape } from '../graph/convArithmetic';
import { outputNode, predecessors, topologicalOrder } from '../graph/graphUtils';
import { inferShapes } from '../graph/shapes';
import type { Graph, NodeId, Shape } from '../graph/types';
import { pyStr, tuple } from '../layers/python';
import { pythonNames } from './pyNames';
import type { TorchHelper } from './torchHelpers';
import { torchLayer, type TorchLayer } from './torchLayers';

export interface TorchModel {
  readonly className: string;
  readonly lines: readonly string[];
  readonly helpers: ReadonlySet<TorchHelper>;
  /** Why the graph cannot be built (the class then raises it), or null. */
  readonly error: string | null;
  /** Per node with a module: its attribute name, the app's output shape and its PyTorch layer. */
  readonly layers: readonly {
    readonly id: NodeId;
    readonly attr: string;
    readonly shape: Shape;
    readonly torch: TorchLayer;
  }[];
}

function buildError(graph: Graph): string | null {
  const order = topologicalOrder(graph);
  if (order.length < graph.nodes.length) return 'its connections form a cycle';
  if (outputNode(graph) === undefined) return 'it has no output layer';
  const info = inferShapes(graph);
  for (const n of graph.nodes) {
    const i = info.get(n.id);
    if (i?.error) return `${n.id}: ${i.error}`;
    if (!i?.output) return `${n.id} has no output shape`;
  }
  return null;
}

const failing = (className: string, why: string): TorchModel => ({
  className,
  error: why,
  helpers: new Set(),
  layers: [],
  lines: [
    `class ${className}(nn.Module):`,
    '    def __init__(self):',
    '        super().__init__()',
    `        raise ValueError(${pyStr(`This network cannot be built: ${why}. Fix it in the playground first.`)})`,
  ],
});

export function torchModel(graph: Graph, className: string): TorchModel {
  const why = buildError(graph);
  if (why !== null) return failing(className, why);
  const info = inferShapes(graph);
  const order = topologicalOrder(graph);
  const byId = new Map(graph.nodes.map((n) => [n.id, n] as const));
  const attrs = pythonNames(order);
  const vars = pythonNames(order, 'x_');
  const helpers = new Set<TorchHelper>();
  const layers: TorchModel['layers'][number][] = [];
  const ctor: string[] = [];
  const forward: string[] = [];
  for (const id of order) {
    const node = byId.get(id)!;
    const shape = info.get(id)!.output!;
    const ins = predecessors(graph, id);
    const t = torchLayer(node.layer, {
      inputs: ins.map((p) => info.get(p)!.output!),
      output: shape,
    });
    t.helpers.forEach((h) => helpers.add(h));
    const v = vars.get(id)!;
    if (t.module === null) {
      forward.push(`${v} = x  # ${formatShape(shape)}`);
      continue;
    }
    const attr = attrs.get(id)!;
    layers.push({ id, attr, shape, torch: t });
    ctor.push(`self.${attr} = ${t.module}` + (t.note ? `  # ${t.note}` : ''));
    forward.push(`${v} = self.${attr}(${ins.map((p) => vars.get(p)!).join(', ')})  # ${formatShape(shape)}`);
  }
  const inits = layers
    .filter((l) => l.torch.init !== null)
    .map((l) => `init_weights(self.${l.attr}, ${pyStr(l.torch.init!)})`);
  const frozen = layers.filter((l) => byId.get(l.id)!.frozen).map((l) => pyStr(l.attr));
  const renamed = layers.filter((l) => l.attr !== l.id);
  const inputs = order.filter((id) => byId.get(id)!.layer.kind === 'input').length;
  const ind = (xs: readonly string[], n: number) => xs.map((l) => ' '.repeat(n) + l);
  const lines = [
    `class ${className}(nn.Module):`,
    `    """The playground's ${graph.role}: one child module per layer, named as in the playground. Comments give`,
    '    each output as the playground shows it (H×W×C); image tensors here are N×C×H×W."""',
    '',
    "    APP_SHAPES = {  # output shapes by the playground's own shape inference",
    ...layers.map((l) => `        ${pyStr(l.attr)}: ${tuple(l.shape)},`),
    '    }',
    `    FROZEN = [${frozen.join(', ')}]  # frozen in the playground: their weights are not trained`,
    ...(renamed.length > 0
      ? [
          `    NODE_IDS = {${renamed.map((l) => `${pyStr(l.attr)}: ${pyStr(l.id)}`).join(', ')}}  # the playground's names`,
        ]
      : []),
    '',
    '    def __init__(self):',
    '        super().__init__()',
    ...ind(ctor, 8),
    ...ind(inits, 8),
    '        for name in self.FROZEN:',
    '            getattr(self, name).requires_grad_(False)',
    '',
    '    def forward(self, x):',
    ...(inputs > 1 ? ['        # Every Input takes the same batch.'] : []),
    ...ind(forward, 8),
    `        return ${vars.get(outputNode(graph)!)}`,
  ];
  return { className, lines, helpers, layers, error: null };
}
