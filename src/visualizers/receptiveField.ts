/**
 * Receptive fields from the graph's own numbers: which input pixels (and which window of every earlier layer)
 * one output pixel depends on. Pure functions; the chain is walked back along first predecessors.
 */
import type { Graph, NodeId } from '../engine/graph/types';
import { inferShapes } from '../engine/graph/shapes';
import { dilatedSize, explicitPadding } from '../engine/graph/convArithmetic';

/** One spatial step along one axis: output o reads input [o·stride − padBefore, … + extent − 1]. */
export interface AxisStep {
  readonly extent: number;
  readonly stride: number;
  readonly padBefore: number;
  /** Input length along this axis (for clipping). */
  readonly inSize: number;
}

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

/** TF.js 'same' padding puts the smaller half before: floor(max((out − 1)·s + k − in, 0) / 2). */
export function samePadBefore(inSize: number, extent: number, stride: number): number {
  const out = Math.ceil(inSize / stride);
  return Math.floor(Math.max((out - 1) * stride + extent - inSize, 0) / 2);
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
    switch (l.kind) {
      case 'conv2d': {
        const eh = dilatedSize(l.kernel[0], l.dilation[0]);
        const ew = dilatedSize(l.kernel[1], l.dilation[1]);
        const pad = (inSize: number, e: number, s: number): number =>
          l.padding === 'same' ? samePadBefore(inSize, e, s) : explicitPadding(l.padding);
        steps.push({
          node: n.id,
          y: { extent: eh, stride: l.stride[0], padBefore: pad(ih, eh, l.stride[0]), inSize: ih },
          x: { extent: ew, stride: l.stride[1], padBefore: pad(iw, ew, l.stride[1]), inSize: iw },
        });
        break;
      }
      case 'maxPool2d':
      case 'avgPool2d': {
        const pad = (inSize: number, e: number, s: number): number =>
          l.padding === 'same' ? samePadBefore(inSize, e, s) : 0;
        steps.push({
          node: n.id,
          y: {
            extent: l.pool[0],
            stride: l.stride[0],
            padBefore: pad(ih, l.pool[0], l.stride[0]),
            inSize: ih,
          },
          x: {
            extent: l.pool[1],
            stride: l.stride[1],
            padBefore: pad(iw, l.pool[1], l.stride[1]),
            inSize: iw,
          },
        });
        break;
      }
      case 'activation':
      case 'batchNorm':
      case 'dropout':
        break;
      default:
        return null;
    }
    cur = prev;
  }
  return null;
}
