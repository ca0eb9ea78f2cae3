/**
 * Size problems of convolutions and pooling: fractional output sizes (the notes' exact-division rule) and sizes
 * that drop to zero or below. Fixes are searched for and kept only when, applied, they really remove the problem.
 */
import type { GraphFix, GraphIssue } from './issues';
import type { Conv2DLayer, GraphNode, Pair, PoolLayer, Shape } from './types';
import { fractionalAxes, fractionalText, formatShape, convOutputLength } from './convArithmetic';
import type { FractionalAxis } from './convArithmetic';

type Windowed = Conv2DLayer | PoolLayer;

const kernelOf = (l: Windowed): Pair => (l.kind === 'conv2d' ? l.kernel : l.pool);
const dilationOf = (l: Windowed): Pair => (l.kind === 'conv2d' ? l.dilation : [1, 1]);

function fits(l: Windowed, input: Shape): boolean {
  const k = kernelOf(l);
  const d = dilationOf(l);
  return [0, 1].every(
    (i) =>
      convOutputLength(input[i] ?? 0, k[i] as number, l.padding, l.stride[i] as number, d[i] as number) > 0,
  );
}

/** Is the layer whole-numbered and positive on this input after the patch? */
function clean(l: Windowed, input: Shape): boolean {
  return (
    fits(l, input) && fractionalAxes(input, kernelOf(l), l.stride, l.padding, dilationOf(l)).length === 0
  );
}

const withKernel = (l: Windowed, k: Pair): Windowed =>
  l.kind === 'conv2d' ? { ...l, kernel: k } : { ...l, pool: k };

/** The kernel size per axis closest to the current one that makes that axis whole and positive. */
function nearestKernel(l: Windowed, input: Shape): Pair | null {
  const k = kernelOf(l);
  const result: number[] = [];
  for (const i of [0, 1] as const) {
    const current = k[i];
    let found: number | null = null;
    for (let delta = 0; delta <= (input[i] ?? 0) && found === null; delta++) {
      for (const cand of [current - delta, current + delta]) {
        // A 1×1 pool does nothing, so pooling windows are at least 2.
        if (cand < (l.kind === 'conv2d' ? 1 : 2) || found !== null) continue;
        const kk: Pair = i === 0 ? [cand, k[1]] : [k[0], cand];
        const trial = withKernel(l, kk);
        const ax = fractionalAxes(input, kernelOf(trial), trial.stride, trial.padding, dilationOf(trial));
        const ok = !ax.some((a) => a.axis === (i === 0 ? 'height' : 'width'));
        const d = dilationOf(l)[i];
        const positive = convOutputLength(input[i] ?? 0, cand, l.padding, l.stride[i], d) > 0;
        if (ok && positive) found = cand;
      }
    }
    if (found === null) return null;
    result.push(found);
  }
  return [result[0] as number, result[1] as number];
}

const pairLabel = (p: Pair): string => (p[0] === p[1] ? `${p[0]}` : `${p[0]}×${p[1]}`);

/** Candidate fixes for a window layer, filtered to those that leave it clean on its input. */
function windowFixes(node: GraphNode & { layer: Windowed }, input: Shape): GraphFix[] {
  const l = node.layer;
  const fixes: GraphFix[] = [];
  const candidates: { label: string; layer: Windowed; patch: Partial<Windowed> }[] = [];
  if (l.padding !== 'same')
    candidates.push({ label: 'padding same', layer: { ...l, padding: 'same' }, patch: { padding: 'same' } });
  const k = nearestKernel(l, input);
  if (k && (k[0] !== kernelOf(l)[0] || k[1] !== kernelOf(l)[1])) {
    const word = l.kind === 'conv2d' ? 'kernel' : 'pool';
    const patch: Partial<Windowed> = l.kind === 'conv2d' ? { kernel: k } : { pool: k };
    candidates.push({ label: `${word} ${pairLabel(k)}`, layer: withKernel(l, k), patch });
  }
  if (l.stride[0] !== 1 || l.stride[1] !== 1) {
    candidates.push({ label: 'stride 1', layer: { ...l, stride: [1, 1] }, patch: { stride: [1, 1] } });
  }
  for (const c of candidates) {
    if (clean(c.layer, input))
      fixes.push({ kind: 'setParams', label: c.label, node: node.id, patch: c.patch });
  }
  return fixes;
}

function paddingWords(l: Windowed): string {
  if (l.padding === 'valid') return 'valid padding';
  if (l.padding === 'same') return 'same padding';
  return `padding ${l.padding.explicit}`;
}

function describe(l: Windowed): string {
  const word = l.kind === 'conv2d' ? 'kernel' : 'pool';
  const d = dilationOf(l);
  const dil = d[0] > 1 || d[1] > 1 ? `, dilation ${pairLabel(d)}` : '';
  return `${word} ${pairLabel(kernelOf(l))}, stride ${pairLabel(l.stride)}${dil} and ${paddingWords(l)}`;
}

const isWindowed = (n: GraphNode): n is GraphNode & { layer: Windowed } =>
  n.layer.kind === 'conv2d' || n.layer.kind === 'maxPool2d' || n.layer.kind === 'avgPool2d';

/** Warning when (W − F + 2P)/S + 1 is not a whole number; TF.js floors it and silently drops border pixels. */
export function fractionalIssue(node: GraphNode, input: Shape): GraphIssue | null {
  if (!isWindowed(node) || input.length !== 3) return null;
  const l = node.layer;
  const axes: FractionalAxis[] = fractionalAxes(input, kernelOf(l), l.stride, l.padding, dilationOf(l));
  if (axes.length === 0 || !fits(l, input)) return null;
  const sums = axes.map(fractionalText);
  const unique = [...new Set(sums)];
  const floors = axes.map((a) => Math.floor(a.exact));
  const message =
    `${capital(describe(l))} on ${formatShape(input.slice(0, 2))} gives ${unique.join(' and ')} — not a whole number; ` +
    `TF.js rounds down to ${[...new Set(floors)].join(' and ')}, so the last input rows or columns are never seen.`;
  return {
    code: 'fractionalSize',
    node: node.id,
    severity: 'warning',
    message,
    fixes: windowFixes(node, input),
  };
}

/** Error when a window is larger than its (padded) input, so the output would have no rows or columns. */
export function nonPositiveFixes(node: GraphNode, input: Shape | null): GraphFix[] {
  if (!input || !isWindowed(node) || input.length !== 3) return [];
  return windowFixes(node, input);
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
