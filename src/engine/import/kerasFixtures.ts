/**
 * Keras model.to_json() documents for the import tests (not shipped code paths), in the shapes tf.keras 2 and
 * Keras 3 write them: the Keras MNIST convnet example as a Sequential model, and a small functional model with a
 * residual Add.
 */

const keras3Tensor = (layer: string, shape: (number | null)[]) => ({
  class_name: '__keras_tensor__',
  config: { shape, dtype: 'float32', keras_history: [layer, 0, 0] },
});

const k3 = (class_name: string, config: Record<string, unknown>, inbound?: unknown[]) => ({
  module: 'keras.layers',
  class_name,
  config: {
    trainable: true,
    dtype: { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' } },
    ...config,
  },
  registered_name: null,
  ...(inbound ? { name: config['name'], inbound_nodes: inbound } : {}),
});

/** tf.keras 2.13: the Keras "Simple MNIST convnet" example. */
export const KERAS2_SEQUENTIAL = {
  class_name: 'Sequential',
  config: {
    name: 'sequential',
    layers: [
      {
        class_name: 'InputLayer',
        config: {
          batch_input_shape: [null, 28, 28, 1],
          dtype: 'float32',
          sparse: false,
          ragged: false,
          name: 'input_1',
        },
      },
      {
        class_name: 'Conv2D',
        config: {
          name: 'conv2d',
          trainable: true,
          dtype: 'float32',
          filters: 32,
          kernel_size: [3, 3],
          strides: [1, 1],
          padding: 'valid',
          data_format: 'channels_last',
          dilation_rate: [1, 1],
          groups: 1,
          activation: 'relu',
          use_bias: true,
          kernel_initializer: { class_name: 'GlorotUniform', config: { seed: null } },
          bias_initializer: { class_name: 'Zeros', config: {} },
        },
      },
      {
        class_name: 'MaxPooling2D',
        config: {
          name: 'max_pooling2d',
          pool_size: [2, 2],
          padding: 'valid',
          strides: [2, 2],
          data_format: 'channels_last',
        },
      },
      {
        class_name: 'Conv2D',
        config: {
          name: 'conv2d_1',
          filters: 64,
          kernel_size: [3, 3],
          strides: [1, 1],
          padding: 'valid',
          data_format: 'channels_last',
          dilation_rate: [1, 1],
          groups: 1,
          activation: 'relu',
          use_bias: true,
          kernel_initializer: { class_name: 'GlorotUniform', config: { seed: null } },
        },
      },
      {
        class_name: 'MaxPooling2D',
        config: {
          name: 'max_pooling2d_1',
          pool_size: [2, 2],
          padding: 'valid',
          strides: [2, 2],
          data_format: 'channels_last',
        },
      },
      { class_name: 'Flatten', config: { name: 'flatten', data_format: 'channels_last' } },
      { class_name: 'Dropout', config: { name: 'dropout', rate: 0.5, noise_shape: null, seed: null } },
      {
        class_name: 'Dense',
        config: {
          name: 'dense',
          units: 10,
          activation: 'softmax',
          use_bias: true,
          kernel_initializer: { class_name: 'GlorotUniform', config: { seed: null } },
        },
      },
    ],
  },
  keras_version: '2.13.1',
  backend: 'tensorflow',
};

/** Keras 3: Input(28, 28, 1) → Conv2D(8, same) → BatchNorm → ReLU → Conv2D(8) + skip (Add) → pool → Flatten → Dense. */
export const KERAS3_FUNCTIONAL = {
  module: 'keras',
  class_name: 'Functional',
  config: {
    name: 'functional',
    trainable: true,
    layers: [
      k3('InputLayer', { batch_shape: [null, 28, 28, 1], sparse: false, name: 'input_layer' }, []),
      k3(
        'Conv2D',
        {
          name: 'conv2d',
          filters: 8,
          kernel_size: [3, 3],
          strides: [1, 1],
          padding: 'same',
          data_format: 'channels_last',
          dilation_rate: [1, 1],
          groups: 1,
          activation: 'linear',
          use_bias: true,
          kernel_initializer: {
            module: 'keras.initializers',
            class_name: 'HeNormal',
            config: { seed: null },
          },
        },
        [{ args: [keras3Tensor('input_layer', [null, 28, 28, 1])], kwargs: {} }],
      ),
      k3(
        'BatchNormalization',
        { name: 'batch_normalization', axis: -1, momentum: 0.99, epsilon: 0.001, center: true, scale: true },
        [{ args: [keras3Tensor('conv2d', [null, 28, 28, 8])], kwargs: { training: false } }],
      ),
      k3('ReLU', { name: 're_lu', max_value: null, negative_slope: 0.0, threshold: 0.0 }, [
        { args: [keras3Tensor('batch_normalization', [null, 28, 28, 8])], kwargs: {} },
      ]),
      k3(
        'Conv2D',
        {
          name: 'conv2d_1',
          filters: 8,
          kernel_size: [3, 3],
          strides: [1, 1],
          padding: 'same',
          activation: 'relu',
        },
        [{ args: [keras3Tensor('re_lu', [null, 28, 28, 8])], kwargs: {} }],
      ),
      k3('Add', { name: 'add' }, [
        {
          args: [[keras3Tensor('re_lu', [null, 28, 28, 8]), keras3Tensor('conv2d_1', [null, 28, 28, 8])]],
          kwargs: {},
        },
      ]),
      k3('MaxPooling2D', { name: 'max_pooling2d', pool_size: [2, 2], strides: [2, 2], padding: 'valid' }, [
        { args: [keras3Tensor('add', [null, 28, 28, 8])], kwargs: {} },
      ]),
      k3('Flatten', { name: 'flatten', data_format: 'channels_last' }, [
        { args: [keras3Tensor('max_pooling2d', [null, 14, 14, 8])], kwargs: {} },
      ]),
      k3('Dense', { name: 'dense', units: 10, activation: 'softmax', use_bias: true }, [
        { args: [keras3Tensor('flatten', [null, 1568])], kwargs: {} },
      ]),
    ],
    input_layers: [['input_layer', 0, 0]],
    output_layers: [['dense', 0, 0]],
  },
  registered_name: 'Functional',
};

/** Keras 3, the TensorFlow beginner tutorial: Sequential with Flatten(input_shape=(28, 28)) first. */
export const KERAS3_BEGINNER = {
  module: 'keras',
  class_name: 'Sequential',
  config: {
    name: 'sequential',
    layers: [
      k3('InputLayer', { batch_shape: [null, 28, 28], sparse: false, name: 'input_layer' }),
      k3('Flatten', { name: 'flatten', data_format: 'channels_last' }),
      k3('Dense', { name: 'dense', units: 128, activation: 'relu' }),
      k3('Dropout', { name: 'dropout', rate: 0.2 }),
      k3('Dense', { name: 'dense_1', units: 10, activation: 'linear' }),
    ],
  },
  registered_name: null,
};
