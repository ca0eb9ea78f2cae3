import { describe, expect, it } from 'vitest';
import { mapLayer } from './kerasLayer';
import { readInitializer, readSymmetricPad } from './kerasValues';

const map = (className: string, config: Record<string, unknown> = {}) =>
  mapLayer({ className, name: 'x', config, inputs: [] });

const spec = (className: string, config: Record<string, unknown> = {}) => {
  const m = map(className, config);
  if (m.kind !== 'layer') throw new Error(`${className}: ${JSON.stringify(m)}`);
  return m.spec;
};

const why = (className: string, config: Record<string, unknown>) => {
  const m = map(className, config);
  if (m.kind !== 'unsupported') throw new Error(`${className} was mapped: ${JSON.stringify(m)}`);
  return m.why;
};

describe('mapLayer: every kind the playground has', () => {
  it('Conv2D, with Keras 2 and TF.js spellings', () => {
    expect(
      spec('Conv2D', {
        filters: 32,
        kernel_size: [5, 3],
        strides: [2, 1],
        padding: 'same',
        dilation_rate: [1, 1],
        activation: 'relu',
        use_bias: false,
        kernel_initializer: { class_name: 'HeUniform', config: {} },
        data_format: 'channels_last',
        groups: 1,
      }),
    ).toEqual({
      kind: 'conv2d',
      filters: 32,
      kernel: [5, 3],
      stride: [2, 1],
      padding: 'same',
      dilation: [1, 1],
      activation: 'relu',
      useBias: false,
      initializer: 'heUniform',
    });
    // Square sizes as single numbers, defaults for what is left out (Keras: strides 1, valid, linear, bias).
    expect(spec('Conv2D', { filters: 4, kernel_size: 3 })).toMatchObject({
      kernel: [3, 3],
      stride: [1, 1],
      padding: 'valid',
      dilation: [1, 1],
      activation: 'linear',
      useBias: true,
      initializer: 'glorotUniform',
    });
  });

  it('Conv2DTranspose', () => {
    expect(
      spec('Conv2DTranspose', {
        filters: 8,
        kernel_size: [4, 4],
        strides: [2, 2],
        padding: 'same',
        activation: 'tanh',
      }),
    ).toEqual({
      kind: 'conv2dTranspose',
      filters: 8,
      kernel: [4, 4],
      stride: [2, 2],
      padding: 'same',
      activation: 'tanh',
      useBias: true,
      initializer: 'glorotUniform',
    });
  });

  it('pools: strides default to the pool size; Keras 3 aliases', () => {
    expect(spec('MaxPooling2D', { pool_size: [3, 3], strides: null, padding: 'valid' })).toEqual({
      kind: 'maxPool2d',
      pool: [3, 3],
      stride: [3, 3],
      padding: 'valid',
    });
    expect(spec('AveragePooling2D', { pool_size: 2, strides: 1, padding: 'same' })).toEqual({
      kind: 'avgPool2d',
      pool: [2, 2],
      stride: [1, 1],
      padding: 'same',
    });
    expect(spec('MaxPool2D', {}).kind).toBe('maxPool2d');
    expect(spec('GlobalAveragePooling2D', { keepdims: false })).toEqual({ kind: 'globalAvgPool' });
  });

  it('Dense, Flatten, Reshape, Dropout', () => {
    expect(spec('Dense', { units: 10, activation: 'softmax', use_bias: true })).toEqual({
      kind: 'dense',
      units: 10,
      activation: 'softmax',
      useBias: true,
      initializer: 'glorotUniform',
    });
    expect(spec('Flatten', { data_format: 'channels_last' })).toEqual({ kind: 'flatten' });
    expect(spec('Reshape', { target_shape: [7, 7, 16] })).toEqual({ kind: 'reshape', shape: [7, 7, 16] });
    expect(spec('Reshape', { targetShape: [49] })).toEqual({ kind: 'reshape', shape: [49] });
    expect(spec('Dropout', { rate: 0.4 })).toEqual({ kind: 'dropout', rate: 0.4 });
  });

  it('normalizations keep momentum and epsilon; the axis goes along to be checked', () => {
    const bn = map('BatchNormalization', {
      axis: [3],
      momentum: 0.9,
      epsilon: 1e-5,
      center: true,
      scale: true,
    });
    expect(bn).toEqual({ kind: 'layer', spec: { kind: 'batchNorm', momentum: 0.9, epsilon: 1e-5 }, axis: 3 });
    expect(map('LayerNormalization', { axis: -1, epsilon: 1e-6 })).toEqual({
      kind: 'layer',
      spec: { kind: 'layerNorm', epsilon: 1e-6 },
      axis: -1,
    });
  });

  it('activations: the Activation layer and the ReLU, LeakyReLU (alpha / negative_slope), ELU, Softmax layers', () => {
    expect(spec('Activation', { activation: 'sigmoid' })).toEqual({
      kind: 'activation',
      fn: 'sigmoid',
      alpha: 0.2,
    });
    expect(spec('Activation', { activation: 'leaky_relu' })).toMatchObject({ fn: 'leakyRelu', alpha: 0.2 });
    expect(spec('ReLU', {})).toMatchObject({ fn: 'relu' });
    expect(spec('ReLU', { negative_slope: 0.1 })).toMatchObject({ fn: 'leakyRelu', alpha: 0.1 });
    expect(spec('LeakyReLU', { alpha: 0.25 })).toMatchObject({ fn: 'leakyRelu', alpha: 0.25 });
    expect(spec('LeakyReLU', { negative_slope: 0.05 })).toMatchObject({ fn: 'leakyRelu', alpha: 0.05 });
    expect(spec('LeakyReLU', {})).toMatchObject({ fn: 'leakyRelu', alpha: 0.3 });
    expect(spec('ELU', { alpha: 1 })).toMatchObject({ fn: 'elu' });
    expect(spec('Softmax', { axis: -1 })).toMatchObject({ fn: 'softmax' });
    // Keras 3 may write an activation as a serialized function.
    expect(spec('Dense', { units: 2, activation: { class_name: 'function', config: 'tanh' } })).toMatchObject(
      {
        activation: 'tanh',
      },
    );
  });

  it('UpSampling2D, Add, Concatenate, InputLayer, ZeroPadding2D', () => {
    expect(spec('UpSampling2D', { size: [2, 3], interpolation: 'nearest' })).toEqual({
      kind: 'upSampling2d',
      size: [2, 3],
    });
    expect(spec('Add')).toEqual({ kind: 'add' });
    expect(map('Concatenate', { axis: -1 })).toEqual({
      kind: 'layer',
      spec: { kind: 'concatenate' },
      axis: -1,
    });
    expect(map('InputLayer', { batch_input_shape: [null, 28, 28, 1] })).toEqual({
      kind: 'input',
      shape: [28, 28, 1],
    });
    expect(map('InputLayer', { batch_shape: [null, 32, 32, 3] })).toEqual({
      kind: 'input',
      shape: [32, 32, 3],
    });
    expect(
      map('ZeroPadding2D', {
        padding: [
          [2, 2],
          [2, 2],
        ],
      }),
    ).toEqual({ kind: 'pad', amount: 2 });
    expect(
      map('ZeroPadding2D', {
        padding: [
          [1, 0],
          [1, 0],
        ],
      }),
    ).toEqual({ kind: 'pad', amount: null });
  });
});

describe('mapLayer: what it cannot show, with the reason', () => {
  it('classes it has no layer for', () => {
    expect(map('LSTM', { units: 4 })).toEqual({ kind: 'unknown' });
    expect(map('DepthwiseConv2D', {})).toEqual({ kind: 'unknown' });
    expect(map('Sequential', {})).toEqual({ kind: 'unknown' });
  });

  it('settings it cannot show', () => {
    expect(why('Conv2D', { filters: 4, kernel_size: 3, activation: 'swish' })).toMatch(
      /activation 'swish'.*relu/,
    );
    expect(why('Dense', { units: 4, activation: 'leaky_relu' })).toMatch(/LeakyReLU layer after it/);
    expect(why('Conv2D', { filters: 4, kernel_size: 3, data_format: 'channels_first' })).toMatch(
      /channels first/,
    );
    expect(why('Conv2D', { filters: 4, kernel_size: 3, groups: 2 })).toMatch(/grouped/);
    expect(why('Conv2D', { filters: 4, kernel_size: 3, padding: 'causal' })).toMatch(/'causal'/);
    expect(why('Conv2D', { kernel_size: 3 })).toMatch(/number of filters/);
    expect(why('Conv2DTranspose', { filters: 4, kernel_size: 3, output_padding: [1, 1] })).toMatch(
      /output padding/,
    );
    expect(why('BatchNormalization', { center: false })).toMatch(/center or scale/);
    expect(why('BatchNormalization', { axis: [1, 2] })).toMatch(/several axes/);
    expect(why('ReLU', { max_value: 6 })).toMatch(/caps values at 6/);
    expect(why('UpSampling2D', { interpolation: 'bilinear' })).toMatch(/bilinear/);
    expect(why('Softmax', { axis: 1 })).toMatch(/axis 1/);
    expect(why('ELU', { alpha: 0.5 })).toMatch(/alpha is 0.5/);
    expect(why('GlobalAveragePooling2D', { keepdims: true })).toMatch(/keepdims/);
    expect(why('InputLayer', {})).toMatch(/no input shape/);
    expect(why('Reshape', { target_shape: [-1, 4] })).toMatch(/target shape/);
  });
});

describe('config values', () => {
  it('initializers by class name and by the VarianceScaling TF.js writes', () => {
    const vs = (scale: number, mode: string, distribution: string) => ({
      class_name: 'VarianceScaling',
      config: { scale, mode, distribution },
    });
    expect(readInitializer(vs(2, 'fan_in', 'normal'))).toBe('heNormal');
    expect(readInitializer(vs(2, 'fan_in', 'truncated_normal'))).toBe('heNormal');
    expect(readInitializer(vs(2, 'fan_in', 'uniform'))).toBe('heUniform');
    expect(readInitializer(vs(1, 'fan_avg', 'uniform'))).toBe('glorotUniform');
    expect(readInitializer(vs(1, 'fan_avg', 'normal'))).toBe('glorotNormal');
    expect(readInitializer({ class_name: 'Zeros', config: {} })).toBe('zeros');
    expect(readInitializer('he_normal')).toBe('heNormal');
    expect(readInitializer({ class_name: 'Orthogonal', config: {} })).toBe('glorotUniform');
  });

  it('symmetric paddings in every spelling', () => {
    expect(readSymmetricPad(3)).toEqual({ value: 3 });
    expect(readSymmetricPad([1, 1])).toEqual({ value: 1 });
    expect(readSymmetricPad([1, 2])).toEqual({ value: null });
    expect(readSymmetricPad('x')).toHaveProperty('why');
  });
});
