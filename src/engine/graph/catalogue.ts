/**
 * The layer catalogue: every block the editor's palette offers, with teaching defaults and a short explanation
 * (what it does, its formula, when to use it) for tooltips and the inspector. Each entry is its layer module
 * (src/engine/layers/<kind>.ts); the palette's order is the registry's.
 */
import { LAYERS, LAYER_KINDS } from '../layers/registry';
import type { LayerModule } from '../layers/module';
import type { LayerKind, SpecOf } from './types';

export type { LayerCategory } from '../layers/module';
export type { SpecOf } from './types';

export type LayerInfo<K extends LayerKind = LayerKind> = Pick<
  LayerModule<SpecOf<K>>,
  'kind' | 'title' | 'short' | 'explanation' | 'formula' | 'defaults' | 'category'
>;

export const CATALOGUE: { readonly [K in LayerKind]: LayerInfo<K> } = LAYERS;

/** The palette's order: the registry's. */
export const PALETTE_ORDER: readonly LayerKind[] = LAYER_KINDS;

/** A fresh copy of the default spec for a kind (safe to modify by spreading). */
export function defaultLayer<K extends LayerKind>(kind: K): SpecOf<K> {
  return CATALOGUE[kind].defaults as SpecOf<K>;
}
