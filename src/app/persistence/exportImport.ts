/**
 * Files in and out: the graph as JSON (download / upload, read back through the engine's parser), the trained model
 * as TF.js artifacts (model.json + weights.bin, loadable by tf.loadLayersModel), and Keras Python code.
 */
import { serializeGraph } from '../../engine/graph/parse';
import type { Graph } from '../../engine/graph/types';
import { parseGraphFile } from './graphData';
import type { Parsed } from './settings';

export const WEIGHTS_FILE = 'weights.bin';
/** Larger graph files are refused before reading: no network here needs megabytes of JSON. */
export const MAX_GRAPH_FILE_BYTES = 5_000_000;

/** Starts a download of `data` under `name` (an object URL, revoked after the click). */
export function download(name: string, data: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function exportGraphJson(graph: Graph, name = 'network.json'): void {
  download(name, serializeGraph(graph), 'application/json');
}

/** Reads an uploaded file as a graph; never throws, says what was wrong. */
export async function importGraphFile(file: Blob & { readonly name?: string }): Promise<Parsed<Graph>> {
  const label = file.name ?? 'the file';
  if (file.size > MAX_GRAPH_FILE_BYTES)
    return { ok: false, reason: `${label} is too large for a network file` };
  let text: string;
  try {
    text = await file.text();
  } catch {
    return { ok: false, reason: `${label} could not be read` };
  }
  return parseGraphFile(text, label);
}

/**
 * Points the model's weights manifest at `weights.bin`, the name the weights are saved under, so that
 * tf.loadLayersModel('…/model.json') finds them next to it. Returns the text unchanged when it is not a manifest.
 */
export function withWeightsPath(modelJson: string): string {
  let doc: unknown;
  try {
    doc = JSON.parse(modelJson);
  } catch {
    return modelJson;
  }
  if (typeof doc !== 'object' || doc === null) return modelJson;
  const manifest = (doc as { weightsManifest?: unknown }).weightsManifest;
  if (!Array.isArray(manifest) || manifest.length !== 1) return modelJson;
  const group = manifest[0] as { paths?: unknown };
  if (typeof group !== 'object' || group === null) return modelJson;
  group.paths = [WEIGHTS_FILE];
  return JSON.stringify(doc);
}

export function exportModelFiles(model: { modelJson: string; weights: ArrayBuffer }): void {
  download('model.json', withWeightsPath(model.modelJson), 'application/json');
  download(WEIGHTS_FILE, model.weights, 'application/octet-stream');
}

export function exportKerasCode(code: string, name = 'model.py'): void {
  download(name, code, 'text/x-python');
}
