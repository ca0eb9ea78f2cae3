import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Graph, NodeId } from './types';
import { asNodeId } from './types';
import {
  addNode,
  appendAfter,
  chain,
  connect,
  disconnect,
  insertBetween,
  isConnected,
  moveNode,
  newNodeId,
  outputNode,
  removeNodes,
  setFrozen,
  topologicalOrder,
  updateLayer,
} from './edit';
import { L } from './layerBuilders';
import { validateGraph } from './validate';
import { hasCycle } from './graphUtils';

const CTX = { imageShape: [28, 28, 1], classes: 10 };
const id = asNodeId;
const base = (): Graph =>
  chain('classifier', [L.image(), L.conv(8, 3), L.maxPool(), L.flatten(), L.dense(10, 'softmax')]);
/** The graph as one top-to-bottom column, 120 px apart (how graphs built with appendAfter look). */
const column = (g: Graph): Graph => {
  const order = topologicalOrder(g);
  return {
    ...g,
    nodes: g.nodes.map((n) => ({ ...n, position: { x: 40, y: 40 + 120 * order.indexOf(n.id) } })),
  };
};
const errors = (g: Graph) => validateGraph(g, CTX).filter((i) => i.severity === 'error');

describe('graph editing', () => {
  it('chain gives readable ids, a topological order and one output', () => {
    const g = base();
    expect(g.nodes.map((n) => n.id)).toEqual(['input_1', 'conv2d_1', 'max_pool_1', 'flatten_1', 'dense_1']);
    expect(topologicalOrder(g)).toEqual(['input_1', 'conv2d_1', 'max_pool_1', 'flatten_1', 'dense_1']);
    expect(outputNode(g)).toBe('dense_1');
    expect(newNodeId(g, 'conv2d')).toBe('conv2d_2');
    expect(errors(g)).toEqual([]);
  });

  it('removeNodes bridges a single-in node so the chain stays connected and valid', () => {
    const g = removeNodes(base(), [id('max_pool_1')]);
    expect(g.nodes).toHaveLength(4);
    expect(isConnected(g)).toBe(true);
    expect(g.edges.some((e) => e.source === 'conv2d_1' && e.target === 'flatten_1')).toBe(true);
    expect(errors(g)).toEqual([]);
  });

  it('connect refuses cycles, duplicates and edges into an Input, returning the graph unchanged', () => {
    const g = base();
    const cyc = connect(g, id('dense_1'), id('conv2d_1'));
    expect(cyc.ok).toBe(false);
    expect(cyc.graph).toBe(g);
    expect(connect(g, id('input_1'), id('conv2d_1')).ok).toBe(false);
    expect(connect(g, id('conv2d_1'), id('input_1')).ok).toBe(false);
    expect(connect(g, id('conv2d_1'), id('conv2d_1')).ok).toBe(false);
    const ok = connect(g, id('input_1'), id('max_pool_1'));
    expect(ok.ok).toBe(true);
    expect(ok.graph.edges).toHaveLength(g.edges.length + 1);
  });

  it('disconnect removes one edge; insertBetween and appendAfter keep the graph connected and valid', () => {
    const g = base();
    const edge = g.edges.find((e) => e.source === 'conv2d_1');
    expect(disconnect(g, edge?.id ?? '').edges).toHaveLength(g.edges.length - 1);
    const ins = insertBetween(g, edge?.id ?? '', L.batchNorm());
    expect(ins?.id).toBe('batch_norm_1');
    expect(isConnected(ins?.graph as Graph)).toBe(true);
    expect(topologicalOrder(ins?.graph as Graph)).toEqual([
      'input_1',
      'conv2d_1',
      'batch_norm_1',
      'max_pool_1',
      'flatten_1',
      'dense_1',
    ]);
    expect(errors(ins?.graph as Graph)).toEqual([]);
    const app = appendAfter(g, id('conv2d_1'), L.act('relu'));
    expect(topologicalOrder(app?.graph as Graph)).toEqual([
      'input_1',
      'conv2d_1',
      'activation_1',
      'max_pool_1',
      'flatten_1',
      'dense_1',
    ]);
    expect(errors(app?.graph as Graph)).toEqual([]);
    const tail = appendAfter(g, id('dense_1'), L.act('softmax'));
    expect(outputNode(tail?.graph as Graph)).toBe('activation_1');
  });

  it('appendAfter and insertBetween make room: layers further down move so no two blocks overlap', () => {
    // Input → Conv → Dense appended one under another (the palette's Enter), then Flatten between Conv and Dense.
    let g = chain('classifier', [L.image()]);
    for (const layer of [L.conv(8, 3), L.dense(10, 'softmax')]) {
      const last = g.nodes[g.nodes.length - 1]?.id as NodeId;
      g = (appendAfter(g, last, layer) as { graph: Graph }).graph;
    }
    const y = (gr: Graph, n: string): number => gr.nodes.find((x) => x.id === n)?.position.y ?? NaN;
    const apart = (gr: Graph): void => {
      const ys = gr.nodes.map((n) => n.position.y).sort((a, b) => a - b);
      for (let i = 1; i < ys.length; i++)
        expect((ys[i] as number) - (ys[i - 1] as number)).toBeGreaterThanOrEqual(90);
    };
    apart(g);
    const fixed = (appendAfter(g, id('conv2d_1'), L.flatten()) as { graph: Graph }).graph;
    apart(fixed);
    expect(y(fixed, 'flatten_1')).toBe(y(g, 'conv2d_1') + 90);
    expect(y(fixed, 'dense_1')).toBe(y(g, 'dense_1') + 90);
    expect(y(fixed, 'input_1')).toBe(y(g, 'input_1'));
    // On an edge of a top-to-bottom column: the new layer goes one step below the source, the rest moves down.
    const laid = column(base());
    const e = laid.edges.find((x) => x.source === 'conv2d_1') as { id: string };
    const ins = insertBetween(laid, e.id, L.dropout(0.25)) as { graph: Graph };
    apart(ins.graph);
    expect(topologicalOrder(ins.graph).map((n) => y(ins.graph, n))).toEqual(
      [...topologicalOrder(ins.graph).map((n) => y(ins.graph, n))].sort((a, b) => a - b),
    );
    expect(y(ins.graph, 'conv2d_1')).toBe(y(laid, 'conv2d_1'));
    // Nothing below: nothing moves.
    const end = appendAfter(laid, id('dense_1'), L.act('softmax')) as { graph: Graph };
    expect(end.graph.nodes.slice(0, -1)).toEqual(laid.nodes);
  });

  it('updateLayer patches params but never the kind; setFrozen and moveNode touch only their nodes', () => {
    const g = updateLayer(base(), id('conv2d_1'), { filters: 16, kind: 'dense' } as never);
    expect(g.nodes[1]?.layer).toMatchObject({ kind: 'conv2d', filters: 16 });
    const f = setFrozen(g, [id('conv2d_1')], true);
    expect(f.nodes.map((n) => n.frozen)).toEqual([false, true, false, false, false]);
    expect(moveNode(f, id('dense_1'), { x: 5, y: 6 }).nodes[4]?.position).toEqual({ x: 5, y: 6 });
  });

  it('random edit sequences never create a cycle and keep ids unique', () => {
    type Op = { op: 'add' | 'connect' | 'remove' | 'insert' | 'append'; a: number; b: number };
    const opArb = fc.record({
      op: fc.constantFrom('add', 'connect', 'remove', 'insert', 'append' as const),
      a: fc.nat(20),
      b: fc.nat(20),
    });
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 25 }), (ops: Op[]) => {
        let g = base();
        for (const { op, a, b } of ops) {
          const pick = (i: number): NodeId | undefined => g.nodes[i % Math.max(1, g.nodes.length)]?.id;
          const na = pick(a);
          const nb = pick(b);
          if (op === 'add') g = addNode(g, L.dense(4), { x: 0, y: 0 }).graph;
          if (op === 'connect' && na && nb) g = connect(g, na, nb).graph;
          if (op === 'remove' && na) g = removeNodes(g, [na]);
          if (op === 'insert' && g.edges.length > 0)
            g = insertBetween(g, g.edges[a % g.edges.length]?.id ?? '', L.dropout(0.1))?.graph ?? g;
          if (op === 'append' && na) g = appendAfter(g, na, L.act('relu'))?.graph ?? g;
        }
        expect(hasCycle(g)).toBe(false);
        expect(new Set(g.nodes.map((n) => n.id)).size).toBe(g.nodes.length);
        expect(new Set(g.edges.map((e) => e.id)).size).toBe(g.edges.length);
        const ids = new Set(g.nodes.map((n) => n.id));
        for (const e of g.edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
