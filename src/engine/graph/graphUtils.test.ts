import { describe, expect, it } from 'vitest';
import { defaultLayer } from './catalogue';
import { chain, connect, updateLayer } from './edit';
import { predecessors, successors, topologicalOrder } from './graphUtils';
import { GRAPH_VERSION, asNodeId } from './types';
import type { Graph } from './types';

const id = asNodeId;

describe('graph neighbours', () => {
  it('follow the edges of each graph, also after an edit that replaces them', () => {
    const g = chain('classifier', [defaultLayer('input'), defaultLayer('conv2d'), defaultLayer('flatten')]);
    expect(predecessors(g, id('flatten_1'))).toEqual([id('conv2d_1')]);
    expect(successors(g, id('input_1'))).toEqual([id('conv2d_1')]);
    const r = connect(g, id('input_1'), id('flatten_1'));
    if (!r.ok) throw new Error(r.reason);
    // Edge order is kept (Concatenate relies on it).
    expect(predecessors(r.graph, id('flatten_1'))).toEqual([id('conv2d_1'), id('input_1')]);
    expect(successors(r.graph, id('input_1'))).toEqual([id('conv2d_1'), id('flatten_1')]);
    // The old graph is unchanged, and a layer edit (which keeps the edges) sees the same neighbours.
    expect(predecessors(g, id('flatten_1'))).toEqual([id('conv2d_1')]);
    const edited = updateLayer(g, id('conv2d_1'), { filters: 4 });
    expect(predecessors(edited, id('flatten_1'))).toEqual([id('conv2d_1')]);
  });

  it('hand out copies: changing a returned list changes nothing', () => {
    const g = chain('classifier', [defaultLayer('input'), defaultLayer('conv2d')]);
    successors(g, id('input_1')).push(id('input_1'));
    predecessors(g, id('conv2d_1')).length = 0;
    expect(successors(g, id('input_1'))).toEqual([id('conv2d_1')]);
    expect(predecessors(g, id('conv2d_1'))).toEqual([id('input_1')]);
  });

  it('order a 1,000-node chain listed backwards from input to output', () => {
    const n = 1000;
    const g: Graph = {
      version: GRAPH_VERSION,
      role: 'classifier',
      nodes: Array.from({ length: n }, (_, i) => ({
        id: id(`n${n - 1 - i}`),
        layer: i === n - 1 ? defaultLayer('input') : defaultLayer('dense'),
        position: { x: 0, y: 0 },
        frozen: false,
      })),
      edges: Array.from({ length: n - 1 }, (_, i) => ({
        id: `e${i}`,
        source: id(`n${i}`),
        target: id(`n${i + 1}`),
      })),
    };
    const order = topologicalOrder(g);
    expect(order).toEqual(Array.from({ length: n }, (_, i) => id(`n${i}`)));
  });
});
