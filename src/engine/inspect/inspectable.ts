/** The layers whose cells the Convolution step region recomputes by hand: convolutions, pooling and dense layers. */
import type { Conv2DLayer, DenseLayer, LayerSpec, PoolLayer } from '../graph/types';

export type InspectableLayer = Conv2DLayer | PoolLayer | DenseLayer;

export function isInspectableLayer(l: LayerSpec): l is InspectableLayer {
  return l.kind === 'conv2d' || l.kind === 'maxPool2d' || l.kind === 'avgPool2d' || l.kind === 'dense';
}
