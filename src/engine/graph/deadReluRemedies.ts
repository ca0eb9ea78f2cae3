/** One-click remedies for dead ReLUs, as pure graph edits (recorded for undo through the store's `edit`). */
import { appendAfter, updateLayer } from './edit';
import type { Graph } from './types';

/** Every ReLU becomes Leaky ReLU (α 0.2): fused relu → linear + an Activation node after; relu nodes switch fn. */
export function applyLeakyRelu(g: Graph): Graph {
  let out = g;
  for (const n of g.nodes) {
    const l = n.layer;
    if (
      (l.kind === 'conv2d' || l.kind === 'dense' || l.kind === 'conv2dTranspose') &&
      l.activation === 'relu'
    ) {
      out = updateLayer(out, n.id, { activation: 'linear' });
      out = appendAfter(out, n.id, { kind: 'activation', fn: 'leakyRelu', alpha: 0.2 })?.graph ?? out;
    } else if (l.kind === 'activation' && l.fn === 'relu') {
      out = updateLayer(out, n.id, { fn: 'leakyRelu', alpha: 0.2 });
    }
  }
  return out;
}

/** He initialisation for every conv and dense layer (it suits ReLU). */
export function applyHeInit(g: Graph): Graph {
  let out = g;
  for (const n of g.nodes) {
    const k = n.layer.kind;
    if (k === 'conv2d' || k === 'dense' || k === 'conv2dTranspose')
      out = updateLayer(out, n.id, { initializer: 'heNormal' });
  }
  return out;
}
