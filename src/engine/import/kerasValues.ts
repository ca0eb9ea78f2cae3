/**
 * Reading the values of a Keras / TF.js layer config: sizes given as a number or a pair, activations,
 * initializers (by class name, or the VarianceScaling settings TF.js writes for He and Glorot), paddings.
 * Each reader returns the value or a plain sentence saying what was wrong.
 */
import type { FusedActivation, Initializer, Pair } from '../graph/types';
import { FUSED_ACTIVATIONS } from '../layers/primitives';
import { isRecord } from './types';

/** A value or the reason it could not be read. */
export type Read<T> = { readonly value: T } | { readonly why: string };

export const isWhy = <T>(r: Read<T>): r is { readonly why: string } => 'why' in r;

const positiveInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;

/** A size the config gives as n or [h, w] (kernel_size, strides, pool_size, dilation_rate, size). */
export function readPair(v: unknown, what: string): Read<Pair> {
  if (positiveInt(v)) return { value: [v, v] };
  if (Array.isArray(v) && v.length === 2 && positiveInt(v[0]) && positiveInt(v[1]))
    return { value: [v[0], v[1]] };
  if (Array.isArray(v) && v.length === 1 && positiveInt(v[0])) return { value: [v[0], v[0]] };
  return { why: `its ${what} (${JSON.stringify(v) ?? 'missing'}) is not one or two whole numbers` };
}

export function readCount(v: unknown, what: string): Read<number> {
  return positiveInt(v)
    ? { value: v }
    : { why: `its ${what} (${JSON.stringify(v) ?? 'missing'}) is not a whole number` };
}

export function readNumber(v: unknown, what: string, fallback: number): Read<number> {
  if (v === undefined || v === null) return { value: fallback };
  return typeof v === 'number' && Number.isFinite(v) ? { value: v } : { why: `its ${what} is not a number` };
}

/** An activation's name: a string, or Keras 3's serialized function ({class_name: 'function', config: 'relu'}). */
export function activationName(v: unknown): string {
  if (v === undefined || v === null) return 'linear';
  if (typeof v === 'string') return v;
  if (isRecord(v)) {
    const c = v['config'];
    if (typeof c === 'string') return c;
    if (isRecord(c) && typeof c['name'] === 'string') return c['name'];
    if (typeof v['class_name'] === 'string') return v['class_name'];
  }
  return JSON.stringify(v) ?? 'unknown';
}

/** Keras and TF.js spellings of the activations a layer can fuse, to the playground's. */
const FUSED_ALIASES: Readonly<Record<string, FusedActivation>> = {
  linear: 'linear',
  None: 'linear',
  relu: 'relu',
  sigmoid: 'sigmoid',
  tanh: 'tanh',
  softmax: 'softmax',
  elu: 'elu',
};

export function readFused(v: unknown): Read<FusedActivation> {
  const name = activationName(v);
  const fn = FUSED_ALIASES[name];
  if (fn) return { value: fn };
  return {
    why: `its activation '${name}' is not one the playground has (it has ${FUSED_ACTIVATIONS.join(', ')}${
      name === 'leaky_relu' ? '; a LeakyReLU layer after it can be shown' : ''
    })`,
  };
}

const BY_CLASS: Readonly<Record<string, Initializer>> = {
  HeNormal: 'heNormal',
  he_normal: 'heNormal',
  HeUniform: 'heUniform',
  he_uniform: 'heUniform',
  GlorotUniform: 'glorotUniform',
  glorot_uniform: 'glorotUniform',
  GlorotNormal: 'glorotNormal',
  glorot_normal: 'glorotNormal',
  Zeros: 'zeros',
  zeros: 'zeros',
};

/**
 * The initializer a config names. It only matters for training from scratch (imported weights replace it); an
 * initializer the playground lacks becomes Glorot uniform, the Keras default.
 */
export function readInitializer(v: unknown): Initializer {
  if (typeof v === 'string') return BY_CLASS[v] ?? 'glorotUniform';
  if (!isRecord(v) || typeof v['class_name'] !== 'string') return 'glorotUniform';
  const known = BY_CLASS[v['class_name']];
  if (known) return known;
  const c = v['config'];
  if (v['class_name'] !== 'VarianceScaling' || !isRecord(c)) return 'glorotUniform';
  const normal = c['distribution'] === 'normal' || c['distribution'] === 'truncated_normal';
  if (c['scale'] === 2 && c['mode'] === 'fan_in') return normal ? 'heNormal' : 'heUniform';
  if (c['scale'] === 1 && c['mode'] === 'fan_avg') return normal ? 'glorotNormal' : 'glorotUniform';
  return 'glorotUniform';
}

/** 'valid' or 'same' ('causal' and others are not 2-D paddings the playground has). */
export function readPadding(v: unknown): Read<'valid' | 'same'> {
  if (v === undefined || v === 'valid') return { value: 'valid' };
  if (v === 'same') return { value: 'same' };
  return { why: `its padding '${String(v)}' is neither 'valid' nor 'same'` };
}

/**
 * A ZeroPadding2D's amount when it pads every side by the same P (n, [n, n] or [[n, n], [n, n]]); null when the
 * sides differ; a reason when it cannot be read.
 */
export function readSymmetricPad(v: unknown): Read<number | null> {
  const nonNeg = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;
  let sides: unknown[];
  if (nonNeg(v)) sides = [v, v, v, v];
  else if (Array.isArray(v) && v.length === 2 && v.every(nonNeg)) sides = [v[0], v[0], v[1], v[1]];
  else if (Array.isArray(v) && v.length === 2 && v.every((a) => Array.isArray(a) && a.length === 2))
    sides = (v as unknown[][]).flat();
  else return { why: `its padding (${JSON.stringify(v) ?? 'missing'}) cannot be read` };
  if (!sides.every(nonNeg)) return { why: `its padding (${JSON.stringify(v)}) is not whole numbers` };
  return { value: sides.every((s) => s === sides[0]) ? (sides[0] as number) : null };
}

/** Layers of images must keep channels last (TF.js and Keras's default); channels_first reorders the values. */
export function channelsLast(config: Readonly<Record<string, unknown>>): string | null {
  const f = config['data_format'];
  return f === undefined || f === null || f === 'channels_last'
    ? null
    : `it keeps channels first (data_format '${String(f)}'); the playground keeps them last`;
}

/** The one axis a normalization or merge config names (-1, 3 or [3]); null when it names several. */
export function oneAxis(v: unknown): number | null {
  if (v === undefined || v === null) return -1;
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (Array.isArray(v) && v.length === 1 && typeof v[0] === 'number') return v[0];
  return null;
}
