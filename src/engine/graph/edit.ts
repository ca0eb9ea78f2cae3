/**
 * Pure editing operations on a Graph, used by the editor. Each returns a new graph; none mutates its input.
 */
import type { Graph, GraphEdge, GraphNode, LayerKind, LayerSpec, NodeId } from './types';
import { asNodeId } from './types';
import { descendants, predecessors, successors, wouldCycle } from './graphUtils';
import { autoLayout } from './layout';
import { LAYERS } from '../layers/registry';

export { topologicalOrder, outputNode } from './graphUtils';
// The layout lives in its own module; re-exported so callers keep one import for editing operations.
export { autoLayout } from './layout';

export type Position = { readonly x: number; readonly y: number };

const SNAKE = (kind: LayerKind): string => LAYERS[kind].idPrefix;

/** A readable id not yet used in the graph: 'conv2d_1', 'conv2d_2', … */
export function newNodeId(g: Graph, kind: LayerKind): NodeId {
  const used = new Set<string>(g.nodes.map((n) => n.id));
  const base = SNAKE(kind);
  for (let i = 1; ; i++) {
    const id = `${base}_${i}`;
    if (!used.has(id)) return asNodeId(id);
  }
}

function newEdgeId(edges: readonly GraphEdge[], source: NodeId, target: NodeId): string {
  const used = new Set(edges.map((e) => e.id));
  const base = `${source}->${target}`;
  if (!used.has(base)) return base;
  for (let i = 2; ; i++) if (!used.has(`${base}#${i}`)) return `${base}#${i}`;
}

function edge(edges: readonly GraphEdge[], source: NodeId, target: NodeId): GraphEdge {
  return { id: newEdgeId(edges, source, target), source, target };
}

export function addNode(g: Graph, layer: LayerSpec, position: Position): { graph: Graph; id: NodeId } {
  const id = newNodeId(g, layer.kind);
  const node: GraphNode = { id, layer, position, frozen: false };
  return { graph: { ...g, nodes: [...g.nodes, node] }, id };
}

/**
 * Removes nodes and their edges. A removed node with exactly one input and at least one output is bridged: its
 * predecessor is connected to its successors, so a chain stays connected.
 */
export function removeNodes(g: Graph, ids: readonly NodeId[]): Graph {
  const gone = new Set(ids);
  let edges = [...g.edges];
  for (const id of ids) {
    const ins = edges.filter((e) => e.target === id);
    const outs = edges.filter((e) => e.source === id);
    edges = edges.filter((e) => e.source !== id && e.target !== id);
    const [only] = ins;
    if (ins.length === 1 && only) {
      for (const o of outs) {
        if (!edges.some((e) => e.source === only.source && e.target === o.target)) {
          edges.push(edge(edges, only.source, o.target));
        }
      }
    }
  }
  return {
    ...g,
    nodes: g.nodes.filter((n) => !gone.has(n.id)),
    edges: edges.filter((e) => !gone.has(e.source) && !gone.has(e.target)),
  };
}

export type ConnectResult = { graph: Graph; ok: true } | { graph: Graph; ok: false; reason: string };

/** Adds source → target unless it would duplicate an edge, feed an Input, or close a cycle. */
export function connect(g: Graph, source: NodeId, target: NodeId): ConnectResult {
  const src = g.nodes.find((n) => n.id === source);
  const dst = g.nodes.find((n) => n.id === target);
  if (!src || !dst) return { graph: g, ok: false, reason: 'Both ends must be existing nodes.' };
  if (g.edges.some((e) => e.source === source && e.target === target)) {
    return { graph: g, ok: false, reason: `${source} is already connected to ${target}.` };
  }
  if (dst.layer.kind === 'input')
    return { graph: g, ok: false, reason: 'An Input block cannot have incoming connections.' };
  if (wouldCycle(g, source, target)) {
    return { graph: g, ok: false, reason: `Connecting ${source} to ${target} would make a cycle.` };
  }
  return { graph: { ...g, edges: [...g.edges, edge(g.edges, source, target)] }, ok: true };
}

export function disconnect(g: Graph, edgeId: string): Graph {
  return { ...g, edges: g.edges.filter((e) => e.id !== edgeId) };
}

/** Vertical distance between a layer and one appended after it; also the room made for an inserted layer. */
export const APPEND_STEP = 90;
/** Nodes closer than this horizontally count as one column when making room. */
const COLUMN_SPAN = 180;

const sameColumn = (a: Position, b: Position): boolean => Math.abs(a.x - b.x) < COLUMN_SPAN;

/**
 * Makes room below a freshly placed node: when a downstream node of the same column sits less than APPEND_STEP
 * below it (or on top of it), every downstream node at or below it moves down by the same amount, so no two
 * blocks overlap and the chain keeps its spacing. Nodes that are not downstream, or sit well above, stay put.
 */
function makeRoom(g: Graph, id: NodeId): Graph {
  const p = g.nodes.find((n) => n.id === id)?.position;
  if (!p) return g;
  const down = descendants(g, id);
  const blocking = g.nodes.filter(
    (n) =>
      down.has(n.id) &&
      sameColumn(n.position, p) &&
      n.position.y > p.y - APPEND_STEP &&
      n.position.y < p.y + APPEND_STEP,
  );
  if (blocking.length === 0) return g;
  const shift = p.y + APPEND_STEP - Math.min(...blocking.map((n) => n.position.y));
  return {
    ...g,
    nodes: g.nodes.map((n) =>
      down.has(n.id) && n.position.y > p.y - APPEND_STEP
        ? { ...n, position: { x: n.position.x, y: n.position.y + shift } }
        : n,
    ),
  };
}

/**
 * Places a new layer on an edge: source → new → target. In a top-to-bottom column it goes one step below the
 * source and the layers after it move down to make room; otherwise it sits halfway between the two nodes.
 */
export function insertBetween(
  g: Graph,
  edgeId: string,
  layer: LayerSpec,
): { graph: Graph; id: NodeId } | null {
  const e = g.edges.find((x) => x.id === edgeId);
  if (!e) return null;
  const a = g.nodes.find((n) => n.id === e.source);
  const b = g.nodes.find((n) => n.id === e.target);
  const column = a && b && sameColumn(a.position, b.position) && b.position.y > a.position.y;
  const position =
    a && b
      ? column
        ? { x: a.position.x, y: a.position.y + APPEND_STEP }
        : { x: (a.position.x + b.position.x) / 2, y: (a.position.y + b.position.y) / 2 }
      : { x: 0, y: 0 };
  const { graph, id } = addNode(g, layer, position);
  // Keep the replaced edge's place in the edge list (Concatenate takes inputs in edge order).
  const edges: GraphEdge[] = [];
  for (const x of graph.edges) {
    if (x.id === edgeId) {
      edges.push(edge(graph.edges, e.source, id));
      edges.push(edge([...graph.edges, ...edges], id, e.target));
    } else edges.push(x);
  }
  const linked = { ...graph, edges };
  return { graph: column ? makeRoom(linked, id) : linked, id };
}

/**
 * Adds a layer one step below a node; the new node takes over the node's outgoing edges, and the layers after it
 * move down when they would otherwise be covered.
 */
export function appendAfter(g: Graph, nodeId: NodeId, layer: LayerSpec): { graph: Graph; id: NodeId } | null {
  const n = g.nodes.find((x) => x.id === nodeId);
  if (!n) return null;
  const { graph, id } = addNode(g, layer, { x: n.position.x, y: n.position.y + APPEND_STEP });
  const edges: GraphEdge[] = graph.edges.map((e) =>
    e.source === nodeId ? { ...e, id: `${id}->${e.target}`, source: id } : e,
  );
  const fresh = edges.some((e) => e.id === `${nodeId}->${id}`) ? `${nodeId}->${id}#2` : `${nodeId}->${id}`;
  return {
    graph: makeRoom({ ...graph, edges: [...edges, { id: fresh, source: nodeId, target: id }] }, id),
    id,
  };
}

/**
 * Adds a layer one step above a node, feeding it: the new node takes over the node's incoming edges (none for a
 * first layer that lost its Input) and connects to it.
 */
export function prependBefore(
  g: Graph,
  nodeId: NodeId,
  layer: LayerSpec,
): { graph: Graph; id: NodeId } | null {
  const n = g.nodes.find((x) => x.id === nodeId);
  if (!n) return null;
  const { graph, id } = addNode(g, layer, { x: n.position.x, y: n.position.y - APPEND_STEP });
  const edges: GraphEdge[] = graph.edges.map((e) =>
    e.target === nodeId ? { ...e, id: newEdgeId(graph.edges, e.source, id), target: id } : e,
  );
  return { graph: { ...graph, edges: [...edges, edge(edges, id, nodeId)] }, id };
}

/** Merges a patch into a node's layer; the kind cannot change. */
export function updateLayer(g: Graph, id: NodeId, patch: Partial<LayerSpec>): Graph {
  return {
    ...g,
    nodes: g.nodes.map((n) =>
      n.id === id ? { ...n, layer: { ...n.layer, ...patch, kind: n.layer.kind } as LayerSpec } : n,
    ),
  };
}

export function setFrozen(g: Graph, ids: readonly NodeId[], frozen: boolean): Graph {
  const set = new Set(ids);
  return { ...g, nodes: g.nodes.map((n) => (set.has(n.id) ? { ...n, frozen } : n)) };
}

export function moveNode(g: Graph, id: NodeId, position: Position): Graph {
  return { ...g, nodes: g.nodes.map((n) => (n.id === id ? { ...n, position } : n)) };
}

/** Builds a chain graph from a list of layers (input first), connected in order and laid out. */
export function chain(role: Graph['role'], layers: readonly LayerSpec[]): Graph {
  let g: Graph = { version: 1, role, nodes: [], edges: [] };
  let prev: NodeId | null = null;
  for (const layer of layers) {
    const added = addNode(g, layer, { x: 0, y: 0 });
    g = added.graph;
    if (prev) g = { ...g, edges: [...g.edges, edge(g.edges, prev, added.id)] };
    prev = added.id;
  }
  return autoLayout(g);
}

/** Is the graph one weakly-connected piece? (Used by tests and the editor's status line.) */
export function isConnected(g: Graph): boolean {
  const [first] = g.nodes;
  if (!first) return true;
  const seen = new Set<NodeId>([first.id]);
  const stack: NodeId[] = [first.id];
  while (stack.length > 0) {
    const id = stack.pop() as NodeId;
    for (const m of [...successors(g, id), ...predecessors(g, id)]) {
      if (!seen.has(m)) {
        seen.add(m);
        stack.push(m);
      }
    }
  }
  return seen.size === g.nodes.length;
}
