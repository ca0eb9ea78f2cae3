/**
 * Receptive fields from the graph's own numbers: which input pixels (and which window of every earlier layer)
 * one output pixel depends on. Pure functions; the chain is walked back along first predecessors, each layer's
 * step coming from its module (spatialStep).
 */
import type { Graph, NodeId } from './types';
import type { AxisStep } from '../layers/module';
import { moduleOf } from '../layers/registry';
import { inferShapes } from './shapes';

export type { AxisStep } from '../layers/module';
export { samePadBefore } from '../layers/spatial';

export interface SpatialStep {
  readonly node: NodeId;
  readonly y: AxisStep;
  readonly x: AxisStep;
}

export interface Window {
  readonly node: NodeId;
  /** Inclusive, clipped to the layer's size. */
  readonly y0: number;
  readonly y1: number;
  readonly x0: number;
  readonly x1: number;
}

/** Walks an inclusive range [a, b] of output rows back through one step; returns the unclipped input range. */
export function backAxis(step: AxisStep, a: number, b: number): [number, number] {
  return [a * step.stride - step.padBefore, b * step.stride - step.padBefore + step.extent - 1];
}

const clip = (v: number, n: number): number => Math.max(0, Math.min(n - 1, v));

/**
 * Windows of output pixel (y, x) of the last step in every earlier layer, last step first; the final entry is the
 * window on the input. Each window's `node` is the layer whose output it lies in (input steps name their producer).
 */
export function receptiveWindows(
  steps: readonly SpatialStep[],
  inputNode: NodeId,
  y: number,
  x: number,
): Window[] {
  const out: Window[] = [];
  let ya = y;
  let yb = y;
  let xa = x;
  let xb = x;
  for (let i = steps.length - 1; i >= 0; i--) {
    const s = steps[i]!;
    [ya, yb] = backAxis(s.y, ya, yb);
    [xa, xb] = backAxis(s.x, xa, xb);
    const node = i > 0 ? steps[i - 1]!.node : inputNode;
    out.push({
      node,
      y0: clip(ya, s.y.inSize),
      y1: clip(yb, s.y.inSize),
      x0: clip(xa, s.x.inSize),
      x1: clip(xb, s.x.inSize),
    });
    // Keep walking with the unclipped range: padding rows do not exist but the arithmetic stays exact.
  }
  return out;
}

/**
 * The spatial steps from the dataset input to `node` (conv, pool; element-wise layers pass through), or null when
 * the path leaves the image layout (dense, flatten, merge) or the node is unknown.
 */
export function spatialChain(graph: Graph, node: NodeId): { input: NodeId; steps: SpatialStep[] } | null {
  const info = inferShapes(graph);
  const byId = new Map(graph.nodes.map((n) => [n.id, n] as const));
  const steps: SpatialStep[] = [];
  let cur: NodeId | undefined = node;
  for (let guard = 0; cur !== undefined && guard < 1000; guard++) {
    const n = byId.get(cur);
    if (!n) return null;
    const preds = graph.edges.filter((e) => e.target === cur).map((e) => e.source);
    const l = n.layer;
    if (l.kind === 'input') return { input: n.id, steps: steps.reverse() };
    if (preds.length !== 1) return null;
    const prev = preds[0]!;
    const inShape = info.get(prev)?.output;
    if (!inShape || inShape.length !== 3) return null;
    const [ih, iw] = [inShape[0]!, inShape[1]!];
    const step = moduleOf(l).spatialStep(l, [ih, iw]);
    if (step === null) return null;
    if (step !== 'pass') steps.push({ node: n.id, y: step[0], x: step[1] });
    cur = prev;
  }
  return null;
}
