/**
 * Test support for the *.fuzz.test.ts properties (graph JSON, share links, autosave); not part of the app.
 *
 * Case counts: each property has a share of FUZZ_CASES (10,000 in all, what the unit suite runs with a fixed seed);
 * `npm run fuzz` sets FUZZ_RUNS (cases per property) far higher. FUZZ_SEED overrides the seed to explore other cases.
 * Each input is timed on its own and must take at most MAX_MS; an input over a tenth of that is timed twice more and
 * the best time counts, so a garbage-collection pause on a loaded machine is not mistaken for a slow input.
 */
import { mutate } from '../../engine/graph/jsonMutate';
import fc from 'fast-check';

export const MAX_MS = 50;
export const FUZZ_CASES = 10_000;
const DEFAULT_SEED = 20_261_111;

const envInt = (name: string): number | undefined => {
  const v = Number(process.env[name]);
  return Number.isSafeInteger(v) && v > 0 ? v : undefined;
};

/** fast-check parameters for a property that gets `share` (0–1) of the suite's cases. */
export function fuzzParams(share: number): { numRuns: number; seed: number } {
  return {
    numRuns: envInt('FUZZ_RUNS') ?? Math.round(FUZZ_CASES * share),
    seed: envInt('FUZZ_SEED') ?? DEFAULT_SEED,
  };
}

/** The slowest input of a property, for the report. */
export class Slowest {
  ms = 0;
  what = '';
  cases = 0;
  /** Runs `fn` timed; returns its result. Throws (fails the property) when even the best of three is too slow. */
  time<T>(fn: () => T, describe: () => string): T {
    this.cases++;
    let t0 = performance.now();
    const value = fn();
    let ms = performance.now() - t0;
    // A slow time is measured twice more and the best counts: a garbage-collection pause is not the input's.
    for (let i = 0; i < 2 && ms > MAX_MS / 10; i++) {
      t0 = performance.now();
      fn();
      ms = Math.min(ms, performance.now() - t0);
    }
    if (ms > this.ms) {
      this.ms = ms;
      this.what = describe();
    }
    if (ms > MAX_MS) throw new Error(`${describe()} took ${ms.toFixed(1)} ms (limit ${MAX_MS} ms)`);
    return value;
  }
  report(name: string): string {
    const line = `fuzz ${name}: ${this.cases} cases, slowest ${this.ms.toFixed(2)} ms (${this.what.slice(0, 80)})`;
    console.info(line);
    return line;
  }
}

/**
 * A field path at the start of a reason: `graph.nodes[3].layer.kernel: …`, `hyper.batchSize must …`, `seed: …`.
 * Reasons about the whole input name it instead (`the link …`, `autosave: …`).
 */
export const FIELD_PATH = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*|\[\d+\])*(?=:| must| \(and )/;
export const fieldOf = (reason: string): string | null => FIELD_PATH.exec(reason)?.[0] ?? null;

/** Splits `a.b[2].c` into keys. */
export function pathKeys(path: string): (string | number)[] {
  const keys: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g))
    keys.push(m[2] !== undefined ? Number(m[2]) : (m[1] ?? ''));
  return keys;
}

/**
 * True when `path` names a place in `doc`: every key but the last exists (the last may be a missing field), or the
 * path stops one key below a plain value (a shorthand read as its full form: `kernel: 3` as `[3, 3]`, reported at
 * `kernel[0]`; `padding: 2` as `{ explicit: 2 }`).
 */
export function pathResolves(doc: unknown, keys: readonly (string | number)[]): boolean {
  let at: unknown = doc;
  for (let i = 0; i < keys.length - 1; i++) {
    if (typeof at !== 'object' || at === null) return false;
    const k = keys[i] as string | number;
    if (!Object.hasOwn(at, k)) return false;
    at = (at as Record<string | number, unknown>)[k];
  }
  return true;
}

const childrenOf = (v: unknown): [string | number, unknown][] =>
  typeof v !== 'object' || v === null
    ? []
    : Array.isArray(v)
      ? v.map((x, i) => [i, x] as [number, unknown])
      : Object.entries(v);

/** How many places (values at any depth, down to `maxDepth`) a JSON value has, itself included. */
function countPlaces(v: unknown, maxDepth: number): number {
  if (maxDepth === 0) return 1;
  let n = 1;
  for (const [, x] of childrenOf(v)) n += countPlaces(x, maxDepth - 1);
  return n;
}

/** The `index`-th place of a JSON value in depth-first order (modulo their number), without listing them all. */
export function pathAt(v: unknown, index: number, maxDepth = 24): (string | number)[] {
  let target = index % countPlaces(v, maxDepth);
  const path: (string | number)[] = [];
  let at = v;
  for (let depth = maxDepth; target > 0 && depth > 0; depth--) {
    target--;
    let next: [string | number, unknown] | undefined;
    for (const child of childrenOf(at)) {
      const c = countPlaces(child[1], depth - 1);
      if (target < c) {
        next = child;
        break;
      }
      target -= c;
    }
    if (!next) break;
    path.push(next[0]);
    at = next[1];
  }
  return path;
}

/** Values that break parsers: wrong types, edge numbers, prototype keys, deep and wide structures. */
export const nasty: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    -1,
    0,
    -0,
    0.5,
    1.5,
    NaN,
    Infinity,
    -Infinity,
    1e308,
    -1e308,
    5e-324,
    2 ** 53,
    1e12,
    '3',
    '',
    'same',
    'conv2d',
    '__proto__',
    'constructor',
    null,
    true,
    false,
    [],
    {},
    [0, 0],
    [3],
    [1, 2, 3, 4],
    { explicit: -1 },
    JSON.parse('{"__proto__": {"polluted": 1}}'),
  ),
  fc.anything({ maxDepth: 2 }),
  fc.integer({ min: 1, max: 1000 }).map((depth) => {
    let v: unknown = 0;
    for (let i = 0; i < depth; i++) v = [v];
    return v;
  }),
);

/** A list of up to three mutations to apply to a document. */
export const mutations = fc.array(fc.tuple(fc.nat(), fc.constantFrom('delete', 'replace' as const), nasty), {
  minLength: 1,
  maxLength: 3,
});

export function applyMutations(
  doc: unknown,
  list: readonly (readonly [number, 'delete' | 'replace', unknown])[],
): {
  doc: unknown;
  touched: string[];
} {
  let d = doc;
  const touched: string[] = [];
  for (const [i, op, value] of list) {
    const path = pathAt(d, i);
    touched.push(path.join('.'));
    d = mutate(d, path, op, value);
  }
  return { doc: d, touched };
}
