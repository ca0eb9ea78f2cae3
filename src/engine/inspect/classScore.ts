/**
 * The class scores a saliency method differentiates: the pre-softmax logits when the model's last step is a softmax
 * we can step around (a softmax Activation layer, or a Dense layer with a fused softmax), the outputs themselves when
 * the last layer is linear, else the log of the outputs (log-probabilities). Logits are preferred: a log-probability's
 * gradient also carries every other class's (log p_c = z_c − log Σ e^z). Call inside tf.tidy.
 */
import * as tf from '@tensorflow/tfjs';
import { forward, type ForwardOptions } from './forward';

export type ScoreKind = 'logit' | 'logProbability';

type Layer = tf.layers.Layer;

function activationOf(layer: Layer): string | null {
  const a = layer.getConfig()['activation'];
  return typeof a === 'string' ? a : null;
}

/** How `model`'s class scores are read (see the module comment). */
export function scoreKind(model: tf.LayersModel): ScoreKind {
  const layer = model.outputs[0]?.sourceLayer;
  if (!layer) return 'logProbability';
  const act = activationOf(layer);
  if (act === 'linear') return 'logit';
  if (act !== 'softmax') return 'logProbability';
  const cls = layer.getClassName();
  return cls === 'Activation' || cls === 'Dense' ? 'logit' : 'logProbability';
}

/** Dense(softmax) without its softmax: x·W + b. */
function denseLogits(layer: Layer, input: tf.Tensor): tf.Tensor {
  const [kernel, bias] = layer.getWeights();
  if (kernel === undefined) throw new Error(`classScore: dense layer ${layer.name} has no kernel`);
  const z = tf.matMul(input as tf.Tensor2D, kernel as tf.Tensor2D);
  return bias === undefined ? z : tf.add(z, bias);
}

export interface ClassScores {
  /** [batch, classes] */
  readonly scores: tf.Tensor2D;
  readonly kind: ScoreKind;
  readonly captured: ReadonlyMap<string, tf.Tensor>;
}

/** Class scores of a batch `x`; `opts` as for forward (substitute a layer's output, capture layers). */
export function classScores(
  model: tf.LayersModel,
  x: tf.Tensor,
  opts: Omit<ForwardOptions, 'outputLayer'> = {},
): ClassScores {
  const kind = scoreKind(model);
  const outputLayer = (layer: Layer, ins: tf.Tensor[]): tf.Tensor => {
    const input = ins[0];
    if (input === undefined || ins.length !== 1) throw new Error('classScore: output layer needs one input');
    if (kind === 'logit' && activationOf(layer) === 'softmax')
      return layer.getClassName() === 'Activation' ? input : denseLogits(layer, input);
    const out = layer.apply(input, { training: false }) as tf.Tensor;
    return kind === 'logit' ? out : tf.log(tf.add(out, 1e-12));
  };
  const r = forward(model, x, { ...opts, outputLayer });
  return { scores: tf.reshape(r.output, [r.output.shape[0] ?? 1, -1]), kind, captured: r.captured };
}
