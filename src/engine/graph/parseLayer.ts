/**
 * Field-by-field reading of untrusted JSON values into typed layer specs. Every failure is recorded with the path
 * of the bad field (e.g. 'nodes[3].layer.kernel[1]'); nothing here throws.
 */
import type {
  ActivationFn,
  ConvPadding,
  FusedActivation,
  Initializer,
  LayerKind,
  LayerSpec,
  Pair,
  PoolPadding,
  Shape,
} from './types';
import { assertNever } from './types';

export interface FieldError {
  readonly path: string;
  readonly message: string;
}

/** Largest size accepted for any single dimension, kernel, filter count or unit count. */
export const MAX_SIZE = 65_536;

export class Reader {
  readonly errors: FieldError[] = [];

  fail(path: string, message: string): undefined {
    this.errors.push({ path, message });
    return undefined;
  }

  record(value: unknown, path: string): Record<string, unknown> | undefined {
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
    return this.fail(path, 'must be an object');
  }

  /** An integer in [min, max]. */
  int(value: unknown, path: string, min = 1, max = MAX_SIZE): number | undefined {
    if (typeof value !== 'number' || !Number.isFinite(value))
      return this.fail(path, 'must be a finite number');
    if (!Number.isInteger(value)) return this.fail(path, 'must be a whole number');
    if (value < min || value > max) return this.fail(path, `must be between ${min} and ${max}`);
    return value;
  }

  /** A finite number in [min, max) (or [min, max] when `inclusiveMax`). */
  real(value: unknown, path: string, min: number, max: number, inclusiveMax = false): number | undefined {
    if (typeof value !== 'number' || !Number.isFinite(value))
      return this.fail(path, 'must be a finite number');
    const tooBig = inclusiveMax ? value > max : value >= max;
    if (value < min || tooBig)
      return this.fail(path, `must be in [${min}, ${max}${inclusiveMax ? ']' : ')'}`);
    return value;
  }

  bool(value: unknown, path: string): boolean | undefined {
    return typeof value === 'boolean' ? value : this.fail(path, 'must be true or false');
  }

  oneOf<T extends string>(value: unknown, path: string, options: readonly T[]): T | undefined {
    if (typeof value === 'string' && (options as readonly string[]).includes(value)) return value as T;
    return this.fail(path, `must be one of ${options.map((o) => `'${o}'`).join(', ')}`);
  }

  pair(value: unknown, path: string, min = 1): Pair | undefined {
    if (!Array.isArray(value) || value.length !== 2) return this.fail(path, 'must be a pair [height, width]');
    const a = this.int(value[0], `${path}[0]`, min);
    const b = this.int(value[1], `${path}[1]`, min);
    return a === undefined || b === undefined ? undefined : [a, b];
  }

  shape(value: unknown, path: string): Shape | undefined {
    if (!Array.isArray(value) || value.length < 1 || value.length > 3) {
      return this.fail(path, 'must be a list of 1 to 3 sizes');
    }
    const dims = value.map((d, i) => this.int(d, `${path}[${i}]`));
    return dims.every((d): d is number => d !== undefined) ? dims : undefined;
  }
}

export const LAYER_KINDS: readonly LayerKind[] = [
  'input',
  'conv2d',
  'conv2dTranspose',
  'maxPool2d',
  'avgPool2d',
  'globalAvgPool',
  'dense',
  'flatten',
  'reshape',
  'dropout',
  'batchNorm',
  'activation',
  'upSampling2d',
  'add',
  'concatenate',
];
const FUSED: readonly FusedActivation[] = ['linear', 'relu', 'sigmoid', 'tanh', 'softmax', 'elu'];
const ACTIVATIONS: readonly ActivationFn[] = [...FUSED, 'leakyRelu'];
const INITIALIZERS: readonly Initializer[] = [
  'heNormal',
  'heUniform',
  'glorotUniform',
  'glorotNormal',
  'zeros',
];
const POOL_PADDING: readonly PoolPadding[] = ['valid', 'same'];

function convPadding(r: Reader, value: unknown, path: string): ConvPadding | undefined {
  if (value === 'valid' || value === 'same') return value;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const explicit = r.int((value as Record<string, unknown>)['explicit'], `${path}.explicit`, 0, 1024);
    return explicit === undefined ? undefined : { explicit };
  }
  return r.fail(path, "must be 'valid', 'same' or { explicit: P }");
}

/** Reads one layer spec; undefined when any field is bad (errors recorded on the reader). */
export function readLayer(r: Reader, value: unknown, path: string): LayerSpec | undefined {
  const o = r.record(value, path);
  if (!o) return undefined;
  const kind = r.oneOf(o['kind'], `${path}.kind`, LAYER_KINDS);
  if (!kind) return undefined;
  const before = r.errors.length;
  const f = (name: string): string => `${path}.${name}`;
  let spec: LayerSpec | undefined;
  switch (kind) {
    case 'input': {
      const source = r.oneOf(o['source'], f('source'), ['dataset', 'latent'] as const);
      const shape = r.shape(o['shape'], f('shape'));
      const distribution =
        o['distribution'] === undefined
          ? undefined
          : r.oneOf(o['distribution'], f('distribution'), ['normal', 'uniform'] as const);
      if (source && shape) {
        spec = distribution ? { kind, source, shape, distribution } : { kind, source, shape };
      }
      break;
    }
    case 'conv2d': {
      const filters = r.int(o['filters'], f('filters'));
      const kernel = r.pair(o['kernel'], f('kernel'));
      const stride = r.pair(o['stride'], f('stride'));
      const padding = convPadding(r, o['padding'], f('padding'));
      const dilation = r.pair(o['dilation'], f('dilation'));
      const activation = r.oneOf(o['activation'], f('activation'), FUSED);
      const useBias = r.bool(o['useBias'], f('useBias'));
      const initializer = r.oneOf(o['initializer'], f('initializer'), INITIALIZERS);
      if (
        filters &&
        kernel &&
        stride &&
        padding &&
        dilation &&
        activation &&
        useBias !== undefined &&
        initializer
      ) {
        spec = { kind, filters, kernel, stride, padding, dilation, activation, useBias, initializer };
      }
      break;
    }
    case 'conv2dTranspose': {
      const filters = r.int(o['filters'], f('filters'));
      const kernel = r.pair(o['kernel'], f('kernel'));
      const stride = r.pair(o['stride'], f('stride'));
      const padding = r.oneOf(o['padding'], f('padding'), POOL_PADDING);
      const activation = r.oneOf(o['activation'], f('activation'), FUSED);
      const useBias = r.bool(o['useBias'], f('useBias'));
      const initializer = r.oneOf(o['initializer'], f('initializer'), INITIALIZERS);
      if (filters && kernel && stride && padding && activation && useBias !== undefined && initializer) {
        spec = { kind, filters, kernel, stride, padding, activation, useBias, initializer };
      }
      break;
    }
    case 'maxPool2d':
    case 'avgPool2d': {
      const pool = r.pair(o['pool'], f('pool'));
      const stride = r.pair(o['stride'], f('stride'));
      const padding = r.oneOf(o['padding'], f('padding'), POOL_PADDING);
      if (pool && stride && padding) spec = { kind, pool, stride, padding };
      break;
    }
    case 'dense': {
      const units = r.int(o['units'], f('units'));
      const activation = r.oneOf(o['activation'], f('activation'), FUSED);
      const useBias = r.bool(o['useBias'], f('useBias'));
      const initializer = r.oneOf(o['initializer'], f('initializer'), INITIALIZERS);
      if (units && activation && useBias !== undefined && initializer)
        spec = { kind, units, activation, useBias, initializer };
      break;
    }
    case 'reshape': {
      const shape = r.shape(o['shape'], f('shape'));
      if (shape) spec = { kind, shape };
      break;
    }
    case 'dropout': {
      const rate = r.real(o['rate'], f('rate'), 0, 1);
      if (rate !== undefined) spec = { kind, rate };
      break;
    }
    case 'batchNorm': {
      const momentum = r.real(o['momentum'], f('momentum'), 0, 1);
      const epsilon = r.real(o['epsilon'], f('epsilon'), 1e-12, 1, true);
      if (momentum !== undefined && epsilon !== undefined) spec = { kind, momentum, epsilon };
      break;
    }
    case 'activation': {
      const fn = r.oneOf(o['fn'], f('fn'), ACTIVATIONS);
      const alpha = r.real(o['alpha'], f('alpha'), 0, 1, true);
      if (fn && alpha !== undefined) spec = { kind, fn, alpha };
      break;
    }
    case 'upSampling2d': {
      const size = r.pair(o['size'], f('size'));
      if (size) spec = { kind, size };
      break;
    }
    case 'globalAvgPool':
    case 'flatten':
    case 'add':
    case 'concatenate':
      spec = { kind } as LayerSpec;
      break;
    default:
      return assertNever(kind);
  }
  return r.errors.length === before ? spec : undefined;
}
