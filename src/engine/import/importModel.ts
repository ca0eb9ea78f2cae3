/**
 * "Import model": the picked files → a graph and its weights. Takes a TF.js Layers model.json with its weights
 * files (picked together, or in a zip), or a Keras JSON config (model.to_json(), or a .keras file, whose config is
 * read and whose .h5 weights are not). Pure: no TF.js, no DOM; the page calls it in a chunk of its own and the
 * worker writes the weights into its model. Never throws on bad input: every refusal is one plain message.
 */
import { unzip } from './unzip';
import type { NodeId, Shape } from '../graph/types';
import { buildGraph } from './buildGraph';
import { matchWeights } from './matchWeights';
import { readTopology } from './topology';
import { decodeWeights } from './weightsManifest';
import { failure, isRecord, ok, type ImportFile, type ImportedModel, type Result } from './types';

export interface ImportOptions {
  /** The chosen dataset's image shape: a model that takes vectors or open sizes takes these images. */
  readonly imageShape: Shape;
}

const isZip = (f: ImportFile): boolean =>
  /\.(zip|keras)$/i.test(f.name) || (f.bytes[0] === 0x50 && f.bytes[1] === 0x4b && f.bytes[2] === 0x03);
const isH5 = (f: ImportFile): boolean =>
  /\.(h5|hdf5)$/i.test(f.name) || (f.bytes[0] === 0x89 && f.bytes[1] === 0x48 && f.bytes[2] === 0x44);

const H5_HINT =
  'Keras .h5 weights cannot be read in the browser. Convert the model with tensorflowjs_converter --input_format keras model.h5 out/ and choose out/model.json with its .bin files, or save the architecture alone with model.to_json().';

/** The picked files with every zip replaced by its entries (folders and macOS metadata left out). */
function expand(files: readonly ImportFile[]): Result<{ files: ImportFile[]; from: string | null }> {
  const out: ImportFile[] = [];
  let from: string | null = null;
  for (const f of files) {
    if (!isZip(f)) {
      out.push(f);
      continue;
    }
    let entries: Record<string, Uint8Array>;
    try {
      entries = unzip(f.bytes);
    } catch {
      return failure(`${f.name} could not be opened as a zip file.`);
    }
    from = f.name;
    for (const [name, bytes] of Object.entries(entries)) {
      if (name.endsWith('/') || name.startsWith('__MACOSX/') || /(^|\/)\._/.test(name)) continue;
      out.push({ name, bytes });
    }
  }
  return ok({ files: out, from });
}

type Doc = { readonly file: ImportFile; readonly doc: Record<string, unknown> };

function parseJson(files: readonly ImportFile[]): Result<Doc[]> {
  const docs: Doc[] = [];
  const text = new TextDecoder();
  for (const f of files.filter((x) => /\.json$/i.test(x.name))) {
    let doc: unknown;
    try {
      doc = JSON.parse(text.decode(f.bytes));
    } catch (e) {
      return failure(`${f.name} is not valid JSON (${e instanceof Error ? e.message : String(e)}).`);
    }
    if (isRecord(doc)) docs.push({ file: f, doc });
  }
  return ok(docs);
}

const isTfjs = (d: Doc): boolean => 'modelTopology' in d.doc;
const isKeras = (d: Doc): boolean => typeof d.doc['class_name'] === 'string';
const isGraphFile = (d: Doc): boolean => Array.isArray(d.doc['nodes']) && Array.isArray(d.doc['edges']);

export function importModel(picked: readonly ImportFile[], opts: ImportOptions): Result<ImportedModel> {
  if (picked.length === 0) return failure('No files were chosen.');
  const expanded = expand(picked);
  if (!expanded.ok) return expanded;
  const files = expanded.value.files;
  const parsed = parseJson(files);
  if (!parsed.ok) return parsed;
  const docs = parsed.value;
  const tfjs = docs.filter(isTfjs);
  const keras = docs.filter((d) => !isTfjs(d) && isKeras(d));
  if (tfjs.length > 1)
    return failure(
      `${tfjs.map((d) => d.file.name).join(' and ')} are both models: choose one model.json at a time.`,
    );
  const chosen = tfjs[0] ?? keras[0];
  if (!chosen) {
    if (docs.some(isGraphFile))
      return failure('This is a network file from "Export JSON"; open it with "Import JSON" instead.');
    if (files.some(isH5)) return failure(H5_HINT);
    return failure(
      'None of the chosen files describes a model. Choose model.json with its weights files (or the zip they are in), or a Keras JSON config from model.to_json().',
    );
  }
  const source = expanded.value.from ?? chosen.file.name;
  const format = tfjs.length > 0 ? 'tfjs' : 'keras';
  const topology = readTopology(chosen.doc);
  if (!topology.ok) return topology;
  const built = buildGraph(topology.value, opts.imageShape);
  if (!built.ok) return built;
  const { graph, nodeOf } = built.value;
  const notes = [...built.value.notes];
  const base = { graph, format, source, inputShape: built.value.inputShape } as const;

  const manifest = format === 'tfjs' ? chosen.doc['weightsManifest'] : undefined;
  const listed =
    Array.isArray(manifest) &&
    manifest.some((g) => isRecord(g) && Array.isArray(g['weights']) && g['weights'].length > 0);
  if (!listed) {
    const h5 = files.find(isH5);
    notes.push(
      h5
        ? `${h5.name} cannot be read in the browser, so the network starts untrained.`
        : 'The file describes the architecture only: the network starts untrained.',
    );
    return ok({ ...base, weights: null, notes });
  }
  const decoded = decodeWeights(manifest, files, notes);
  if (!decoded.ok) return decoded;
  const layerOf = new Map<NodeId, string>([...nodeOf].map(([layer, node]) => [node, layer] as const));
  const weights = matchWeights(graph, layerOf, decoded.value);
  if (!weights.ok) return weights;
  return ok({ ...base, weights: weights.value, notes });
}
