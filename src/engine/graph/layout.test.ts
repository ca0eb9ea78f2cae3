import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Graph, GraphNode, NodeId } from './types';
import { asNodeId } from './types';
import { addNode, appendAfter, chain, connect, insertBetween, prependBefore, removeNodes } from './edit';
import { L } from './layerBuilders';
import { PRESETS, presetById } from './presets';
import { NODE_SIZES, SPACING, TARGET_VIEW, autoLayout, nodeSize, partition, sideToward } from './layout';
import { placeFresh } from './layoutPlace';

const id = asNodeId;
type Box = { x: number; y: number; width: number; height: number };
const box = (n: GraphNode): Box => ({ ...n.position, ...nodeSize(n.layer.kind) });
const boxOf = (g: Graph, nid: string): Box => box(g.nodes.find((n) => n.id === nid) as GraphNode);
const cx = (b: Box): number => b.x + b.width / 2;
const cy = (b: Box): number => b.y + b.height / 2;
const overlap = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

function noOverlaps(g: Graph): void {
  const boxes = g.nodes.map(box);
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) expect(overlap(boxes[i] as Box, boxes[j] as Box)).toBe(false);
}

/** Rows: the distinct centre lines of the nodes. */
const rows = (g: Graph): number[] => [...new Set(g.nodes.map((n) => cy(box(n))))].sort((a, b) => a - b);

/** The zoom at which the graph and the label band above each row fill the target canvas. */
function zoomAtTarget(g: Graph): number {
  const bs = g.nodes.map(box);
  const w = Math.max(...bs.map((b) => b.x + b.width)) - Math.min(...bs.map((b) => b.x));
  const h = Math.max(...bs.map((b) => b.y + b.height)) - Math.min(...bs.map((b) => b.y)) + SPACING.band;
  return Math.min(TARGET_VIEW.width / w, TARGET_VIEW.height / h, TARGET_VIEW.maxZoom);
}

const networks = PRESETS.flatMap((p) =>
  p.gan
    ? [
        [`${p.id} generator`, p.gan.generator] as const,
        [`${p.id} discriminator`, p.gan.discriminator] as const,
      ]
    : [[p.id, p.graph] as const],
);

describe('autoLayout', () => {
  it.each(networks)('%s reads left to right in rows, every connection a short step', (_, g) => {
    noOverlaps(g);
    for (const e of g.edges) {
      const a = boxOf(g, e.source);
      const b = boxOf(g, e.target);
      if (cy(a) === cy(b)) {
        // Along a row: the next block, one gap away, to the right or (in a returning row) to the left.
        const gap = cx(b) > cx(a) ? b.x - (a.x + a.width) : a.x - (b.x + b.width);
        expect(gap).toBe(SPACING.along);
      } else {
        // A row's turn: straight down into the next row, below the label band.
        expect(Math.abs(cx(b) - cx(a))).toBeLessThanOrEqual(NODE_SIZES.wide.width / 2);
        expect(b.y).toBeGreaterThan(a.y + a.height);
        expect(rows(g).indexOf(cy(b))).toBe(rows(g).indexOf(cy(a)) + 1);
      }
    }
  });

  it.each(networks)('%s fits a 1366×768 canvas with node text (11 px) of at least 10 px', (_, g) => {
    expect(zoomAtTarget(g) * 11).toBeGreaterThanOrEqual(10);
    expect(rows(g).length).toBeLessThanOrEqual(3);
  });

  it('keeps a chain that fits comfortably in one straight row, and folds the deep CNN into three', () => {
    expect(rows(presetById('ladder-deep-mlp')?.graph as Graph)).toHaveLength(1);
    expect(rows(presetById('notes-deep')?.graph as Graph)).toHaveLength(3);
    // Rows alternate: the second row runs right to left.
    const deep = presetById('notes-deep')?.graph as Graph;
    const second = deep.nodes.filter((n) => cy(box(n)) === rows(deep)[1]);
    const e = deep.edges.find(
      (x) => second.some((n) => n.id === x.source) && second.some((n) => n.id === x.target),
    );
    expect(e && cx(boxOf(deep, e.target)) < cx(boxOf(deep, e.source))).toBe(true);
  });

  it('puts branches side by side across the row and keeps a skip connection clear of them', () => {
    // input → conv_a → add ← input (a residual block), then dense.
    let g = chain('classifier', [L.image(), L.conv(1, 3)]);
    const add = addNode(g, { kind: 'add' }, { x: 0, y: 0 });
    g = connect(add.graph, id('conv2d_1'), add.id).graph;
    g = connect(g, id('input_1'), add.id).graph;
    const cat = addNode(g, { kind: 'concatenate' }, { x: 0, y: 0 });
    const b1 = addNode(cat.graph, L.conv(4, 3), { x: 0, y: 0 });
    const b2 = addNode(b1.graph, L.conv(4, 1), { x: 0, y: 0 });
    g = b2.graph;
    for (const [s, t] of [
      [add.id, b1.id],
      [add.id, b2.id],
      [b1.id, cat.id],
      [b2.id, cat.id],
    ] as const)
      g = connect(g, s, t).graph;
    const laid = autoLayout(g);
    noOverlaps(laid);
    const [p, q, conv, input, sum] = [b1.id, b2.id, 'conv2d_1', 'input_1', add.id].map((n) =>
      boxOf(laid, n),
    ) as [Box, Box, Box, Box, Box];
    // The two branches share a step (same x), one above the other.
    expect(p.x).toBe(q.x);
    expect(p.y).not.toBe(q.y);
    // The skip input → add runs straight along the input's centre line, past (not through) conv_a.
    expect(cy(input)).toBe(cy(sum));
    expect(cy(input) > conv.y && cy(input) < conv.y + conv.height).toBe(false);
    for (const e of laid.edges) expect(cx(boxOf(laid, e.target))).toBeGreaterThan(cx(boxOf(laid, e.source)));
  });

  it('lines unconnected blocks up in node order, and lays out an empty graph as itself', () => {
    let g: Graph = { version: 1, role: 'classifier', nodes: [], edges: [] };
    expect(autoLayout(g)).toBe(g);
    for (const layer of [L.image(), L.conv(8, 3), L.maxPool(), L.flatten(), L.dense(10)])
      g = addNode(g, layer, { x: 500, y: 500 }).graph;
    const laid = autoLayout(g);
    const xs = laid.nodes.map((n) => n.position.x);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    expect(rows(laid)).toHaveLength(1);
  });

  it('uses the canvas it is given: a tall, narrow one gets more rows', () => {
    const g = presetById('notes-small')?.graph as Graph;
    expect(rows(autoLayout(g, { width: 400, height: 900, maxZoom: 1.2 })).length).toBeGreaterThan(
      rows(g).length,
    );
  });

  it('never overlaps blocks, whatever the graph', () => {
    const kinds = [L.conv(4, 3), L.dense(8), L.act('relu'), L.flatten(), L.dropout(0.1), L.maxPool()];
    fc.assert(
      fc.property(
        fc.array(fc.nat(kinds.length - 1), { minLength: 1, maxLength: 18 }),
        fc.array(fc.tuple(fc.nat(30), fc.nat(30)), { maxLength: 10 }),
        (layers, extra) => {
          let g = chain('classifier', [L.image(), ...layers.map((k) => kinds[k] ?? L.dense(8))]);
          for (const [a, b] of extra) {
            const s = g.nodes[a % g.nodes.length]?.id as NodeId;
            const t = g.nodes[b % g.nodes.length]?.id as NodeId;
            g = connect(g, s, t).graph;
          }
          noOverlaps(autoLayout(g));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('splits steps into rows with the shortest longest row', () => {
    const rowsOf = partition([100, 100, 100, 100], 2);
    expect(rowsOf).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(partition([300, 50, 50, 50], 2)).toEqual([[0], [1, 2, 3]]);
  });

  it('calls a neighbour vertical only when it is clearly more below than beside', () => {
    expect(sideToward({ x: 0, y: 0 }, { x: 100, y: 60 })).toBe('right');
    expect(sideToward({ x: 0, y: 0 }, { x: -100, y: 0 })).toBe('left');
    expect(sideToward({ x: 0, y: 0 }, { x: 10, y: 100 })).toBe('bottom');
    expect(sideToward({ x: 0, y: 0 }, { x: 0, y: -100 })).toBe('top');
  });
});

describe('placeFresh', () => {
  const small = presetById('notes-small')?.graph as Graph;
  const sameRow = (g: Graph, a: string, b: string): boolean => cy(boxOf(g, a)) === cy(boxOf(g, b));

  it('inserts along a row: right after the source, the rest of the row moved on, other rows kept', () => {
    const e = small.edges.find((x) => x.source === 'conv2d_1') as { id: string };
    const r = insertBetween(small, e.id, L.dropout(0.2)) as { graph: Graph; id: NodeId };
    const g = placeFresh(small, r.graph);
    noOverlaps(g);
    expect(sameRow(g, r.id, 'conv2d_1')).toBe(true);
    expect(boxOf(g, r.id).x).toBe(boxOf(g, 'conv2d_1').x + NODE_SIZES.full.width + SPACING.along);
    expect(boxOf(g, 'activation_1').x).toBeGreaterThan(boxOf(small, 'activation_1').x);
    // The second row did not move; the first layers did not either.
    for (const n of ['input_1', 'conv2d_1', 'dense_2', 'flatten_1'])
      expect(boxOf(g, n)).toEqual(boxOf(small, n));
  });

  it('inserts at a turn by starting the next row there', () => {
    const turn = small.edges.find((x) => !sameRow(small, x.source, x.target)) as {
      id: string;
      target: string;
    };
    const r = insertBetween(small, turn.id, L.batchNorm()) as { graph: Graph; id: NodeId };
    const g = placeFresh(small, r.graph);
    noOverlaps(g);
    expect(sameRow(g, r.id, turn.target)).toBe(true);
  });

  it('appends after the output along its row, and puts a recovered Input before the first layer', () => {
    const out = appendAfter(small, id('dense_2'), L.act('softmax')) as { graph: Graph; id: NodeId };
    const g = placeFresh(small, out.graph);
    noOverlaps(g);
    expect(sameRow(g, out.id, 'dense_2')).toBe(true);
    expect(cx(boxOf(g, out.id))).toBeLessThan(cx(boxOf(g, 'dense_2'))); // the second row runs right to left
    const gone = removeNodes(small, [id('input_1')]);
    const back = prependBefore(gone, id('conv2d_1'), L.image()) as { graph: Graph; id: NodeId };
    const h = placeFresh(gone, back.graph);
    expect(sameRow(h, back.id, 'conv2d_1')).toBe(true);
    expect(cx(boxOf(h, back.id))).toBeLessThan(cx(boxOf(h, 'conv2d_1')));
  });

  it('leaves an edit that adds nothing as it is', () => {
    const moved = { ...small, nodes: small.nodes.map((n) => ({ ...n, position: { x: 1, y: 1 } })) };
    expect(placeFresh(small, moved)).toBe(moved);
    expect(placeFresh(small, small)).toBe(small);
  });
});
