/**
 * One Keras / TF.js layer config → the playground's layer spec. Every kind the playground has is read here, by its
 * Keras class name; a class it lacks, or a setting it cannot show (channels first, an activation it has not, …),
 * is reported with the layer's name. ZeroPadding2D is handed back as padding for the Conv2D after it to take.
 */
import type { LayerSpec } from '../graph/types';
import { defaultLayer } from '../graph/catalogue';
import type { RawLayer } from './types';
import {
  channelsLast,
  isWhy,
  readCount,
  readFused,
  readInitializer,
  oneAxis,
  readNumber,
  readPadding,
  readPair,
  readSymmetricPad,
  type Read,
} from './kerasValues';
import { act, activation, leakyRelu, relu, softmax } from './kerasActivations';

export type Mapped =
  | {
      readonly kind: 'layer';
      readonly spec: LayerSpec;
      /** The axis a BatchNormalization / Concatenate works on, checked against the input's rank later. */
      readonly axis?: number;
    }
  /** InputLayer: its shape without the batch axis (sizes may be null when the model leaves them open). */
  | { readonly kind: 'input'; readonly shape: readonly (number | null)[] }
  /** ZeroPadding2D: the same P on every side, or null when the sides differ. */
  | { readonly kind: 'pad'; readonly amount: number | null }
  /** A class the playground has no layer for. */
  | { readonly kind: 'unknown' }
  /** A class it has, with a setting it cannot show. */
  | { readonly kind: 'unsupported'; readonly why: string };

/** The Keras classes that can be imported, for the message that names the ones that cannot. */
export const IMPORTABLE_CLASSES: readonly string[] = [
  'InputLayer',
  'Conv2D',
  'Conv2DTranspose',
  'ZeroPadding2D (before a Conv2D)',
  'MaxPooling2D',
  'AveragePooling2D',
  'GlobalAveragePooling2D',
  'Dense',
  'Flatten',
  'Reshape',
  'Dropout',
  'BatchNormalization',
  'LayerNormalization',
  'Activation',
  'ReLU',
  'LeakyReLU',
  'ELU',
  'Softmax',
  'UpSampling2D',
  'Add',
  'Concatenate',
];

type Config = Readonly<Record<string, unknown>>;
type Built = Read<LayerSpec>;

/** Builds a spec from several reads: the first failed read's reason, else the spec. */
function all<T extends Record<string, Read<unknown>>>(
  reads: T,
  build: (v: { [K in keyof T]: T[K] extends Read<infer U> ? U : never }) => LayerSpec,
): Built {
  const values: Record<string, unknown> = {};
  for (const [k, r] of Object.entries(reads)) {
    if (isWhy(r)) return r;
    values[k] = r.value;
  }
  return { value: build(values as { [K in keyof T]: T[K] extends Read<infer U> ? U : never }) };
}

const when = (why: string | null): Read<true> => (why === null ? { value: true } : { why });
const useBias = (c: Config): boolean => c['use_bias'] !== false;

function conv2d(c: Config): Built {
  return all(
    {
      filters: readCount(c['filters'], 'number of filters'),
      kernel: readPair(c['kernel_size'], 'kernel size'),
      stride: readPair(c['strides'] ?? 1, 'stride'),
      padding: readPadding(c['padding']),
      dilation: readPair(c['dilation_rate'] ?? 1, 'dilation'),
      activation: readFused(c['activation']),
      last: when(channelsLast(c)),
      groups: when(
        c['groups'] === undefined || c['groups'] === 1
          ? null
          : `it is a grouped convolution (${String(c['groups'])} groups)`,
      ),
    },
    (v) => ({
      kind: 'conv2d',
      filters: v.filters,
      kernel: v.kernel,
      stride: v.stride,
      padding: v.padding,
      dilation: v.dilation,
      activation: v.activation,
      useBias: useBias(c),
      initializer: readInitializer(c['kernel_initializer']),
    }),
  );
}

function conv2dTranspose(c: Config): Built {
  const dilation = readPair(c['dilation_rate'] ?? 1, 'dilation');
  const op = c['output_padding'];
  return all(
    {
      filters: readCount(c['filters'], 'number of filters'),
      kernel: readPair(c['kernel_size'], 'kernel size'),
      stride: readPair(c['strides'] ?? 1, 'stride'),
      padding: readPadding(c['padding']),
      activation: readFused(c['activation']),
      last: when(channelsLast(c)),
      dilated: when(
        !isWhy(dilation) && (dilation.value[0] !== 1 || dilation.value[1] !== 1) ? 'it is dilated' : null,
      ),
      outputPadding: when(op === undefined || op === null ? null : 'it sets an output padding'),
    },
    (v) => ({
      kind: 'conv2dTranspose',
      filters: v.filters,
      kernel: v.kernel,
      stride: v.stride,
      padding: v.padding,
      activation: v.activation,
      useBias: useBias(c),
      initializer: readInitializer(c['kernel_initializer']),
    }),
  );
}

function pool(kind: 'maxPool2d' | 'avgPool2d', c: Config): Built {
  const size = readPair(c['pool_size'] ?? 2, 'pool size');
  return all(
    {
      pool: size,
      stride: c['strides'] === null || c['strides'] === undefined ? size : readPair(c['strides'], 'stride'),
      padding: readPadding(c['padding']),
      last: when(channelsLast(c)),
    },
    (v) => ({ kind, pool: v.pool, stride: v.stride, padding: v.padding }),
  );
}

function dense(c: Config): Built {
  return all(
    { units: readCount(c['units'], 'number of units'), activation: readFused(c['activation']) },
    (v) => ({
      kind: 'dense',
      units: v.units,
      activation: v.activation,
      useBias: useBias(c),
      initializer: readInitializer(c['kernel_initializer']),
    }),
  );
}

function normalization(c: Config, layer: 'BatchNormalization' | 'LayerNormalization'): Mapped {
  const axis = oneAxis(c['axis']);
  if (axis === null) return { kind: 'unsupported', why: 'it normalizes over several axes' };
  if (c['center'] === false || c['scale'] === false)
    return { kind: 'unsupported', why: 'it has no learned shift or scale (center or scale is off)' };
  const epsilon = readNumber(c['epsilon'], 'epsilon', 0.001);
  if (isWhy(epsilon)) return { kind: 'unsupported', why: epsilon.why };
  if (layer === 'LayerNormalization')
    return { kind: 'layer', spec: { kind: 'layerNorm', epsilon: epsilon.value }, axis };
  const momentum = readNumber(c['momentum'], 'momentum', 0.99);
  if (isWhy(momentum)) return { kind: 'unsupported', why: momentum.why };
  return {
    kind: 'layer',
    spec: { kind: 'batchNorm', momentum: momentum.value, epsilon: epsilon.value },
    axis,
  };
}

const fromRead = (r: Built, axis?: number): Mapped =>
  isWhy(r)
    ? { kind: 'unsupported', why: r.why }
    : { kind: 'layer', spec: r.value, ...(axis !== undefined ? { axis } : {}) };

/** The input shape an InputLayer declares, without the batch axis. */
function inputShape(c: Config): Mapped {
  const batch = c['batch_input_shape'] ?? c['batchInputShape'] ?? c['batch_shape'];
  const shape = Array.isArray(batch)
    ? batch.slice(1)
    : Array.isArray(c['input_shape'])
      ? c['input_shape']
      : null;
  if (shape === null || shape.length === 0) return { kind: 'unsupported', why: 'it declares no input shape' };
  if (!shape.every((d) => d === null || (typeof d === 'number' && Number.isInteger(d) && d > 0)))
    return { kind: 'unsupported', why: `its shape ${JSON.stringify(shape)} cannot be read` };
  return { kind: 'input', shape: shape as (number | null)[] };
}

export function mapLayer(raw: RawLayer): Mapped {
  const c = raw.config;
  switch (raw.className) {
    case 'InputLayer':
      return inputShape(c);
    case 'Conv2D':
    case 'Convolution2D':
      return fromRead(conv2d(c));
    case 'Conv2DTranspose':
    case 'Convolution2DTranspose':
      return fromRead(conv2dTranspose(c));
    case 'MaxPooling2D':
    case 'MaxPool2D':
      return fromRead(pool('maxPool2d', c));
    case 'AveragePooling2D':
    case 'AvgPool2D':
      return fromRead(pool('avgPool2d', c));
    case 'GlobalAveragePooling2D':
    case 'GlobalAvgPool2D': {
      const why = channelsLast(c) ?? (c['keepdims'] === true ? 'it keeps the pooled axes (keepdims)' : null);
      return why ? { kind: 'unsupported', why } : { kind: 'layer', spec: defaultLayer('globalAvgPool') };
    }
    case 'Dense':
      return fromRead(dense(c));
    case 'Flatten': {
      const why = channelsLast(c);
      return why ? { kind: 'unsupported', why } : { kind: 'layer', spec: defaultLayer('flatten') };
    }
    case 'Reshape': {
      const t = c['target_shape'] ?? c['targetShape'];
      if (!Array.isArray(t) || !t.every((d) => typeof d === 'number' && Number.isInteger(d) && d > 0))
        return {
          kind: 'unsupported',
          why: `its target shape ${JSON.stringify(t)} is not whole positive sizes`,
        };
      return { kind: 'layer', spec: { kind: 'reshape', shape: t as number[] } };
    }
    case 'Dropout': {
      const rate = readNumber(c['rate'], 'rate', 0.5);
      return isWhy(rate)
        ? { kind: 'unsupported', why: rate.why }
        : { kind: 'layer', spec: { kind: 'dropout', rate: rate.value } };
    }
    case 'BatchNormalization':
    case 'LayerNormalization':
      return normalization(c, raw.className);
    case 'Activation':
      return activation(c);
    case 'ReLU':
      return relu(c);
    case 'LeakyReLU':
      return leakyRelu(c);
    case 'ELU':
      return c['alpha'] === undefined || c['alpha'] === 1
        ? act('elu')
        : {
            kind: 'unsupported',
            why: `its alpha is ${String(c['alpha'])} (the playground's ELU has alpha 1)`,
          };
    case 'Softmax':
      return softmax(c);
    case 'UpSampling2D': {
      const interp = c['interpolation'];
      if (interp !== undefined && interp !== 'nearest')
        return {
          kind: 'unsupported',
          why: `it interpolates '${String(interp)}' (the playground repeats pixels)`,
        };
      const why = channelsLast(c);
      if (why) return { kind: 'unsupported', why };
      return fromRead(
        all({ size: readPair(c['size'] ?? 2, 'size') }, (v) => ({ kind: 'upSampling2d', size: v.size })),
      );
    }
    case 'Add':
      return { kind: 'layer', spec: defaultLayer('add') };
    case 'Concatenate': {
      const axis = oneAxis(c['axis']);
      if (axis === null) return { kind: 'unsupported', why: 'its axis cannot be read' };
      return { kind: 'layer', spec: defaultLayer('concatenate'), axis };
    }
    case 'ZeroPadding2D': {
      const why = channelsLast(c);
      if (why) return { kind: 'unsupported', why };
      const pad = readSymmetricPad(c['padding'] ?? 1);
      return isWhy(pad) ? { kind: 'unsupported', why: pad.why } : { kind: 'pad', amount: pad.value };
    }
    default:
      return { kind: 'unknown' };
  }
}
