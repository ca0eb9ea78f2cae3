/**
 * The shared measures of the drawn graph: node forms and sizes, spacing, the canvas the presets are laid out for,
 * and which side of a node faces a neighbour. Node sizes live here, not in CSS, so the layout and the fit of the
 * view know them without measuring: the editor draws each node at exactly `nodeSize(kind)`.
 */
import type { LayerKind } from './types';
import { LAYERS } from '../layers/registry';

export type Position = { readonly x: number; readonly y: number };
export type Size = { readonly width: number; readonly height: number };
/** Which side of a node faces a neighbour. */
export type Side = 'left' | 'right' | 'top' | 'bottom';

/**
 * Full nodes (layers with weights, inputs, merges) show kind, key parameters, shape and parameter count; compact
 * ones (activations, pooling, normalization, dropout, reshaping) their name, one detail and the shape; wide ones
 * are full nodes with a long kind name.
 */
export type NodeForm = 'full' | 'wide' | 'compact';

export const NODE_SIZES: { readonly [F in NodeForm]: Size } = {
  full: { width: 112, height: 62 },
  wide: { width: 164, height: 62 },
  compact: { width: 88, height: 48 },
};

const form = (kind: LayerKind): NodeForm => LAYERS[kind].form;

export function nodeForm(kind: LayerKind): NodeForm {
  return form(kind);
}

export function nodeSize(kind: LayerKind): Size {
  return NODE_SIZES[form(kind)];
}

/**
 * along: between neighbours in a row (room for the connection); across: between branches stacked in one step;
 * band: the strip above each row that holds the shape labels of the row's connections.
 */
export const SPACING = { along: 20, across: 14, band: 22, origin: 40 } as const;

/**
 * The canvas the presets are laid out for, and the top zoom: a 1366×768 window leaves the graph about 866×270 px
 * between palette, inspector, toolbar and panel dock; less the fit padding.
 */
export const TARGET_VIEW = { width: 858, height: 262, maxZoom: 1.2 } as const;
export type TargetView = { readonly width: number; readonly height: number; readonly maxZoom: number };

/**
 * The side of a box centred at `from` that faces `to`. Vertical only when clearly more vertical than horizontal,
 * so a branch one lane up or down still counts as "ahead".
 */
export function sideToward(from: Position, to: Position): Side {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  if (Math.abs(dy) > 1.5 * Math.abs(dx)) return dy > 0 ? 'bottom' : 'top';
  return dx >= 0 ? 'right' : 'left';
}

export function opposite(s: Side): Side {
  return s === 'left' ? 'right' : s === 'right' ? 'left' : s === 'top' ? 'bottom' : 'top';
}
