/**
 * From a layerIO probe result and the chosen cell to what the Convolution step region draws and says: the cell's
 * arithmetic (engine/inspect), the picture's data and the lines of text. Pure, so arrow-key steps cost no probe.
 * Rows, columns, filters and units count from 1 in the text (the pick stays 0-based); numbers are shown with three
 * significant digits and "sum + bias = pre" adds the shown parts, so the line reads as correct arithmetic.
 */
import type { Graph } from '../../engine/graph/types';
import { successors } from '../../engine/graph/graphUtils';
import type { LayerIOResult } from '../../engine/train/probes/types';
import { convAxes, convCell } from '../../engine/inspect/convCell';
import { poolAxes, poolCell } from '../../engine/inspect/poolCell';
import { denseUnit } from '../../engine/inspect/denseUnit';
import { activationName, applyActivation } from '../../engine/inspect/activationFn';
import type { FusedActivation } from '../../engine/layers/primitives';
import { coveringOutput, type FloatMap } from '../../engine/inspect/window';
import type { ConvStepView } from '../../visualizers/convStepPaint';
import { fmt, shownSum } from '../../visualizers/stepNumber';
import { edgeWords, insideSpan } from './convStepWords';

/** Grids drawn per conv cell at most (a 64-channel window would not fit; the sum still uses every channel). */
export const MAX_CHANNELS = 4;
export const TOP_INPUTS = 8;

export interface StepBounds {
  /** Filters (conv), channels (pooling) or units (dense). */
  readonly maps: number;
  readonly rows: number;
  readonly cols: number;
}

export interface StepModel {
  readonly view: ConvStepView;
  readonly lines: readonly string[];
  readonly bounds: StepBounds;
  /** The cell actually shown (the request clamped into the layer). */
  readonly index: number;
  readonly y: number;
  readonly x: number;
}

export const clampInt = (v: number, n: number): number =>
  Math.max(0, Math.min(Math.max(0, n - 1), Math.round(Number.isFinite(v) ? v : 0)));

/** A pick's row or column meaning "the centre of the output" (a window inside the image), resolved by `centred`. */
export const CENTRE = -1;

/** The pick with CENTRE rows/columns replaced by the output's middle cell. */
export function centred<P extends { readonly y: number; readonly x: number }>(p: P, b: StepBounds): P {
  return {
    ...p,
    y: p.y === CENTRE ? Math.floor((b.rows - 1) / 2) : p.y,
    x: p.x === CENTRE ? Math.floor((b.cols - 1) / 2) : p.x,
  };
}

/** The footnote of every computed cell. */
export const ROUNDED = 'Numbers are rounded to 3 significant digits; the sums use the exact values.';

const asMap = (t: LayerIOResult['input']): FloatMap => ({
  h: t.shape[0] ?? 1,
  w: t.shape[1] ?? 1,
  c: t.shape[2] ?? 1,
  values: t.values,
});

/** The bounds of a layer's output (for the region's fields) before any cell is computed. */
export function stepBounds(r: LayerIOResult): StepBounds {
  const s = r.output.shape;
  if (r.spec.kind === 'dense') return { maps: s[s.length - 1] ?? 1, rows: 1, cols: 1 };
  return { maps: s[2] ?? 1, rows: s[0] ?? 1, cols: s[1] ?? 1 };
}

/** An Activation layer right after the node (a linear conv followed by ReLU, as the presets build them). */
function nextActivation(
  graph: Graph | null,
  r: LayerIOResult,
): { id: string; fn: string; f: (v: number) => number } | null {
  if (!graph) return null;
  const next = successors(graph, r.node);
  if (next.length !== 1) return null;
  const n = graph.nodes.find((x) => x.id === next[0]);
  if (n?.layer.kind !== 'activation' || n.layer.fn === 'softmax') return null;
  const { fn, alpha } = n.layer;
  return { id: n.id, fn: activationName(fn), f: (v) => applyActivation(fn, v, alpha) };
}

/** "+ bias B = P → f = out": P is the shown sum plus the shown bias; out is f of that P (softmax: the real one). */
function biasLine(
  sum: number,
  bias: number,
  fn: FusedActivation,
  real: number,
  tf: number,
  here: string,
): string {
  const pre = shownSum(sum, bias);
  const out = fn === 'softmax' ? real : applyActivation(fn, pre);
  return `+ bias ${fmt(bias)} = ${fmt(pre)} → ${activationName(fn)} = ${fmt(out)} (the layer's output${here}: ${fmt(tf)}).`;
}

function shownOut(sum: number, bias: number, fn: FusedActivation, real: number): number {
  return fn === 'softmax' ? real : applyActivation(fn, shownSum(sum, bias));
}

export function stepModel(
  r: LayerIOResult,
  pick: { readonly index: number; readonly y: number; readonly x: number },
  graph: Graph | null,
): StepModel | null {
  const bounds = stepBounds(r);
  const at = centred(pick, bounds);
  const index = clampInt(at.index, bounds.maps);
  const y = clampInt(at.y, bounds.rows);
  const x = clampInt(at.x, bounds.cols);
  const spec = r.spec;
  const then = nextActivation(graph, r);
  if (spec.kind === 'dense') {
    if (!r.weights) return null;
    const u = denseUnit(
      { ...spec, input: r.input.values, weights: r.weights, bias: r.bias },
      index,
      TOP_INPUTS,
    );
    if (!u) return null;
    const lines = [
      `${r.node}, unit ${index + 1} of ${bounds.maps}: the ${u.top.length} largest of its ${u.inputs} inputs × weights.`,
      ...u.top.map((c) => `input ${c.index + 1}: ${fmt(c.value)} × ${fmt(c.weight)} = ${fmt(c.product)}`),
      `The other ${u.inputs - u.top.length} inputs add ${fmt(u.rest)}; the sum of all ${u.inputs} = ${fmt(u.sum)}.`,
      biasLine(u.sum, u.bias, u.activation, u.out, r.output.values[index] ?? NaN, ''),
    ];
    if (then)
      lines.push(
        `Then ${then.fn} (next layer, ${then.id}) = ${fmt(then.f(shownOut(u.sum, u.bias, u.activation, u.out)))}.`,
      );
    lines.push(ROUNDED);
    return { view: { kind: 'dense', unit: u }, lines, bounds, index, y: 0, x: 0 };
  }
  const input = asMap(r.input);
  const tfOut = r.output.values[(y * bounds.cols + x) * bounds.maps + index] ?? NaN;
  const where = `the ${input.h}×${input.w}×${input.c} input`;
  if (spec.kind === 'conv2d') {
    if (!r.weights) return null;
    const io = { ...spec, input, weights: r.weights, bias: r.bias };
    const c = convCell(io, index, y, x);
    if (!c) return null;
    const [ay, ax] = convAxes(io);
    const pad = { top: ay.padBefore, bottom: ay.padAfter, left: ax.padBefore, right: ax.padAfter };
    const padded = c.padded.reduce((a, b) => a + b, 0);
    const lines = [
      `${r.node}, filter ${index + 1} of ${bounds.maps}, output row ${y + 1}, column ${x + 1}: its ${c.kh}×${c.kw} window covers ${insideSpan(c.rows, input.h, 'row')}, ${insideSpan(c.cols, input.w, 'column')} of ${where} (stride ${spec.stride[0]}×${spec.stride[1]}).`,
      edgeWords(c.rows, c.cols, input.h, input.w),
      `Sum of the ${c.products.length} products (${c.kh}×${c.kw} × ${c.c} channel${c.c === 1 ? '' : 's'}${padded > 0 ? `; the ${padded} padded cells give 0` : ''}) = ${fmt(c.sum)}.`,
      biasLine(c.sum, c.bias, c.activation, c.out, tfOut, ' here'),
    ];
    if (then)
      lines.push(
        `Then ${then.fn} (next layer, ${then.id}) = ${fmt(then.f(shownOut(c.sum, c.bias, c.activation, c.out)))}.`,
      );
    if (c.c > MAX_CHANNELS)
      lines.push(`The grids show channels 1–${MAX_CHANNELS} of ${c.c}; the sum uses all ${c.c}.`);
    lines.push(ROUNDED);
    const view: ConvStepView = {
      kind: 'conv',
      input,
      cell: c,
      stride: spec.stride,
      pad,
      channels: MAX_CHANNELS,
    };
    return { view, lines, bounds, index, y, x };
  }
  const g = {
    kind: spec.kind === 'maxPool2d' ? ('max' as const) : ('avg' as const),
    pool: spec.pool,
    stride: spec.stride,
    padding: spec.padding,
  };
  const c = poolCell(input, g, index, y, x);
  if (!c) return null;
  const [ay, ax] = poolAxes(input, g);
  const pad = { top: ay.padBefore, bottom: ay.padAfter, left: ax.padBefore, right: ax.padAfter };
  const head = `${r.node}, channel ${index + 1} of ${bounds.maps}, output row ${y + 1}, column ${x + 1}: its ${c.ph}×${c.pw} window covers ${insideSpan(c.rows, input.h, 'row')}, ${insideSpan(c.cols, input.w, 'column')} of ${where} (stride ${spec.stride[0]}×${spec.stride[1]}).`;
  const wy = c.rows[Math.floor(c.winner / c.pw)] ?? 0;
  const wx = c.cols[c.winner % c.pw] ?? 0;
  const body =
    g.kind === 'max'
      ? `The largest of the ${c.count} inputs wins: row ${wy + 1}, column ${wx + 1}, ${fmt(c.out)} (the layer's output here: ${fmt(tfOut)}).`
      : `The average of the ${c.count} inputs inside the image = ${fmt(c.out)} (the layer's output here: ${fmt(tfOut)}; padding is not counted).`;
  const lines = [head];
  if (c.count < c.ph * c.pw) lines.push(edgeWords(c.rows, c.cols, input.h, input.w, 'not counted'));
  lines.push(body, ROUNDED);
  return {
    view: { kind: 'pool', input, cell: c, stride: spec.stride, pad },
    lines,
    bounds,
    index,
    y,
    x,
  };
}

/** The cell an arrow key moves to: one output cell (one stride of input cells) in its direction, or null. */
export function arrowStep(key: string, y: number, x: number, b: StepBounds): { y: number; x: number } | null {
  const moves: Record<string, [number, number]> = {
    ArrowLeft: [0, -1],
    ArrowRight: [0, 1],
    ArrowUp: [-1, 0],
    ArrowDown: [1, 0],
  };
  const m = moves[key];
  if (!m) return null;
  return { y: clampInt(y + m[0], b.rows), x: clampInt(x + m[1], b.cols) };
}

/**
 * The output cell whose window covers input cell (iy, ix) of a conv or pooling layer (0-based), the one centred
 * nearest where windows overlap; null when no window covers it (a stride longer than the window, 'valid' edges).
 */
export function cellCovering(r: LayerIOResult, iy: number, ix: number): { y: number; x: number } | null {
  const spec = r.spec;
  if (spec.kind === 'dense') return null;
  const input = asMap(r.input);
  if (spec.kind === 'conv2d') {
    const [ay, ax] = convAxes({ ...spec, input, weights: new Float32Array(0), bias: null });
    const y = coveringOutput(iy, ay, spec.kernel[0], spec.stride[0], spec.dilation[0]);
    const x = coveringOutput(ix, ax, spec.kernel[1], spec.stride[1], spec.dilation[1]);
    return y === null || x === null ? null : { y, x };
  }
  const g = { kind: 'max' as const, pool: spec.pool, stride: spec.stride, padding: spec.padding };
  const [ay, ax] = poolAxes(input, g);
  const y = coveringOutput(iy, ay, spec.pool[0], spec.stride[0], 1);
  const x = coveringOutput(ix, ax, spec.pool[1], spec.stride[1], 1);
  return y === null || x === null ? null : { y, x };
}
