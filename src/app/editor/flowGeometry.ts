/**
 * Geometry of the drawn graph, from node positions and the fixed node sizes alone (no DOM measuring): which side
 * of each node its connections enter and leave, where a connection's shape label sits, and the box the view must
 * show so that every node and label is whole. Pure, so it is unit-tested; the node, edge and fit code share it.
 */
import type { Graph, NodeId } from '../../engine/graph/types';
import type { Position, Side } from '../../engine/graph/layout';
import { NODE_SIZES, SPACING, nodeSize, opposite, sideToward } from '../../engine/graph/layout';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Where data enters a node and where it leaves. */
export interface NodeSides {
  readonly input: Side;
  readonly output: Side;
}

/**
 * 'above': over a connection along a row, in the band above the row; 'beside': next to a connection that turns
 * down to the next row, on the outer side (`outward` +1 right, -1 left); 'middle': on the connection itself.
 */
export type LabelPlacement =
  | { readonly kind: 'above' }
  | { readonly kind: 'beside'; readonly outward: 1 | -1 }
  | { readonly kind: 'middle' };

/** A label's height, and a generous estimate of its width ("28×28×16" and its "+" button). */
export const LABEL_BOX = { width: 84, height: 18 } as const;

/** A little more than a label with this shape text is wide (10.5 px monospace text, the "+" button, borders). */
export function labelWidth(shape: string): number {
  return Math.min(LABEL_BOX.width, Math.ceil(6.6 * shape.length + 28));
}

const horizontal = (s: Side): boolean => s === 'left' || s === 'right';

export function boxOf(g: Graph, id: NodeId): Rect | undefined {
  const n = g.nodes.find((m) => m.id === id);
  return n ? { ...n.position, ...nodeSize(n.layer.kind) } : undefined;
}

const centre = (r: Rect): Position => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 });

function mean(ps: readonly Position[]): Position {
  return {
    x: ps.reduce((a, p) => a + p.x, 0) / ps.length,
    y: ps.reduce((a, p) => a + p.y, 0) / ps.length,
  };
}

/**
 * Each node's sides: data leaves toward its successors and enters from its predecessors, so a left-to-right row
 * connects right to left, a right-to-left row the other way, and a row's last layer hands down to the next row.
 * A node without neighbours reads left to right.
 */
export function nodeSides(g: Graph): Map<NodeId, NodeSides> {
  const centres = new Map(
    g.nodes.map((n) => [n.id, centre({ ...n.position, ...nodeSize(n.layer.kind) })] as const),
  );
  const ins = new Map<NodeId, Position[]>();
  const outs = new Map<NodeId, Position[]>();
  for (const e of g.edges) {
    const s = centres.get(e.source);
    const t = centres.get(e.target);
    if (!s || !t || e.source === e.target) continue;
    outs.set(e.source, [...(outs.get(e.source) ?? []), t]);
    ins.set(e.target, [...(ins.get(e.target) ?? []), s]);
  }
  const out = new Map<NodeId, NodeSides>();
  for (const n of g.nodes) {
    const c = centres.get(n.id) as Position;
    const from = ins.get(n.id);
    const to = outs.get(n.id);
    const output = to ? sideToward(c, mean(to)) : from ? opposite(sideToward(c, mean(from))) : 'right';
    const input = from ? sideToward(c, mean(from)) : opposite(output);
    out.set(n.id, { input, output });
  }
  return out;
}

/** Where a connection's label goes, given the sides it leaves and enters by and the source's input side. */
export function labelPlacement(sourceSides: NodeSides, targetInput: Side): LabelPlacement {
  const leave = sourceSides.output;
  if (horizontal(leave) && horizontal(targetInput)) return { kind: 'above' };
  if (!horizontal(leave) && !horizontal(targetInput)) {
    // A turn at a row's right end (the row came in from the left) labels on the right; at the left end, the left.
    return { kind: 'beside', outward: sourceSides.input === 'right' ? -1 : 1 };
  }
  return { kind: 'middle' };
}

/** The midpoint of a node side: where React Flow draws its handle. */
export function handlePoint(r: Rect, side: Side): Position {
  switch (side) {
    case 'left':
      return { x: r.x, y: r.y + r.height / 2 };
    case 'right':
      return { x: r.x + r.width, y: r.y + r.height / 2 };
    case 'top':
      return { x: r.x + r.width / 2, y: r.y };
    case 'bottom':
      return { x: r.x + r.width / 2, y: r.y + r.height };
  }
}

export interface LabelGeometry {
  readonly source: Position;
  readonly target: Position;
  readonly sourceSize: { readonly width: number; readonly height: number };
  readonly targetSize: { readonly width: number; readonly height: number };
  readonly placement: LabelPlacement;
  /** The shape text the label shows. */
  readonly shape: string;
}

/**
 * The centre of a connection's label. Above a row: over the gap, in the band above the taller end. Beside a turn:
 * halfway down, pushed outward just far enough to clear the label of the next row's first connection.
 */
export function labelCentre(l: LabelGeometry): Position {
  const midX = (l.source.x + l.target.x) / 2;
  const midY = (l.source.y + l.target.y) / 2;
  switch (l.placement.kind) {
    case 'above': {
      // Rows centre their nodes on one line; measuring from a full node's top keeps a row's labels level.
      const half = Math.max(l.sourceSize.height, l.targetSize.height, NODE_SIZES.full.height) / 2;
      return { x: midX, y: Math.min(l.source.y, l.target.y) - half - SPACING.band / 2 };
    }
    case 'beside': {
      // The next row's first label (as wide as this one, give or take) is centred over the gap beyond the target.
      const clear = labelWidth(l.shape) + 4 - (l.targetSize.width / 2 + SPACING.along / 2);
      return { x: midX + l.placement.outward * Math.max(0, clear), y: midY };
    }
    case 'middle':
      return { x: midX, y: midY };
  }
}

function union(a: Rect | null, b: Rect): Rect {
  if (!a) return b;
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return {
    x,
    y,
    width: Math.max(a.x + a.width, b.x + b.width) - x,
    height: Math.max(a.y + a.height, b.y + b.height) - y,
  };
}

/**
 * The box holding every node and every connection label: what "Fit view" shows whole. `shapes` gives each edge's
 * label text (by edge id); without it labels count at their widest.
 */
export function graphBounds(g: Graph, shapes?: ReadonlyMap<string, string>): Rect | null {
  const sides = nodeSides(g);
  let out: Rect | null = null;
  for (const n of g.nodes) out = union(out, { ...n.position, ...nodeSize(n.layer.kind) });
  for (const e of g.edges) {
    const s = boxOf(g, e.source);
    const t = boxOf(g, e.target);
    const ss = sides.get(e.source);
    const ts = sides.get(e.target);
    if (!s || !t || !ss || !ts) continue;
    const shape = shapes?.get(e.id) ?? '';
    const c = labelCentre({
      source: handlePoint(s, ss.output),
      target: handlePoint(t, ts.input),
      sourceSize: s,
      targetSize: t,
      placement: labelPlacement(ss, ts.input),
      shape,
    });
    const width = shapes ? labelWidth(shape) : LABEL_BOX.width;
    out = union(out, { x: c.x - width / 2, y: c.y - LABEL_BOX.height / 2, width, height: LABEL_BOX.height });
  }
  return out;
}
