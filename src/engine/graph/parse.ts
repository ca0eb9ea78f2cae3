/**
 * Parsing untrusted graph JSON (files, URLs, old versions). Validates every field, names the path of each bad
 * field, migrates version 0, and never throws. See docs/graph-format.md.
 */
import type { Graph, GraphEdge, GraphNode, ModelRole, NodeId } from './types';
import { GRAPH_VERSION, asNodeId } from './types';
import { Reader, readLayer } from './parseLayer';
import type { FieldError } from './parseLayer';
import { autoLayout } from './edit';

export type ParseResult =
  { ok: true; graph: Graph; warnings: string[] } | { ok: false; errors: { path: string; message: string }[] };

export const MAX_NODES = 1000;
const ROLES: readonly ModelRole[] = ['classifier', 'autoencoder', 'generator', 'discriminator'];
const ID_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
const PAIR_FIELDS = ['kernel', 'stride', 'pool', 'dilation', 'size'] as const;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Version 0 (the prototype's format) differs from version 1 in that: `version` may be missing; square sizes
 * (kernel, stride, pool, dilation, size) may be single numbers; `padding` of a Conv2D may be a number P;
 * `frozen`, `position` and `role` may be missing. This lifts such a document to version 1 without judging it;
 * the version 1 reader then validates everything.
 */
function migrateV0(
  doc: Record<string, unknown>,
  warnings: string[],
): { doc: Record<string, unknown>; layout: boolean } {
  let layout = false;
  const nodes = Array.isArray(doc['nodes'])
    ? doc['nodes'].map((n: unknown) => {
        if (!isRecord(n)) return n;
        const node: Record<string, unknown> = { ...n };
        if (isRecord(n['layer'])) {
          const layer: Record<string, unknown> = { ...n['layer'] };
          for (const k of PAIR_FIELDS) {
            const v = layer[k];
            if (typeof v === 'number') layer[k] = [v, v];
          }
          if (typeof layer['padding'] === 'number') layer['padding'] = { explicit: layer['padding'] };
          node['layer'] = layer;
        }
        if (node['frozen'] === undefined) node['frozen'] = false;
        if (node['position'] === undefined) {
          node['position'] = { x: 0, y: 0 };
          layout = true;
        }
        return node;
      })
    : doc['nodes'];
  const role = doc['role'] === undefined ? 'classifier' : doc['role'];
  warnings.push('Migrated a version 0 graph to version 1.');
  return { doc: { ...doc, version: GRAPH_VERSION, role, nodes }, layout };
}

function readNode(r: Reader, value: unknown, path: string): GraphNode | undefined {
  const o = r.record(value, path);
  if (!o) return undefined;
  const before = r.errors.length;
  const rawId = o['id'];
  const id =
    typeof rawId === 'string' && ID_PATTERN.test(rawId)
      ? asNodeId(rawId)
      : r.fail(`${path}.id`, 'must be 1–64 letters, digits, _ . or -, starting with a letter');
  const layer = readLayer(r, o['layer'], `${path}.layer`);
  const pos = r.record(o['position'], `${path}.position`);
  const x = pos ? r.real(pos['x'], `${path}.position.x`, -1e6, 1e6, true) : undefined;
  const y = pos ? r.real(pos['y'], `${path}.position.y`, -1e6, 1e6, true) : undefined;
  const frozen = r.bool(o['frozen'], `${path}.frozen`);
  if (
    r.errors.length > before ||
    !id ||
    !layer ||
    x === undefined ||
    y === undefined ||
    frozen === undefined
  ) {
    return undefined;
  }
  return { id, layer, position: { x, y }, frozen };
}

function readEdge(r: Reader, value: unknown, path: string, ids: ReadonlySet<string>): GraphEdge | undefined {
  const o = r.record(value, path);
  if (!o) return undefined;
  const before = r.errors.length;
  const id =
    typeof o['id'] === 'string' && o['id'].length > 0 && o['id'].length <= 200
      ? o['id']
      : r.fail(`${path}.id`, 'must be a non-empty string');
  const end = (key: 'source' | 'target'): NodeId | undefined => {
    const v = o[key];
    if (typeof v !== 'string') return r.fail(`${path}.${key}`, 'must be a node id');
    if (!ids.has(v))
      return r.fail(`${path}.${key}`, `refers to a node that does not exist: '${v.slice(0, 64)}'`);
    return asNodeId(v);
  };
  const source = end('source');
  const target = end('target');
  if (r.errors.length > before || !id || !source || !target) return undefined;
  return { id, source, target };
}

/** Validates an untrusted JSON value as a graph (any supported version). Never throws. */
export function parseGraph(json: unknown): ParseResult {
  try {
    return parseUnsafe(json);
  } catch (e) {
    // Only programmer errors can land here; still report them as data rather than crash the caller.
    return { ok: false, errors: [{ path: '', message: `could not read the graph: ${String(e)}` }] };
  }
}

function parseUnsafe(json: unknown): ParseResult {
  const r = new Reader();
  const warnings: string[] = [];
  const top = r.record(json, '');
  if (!top) return { ok: false, errors: r.errors };
  let doc = top;
  let layout = false;
  const version = doc['version'];
  if (version === undefined || version === 0) {
    ({ doc, layout } = migrateV0(doc, warnings));
  } else if (version !== GRAPH_VERSION) {
    const msg =
      typeof version === 'number' && version > GRAPH_VERSION
        ? 'is newer than this app understands'
        : 'must be 0 or 1';
    return {
      ok: false,
      errors: [{ path: 'version', message: `${msg} (got ${JSON.stringify(version)?.slice(0, 20)})` }],
    };
  }
  const role = r.oneOf(doc['role'], 'role', ROLES);
  const rawNodes = doc['nodes'];
  const rawEdges = doc['edges'];
  if (!Array.isArray(rawNodes)) r.fail('nodes', 'must be a list');
  else if (rawNodes.length > MAX_NODES) r.fail('nodes', `must have at most ${MAX_NODES} nodes`);
  if (!Array.isArray(rawEdges)) r.fail('edges', 'must be a list');
  else if (rawEdges.length > MAX_NODES * 4) r.fail('edges', `must have at most ${MAX_NODES * 4} edges`);
  if (r.errors.length > 0 || !Array.isArray(rawNodes) || !Array.isArray(rawEdges))
    return { ok: false, errors: r.errors };

  const nodes: GraphNode[] = [];
  const ids = new Set<string>();
  rawNodes.forEach((raw: unknown, i) => {
    const node = readNode(r, raw, `nodes[${i}]`);
    if (!node) return;
    if (ids.has(node.id)) r.fail(`nodes[${i}].id`, `duplicate id '${node.id}'`);
    ids.add(node.id);
    nodes.push(node);
  });
  // Edge ends are checked against every well-formed id, even of nodes that had other errors.
  rawNodes.forEach((raw: unknown) => {
    if (isRecord(raw) && typeof raw['id'] === 'string' && ID_PATTERN.test(raw['id'])) ids.add(raw['id']);
  });
  const edges: GraphEdge[] = [];
  const edgeIds = new Set<string>();
  const pairs = new Set<string>();
  rawEdges.forEach((raw: unknown, i) => {
    const e = readEdge(r, raw, `edges[${i}]`, ids);
    if (!e) return;
    if (edgeIds.has(e.id)) r.fail(`edges[${i}].id`, `duplicate edge id '${e.id.slice(0, 64)}'`);
    const pair = `${e.source}\u0000${e.target}`;
    if (pairs.has(pair)) r.fail(`edges[${i}]`, `duplicate connection ${e.source} → ${e.target}`);
    if (e.source === e.target) r.fail(`edges[${i}]`, 'a node cannot be connected to itself');
    edgeIds.add(e.id);
    pairs.add(pair);
    edges.push(e);
  });
  if (r.errors.length > 0 || !role) return { ok: false, errors: dedupe(r.errors) };
  const graph: Graph = { version: GRAPH_VERSION, role, nodes, edges };
  return { ok: true, graph: layout ? autoLayout(graph) : graph, warnings };
}

function dedupe(errors: readonly FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const k = `${e.path}|${e.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Parses JSON text (e.g. a dropped file or a URL fragment); syntax errors become an error at path ''. */
export function parseGraphText(text: string): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return {
      ok: false,
      errors: [{ path: '', message: `not valid JSON: ${e instanceof Error ? e.message : String(e)}` }],
    };
  }
  return parseGraph(json);
}

/** Stable, pretty-printed JSON for a graph; parseGraphText(serializeGraph(g)) gives g back. */
export function serializeGraph(g: Graph): string {
  return JSON.stringify(
    {
      version: g.version,
      role: g.role,
      nodes: g.nodes.map((n) => ({ id: n.id, layer: n.layer, position: n.position, frozen: n.frozen })),
      edges: g.edges.map((e) => ({ id: e.id, source: e.source, target: e.target })),
    },
    null,
    2,
  );
}
