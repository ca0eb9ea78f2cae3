import { describe, expect, it } from 'vitest';
import { asNodeId, GRAPH_VERSION, type Graph } from './types';
import { applyHeInit, applyLeakyRelu } from './deadReluRemedies';
import { defaultLayer } from './catalogue';

const g: Graph = {
  version: GRAPH_VERSION,
  role: 'classifier',
  nodes: [
    {
      id: asNodeId('in'),
      layer: { kind: 'input', source: 'dataset', shape: [28, 28, 1] },
      position: { x: 0, y: 0 },
      frozen: false,
    },
    {
      id: asNodeId('c'),
      // A ReLU conv without He initialization, so the remedy has something to change.
      layer: { ...defaultLayer('conv2d'), filters: 4, initializer: 'glorotUniform' },
      position: { x: 0, y: 90 },
      frozen: false,
    },
    {
      id: asNodeId('a'),
      layer: { kind: 'activation', fn: 'relu', alpha: 0 },
      position: { x: 0, y: 180 },
      frozen: false,
    },
  ],
  edges: [
    { id: 'e1', source: asNodeId('in'), target: asNodeId('c') },
    { id: 'e2', source: asNodeId('c'), target: asNodeId('a') },
  ],
};

describe('dead ReLU remedies', () => {
  it('Leaky ReLU: fused relu becomes linear + leakyRelu node in between; relu nodes switch', () => {
    const out = applyLeakyRelu(g);
    const conv = out.nodes.find((n) => n.id === 'c')!.layer;
    expect(conv.kind === 'conv2d' && conv.activation).toBe('linear');
    const added = out.nodes.find((n) => n.layer.kind === 'activation' && n.id !== 'a')!;
    expect(added.layer).toMatchObject({ fn: 'leakyRelu', alpha: 0.2 });
    expect(out.edges.some((e) => e.source === 'c' && e.target === added.id)).toBe(true);
    expect(out.edges.some((e) => e.source === added.id && e.target === 'a')).toBe(true);
    expect(out.nodes.find((n) => n.id === 'a')!.layer).toMatchObject({ fn: 'leakyRelu' });
  });
  it('He init on conv layers', () => {
    const conv = applyHeInit(g).nodes.find((n) => n.id === 'c')!.layer;
    expect(conv.kind === 'conv2d' && conv.initializer).toBe('heNormal');
  });
});
