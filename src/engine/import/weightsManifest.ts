/**
 * Reading a TF.js weights manifest: each group's files (shards) are joined in order and cut into the weights it
 * lists, float32 or int32, or quantized (uint8 / uint16 with scale and min, float16) as tensorflowjs_converter
 * writes them. Files are found by their base name; a single weights file saved under another name (a browser's
 * "weights (1).bin") stands in for a single missing one.
 */
import { failure, isRecord, ok, type ImportFile, type Result } from './types';

export interface DecodedWeight {
  readonly name: string;
  readonly shape: readonly number[];
  readonly values: Float32Array;
}

interface Spec {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: string;
  readonly quantization?: { readonly dtype?: unknown; readonly scale?: unknown; readonly min?: unknown };
}

const baseName = (p: string): string => p.split(/[\\/]/).pop() ?? p;
const count = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);
const plural = (n: number, one: string): string => `${n.toLocaleString('en-US')} ${one}${n === 1 ? '' : 's'}`;

function readSpec(v: unknown): Spec | null {
  if (!isRecord(v) || typeof v['name'] !== 'string' || !Array.isArray(v['shape'])) return null;
  const shape = v['shape'];
  if (!shape.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= 0)) return null;
  const q = v['quantization'];
  return {
    name: v['name'],
    shape: shape as number[],
    dtype: typeof v['dtype'] === 'string' ? v['dtype'] : 'float32',
    ...(isRecord(q) ? { quantization: q } : {}),
  };
}

/** IEEE half → float. */
function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * 2 ** -14 * (f / 1024);
  if (e === 31) return f ? NaN : s * Infinity;
  return s * 2 ** (e - 15) * (1 + f / 1024);
}

/** The bytes one weight takes and a decoder of them, or why it cannot be read. */
function codec(spec: Spec): { bytes: number; decode: (view: DataView) => Float32Array } | string {
  const n = count(spec.shape);
  const q = spec.quantization;
  if (q) {
    const qd = q.dtype;
    if (qd === 'float16')
      return {
        bytes: 2 * n,
        decode: (v) => Float32Array.from({ length: n }, (_, i) => halfToFloat(v.getUint16(2 * i, true))),
      };
    if ((qd === 'uint8' || qd === 'uint16') && typeof q.scale === 'number' && typeof q.min === 'number') {
      const { scale, min } = q as { scale: number; min: number };
      const size = qd === 'uint8' ? 1 : 2;
      const get = (v: DataView, i: number) => (size === 1 ? v.getUint8(i) : v.getUint16(2 * i, true));
      return {
        bytes: size * n,
        decode: (v) => Float32Array.from({ length: n }, (_, i) => get(v, i) * scale + min),
      };
    }
    return `weight '${spec.name}' is quantized in a way this reader does not know (${JSON.stringify(qd)})`;
  }
  if (spec.dtype === 'float32')
    return {
      bytes: 4 * n,
      decode: (v) => Float32Array.from({ length: n }, (_, i) => v.getFloat32(4 * i, true)),
    };
  if (spec.dtype === 'int32')
    return {
      bytes: 4 * n,
      decode: (v) => Float32Array.from({ length: n }, (_, i) => v.getInt32(4 * i, true)),
    };
  return `weight '${spec.name}' is of type ${spec.dtype}; only number weights can be loaded`;
}

/** Joins files into one buffer. */
function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/**
 * Decodes every weight the manifest lists from the picked files. `notes` gets a sentence when a file was matched
 * by elimination rather than by name.
 */
export function decodeWeights(
  manifest: unknown,
  files: readonly ImportFile[],
  notes: string[],
): Result<DecodedWeight[]> {
  if (manifest === undefined || manifest === null) return ok([]);
  if (!Array.isArray(manifest)) return failure('The weightsManifest of model.json is not a list.');
  const groups: { paths: string[]; specs: Spec[] }[] = [];
  for (const g of manifest) {
    if (!isRecord(g) || !Array.isArray(g['paths']) || !Array.isArray(g['weights']))
      return failure('A group of the weightsManifest in model.json has no paths or weights.');
    const paths = g['paths'].filter((p): p is string => typeof p === 'string');
    const specs = g['weights'].map(readSpec);
    if (specs.some((s) => s === null))
      return failure('A weight of the weightsManifest in model.json has no name or shape.');
    groups.push({ paths, specs: specs as Spec[] });
  }
  const byName = new Map(files.map((f) => [baseName(f.name), f] as const));
  const wanted = groups.flatMap((g) => g.paths.map(baseName));
  const missing = wanted.filter((p) => !byName.has(p));
  const spare = files.filter((f) => !wanted.includes(baseName(f.name)) && !/\.json$/i.test(f.name));
  if (missing.length === 1 && spare.length === 1) {
    const stand = spare[0] as ImportFile;
    byName.set(missing[0] as string, stand);
    notes.push(
      `model.json names its weights file ${missing[0]}; ${baseName(stand.name)} was read in its place.`,
    );
  } else if (missing.length > 0) {
    return failure(
      `model.json needs the weights file${missing.length === 1 ? '' : 's'} ${missing.join(', ')}, which ${
        missing.length === 1 ? 'was' : 'were'
      } not among the chosen files. Choose model.json together with ${missing.length === 1 ? 'it' : 'them'}.`,
    );
  }
  const out: DecodedWeight[] = [];
  for (const g of groups) {
    const data = concat(g.paths.map((p) => (byName.get(baseName(p)) as ImportFile).bytes));
    const codecs = g.specs.map(codec);
    const bad = codecs.find((c): c is string => typeof c === 'string');
    if (bad) return failure(`In model.json, ${bad}.`);
    const need = (codecs as { bytes: number }[]).reduce((a, c) => a + c.bytes, 0);
    const files = g.paths.map(baseName).join(' + ');
    if (data.byteLength !== need)
      return failure(
        `${files} holds ${plural(data.byteLength, 'byte')}, but model.json describes ${plural(need, 'byte')} of weights: the file is not the one saved with this model.json, or it is cut short.`,
      );
    let at = 0;
    for (const [i, spec] of g.specs.entries()) {
      const c = codecs[i] as { bytes: number; decode: (v: DataView) => Float32Array };
      out.push({
        name: spec.name,
        shape: spec.shape,
        values: c.decode(new DataView(data.buffer, data.byteOffset + at, c.bytes)),
      });
      at += c.bytes;
    }
  }
  return ok(out);
}
