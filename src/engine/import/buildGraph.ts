/**
 * A model's layers (topology.ts) → the playground's graph: each layer mapped by kerasLayer.ts, a ZeroPadding2D
 * folded into the Conv2D after it as explicit padding, the input read as the dataset's images where the model
 * takes them flattened, node ids kept where they are the playground's own ('conv2d_1') and made otherwise, edges in
 * input order, the role (autoencoder when the output has the input's shape) and a layout. Layers that cannot be
 * mapped are all named in one message, with the ones that can.
 */
import type { Graph, GraphEdge, GraphNode, LayerKind, LayerSpec, NodeId, Shape } from '../graph/types';
import { GRAPH_VERSION, asNodeId } from '../graph/types';
import { LAYERS } from '../layers/registry';
import { autoLayout } from '../graph/layout';
import { formatShape } from '../graph/convArithmetic';
import { outputShapes } from './outputShapes';
import { outputNode } from '../graph/graphUtils';
import { parseGraph } from '../graph/parse';
import { IMPORTABLE_CLASSES, mapLayer, type Mapped } from './kerasLayer';
import { failure, ok, type RawLayer, type RawModel, type Result } from './types';

export interface BuiltGraph {
  readonly graph: Graph;
  /** The node each model layer became (layers folded away, like a ZeroPadding2D, are absent). */
  readonly nodeOf: ReadonlyMap<string, NodeId>;
  readonly notes: readonly string[];
  readonly inputShape: Shape;
}

interface Pending {
  readonly raw: RawLayer;
  spec: LayerSpec;
  readonly axis: number | undefined;
  /** The model layers whose outputs feed this node, after folding paddings away. */
  inputs: string[];
}

const product = (s: Shape): number => s.reduce((a, b) => a * b, 1);
const label = (l: RawLayer): string => `${l.className} '${l.name}'`;

/** The graph's input shape for the model's declared one, and a layer to insert after it (a Flatten), if any. */
function adaptInput(
  declared: readonly (number | null)[],
  imageShape: Shape,
  consumers: readonly RawLayer[],
): Result<{ shape: Shape; flatten: boolean; note: string | null }> {
  const img = formatShape(imageShape);
  if (declared.length === 3 && declared.some((d) => d === null)) {
    const fits = declared.every((d, i) => d === null || d === imageShape[i]);
    if (!fits)
      return failure(
        `The model's input ${JSON.stringify(declared)} leaves sizes open that do not fit ${img} images.`,
      );
    return ok({
      shape: [...imageShape],
      flatten: false,
      note: `The model leaves its input size open; it takes ${img} images here.`,
    });
  }
  if (declared.some((d) => d === null))
    return failure(
      `The model's input ${JSON.stringify(declared)} leaves sizes open; the playground needs fixed sizes.`,
    );
  const shape = declared as Shape;
  if (shape.length === 3) return ok({ shape, flatten: false, note: null });
  if (shape.length === 1 && shape[0] === product(imageShape))
    return ok({
      shape: [...imageShape],
      flatten: true,
      note: `The model takes vectors of ${shape[0]} values: a Flatten turns the ${img} images into them, in the order reshape uses.`,
    });
  if (shape.length === 2 && imageShape[2] === 1 && shape[0] === imageShape[0] && shape[1] === imageShape[1]) {
    if (consumers.every((c) => c.className === 'Flatten'))
      return ok({
        shape: [...imageShape],
        flatten: false,
        note: `The model's ${formatShape(shape)} input takes ${img} images here.`,
      });
  }
  return failure(
    `The model's input is ${formatShape(shape)}; the playground's networks take images (height×width×channels, here ${img}).`,
  );
}

/**
 * Node ids: the layers' own names when every one is already an id of the playground's kind ('conv2d_3', as the app
 * exports), else 'conv2d_1', 'conv2d_2', … in order.
 */
function assignIds(items: readonly { name: string; kind: LayerKind }[]): NodeId[] {
  const own = items.map(({ name, kind }) =>
    new RegExp(`^${LAYERS[kind].idPrefix}_[1-9][0-9]{0,5}$`).test(name),
  );
  if (own.every(Boolean) && new Set(items.map((i) => i.name)).size === items.length)
    return items.map((i) => asNodeId(i.name));
  const next = new Map<string, number>();
  return items.map(({ kind }) => {
    const n = (next.get(kind) ?? 0) + 1;
    next.set(kind, n);
    return asNodeId(`${LAYERS[kind].idPrefix}_${n}`);
  });
}

function cannotMap(
  model: RawModel,
  mapped: ReadonlyMap<string, Mapped>,
  reasons: ReadonlyMap<string, string>,
): string {
  const unknown = model.layers.filter((l) => mapped.get(l.name)?.kind === 'unknown');
  const parts: string[] = [];
  if (unknown.length > 0) parts.push(`The playground has no layer for ${unknown.map(label).join(', ')}.`);
  for (const l of model.layers) {
    const why = reasons.get(l.name);
    if (why) parts.push(`${label(l)} cannot be shown: ${why}.`);
  }
  const fine = model.layers.filter((l) => mapped.get(l.name)?.kind !== 'unknown' && !reasons.has(l.name));
  if (fine.length > 0)
    parts.push(`These ${fine.length} layers could be mapped: ${fine.map((l) => `'${l.name}'`).join(', ')}.`);
  parts.push(`Import model reads ${IMPORTABLE_CLASSES.join(', ')}.`);
  return parts.join(' ');
}

export function buildGraph(model: RawModel, imageShape: Shape): Result<BuiltGraph> {
  const mapped = new Map(model.layers.map((l) => [l.name, mapLayer(l)] as const));
  const reasons = new Map<string, string>();
  for (const [name, m] of mapped) if (m.kind === 'unsupported') reasons.set(name, m.why);
  const consumers = (name: string) => model.layers.filter((l) => l.inputs.includes(name));

  // Paddings fold into the Conv2D after them; `through` maps a padding to the layer before it.
  const through = new Map<string, string>();
  const padOf = new Map<string, number>();
  for (const l of model.layers) {
    const m = mapped.get(l.name);
    if (m?.kind !== 'pad') continue;
    const next = consumers(l.name);
    const conv = next.length === 1 ? mapped.get((next[0] as RawLayer).name) : undefined;
    const fits =
      m.amount !== null &&
      l.inputs.length === 1 &&
      conv?.kind === 'layer' &&
      conv.spec.kind === 'conv2d' &&
      conv.spec.padding === 'valid';
    if (!fits) {
      reasons.set(
        l.name,
        'the playground pads only inside a convolution, so it must pad all four sides alike and feed one Conv2D with valid padding',
      );
      continue;
    }
    through.set(l.name, l.inputs[0] as string);
    padOf.set((next[0] as RawLayer).name, m.amount as number);
  }
  const inputs = model.layers.filter((l) => mapped.get(l.name)?.kind === 'input');
  if (inputs.length !== 1 && reasons.size === 0)
    return failure(`The model has ${inputs.length} input layers; the playground's networks take one.`);
  if (reasons.size > 0 || [...mapped.values()].some((m) => m.kind === 'unknown'))
    return failure(cannotMap(model, mapped, reasons));

  const inputLayer = inputs[0] as RawLayer;
  const declared = (mapped.get(inputLayer.name) as Extract<Mapped, { kind: 'input' }>).shape;
  const input = adaptInput(declared, imageShape, consumers(inputLayer.name));
  if (!input.ok) return input;
  const notes: string[] = input.value.note ? [input.value.note] : [];

  const resolve = (name: string): string => through.get(name) ?? name;
  const pending: Pending[] = [];
  for (const l of model.layers) {
    const m = mapped.get(l.name) as Mapped;
    if (m.kind === 'pad') continue;
    const spec: LayerSpec =
      m.kind === 'input'
        ? { kind: 'input', source: 'dataset', shape: input.value.shape }
        : (m as Extract<Mapped, { kind: 'layer' }>).spec;
    const pad = padOf.get(l.name);
    const withPad: LayerSpec =
      pad !== undefined && spec.kind === 'conv2d'
        ? { ...spec, padding: pad === 0 ? 'valid' : { explicit: pad } }
        : spec;
    pending.push({
      raw: l,
      spec: withPad,
      axis: m.kind === 'layer' ? m.axis : undefined,
      inputs: l.inputs.map(resolve),
    });
  }
  if (padOf.size > 0) notes.push("Each ZeroPadding2D before a Conv2D became that convolution's padding P.");

  // The flattening an input of vectors needs is a node of its own, between the input and its consumers.
  const FLAT = '\u0000flatten';
  if (input.value.flatten) {
    for (const p of pending) p.inputs = p.inputs.map((s) => (s === inputLayer.name ? FLAT : s));
    const at = pending.findIndex((p) => p.raw === inputLayer) + 1;
    pending.splice(at, 0, {
      raw: { className: 'Flatten', name: FLAT, config: {}, inputs: [] },
      spec: { kind: 'flatten' },
      axis: undefined,
      inputs: [inputLayer.name],
    });
  }

  const ids = assignIds(pending.map((p) => ({ name: p.raw.name, kind: p.spec.kind })));
  const nodeOf = new Map(pending.map((p, i) => [p.raw.name, ids[i] as NodeId] as const));
  const nodes: GraphNode[] = pending.map((p, i) => ({
    id: ids[i] as NodeId,
    layer: p.spec,
    position: { x: 0, y: 0 },
    frozen: false,
  }));
  const edges: GraphEdge[] = [];
  for (const [i, p] of pending.entries()) {
    for (const src of p.inputs) {
      const source = nodeOf.get(src);
      if (source === undefined)
        return failure(`Layer '${p.raw.name}' reads from '${src}', which could not be mapped.`);
      const target = ids[i] as NodeId;
      edges.push({ id: `${source}->${target}`, source, target });
    }
  }
  const draft: Graph = { version: GRAPH_VERSION, role: 'classifier', nodes, edges };
  const out = nodeOf.get(resolve(model.output));
  if (out === undefined || outputNode(draft) !== out)
    return failure("The model's output layer is not the end of its network (some layers lead nowhere).");

  const info = outputShapes(draft);
  for (const p of pending) {
    if (p.axis === undefined || p.axis === -1) continue;
    const src = nodeOf.get(p.inputs[0] ?? '');
    const rank = src === undefined ? undefined : info.get(src)?.length;
    if (rank !== undefined && p.axis !== rank)
      return failure(
        `${label(p.raw)} works along axis ${p.axis}; the playground's ${p.raw.className} works along the last axis (${rank}).`,
      );
  }
  const outShape = info.get(out) ?? null;
  const same =
    outShape !== null && outShape.length === 3 && outShape.every((d, i) => d === input.value.shape[i]);
  const graph = autoLayout({ ...draft, role: same ? 'autoencoder' : 'classifier' });

  // The graph reader checks every value against the playground's limits (e.g. a dropout rate below 1).
  const checked = parseGraph(JSON.parse(JSON.stringify(graph)) as unknown);
  if (!checked.ok) {
    const e = checked.errors[0];
    const m = e ? /^nodes\[(\d+)\]\.layer\.?(.*)$/.exec(e.path) : null;
    const node = m ? pending[Number(m[1])] : undefined;
    const where = node ? `${label(node.raw)}: its ${m?.[2] || 'settings'}` : e?.path || 'the model';
    return failure(`${where} ${e?.message ?? 'is out of range'}.`);
  }
  return ok({ graph, nodeOf, notes, inputShape: input.value.shape });
}
