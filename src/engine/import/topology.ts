/**
 * Reading a model's architecture from JSON: a TF.js Layers model.json (its modelTopology, bare or wrapped in
 * model_config as tensorflowjs_converter writes it) or a Keras config (model.to_json(), Keras 2 or 3; a .keras
 * file's config.json). Sequential models and functional ones (one input, one output, every layer used once) become
 * a list of layers with their inputs. Never throws: what cannot be read is said in plain words.
 */
import { failure, isRecord, ok } from './types';
import type { RawLayer, RawModel, Result } from './types';

const SEQUENTIAL = new Set(['Sequential']);
const FUNCTIONAL = new Set(['Model', 'Functional']);

/** The model config ({class_name, config}) inside a model.json or a Keras JSON document, or why there is none. */
export function modelConfigOf(doc: unknown): Result<Record<string, unknown>> {
  if (!isRecord(doc)) return failure('The file is not a model description (it is not a JSON object).');
  if (doc['format'] === 'graph-model')
    return failure(
      'This is a TF.js graph model (a frozen TensorFlow graph), which has no layers to show. Convert the Keras model as a Layers model instead (tensorflowjs_converter --input_format keras).',
    );
  let top: unknown = 'modelTopology' in doc ? doc['modelTopology'] : doc;
  if (isRecord(top) && isRecord(top['model_config'])) top = top['model_config'];
  if (!isRecord(top) || typeof top['class_name'] !== 'string')
    return failure(
      'The file does not describe a model: it has no modelTopology (TF.js) or class_name (Keras model.to_json()).',
    );
  return ok(top);
}

/** Layers of a nested list or dict of call arguments that are Keras 3 tensors: their source layers, in order. */
function keras3Sources(value: unknown, out: string[]): void {
  if (Array.isArray(value)) {
    for (const v of value) keras3Sources(v, out);
    return;
  }
  if (!isRecord(value)) return;
  if (value['class_name'] === '__keras_tensor__' && isRecord(value['config'])) {
    const history = value['config']['keras_history'];
    if (Array.isArray(history) && typeof history[0] === 'string') out.push(history[0]);
    return;
  }
}

/** The calls of a functional layer: the source layers of each call (Keras 2 / TF.js lists, Keras 3 dicts). */
function callsOf(inbound: unknown): string[][] | null {
  if (inbound === undefined || inbound === null) return [];
  if (!Array.isArray(inbound)) return null;
  return inbound.map((call: unknown) => {
    const sources: string[] = [];
    if (Array.isArray(call)) {
      for (const t of call) if (Array.isArray(t) && typeof t[0] === 'string') sources.push(t[0]);
    } else if (isRecord(call)) {
      keras3Sources(call['args'], sources);
    }
    return sources;
  });
}

const nameOf = (layer: Record<string, unknown>, config: Record<string, unknown>): string | null => {
  const n = layer['name'] ?? config['name'];
  return typeof n === 'string' && n.length > 0 ? n : null;
};

/** [name, 0, 0] or [[name, 0, 0], …] (input_layers / output_layers): the layer names. */
function endpointNames(value: unknown): string[] | null {
  if (!Array.isArray(value)) return null;
  if (typeof value[0] === 'string') return [value[0]];
  const names: string[] = [];
  for (const v of value) {
    if (!Array.isArray(v) || typeof v[0] !== 'string') return null;
    names.push(v[0]);
  }
  return names;
}

/** The batch input shape a Sequential model's first layer declares (TF.js, Keras 2 or 3), if any. */
function declaredBatchShape(layer: Record<string, unknown>, config: Record<string, unknown>): unknown {
  const build = layer['build_config'];
  return (
    config['batch_input_shape'] ??
    config['batchInputShape'] ??
    config['batch_shape'] ??
    (Array.isArray(config['input_shape']) ? [null, ...config['input_shape']] : undefined) ??
    (isRecord(build) ? build['input_shape'] : undefined)
  );
}

function sequential(config: unknown): Result<RawModel> {
  const list = Array.isArray(config) ? config : isRecord(config) ? config['layers'] : undefined;
  if (!Array.isArray(list) || list.length === 0) return failure('The Sequential model lists no layers.');
  const layers: RawLayer[] = [];
  let prev: string | null = null;
  for (const [i, raw] of list.entries()) {
    if (!isRecord(raw) || typeof raw['class_name'] !== 'string' || !isRecord(raw['config']))
      return failure(`Layer ${i + 1} of the Sequential model has no class_name and config.`);
    const cfg = raw['config'];
    const name = nameOf(raw, cfg) ?? `layer_${i + 1}`;
    if (i === 0 && raw['class_name'] !== 'InputLayer') {
      const shape = declaredBatchShape(raw, cfg);
      if (shape === undefined)
        return failure(
          `The Sequential model does not say its input shape: its first layer (${name}) has no input shape. Build the model (with an Input) before saving it.`,
        );
      layers.push({
        className: 'InputLayer',
        name: 'input',
        config: { batch_input_shape: shape },
        inputs: [],
      });
      prev = 'input';
    }
    layers.push({ className: raw['class_name'], name, config: cfg, inputs: prev === null ? [] : [prev] });
    prev = name;
  }
  const names = new Set<string>();
  for (const l of layers) {
    if (names.has(l.name)) return failure(`Two layers of the model are both named '${l.name}'.`);
    names.add(l.name);
  }
  return ok({ layers, output: prev as string });
}

function functional(config: unknown): Result<RawModel> {
  if (!isRecord(config) || !Array.isArray(config['layers']))
    return failure('The functional model lists no layers.');
  const layers: RawLayer[] = [];
  const names = new Set<string>();
  for (const [i, raw] of config['layers'].entries()) {
    if (!isRecord(raw) || typeof raw['class_name'] !== 'string' || !isRecord(raw['config']))
      return failure(`Layer ${i + 1} of the model has no class_name and config.`);
    const cfg = raw['config'];
    const name = nameOf(raw, cfg);
    if (name === null) return failure(`Layer ${i + 1} of the model (${raw['class_name']}) has no name.`);
    if (names.has(name)) return failure(`Two layers of the model are both named '${name}'.`);
    names.add(name);
    const calls = callsOf(raw['inbound_nodes']);
    if (calls === null) return failure(`The inputs of layer '${name}' cannot be read.`);
    if (calls.length > 1)
      return failure(
        `Layer '${name}' is used ${calls.length} times (shared weights); the playground gives every layer its own weights.`,
      );
    layers.push({ className: raw['class_name'], name, config: cfg, inputs: calls[0] ?? [] });
  }
  const inputs = endpointNames(config['input_layers']);
  const outputs = endpointNames(config['output_layers']);
  if (inputs === null || outputs === null || outputs.length === 0)
    return failure("The model's input and output layers cannot be read.");
  if (inputs.length !== 1)
    return failure(`The model has ${inputs.length} inputs; the playground's networks take one image input.`);
  if (outputs.length !== 1)
    return failure(`The model has ${outputs.length} outputs; the playground's networks have one.`);
  for (const l of layers)
    for (const src of l.inputs)
      if (!names.has(src))
        return failure(`Layer '${l.name}' reads from '${src}', which the model does not list.`);
  if (!names.has(outputs[0] as string))
    return failure(`The model's output layer '${outputs[0]}' is not among its layers.`);
  return ok({ layers, output: outputs[0] as string });
}

/** The model's layers from a parsed model.json or Keras JSON document. */
export function readTopology(doc: unknown): Result<RawModel> {
  const top = modelConfigOf(doc);
  if (!top.ok) return top;
  const cls = top.value['class_name'] as string;
  if (SEQUENTIAL.has(cls)) return sequential(top.value['config']);
  if (FUNCTIONAL.has(cls)) return functional(top.value['config']);
  return failure(
    `The file describes a ${cls}, not a Sequential or functional model; save the model itself (model.to_json()).`,
  );
}
