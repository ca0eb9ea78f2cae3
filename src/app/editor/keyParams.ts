/**
 * The one-line summary of a layer's key parameters shown on its graph node, e.g. '5×5 /1 same · 8 filters', and
 * what its face shows. Each kind's text comes from its layer module (src/engine/layers/<kind>.ts).
 */
import type { LayerSpec } from '../../engine/graph/types';
import type { NodeFace } from '../../engine/layers/module';
import { moduleOf } from '../../engine/layers/registry';

export type { NodeFace } from '../../engine/layers/module';

export function keyParams(layer: LayerSpec): string {
  return moduleOf(layer).summary(layer);
}

/**
 * What a node shows on its face, short enough for its fixed width: a title (the layer kind, or the function of an
 * activation), the fused activation when there is one, and one line of detail. The full summary (keyParams) is
 * in the node's tooltip and the inspector.
 */
export function nodeFace(layer: LayerSpec, title: string): NodeFace {
  return moduleOf(layer).face(layer, title);
}
