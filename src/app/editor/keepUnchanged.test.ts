import { describe, expect, it } from 'vitest';
import { defaultLayer } from '../../engine/graph/catalogue';
import { chain, updateLayer } from '../../engine/graph/edit';
import { asNodeId } from '../../engine/graph/types';
import { keepUnchanged, sameData } from './keepUnchanged';
import { toFlowEdges, toFlowNodes } from './toFlow';
import { analyse } from '../graphView/useGraphAnalysis';
import { validationContext } from '../graphView/validationContext';

describe('keepUnchanged', () => {
  it('compares plain data by value', () => {
    expect(sameData({ a: [1, { b: 'x' }], c: null }, { a: [1, { b: 'x' }], c: null })).toBe(true);
    expect(sameData({ a: [1, 2] }, { a: [1, 3] })).toBe(false);
    expect(sameData({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameData([1], { 0: 1 })).toBe(false);
  });

  it('after an edit of one layer, only the nodes and edges whose view changed are new objects', () => {
    const layers = [defaultLayer('input'), ...Array.from({ length: 6 }, () => defaultLayer('conv2d'))];
    const g = chain('classifier', [...layers, defaultLayer('flatten'), defaultLayer('dense')]);
    const ctx = validationContext([]);
    const none = new Set<never>();
    const before = toFlowNodes(g, analyse(g, ctx), none);
    const edgesBefore = toFlowEdges(g, analyse(g, ctx), none);
    const edited = updateLayer(g, asNodeId('conv2d_3'), { filters: 16 });
    const a = analyse(edited, ctx);
    const nodes = keepUnchanged(before, toFlowNodes(edited, a, none));
    const edges = keepUnchanged(edgesBefore, toFlowEdges(edited, a, none));
    const fresh = nodes.filter((n, i) => n !== before[i]).map((n) => n.id);
    // conv2d_3 itself, and conv2d_4 whose parameter count depends on its 16 input channels.
    expect(fresh).toEqual(['conv2d_3', 'conv2d_4']);
    // The connection out of conv2d_3 carries the new shape label.
    expect(edges.filter((e, i) => e !== edgesBefore[i]).map((e) => e.source)).toEqual(['conv2d_3']);
  });
});
