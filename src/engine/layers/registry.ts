/**
 * The registry of layer kinds: kind → module. Adding a kind = one new module file in this folder and one line here;
 * the graph's LayerSpec and LayerKind types are derived from this table, so every `switch` on a kind elsewhere is
 * checked for exhaustiveness by the compiler.
 */
import type { LayerModule } from './module';
import { input } from './input';
import { conv2d } from './conv2d';
import { conv2dTranspose } from './conv2dTranspose';
import { maxPool2d } from './maxPool2d';
import { avgPool2d } from './avgPool2d';
import { globalAvgPool } from './globalAvgPool';
import { dense } from './dense';
import { flatten } from './flatten';
import { reshape } from './reshape';
import { dropout } from './dropout';
import { batchNorm } from './batchNorm';
import { layerNorm } from './layerNorm';
import { activation } from './activation';
import { upSampling2d } from './upSampling2d';
import { add } from './add';
import { concatenate } from './concatenate';

// In the palette's order.
const MODULES = {
  input,
  conv2d,
  maxPool2d,
  avgPool2d,
  activation,
  dense,
  flatten,
  dropout,
  batchNorm,
  layerNorm,
  globalAvgPool,
  conv2dTranspose,
  upSampling2d,
  reshape,
  add,
  concatenate,
};

type Modules = typeof MODULES;
type SpecOfModule<M> = M extends LayerModule<infer S> ? S : never;

/** Every layer spec the graph can hold. */
export type LayerSpec = { [K in keyof Modules]: SpecOfModule<Modules[K]> }[keyof Modules];
export type LayerKind = LayerSpec['kind'];
/** The spec of one kind. */
export type SpecOf<K extends LayerKind> = LayerSpec & { readonly kind: K };

/** The table, typed so that each kind maps to the module of its own spec (checked: a key must match its module). */
export const LAYERS: { readonly [K in LayerKind]: LayerModule<SpecOf<K>> } = MODULES;

/** Every kind, in registry order (the palette's). */
export const LAYER_KINDS = Object.keys(LAYERS) as readonly LayerKind[];

/** The module of a spec's kind, typed for that spec. */
export function moduleOf<S extends LayerSpec>(spec: S): LayerModule<S> {
  return LAYERS[spec.kind] as unknown as LayerModule<S>;
}
