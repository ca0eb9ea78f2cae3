/**
 * The graph that pictures an RBM in the editor: image → hidden units (sigmoid) → image again. An RBM has one weight
 * matrix used both ways; the picture shows the up pass (v → h) and the down pass (h → v) as two dense layers, and the
 * RBM trainer reads its hidden-unit count from the first one.
 */
import type { Graph } from '../graph/types';
import type { ImageShape } from '../graph/presetNetworks';
import { chain, updateLayer } from '../graph/edit';
import { L } from '../graph/layerBuilders';

export const RBM_HIDDEN_DEFAULT = 100;

export function rbmGraph(shape: ImageShape, hidden = RBM_HIDDEN_DEFAULT): Graph {
  const [h, w, c] = shape;
  return chain('autoencoder', [
    L.image(shape),
    L.flatten(),
    L.dense(hidden, 'sigmoid'),
    L.dense(h * w * c, 'sigmoid'),
    L.reshape(shape),
  ]);
}

/** The hidden units of an RBM picture: its first dense layer's units (null when it has none). */
export function rbmHiddenUnits(g: Graph): number | null {
  for (const n of g.nodes) if (n.layer.kind === 'dense') return n.layer.units;
  return null;
}

/** The same picture with `hidden` units (the "Hidden units" setting edits the graph, so the editor agrees). */
export function withRbmHidden(g: Graph, hidden: number): Graph {
  const first = g.nodes.find((n) => n.layer.kind === 'dense');
  return first ? updateLayer(g, first.id, { units: hidden }) : g;
}
