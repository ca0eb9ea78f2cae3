/**
 * The notebook's words about each layer: the playground's own explanation and formula for its kind (from its layer
 * module, the same text the inspector shows), the formula with this network's numbers (shape inference's), the
 * parameter count, TF's 'same' padding written out as P before and after, and the PyTorch module that does it.
 */
import { dilatedSize, formatShape } from '../graph/convArithmetic';
import { topologicalOrder } from '../graph/graphUtils';
import { inferShapes } from '../graph/shapes';
import type { Graph, LayerSpec, Pair, Shape } from '../graph/types';
import { moduleOf } from '../layers/registry';
import type { TorchModel } from './torchModel';
import { samePads } from './torchLayers';

const code = (s: string): string => `\`${s.replace(/`/g, "'")}\``;
const num = (x: number): string => (Number.isInteger(x) ? String(x) : String(Math.round(x * 1000) / 1000));

/** (W − F + P_before + P_after) / S + 1 for TF 'same' padding along one axis, with the numbers. */
export function sameAxisFormula(w: number, extent: number, stride: number): string {
  const [before, after] = samePads(w, extent, stride);
  const exact = (w - extent + before + after) / stride + 1;
  const out = Math.floor(exact);
  return `(${w} − ${extent} + ${before} + ${after}) / ${stride} + 1 = ${num(exact)}${exact === out ? '' : ` → ${out}`}`;
}

/** The 'same' window of a conv or pool: its extent and stride per axis, or null when it is not 'same'. */
function sameWindow(layer: LayerSpec): { extent: Pair; stride: Pair } | null {
  if (layer.kind === 'conv2d' && layer.padding === 'same')
    return {
      extent: [
        dilatedSize(layer.kernel[0], layer.dilation[0]),
        dilatedSize(layer.kernel[1], layer.dilation[1]),
      ],
      stride: layer.stride,
    };
  if ((layer.kind === 'maxPool2d' || layer.kind === 'avgPool2d') && layer.padding === 'same')
    return { extent: layer.pool, stride: layer.stride };
  return null;
}

function samePaddingLine(layer: LayerSpec, input: Shape | undefined): string | null {
  const win = sameWindow(layer);
  if (!win || !input || input.length !== 3) return null;
  const h = sameAxisFormula(input[0] as number, win.extent[0], win.stride[0]);
  const w = sameAxisFormula(input[1] as number, win.extent[1], win.stride[1]);
  const both = h === w ? code(h) : `height ${code(h)}, width ${code(w)}`;
  return `- 'same' padding as P before + P after (TF puts an odd pixel after): ${both}`;
}

/** One markdown cell per layer, in the order the data flows. */
export function layerNotes(graph: Graph, model: TorchModel): string[] {
  const info = inferShapes(graph);
  const byId = new Map(graph.nodes.map((n) => [n.id, n] as const));
  const torchOf = new Map(model.layers.map((l) => [l.id, l] as const));
  const inputOf = (id: string): Shape | undefined => {
    const e = graph.edges.find((x) => x.target === id);
    return e ? (info.get(e.source)?.output ?? undefined) : undefined;
  };
  return topologicalOrder(graph).map((id) => {
    const node = byId.get(id)!;
    const m = moduleOf(node.layer);
    const i = info.get(id);
    const out = i?.output ? formatShape(i.output) : '?';
    const t = torchOf.get(id);
    const lines = [
      `### ${id} · ${m.title} → ${out}`,
      '',
      m.explanation,
      '',
      ...(m.formula ? [`- Formula: ${code(m.formula)}`] : []),
      ...(i?.formula ? i.formula.split('\n').map((f) => `- Here: ${code(f)}`) : []),
      ...[samePaddingLine(node.layer, inputOf(id))].filter((l): l is string => l !== null),
      `- Parameters: ${i?.paramFormula ? code(i.paramFormula) : (i?.params ?? 0)}`,
      ...(node.frozen && node.layer.kind !== 'input'
        ? ['- Frozen in the playground: its weights are not trained.']
        : []),
      ...(t?.torch.module
        ? [`- PyTorch: ${code(t.torch.module)}${t.torch.note ? ` (${t.torch.note})` : ''}`]
        : []),
    ];
    return lines.join('\n');
  });
}

/** A table of the network: layer, kind, output, parameters. */
export function layerTable(graph: Graph): string {
  const info = inferShapes(graph);
  const byId = new Map(graph.nodes.map((n) => [n.id, n] as const));
  const rows = topologicalOrder(graph).map((id) => {
    const i = info.get(id);
    const node = byId.get(id)!;
    return `| ${id} | ${moduleOf(node.layer).title}${node.frozen ? ' (frozen)' : ''} | ${i?.output ? formatShape(i.output) : '?'} | ${i?.params ?? 0} |`;
  });
  const total = [...info.values()].reduce((a, x) => a + x.params, 0);
  return [
    '| layer | kind | output | parameters |',
    '| --- | --- | --- | ---: |',
    ...rows,
    `| | | total | ${total} |`,
  ].join('\n');
}
