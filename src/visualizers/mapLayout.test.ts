import { describe, expect, it } from 'vitest';
import { asNodeId } from '../engine/graph/types';
import { layoutMaps, mapAt, mapRect } from './mapLayout';

describe('activation map layout', () => {
  const layout = layoutMaps([
    { node: asNodeId('conv1'), h: 28, w: 28, count: 32 },
    { node: asNodeId('pool1'), h: 14, w: 14, count: 32 },
  ]);
  it('zooms small maps and stacks layers', () => {
    expect(layout.blocks[0]!.grid.scale).toBe(1);
    expect(layout.blocks[1]!.grid.scale).toBe(2);
    expect(layout.blocks[1]!.top).toBe(12 + 2 * 30 - 2 + 8);
  });
  it('zooms a row of dense units (1×n) into readable cells, not a 1-pixel line', () => {
    const l = layoutMaps([{ node: asNodeId('dense1'), h: 1, w: 32, count: 1 }]);
    expect(l.blocks[0]!.grid.scale).toBe(12);
    expect(l.height).toBe(12 + 12);
    expect(mapAt(l, 12 * 5 + 3, 12 + 4)).toEqual({ node: 'dense1', layer: 0, channel: 0, y: 0, x: 5 });
    expect(layoutMaps([{ node: asNodeId('flat'), h: 1, w: 784, count: 1 }]).blocks[0]!.grid.scale).toBe(1);
  });
  it('click → (node, channel, y, x) and back to a rectangle', () => {
    const b = layout.blocks[1]!;
    const r = mapRect(b, 17, 3, 3, 5, 5);
    const hit = mapAt(layout, r.x + 1, r.y + 1);
    expect(hit).toEqual({ node: 'pool1', layer: 1, channel: 17, y: 3, x: 5 });
    expect(mapAt(layout, 0, 0)).toBeNull();
    expect(mapAt(layout, 28, 12)).toBeNull(); // gap between tiles
    expect(mapAt(layout, 0, 12)).toEqual({ node: 'conv1', layer: 0, channel: 0, y: 0, x: 0 });
  });
});
