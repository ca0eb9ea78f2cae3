import { describe, expect, it } from 'vitest';
import type { Graph, LayerSpec, NodeId } from './types';
import { asNodeId } from './types';
import { formatShape, inferShapes } from './shapes';
import type { NodeInfo } from './shapes';
import { chain } from './edit';
import { L } from './layerBuilders';

const infoOf = (g: Graph, id: string): NodeInfo => inferShapes(g).get(asNodeId(id)) as NodeInfo;
const one = (input: number[], layer: LayerSpec): NodeInfo => {
  const g = chain('classifier', [L.image(input), layer]);
  return inferShapes(g).get(g.nodes[1]?.id as NodeId) as NodeInfo;
};

describe('formatShape', () => {
  it('uses the × sign', () => {
    expect(formatShape([28, 28, 8])).toBe('28×28×8');
    expect(formatShape([10])).toBe('10');
  });
});

describe('inferShapes', () => {
  it('conv 5×5×8, padding 2 on 28×28×1: shape, formula, params, MACs, memory', () => {
    const i = one([28, 28, 1], { ...L.conv(8, 5, { padding: { explicit: 2 } }) });
    expect(i.output).toEqual([28, 28, 8]);
    expect(i.formula).toBe('(28 − 5 + 2·2) / 1 + 1 = 28');
    expect(i.paramFormula).toBe('(5·5·1)·8 + 8 = 208');
    expect(i.params).toBe(208);
    expect(i.macs).toBe(28 * 28 * 8 * 25);
    expect(i.activationBytes).toBe(28 * 28 * 8 * 4);
    expect(i.receptiveField).toBe(5);
    expect(i.effectiveStride).toBe(1);
  });

  it('same padding with stride shows ceil(W / S); fractional valid sizes round down like TF.js', () => {
    expect(one([28, 28, 1], L.conv(4, 3, { stride: 2 })).formula).toBe('ceil(28 / 2) = 14');
    const f = one([7, 7, 1], { ...L.conv(4, 4, { stride: 2, padding: 'valid' }) });
    expect(f.output).toEqual([2, 2, 4]);
    expect(f.formula).toBe('(7 − 4) / 2 + 1 = 2.5 → 2 (TF.js rounds down)');
  });

  it('writes two lines when height and width differ', () => {
    const i = one([28, 20, 3], { ...L.conv(2, 3, { padding: 'valid' }), kernel: [3, 5] } as LayerSpec);
    expect(i.output).toEqual([26, 16, 2]);
    expect(i.formula).toBe('H: (28 − 3) / 1 + 1 = 26\nW: (20 − 5) / 1 + 1 = 16');
  });

  it('dilation widens the kernel: 3×3 dilation 2 acts like 5×5', () => {
    const i = one([28, 28, 1], L.conv(4, 3, { padding: 'valid', dilation: 2 }));
    expect(i.output).toEqual([24, 24, 4]);
    expect(i.receptiveField).toBe(5);
    expect(i.params).toBe(40);
  });

  it('transposed conv, upsampling, pooling, batch norm and merges', () => {
    expect(one([7, 7, 16], L.deconv(8, 5, { stride: 2, padding: 'valid' })).output).toEqual([17, 17, 8]);
    expect(one([7, 7, 16], L.deconv(8, 5, { stride: 2, padding: 'valid' })).formula).toBe(
      '7·2 + max(5 − 2, 0) = 17',
    );
    expect(one([7, 7, 16], L.deconv(8, 5)).params).toBe(5 * 5 * 8 * 16 + 8);
    expect(one([7, 7, 3], L.upSample(2)).output).toEqual([14, 14, 3]);
    expect(one([7, 7, 3], L.maxPool(2, 2, 'same')).output).toEqual([4, 4, 3]);
    const bn = one([10, 10, 6], L.batchNorm());
    expect([bn.params, bn.trainableParams]).toEqual([24, 12]);
    expect(one([5, 5, 6], L.globalAvgPool()).output).toEqual([6]);
  });

  it('tracks receptive field and effective stride through conv → pool → conv', () => {
    const g = chain('classifier', [
      L.image(),
      L.conv(8, 3),
      L.maxPool(),
      L.conv(16, 3),
      L.maxPool(),
      L.flatten(),
    ]);
    expect([1, 2, 3, 4].map((k) => infoOf(g, g.nodes[k]?.id as string).receptiveField)).toEqual([
      3, 4, 8, 10,
    ]);
    expect(infoOf(g, 'max_pool_2').effectiveStride).toBe(4);
    expect(infoOf(g, 'flatten_1').receptiveField).toBeNull();
  });

  it('marks the first broken node with an error and gives later nodes output null without their own error', () => {
    const g = chain('classifier', [
      L.image([3, 3, 1]),
      L.conv(4, 5, { padding: 'valid' }),
      L.flatten(),
      L.dense(10),
    ]);
    expect(infoOf(g, 'conv2d_1').error).toContain('zero or negative');
    expect(infoOf(g, 'conv2d_1').errorCode).toBe('nonPositiveSize');
    expect(infoOf(g, 'flatten_1')).toMatchObject({ output: null, error: null });
    expect(infoOf(g, 'dense_1').output).toBeNull();
  });

  it('frozen nodes keep their parameters but have none trainable', () => {
    const g = chain('classifier', [L.image(), L.conv(8, 5)]);
    const frozen: Graph = { ...g, nodes: g.nodes.map((n) => ({ ...n, frozen: true })) };
    expect(infoOf(frozen, 'conv2d_1')).toMatchObject({ params: 208, trainableParams: 0 });
  });

  it('Concatenate sums channels in edge order; Add keeps the shape', () => {
    const base = chain('classifier', [L.image(), L.conv(8, 3)]);
    const g: Graph = {
      ...base,
      nodes: [
        ...base.nodes,
        { id: asNodeId('c2'), layer: L.conv(4, 3), position: { x: 0, y: 0 }, frozen: false },
        { id: asNodeId('cat'), layer: { kind: 'concatenate' }, position: { x: 0, y: 0 }, frozen: false },
      ],
      edges: [
        ...base.edges,
        { id: 'a', source: asNodeId('input_1'), target: asNodeId('c2') },
        { id: 'b', source: asNodeId('conv2d_1'), target: asNodeId('cat') },
        { id: 'c', source: asNodeId('c2'), target: asNodeId('cat') },
      ],
    };
    expect(infoOf(g, 'cat')).toMatchObject({ output: [28, 28, 12], formula: '8 + 4 = 12' });
  });
});
