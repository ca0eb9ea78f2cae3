import { describe, expect, it } from 'vitest';
import { asNodeId, GRAPH_VERSION, type Graph, type LayerSpec } from './types';
import { backAxis, receptiveWindows, samePadBefore, spatialChain } from './receptiveField';

function chainGraph(layers: LayerSpec[]): Graph {
  const nodes = layers.map((layer, i) => ({
    id: asNodeId(`n${i}`),
    layer,
    position: { x: 0, y: i * 90 },
    frozen: false,
  }));
  const edges = nodes.slice(1).map((n, i) => ({ id: `e${i}`, source: nodes[i]!.id, target: n.id }));
  return { version: GRAPH_VERSION, role: 'classifier', nodes, edges };
}
const conv = (k: number, s: number, padding: 'same' | 'valid'): LayerSpec => ({
  kind: 'conv2d',
  filters: 4,
  kernel: [k, k],
  stride: [s, s],
  padding,
  dilation: [1, 1],
  activation: 'relu',
  useBias: true,
  initializer: 'heNormal',
});
const input: LayerSpec = { kind: 'input', source: 'dataset', shape: [28, 28, 1] };
const pool: LayerSpec = { kind: 'maxPool2d', pool: [2, 2], stride: [2, 2], padding: 'valid' };

describe('receptive field', () => {
  it('same padding puts the smaller half first, like TF.js', () => {
    expect(samePadBefore(28, 5, 1)).toBe(2);
    expect(samePadBefore(28, 2, 2)).toBe(0);
    expect(samePadBefore(5, 4, 2)).toBe(1); // total 3: 1 before, 2 after
  });
  it('one step maps a range back', () => {
    expect(backAxis({ extent: 5, stride: 1, padBefore: 2, inSize: 28 }, 3, 3)).toEqual([1, 5]);
    expect(backAxis({ extent: 2, stride: 2, padBefore: 0, inSize: 28 }, 3, 4)).toEqual([6, 9]);
  });
  it('conv 5 same → pool 2 s2 → conv 5 same: pool input rows [2y−4, 2y+5], image rows [2y−6, 2y+7], clipped', () => {
    const g = chainGraph([input, conv(5, 1, 'same'), pool, conv(5, 1, 'same')]);
    const chain = spatialChain(g, asNodeId('n3'));
    expect(chain?.steps.map((s) => s.node)).toEqual(['n1', 'n2', 'n3']);
    for (const y of [0, 3, 6, 13]) {
      const w = receptiveWindows(chain!.steps, chain!.input, y, y);
      expect(w.map((x) => x.node)).toEqual(['n2', 'n1', 'n0']);
      const onPoolInput = w[1]!;
      expect([onPoolInput.y0, onPoolInput.y1]).toEqual([Math.max(0, 2 * y - 4), Math.min(27, 2 * y + 5)]);
      const onImage = w[2]!;
      expect([onImage.y0, onImage.y1]).toEqual([Math.max(0, 2 * y - 6), Math.min(27, 2 * y + 7)]);
    }
  });
  it('valid convs grow the field by k − 1 and strides multiply', () => {
    const g = chainGraph([input, conv(3, 2, 'valid'), conv(3, 1, 'valid')]);
    const c = spatialChain(g, asNodeId('n2'))!;
    const w = receptiveWindows(c.steps, c.input, 0, 1);
    expect(w[1]).toEqual({ node: 'n0', y0: 0, y1: 6, x0: 2, x1: 8 });
  });
  it('gives up once the layout is gone', () => {
    const g = chainGraph([
      input,
      conv(3, 1, 'same'),
      { kind: 'flatten' },
      { kind: 'dense', units: 10, activation: 'softmax', useBias: true, initializer: 'glorotUniform' },
    ]);
    expect(spatialChain(g, asNodeId('n3'))).toBeNull();
    expect(spatialChain(g, asNodeId('nope'))).toBeNull();
  });
});
