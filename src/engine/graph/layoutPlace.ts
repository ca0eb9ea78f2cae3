/**
 * Where a layer added by an edit goes. `appendAfter`, `insertBetween` and `prependBefore` decide the connections
 * and put the new node one step below its neighbour (a top-to-bottom convention); `placeFresh` then moves it along
 * the data flow around it (to the right in a left-to-right row, down at a row's turn) and pushes the layers after
 * it along that flow, so nothing overlaps and the row stays a row.
 */
import type { Graph, GraphNode, NodeId } from './types';
import { descendants, predecessors, successors } from './graphUtils';
import type { Position, Side, Size } from './layout';
import { SPACING, nodeSize, opposite, sideToward } from './layout';

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

const boxOf = (n: GraphNode): Box => ({ ...n.position, ...nodeSize(n.layer.kind) });
const centre = (b: Box): Position => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });
const horizontal = (s: Side): boolean => s === 'left' || s === 'right';

/** The box of a `size` node next to `from` on its `side`, centred on it across, one gap away. */
function nextTo(from: Box, side: Side, size: Size): Position {
  const c = centre(from);
  switch (side) {
    case 'right':
      return { x: from.x + from.width + SPACING.along, y: c.y - size.height / 2 };
    case 'left':
      return { x: from.x - SPACING.along - size.width, y: c.y - size.height / 2 };
    case 'bottom':
      return { x: c.x - size.width / 2, y: from.y + from.height + SPACING.band };
    case 'top':
      return { x: c.x - size.width / 2, y: from.y - SPACING.band - size.height };
  }
}

/**
 * Where `n` sends its data: toward its first successor, else on in the direction it receives it, else `fallback`.
 * Nodes in `skip` (not placed yet) do not count.
 */
function onward(g: Graph, n: GraphNode, fallback: Side, skip: ReadonlySet<NodeId>): Side {
  const nodes = new Map(g.nodes.map((m) => [m.id, m] as const));
  const next = nodes.get(successors(g, n.id).find((id) => !skip.has(id)) as NodeId);
  if (next) return sideToward(centre(boxOf(n)), centre(boxOf(next)));
  const prev = nodes.get(predecessors(g, n.id).find((id) => !skip.has(id)) as NodeId);
  if (prev) return sideToward(centre(boxOf(prev)), centre(boxOf(n)));
  return fallback;
}

/**
 * Pushes the layers after `id` that lie ahead of it in its lane (the strip across the flow it occupies) along
 * `dir`, just far enough that the nearest one is a gap away; layers elsewhere (other rows, other branches) stay.
 */
function makeRoom(g: Graph, id: NodeId, dir: Side): Graph {
  const self = g.nodes.find((n) => n.id === id);
  if (!self) return g;
  const b = boxOf(self);
  const down = descendants(g, id);
  const across = horizontal(dir)
    ? (o: Box): boolean => o.y < b.y + b.height && b.y < o.y + o.height
    : (o: Box): boolean => o.x < b.x + b.width && b.x < o.x + o.width;
  // Distance from the new node's far edge to the near edge of `o`, measured along `dir`.
  const ahead = (o: Box): number => {
    switch (dir) {
      case 'right':
        return o.x - (b.x + b.width);
      case 'left':
        return b.x - (o.x + o.width);
      case 'bottom':
        return o.y - (b.y + b.height);
      case 'top':
        return b.y - (o.y + o.height);
    }
  };
  const gap = horizontal(dir) ? SPACING.along : SPACING.band;
  const lane = g.nodes.filter(
    (n) => down.has(n.id) && across(boxOf(n)) && ahead(boxOf(n)) > -b.width - b.height,
  );
  if (lane.length === 0) return g;
  const shift = gap - Math.min(...lane.map((n) => ahead(boxOf(n))));
  if (shift <= 0) return g;
  const move = new Set(lane.map((n) => n.id));
  const dx = dir === 'right' ? shift : dir === 'left' ? -shift : 0;
  const dy = dir === 'bottom' ? shift : dir === 'top' ? -shift : 0;
  return {
    ...g,
    nodes: g.nodes.map((n) =>
      move.has(n.id) ? { ...n, position: { x: n.position.x + dx, y: n.position.y + dy } } : n,
    ),
  };
}

/** Where a fresh node goes, and the direction the layers after it should move to make room. */
function spot(g: Graph, n: GraphNode, skip: ReadonlySet<NodeId>): { at: Position; dir: Side } | null {
  const nodes = new Map(g.nodes.map((m) => [m.id, m] as const));
  const pred = nodes.get(predecessors(g, n.id)[0] as NodeId);
  const succ = nodes.get(successors(g, n.id)[0] as NodeId);
  const size = nodeSize(n.layer.kind);
  if (pred && succ) {
    const dir = sideToward(centre(boxOf(pred)), centre(boxOf(succ)));
    if (horizontal(dir)) return { at: nextTo(boxOf(pred), dir, size), dir };
    // At a row's turn: the new layer starts the next row where its successor was, and the row moves along.
    const then = onward(g, succ, dir, skip);
    if (!horizontal(then)) return { at: nextTo(boxOf(pred), dir, size), dir };
    const s = boxOf(succ);
    const x = then === 'right' ? s.x : s.x + s.width - size.width;
    return { at: { x, y: centre(s).y - size.height / 2 }, dir: then };
  }
  if (pred) {
    const dir = onward(g, pred, 'right', skip);
    return { at: nextTo(boxOf(pred), dir, size), dir };
  }
  if (succ) {
    const dir = onward(g, succ, 'right', skip);
    return { at: nextTo(boxOf(succ), opposite(dir), size), dir };
  }
  return null;
}

const round = (p: Position): Position => ({ x: Math.round(p.x), y: Math.round(p.y) });

/**
 * `after` with the nodes it added (relative to `before`) placed along the flow and room made after them; the
 * nodes both share keep their `before` positions (undoing the top-to-bottom room the edit may have made).
 */
export function placeFresh(before: Graph, after: Graph): Graph {
  if (after === before) return after;
  const old = new Map(before.nodes.map((n) => [n.id, n.position] as const));
  const fresh = after.nodes.filter((n) => !old.has(n.id)).map((n) => n.id);
  if (fresh.length === 0) return after;
  let g: Graph = {
    ...after,
    nodes: after.nodes.map((n) => {
      const p = old.get(n.id);
      return p && (p.x !== n.position.x || p.y !== n.position.y) ? { ...n, position: p } : n;
    }),
  };
  const unplaced = new Set(fresh);
  for (const id of fresh) {
    unplaced.delete(id);
    const n = g.nodes.find((m) => m.id === id);
    const s = n && spot(g, n, new Set([...unplaced, id]));
    if (!n || !s) continue;
    const at = round(s.at);
    g = { ...g, nodes: g.nodes.map((m) => (m.id === id ? { ...m, position: at } : m)) };
    g = makeRoom(g, id, s.dir);
  }
  return g;
}
