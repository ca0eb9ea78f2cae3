/** Short builders for layer specs, used by presets and tests. Defaults follow the catalogue. */
import type {
  ActivationFn,
  ConvPadding,
  FusedActivation,
  Initializer,
  LayerSpec,
  PoolPadding,
  Shape,
} from './types';

const initFor = (a: FusedActivation): Initializer =>
  a === 'relu' || a === 'elu' || a === 'linear' ? 'heNormal' : 'glorotUniform';

export const L = {
  image: (shape: Shape = [28, 28, 1]): LayerSpec => ({ kind: 'input', source: 'dataset', shape }),
  latent: (size: number): LayerSpec => ({
    kind: 'input',
    source: 'latent',
    shape: [size],
    distribution: 'normal',
  }),
  conv: (
    filters: number,
    kernel: number,
    o: { stride?: number; padding?: ConvPadding; activation?: FusedActivation; dilation?: number } = {},
  ): LayerSpec => {
    const activation = o.activation ?? 'relu';
    return {
      kind: 'conv2d',
      filters,
      kernel: [kernel, kernel],
      stride: [o.stride ?? 1, o.stride ?? 1],
      padding: o.padding ?? 'same',
      dilation: [o.dilation ?? 1, o.dilation ?? 1],
      activation,
      useBias: true,
      initializer: initFor(activation),
    };
  },
  deconv: (
    filters: number,
    kernel: number,
    o: { stride?: number; padding?: PoolPadding; activation?: FusedActivation } = {},
  ): LayerSpec => {
    const activation = o.activation ?? 'relu';
    return {
      kind: 'conv2dTranspose',
      filters,
      kernel: [kernel, kernel],
      stride: [o.stride ?? 2, o.stride ?? 2],
      padding: o.padding ?? 'same',
      activation,
      useBias: true,
      initializer: initFor(activation),
    };
  },
  maxPool: (size = 2, stride = size, padding: PoolPadding = 'valid'): LayerSpec => ({
    kind: 'maxPool2d',
    pool: [size, size],
    stride: [stride, stride],
    padding,
  }),
  avgPool: (size = 2, stride = size, padding: PoolPadding = 'valid'): LayerSpec => ({
    kind: 'avgPool2d',
    pool: [size, size],
    stride: [stride, stride],
    padding,
  }),
  dense: (units: number, activation: FusedActivation = 'relu'): LayerSpec => ({
    kind: 'dense',
    units,
    activation,
    useBias: true,
    initializer: initFor(activation),
  }),
  act: (fn: ActivationFn, alpha = 0.2): LayerSpec => ({ kind: 'activation', fn, alpha }),
  flatten: (): LayerSpec => ({ kind: 'flatten' }),
  reshape: (shape: Shape): LayerSpec => ({ kind: 'reshape', shape }),
  dropout: (rate: number): LayerSpec => ({ kind: 'dropout', rate }),
  batchNorm: (): LayerSpec => ({ kind: 'batchNorm', momentum: 0.99, epsilon: 0.001 }),
  layerNorm: (): LayerSpec => ({ kind: 'layerNorm', epsilon: 0.001 }),
  upSample: (size = 2): LayerSpec => ({ kind: 'upSampling2d', size: [size, size] }),
  globalAvgPool: (): LayerSpec => ({ kind: 'globalAvgPool' }),
};
