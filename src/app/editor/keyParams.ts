/** The one-line summary of a layer's key parameters shown on its graph node, e.g. '5×5 /1 same · 8 filters'. */
import type { ConvPadding, LayerSpec, Pair } from '../../engine/graph/types';
import { assertNever } from '../../engine/graph/types';

/** '5×5' (or '3×5' for a non-square pair). */
export function pairText(p: Pair): string {
  return `${p[0]}×${p[1]}`;
}

/** '/2' for a square stride, '/2×1' otherwise. */
function strideText(s: Pair): string {
  return s[0] === s[1] ? `/${s[0]}` : `/${pairText(s)}`;
}

export function paddingText(p: ConvPadding): string {
  return typeof p === 'string' ? p : `pad ${p.explicit}`;
}

const ACTIVATION_TEXT = {
  linear: 'linear',
  relu: 'ReLU',
  sigmoid: 'sigmoid',
  tanh: 'tanh',
  softmax: 'softmax',
  elu: 'ELU',
  leakyRelu: 'Leaky ReLU',
} as const;

export function activationText(a: keyof typeof ACTIVATION_TEXT): string {
  return ACTIVATION_TEXT[a];
}

export function keyParams(layer: LayerSpec): string {
  switch (layer.kind) {
    case 'input':
      return layer.source === 'latent' ? `latent z · ${layer.distribution ?? 'normal'}` : 'dataset images';
    case 'conv2d': {
      const dil =
        layer.dilation[0] === 1 && layer.dilation[1] === 1 ? '' : ` dil ${pairText(layer.dilation)}`;
      return `${pairText(layer.kernel)} ${strideText(layer.stride)} ${paddingText(layer.padding)}${dil} · ${layer.filters} filters · ${activationText(layer.activation)}`;
    }
    case 'conv2dTranspose':
      return `${pairText(layer.kernel)} ${strideText(layer.stride)} ${layer.padding} · ${layer.filters} filters · ${activationText(layer.activation)}`;
    case 'maxPool2d':
    case 'avgPool2d':
      return `${pairText(layer.pool)} ${strideText(layer.stride)} ${layer.padding}`;
    case 'dense':
      return `${layer.units} units · ${activationText(layer.activation)}`;
    case 'dropout':
      return `rate ${layer.rate}`;
    case 'batchNorm':
      return `momentum ${layer.momentum}`;
    case 'activation':
      return layer.fn === 'leakyRelu' ? `Leaky ReLU α ${layer.alpha}` : activationText(layer.fn);
    case 'upSampling2d':
      return `×${pairText(layer.size)}`;
    case 'reshape':
      return `to ${layer.shape.join('×')}`;
    case 'flatten':
    case 'globalAvgPool':
    case 'add':
    case 'concatenate':
      return '';
    default:
      return assertNever(layer);
  }
}

/**
 * What a node shows on its face, short enough for its fixed width: a title (the layer kind, or the function of an
 * activation), the fused activation when there is one, and one line of detail. The full summary (keyParams) is
 * in the node's tooltip and the inspector.
 */
export interface NodeFace {
  readonly title: string;
  readonly activation: string;
  readonly detail: string;
}

const fused = (a: keyof typeof ACTIVATION_TEXT): string => (a === 'linear' ? '' : activationText(a));

export function nodeFace(layer: LayerSpec, title: string): NodeFace {
  const face = (detail: string, activation = '', t = title): NodeFace => ({ title: t, activation, detail });
  switch (layer.kind) {
    case 'input':
      return face(layer.source === 'latent' ? `latent ${layer.distribution ?? 'normal'}` : 'dataset images');
    case 'conv2d': {
      const dil =
        layer.dilation[0] === 1 && layer.dilation[1] === 1 ? '' : ` dil ${pairText(layer.dilation)}`;
      const text = `${pairText(layer.kernel)} ${strideText(layer.stride)} ${paddingText(layer.padding)}${dil}`;
      return face(text, fused(layer.activation));
    }
    case 'conv2dTranspose':
      return face(
        `${pairText(layer.kernel)} ${strideText(layer.stride)} ${layer.padding}`,
        fused(layer.activation),
      );
    case 'dense':
      return face(`${layer.units} units`, fused(layer.activation));
    case 'activation':
      return face(layer.fn === 'leakyRelu' ? `α ${layer.alpha}` : '', '', activationText(layer.fn));
    case 'dropout':
      return face(`rate ${layer.rate}`);
    case 'batchNorm':
      return face('', '', 'BatchNorm');
    case 'maxPool2d':
    case 'avgPool2d':
    case 'upSampling2d':
    case 'globalAvgPool':
    case 'add':
    case 'concatenate':
      return face(keyParams(layer));
    // The output shape on the face already says what a reshape does.
    case 'reshape':
    case 'flatten':
      return face('');
    default:
      return assertNever(layer);
  }
}
