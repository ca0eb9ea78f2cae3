/**
 * Eager, layer-by-layer evaluation of a functional tf.LayersModel, following its own symbolic graph (so skip
 * connections, Add and Concatenate work). Unlike `model.predict` it can
 * - start from a tensor put in place of any layer's output (`substitute`), so a gradient w.r.t. an intermediate
 *   activation is a plain tf.grad of a function of that tensor (Grad-CAM), and
 * - hand back the values of chosen layers (`capture`) and the class scores before the final softmax (classScore.ts).
 * Inference mode (dropout off, batch norm on its moving statistics). Call inside tf.tidy: nothing is disposed here.
 */
import type * as tf from '@tensorflow/tfjs';

type Layer = tf.layers.Layer;
type Sym = tf.SymbolicTensor;

export interface ForwardOptions {
  /** Use this tensor as the output of the named layer instead of computing it (and skip everything only it needs). */
  readonly substitute?: { readonly layer: string; readonly value: tf.Tensor };
  /** Names of layers whose outputs to return in `captured`. */
  readonly capture?: readonly string[];
  /**
   * Evaluate the model's output layer with this function instead of `layer.apply` (its inputs as given to the layer).
   * classScore.ts uses it to stop before a fused softmax.
   */
  readonly outputLayer?: (layer: Layer, inputs: tf.Tensor[]) => tf.Tensor;
}

export interface ForwardResult {
  readonly output: tf.Tensor;
  readonly captured: ReadonlyMap<string, tf.Tensor>;
}

/** The layer's (single) output symbolic tensor as built in `model` (the first inbound node's). */
export function layerOutput(model: tf.LayersModel, name: string): Sym {
  const out = model.getLayer(name).output;
  if (Array.isArray(out)) throw new Error(`forward: layer ${name} has several outputs`);
  return out;
}

/** The symbolic inputs of the node that produced `t`. */
function inputsOf(t: Sym): Sym[] {
  const node = t.sourceLayer.inboundNodes[t.nodeIndex];
  if (node === undefined) throw new Error(`forward: no inbound node for ${t.name}`);
  return node.inputTensors;
}

export function forward(model: tf.LayersModel, x: tf.Tensor, opts: ForwardOptions = {}): ForwardResult {
  const modelInput = model.inputs[0];
  const modelOutput = model.outputs[0];
  if (modelInput === undefined || modelOutput === undefined || model.inputs.length !== 1)
    throw new Error('forward: expects a model with one input and one output');
  const values = new Map<number, tf.Tensor>();
  values.set(modelInput.id, x);
  if (opts.substitute) values.set(layerOutput(model, opts.substitute.layer).id, opts.substitute.value);

  const evaluate = (t: Sym): tf.Tensor => {
    const known = values.get(t.id);
    if (known) return known;
    const layer = t.sourceLayer;
    const ins = inputsOf(t).map(evaluate);
    const args = ins.length === 1 ? (ins[0] as tf.Tensor) : ins;
    let out: tf.Tensor | tf.Tensor[];
    if (t === modelOutput && opts.outputLayer) out = opts.outputLayer(layer, ins);
    else out = layer.apply(args, { training: false }) as tf.Tensor | tf.Tensor[];
    const value = Array.isArray(out) ? out[t.tensorIndex] : out;
    if (value === undefined) throw new Error(`forward: layer ${layer.name} gave no output ${t.tensorIndex}`);
    values.set(t.id, value);
    return value;
  };

  const output = evaluate(modelOutput);
  const captured = new Map<string, tf.Tensor>();
  for (const name of opts.capture ?? []) captured.set(name, evaluate(layerOutput(model, name)));
  return { output, captured };
}
