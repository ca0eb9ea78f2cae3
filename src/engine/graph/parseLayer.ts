/**
 * Field-by-field reading of untrusted JSON values into typed layer specs. Every failure is recorded with the path
 * of the bad field (e.g. 'nodes[3].layer.kernel[1]'); nothing here throws.
 */
import type { ConvPadding, LayerSpec, Pair, Shape } from './types';
import { assertNever } from '../assertNever';
import { MAX_SIZE } from '../layers/primitives';
import type { FieldSpec } from '../layers/module';
import { LAYERS, LAYER_KINDS } from '../layers/registry';

export interface FieldError {
  readonly path: string;
  readonly message: string;
}

export { MAX_SIZE };

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

  pair(value: unknown, path: string, min = 1, max = MAX_SIZE): Pair | undefined {
    if (!Array.isArray(value) || value.length !== 2) return this.fail(path, 'must be a pair [height, width]');
    const a = this.int(value[0], `${path}[0]`, min, max);
    const b = this.int(value[1], `${path}[1]`, min, max);
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

export { LAYER_KINDS };

/** Reads one field of a layer by its descriptor (the same one the inspector renders); undefined when bad. */
function readField(r: Reader, f: FieldSpec<Record<string, unknown>>, value: unknown, path: string): unknown {
  switch (f.type) {
    case 'number': {
      const v = f.rule.integer
        ? r.int(value, path, f.rule.min, f.rule.max)
        : r.real(value, path, f.rule.min, f.rule.max, f.rule.inclusiveMax ?? true);
      // The inspector's rule may exclude its minimum (no layer setting does today); the parser keeps to it too.
      if (v !== undefined && f.rule.inclusiveMin === false && v <= f.rule.min)
        return r.fail(path, `must be more than ${f.rule.min}`);
      return v;
    }
    case 'pair':
      return r.pair(value, path, f.rule.min, f.rule.max);
    case 'select':
      return r.oneOf(
        value,
        path,
        f.options.map((o) => o.value),
      );
    case 'check':
      return r.bool(value, path);
    case 'shape':
      return r.shape(value, path);
    case 'convPadding':
      return convPadding(r, value, path);
    default:
      return assertNever(f);
  }
}

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
  const spec: Record<string, unknown> = { kind };
  for (const f of LAYERS[kind].fields as unknown as readonly FieldSpec<Record<string, unknown>>[]) {
    const v = o[f.key];
    if (v === undefined && f.type === 'select' && f.optionalDefault !== undefined) continue;
    spec[f.key] = readField(r, f, v, `${path}.${f.key}`);
  }
  return r.errors.length === before ? (spec as unknown as LayerSpec) : undefined;
}
