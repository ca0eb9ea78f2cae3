/**
 * Auto layout: the network reads left to right, like a line of text, and folds into a few rows when it is too long
 * for a wide, short canvas (a 1366×768 window leaves the graph about 866×270 px). Rows alternate direction (a
 * boustrophedon), so every connection is short: along a row, or straight down at a row's end. Layers in the same
 * step of the data flow (the branches before an Add or a Concatenate) sit side by side across the row.
 */
import type { Graph, NodeId } from './types';
import { predecessors, topologicalOrder } from './graphUtils';
import type { Position, TargetView } from './layoutSizes';
import { NODE_SIZES, SPACING, TARGET_VIEW, nodeSize } from './layoutSizes';
import type { Item, Placed } from './layoutRows';
import { bestPlacement, fitZoom, stepBoxes } from './layoutRows';

export * from './layoutSizes';
export { partition } from './layoutRows';

/** Step index (position along the flow) of every node: longest path from a source, components one after another. */
function steps(g: Graph): Map<NodeId, number> {
  const order = topologicalOrder(g);
  const depth = new Map<NodeId, number>();
  for (const id of order)
    depth.set(id, Math.max(-1, ...predecessors(g, id).map((p) => depth.get(p) ?? 0)) + 1);
  const comp = components(g);
  const out = new Map<NodeId, number>();
  let offset = 0;
  for (const members of comp) {
    const known = members.filter((id) => depth.has(id));
    const deepest = Math.max(-1, ...known.map((id) => depth.get(id) ?? 0));
    // Nodes on a cycle (no topological place) go one step after the rest of their component.
    for (const id of members) out.set(id, offset + (depth.get(id) ?? deepest + 1));
    offset += Math.max(...members.map((id) => (out.get(id) ?? offset) - offset)) + 1;
  }
  return out;
}

/** Weakly connected components, each in node order, ordered by their first node. */
function components(g: Graph): NodeId[][] {
  const parent = new Map<NodeId, NodeId>(g.nodes.map((n) => [n.id, n.id] as const));
  const find = (id: NodeId): NodeId => {
    let r = id;
    while (parent.get(r) !== r) r = parent.get(r) ?? r;
    return r;
  };
  for (const e of g.edges) {
    if (parent.has(e.source) && parent.has(e.target)) parent.set(find(e.source), find(e.target));
  }
  const groups = new Map<NodeId, NodeId[]>();
  for (const n of g.nodes) {
    const r = find(n.id);
    groups.set(r, [...(groups.get(r) ?? []), n.id]);
  }
  return [...groups.values()];
}

/** The items of every step, ordered across the row so connections cross as little as a simple sweep manages. */
function stepItems(g: Graph): Item[][] {
  const step = steps(g);
  const count = Math.max(0, ...step.values()) + 1;
  const cols: Item[][] = Array.from({ length: count }, () => []);
  const last = new Map<NodeId, Item>();
  const kinds = new Map(g.nodes.map((n) => [n.id, n.layer.kind] as const));
  const byStep = [...g.nodes].sort((a, b) => (step.get(a.id) ?? 0) - (step.get(b.id) ?? 0));
  for (const n of byStep) {
    const s = step.get(n.id) ?? 0;
    const from: Item[] = [];
    for (const p of predecessors(g, n.id)) {
      const ps = step.get(p);
      let prev = last.get(p);
      if (ps === undefined || !prev || ps >= s) continue;
      // A connection over several steps gets a placeholder lane in each step it passes.
      for (let k = ps + 1; k < s; k++) {
        const lane: Item = { id: null, size: { width: 0, height: 0 }, from: [prev] };
        cols[k]?.push(lane);
        prev = lane;
      }
      from.push(prev);
    }
    const item: Item = { id: n.id, size: nodeSize(kinds.get(n.id) ?? 'dense'), from };
    cols[s]?.push(item);
    last.set(n.id, item);
  }
  // Order each step by the mean place of what feeds it (barycentre), keeping node order on ties.
  for (let s = 1; s < cols.length; s++) {
    const prevIndex = new Map((cols[s - 1] ?? []).map((it, i) => [it, i] as const));
    const key = (it: Item, i: number): number => {
      const ps = it.from.map((p) => prevIndex.get(p)).filter((v): v is number => v !== undefined);
      return ps.length > 0 ? ps.reduce((a, b) => a + b, 0) / ps.length : i;
    };
    const col = cols[s] ?? [];
    const keyed = col.map((it, i) => ({ it, k: key(it, i), i }));
    keyed.sort((a, b) => a.k - b.k || a.i - b.i);
    cols[s] = keyed.map((x) => x.it);
  }
  // A placeholder is as tall as the nodes beside it, so a straight skip connection runs in the gap between lanes.
  return cols.map((col) => {
    const tallest = Math.max(NODE_SIZES.compact.height, ...col.filter((i) => i.id).map((i) => i.size.height));
    return col.map((it) => (it.id ? it : { ...it, size: { width: 0, height: tallest } }));
  });
}

/** At this zoom node text is comfortably large (11 px); a single straight row that reaches it beats more rows. */
const COMFORTABLE_ZOOM = 1;

/**
 * Lays the graph out to read left to right, in the fewest rows that show it comfortably large in `view`, else in
 * the rows that show it largest (fewer on a near tie). Positions are whole pixels, the top-left node at
 * (SPACING.origin, SPACING.origin).
 */
export function autoLayout(g: Graph, view: TargetView = TARGET_VIEW): Graph {
  if (g.nodes.length === 0) return g;
  const boxes = stepBoxes(stepItems(g));
  let chosen: Placed | null = null;
  let chosenZoom = 0;
  const maxRows = Math.min(boxes.length, 8);
  for (let r = 1; r <= maxRows && chosenZoom < Math.min(COMFORTABLE_ZOOM, view.maxZoom); r++) {
    const p = bestPlacement(boxes, r, view);
    const z = fitZoom(p, view);
    // Another row must buy a visibly larger view (3%), else the straighter layout wins.
    if (!chosen || z > chosenZoom * 1.03) {
      chosen = p;
      chosenZoom = z;
    }
  }
  if (!chosen) return g;
  const all = [...chosen.positions.values()];
  const minX = Math.min(...all.map((p) => p.x));
  const minY = Math.min(...all.map((p) => p.y));
  const pos = chosen.positions;
  const at = (p: Position): Position => ({
    x: Math.round(p.x - minX + SPACING.origin),
    y: Math.round(p.y - minY + SPACING.origin),
  });
  return { ...g, nodes: g.nodes.map((n) => ({ ...n, position: at(pos.get(n.id) ?? n.position) })) };
}
