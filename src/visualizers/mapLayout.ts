/**
 * Layout of the Activation maps canvas: one block per layer (caption strip, then its channels in a grid), small
 * maps zoomed by an integer factor so every map is at least ~28 px. Pure, with the click → map pixel hit test.
 */
import type { NodeId } from '../engine/graph/types';
import { gridSize, tileOrigin, type TileGrid } from './pixels';

export interface StackShape {
  readonly node: NodeId;
  readonly h: number;
  readonly w: number;
  readonly count: number;
}

export interface MapBlock extends StackShape {
  readonly index: number;
  readonly top: number;
  readonly caption: number;
  readonly grid: TileGrid;
}

export interface MapLayout {
  readonly width: number;
  readonly height: number;
  readonly blocks: readonly MapBlock[];
}

export const MAX_MAP_COLS = 16;
const CAPTION = 12;
const GAP = 8;
/** A row of units (a dense layer's activations, 1×n) is zoomed to cells this big at most, so it is readable. */
const MAX_UNIT_CELL = 12;

/** Integer zoom: maps to ~28 px; a 1-pixel-high row of units to cells that fill about a row of full-size maps. */
export function mapScale(h: number, w: number): number {
  const fit = Math.max(1, Math.floor(28 / Math.max(h, w)));
  if (h !== 1 || w <= 1) return fit;
  return Math.max(fit, Math.min(MAX_UNIT_CELL, Math.floor((MAX_MAP_COLS * 28) / w)));
}

export function layoutMaps(stacks: readonly StackShape[]): MapLayout {
  let top = 0;
  let width = 1;
  const blocks = stacks.map((s, index) => {
    const grid: TileGrid = {
      cols: Math.min(MAX_MAP_COLS, Math.max(1, s.count)),
      gap: 2,
      scale: mapScale(s.h, s.w),
    };
    const size = gridSize(s.count, s.h, s.w, grid);
    const b: MapBlock = { node: s.node, h: s.h, w: s.w, count: s.count, index, top, caption: CAPTION, grid };
    width = Math.max(width, size.width);
    top += CAPTION + size.height + GAP;
    return b;
  });
  return { width, height: Math.max(1, top - GAP), blocks };
}

export interface MapHit {
  readonly node: NodeId;
  readonly layer: number;
  readonly channel: number;
  readonly y: number;
  readonly x: number;
}

export function mapAt(layout: MapLayout, px: number, py: number): MapHit | null {
  for (const b of layout.blocks) {
    const ry = Math.floor(py) - b.top - b.caption;
    const rx = Math.floor(px);
    const tileH = b.h * b.grid.scale + b.grid.gap;
    const tileW = b.w * b.grid.scale + b.grid.gap;
    const rows = Math.ceil(b.count / b.grid.cols);
    if (ry < 0 || rx < 0 || ry >= rows * tileH || rx >= b.grid.cols * tileW) continue;
    const r = Math.floor(ry / tileH);
    const c = Math.floor(rx / tileW);
    const channel = r * b.grid.cols + c;
    const iy = ry - r * tileH;
    const ix = rx - c * tileW;
    if (channel >= b.count || iy >= b.h * b.grid.scale || ix >= b.w * b.grid.scale) return null;
    return {
      node: b.node,
      layer: b.index,
      channel,
      y: Math.floor(iy / b.grid.scale),
      x: Math.floor(ix / b.grid.scale),
    };
  }
  return null;
}

/** Canvas rectangle of map pixels [y0..y1]×[x0..x1] (inclusive) of one channel in a block. */
export function mapRect(
  b: MapBlock,
  channel: number,
  y0: number,
  y1: number,
  x0: number,
  x1: number,
): { x: number; y: number; w: number; h: number } {
  const o = tileOrigin(channel, b.h, b.w, b.grid);
  const s = b.grid.scale;
  return { x: o.x + x0 * s, y: b.top + b.caption + o.y + y0 * s, w: (x1 - x0 + 1) * s, h: (y1 - y0 + 1) * s };
}
