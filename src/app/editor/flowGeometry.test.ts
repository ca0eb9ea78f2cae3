import { describe, expect, it } from 'vitest';
import type { Graph } from '../../engine/graph/types';
import { asNodeId } from '../../engine/graph/types';
import { chain } from '../../engine/graph/edit';
import { L } from '../../engine/graph/layerBuilders';
import { NODE_SIZES, SPACING, nodeSize } from '../../engine/graph/layout';
import { presetById } from '../../engine/graph/presets';
import { LABEL_BOX, graphBounds, labelCentre, labelPlacement, labelWidth, nodeSides } from './flowGeometry';
import { edgeShapes, fitViewportFor, layoutTarget } from './useFitGraph';
import { nodeFace } from './keyParams';
import { nodeParamsText } from './LayerNode';

const small = presetById('notes-small')?.graph as Graph;
const id = asNodeId;

describe('node sides', () => {
  it('follow the rows: left to right, straight down at the turn, then right to left', () => {
    const sides = nodeSides(small);
    expect(sides.get(id('input_1'))).toEqual({ input: 'left', output: 'right' });
    expect(sides.get(id('conv2d_1'))).toEqual({ input: 'left', output: 'right' });
    // The first row's last layer hands down; the second row's first takes it from above and passes left.
    const mid = (nid: string): number => {
      const n = small.nodes.find((m) => m.id === nid);
      return n ? n.position.y + nodeSize(n.layer.kind).height / 2 : NaN;
    };
    const turn = small.edges.find((e) => mid(e.source) !== mid(e.target));
    expect(turn).toBeDefined();
    if (!turn) return;
    expect(sides.get(turn.source)?.output).toBe('bottom');
    expect(sides.get(turn.target)).toEqual({ input: 'top', output: 'left' });
    expect(sides.get(id('dense_2'))).toEqual({ input: 'right', output: 'left' });
  });

  it('reads a lone block and a top-to-bottom column sensibly', () => {
    const lone = chain('classifier', [L.image()]);
    expect(nodeSides(lone).get(id('input_1'))).toEqual({ input: 'left', output: 'right' });
    const column: Graph = {
      ...small,
      nodes: small.nodes.map((n, i) => ({ ...n, position: { x: 0, y: i * 120 } })),
    };
    expect(nodeSides(column).get(id('conv2d_1'))).toEqual({ input: 'top', output: 'bottom' });
  });
});

describe('labels', () => {
  const row = { input: 'left', output: 'right' } as const;
  it('sit above a row, beside a turn on its outer side, on the line otherwise', () => {
    expect(labelPlacement(row, 'left')).toEqual({ kind: 'above' });
    expect(labelPlacement({ input: 'left', output: 'bottom' }, 'top')).toEqual({
      kind: 'beside',
      outward: 1,
    });
    expect(labelPlacement({ input: 'right', output: 'bottom' }, 'top')).toEqual({
      kind: 'beside',
      outward: -1,
    });
    expect(labelPlacement({ input: 'top', output: 'right' }, 'top')).toEqual({ kind: 'middle' });
  });

  it('above a row: centred over the gap, in the band over the nodes, level across node sizes', () => {
    const full = NODE_SIZES.full;
    const compact = NODE_SIZES.compact;
    const at = (sourceSize: typeof full, targetSize: typeof full) =>
      labelCentre({
        source: { x: 100, y: 50 },
        target: { x: 120, y: 50 },
        sourceSize,
        targetSize,
        placement: { kind: 'above' },
        shape: '28×28×8',
      });
    expect(at(full, full)).toEqual({ x: 110, y: 50 - full.height / 2 - SPACING.band / 2 });
    expect(at(compact, compact)).toEqual(at(full, compact));
    // The label fits in the band: it clears the node tops.
    expect(at(full, full).y + LABEL_BOX.height / 2).toBeLessThanOrEqual(50 - full.height / 2);
  });

  it('beside a turn: pushed outward past the next row’s first label', () => {
    const c = labelCentre({
      source: { x: 100, y: 0 },
      target: { x: 100, y: 30 },
      sourceSize: NODE_SIZES.compact,
      targetSize: NODE_SIZES.compact,
      placement: { kind: 'beside', outward: 1 },
      shape: '14×14×16',
    });
    const nextLabel = 100 - NODE_SIZES.compact.width / 2 - SPACING.along / 2;
    expect(c.x - nextLabel).toBeGreaterThanOrEqual(labelWidth('14×14×16'));
    expect(c.y).toBe(15);
  });

  it('count in the fitted box, so the band over the first row stays in view', () => {
    const b = graphBounds(small, edgeShapes(small));
    const nodesTop = Math.min(...small.nodes.map((n) => n.position.y));
    expect(b?.y).toBeLessThan(nodesTop);
    for (const n of small.nodes) {
      const s = nodeSize(n.layer.kind);
      expect(n.position.x >= (b?.x ?? 0) && n.position.x + s.width <= (b?.x ?? 0) + (b?.width ?? 0)).toBe(
        true,
      );
    }
    expect(graphBounds({ ...small, nodes: [], edges: [] })).toBeNull();
  });
});

describe('fitting', () => {
  it('shows the box whole with padding and never zooms in past 1.2', () => {
    const vp = fitViewportFor({ x: 0, y: 0, width: 100, height: 50 }, { width: 866, height: 270 });
    expect(vp.zoom).toBe(1.2);
    const big = fitViewportFor({ x: 0, y: 0, width: 1000, height: 300 }, { width: 866, height: 270 });
    expect(big.zoom).toBeCloseTo(Math.min((866 - 8) / 1000, (270 - 8) / 300), 3);
    expect(big.x).toBeGreaterThanOrEqual(0);
    expect(layoutTarget({ width: 866, height: 270 })).toEqual({ width: 858, height: 262, maxZoom: 1.2 });
  });
});

describe('node faces', () => {
  it('are short enough for the node: fused activation apart, no repeated filter count', () => {
    expect(nodeFace(L.conv(8, 3, { activation: 'tanh' }), 'Conv2D')).toEqual({
      title: 'Conv2D',
      activation: 'tanh',
      detail: '3×3 /1 same',
    });
    expect(nodeFace(L.dense(10, 'linear'), 'Dense')).toEqual({
      title: 'Dense',
      activation: '',
      detail: '10 units',
    });
    expect(nodeFace(L.act('leakyRelu', 0.2), 'Activation')).toMatchObject({
      title: 'Leaky ReLU',
      detail: 'α 0.2',
    });
    expect(nodeFace(L.batchNorm(), 'BatchNormalization').title).toBe('BatchNorm');
    expect(nodeFace(L.reshape([7, 7, 32]), 'Reshape').detail).toBe('');
  });
  it('abbreviate large parameter counts', () => {
    expect(nodeParamsText(1)).toBe('1 param');
    expect(nodeParamsText(25_120)).toBe('25,120 params');
    expect(nodeParamsText(3_212_288)).toBe('3.21M params');
  });
});
