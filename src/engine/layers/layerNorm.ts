/**
 * LayerNormalization: each example's values at one position are standardised over the channels, then a learned
 * scale and shift. Unlike batch norm it does not depend on the batch, so it behaves the same in training and test.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { defineLayer } from './define';
import { epsilonField } from './fieldHelpers';
import { fail, only, product, sameField, weighted } from './inferHelpers';
import { call, pyNum } from './python';

export interface LayerNormLayer {
  readonly kind: 'layerNorm';
  readonly epsilon: number;
}

type LayerClass = new (args: { name: string; trainable: boolean; epsilon: number }) => tfjs.layers.Layer;
const classes = new WeakMap<object, LayerClass>();

/**
 * LayerNormalization over the last axis with broadcasting ops. TF.js's own layer tiles its statistics and γ, β to
 * the input's shape, and Tile's gradient is one Slice per tiled copy: 25,088 kernel calls for a 32×28×28×8 batch,
 * about 30 s per step on WASM. This one is the same computation (same weights 'gamma', 'beta', same config and
 * class name, so exported models load into TF.js's LayerNormalization), and its gradient is a few reductions.
 */
export function layerNormClass(tf: typeof tfjs): LayerClass {
  const known = classes.get(tf);
  if (known) return known;
  class BroadcastLayerNormalization extends tf.layers.Layer {
    static readonly className = 'LayerNormalization';
    private readonly epsilon: number;
    constructor(args: { name: string; trainable: boolean; epsilon: number }) {
      super({ name: args.name, trainable: args.trainable });
      this.epsilon = args.epsilon;
      this.supportsMasking = true;
    }
    override build(inputShape: tfjs.Shape | tfjs.Shape[]): void {
      const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tfjs.Shape;
      const c = shape[shape.length - 1] as number;
      this.addWeight('gamma', [c], 'float32', tf.initializers.ones(), undefined, true);
      this.addWeight('beta', [c], 'float32', tf.initializers.zeros(), undefined, true);
      this.built = true;
    }
    override call(inputs: tfjs.Tensor | tfjs.Tensor[]): tfjs.Tensor {
      return tf.tidy(() => {
        const x = Array.isArray(inputs) ? (inputs[0] as tfjs.Tensor) : inputs;
        const [gamma, beta] = this.weights;
        const { mean, variance } = tf.moments(x, -1, true);
        const normal = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, this.epsilon)));
        return tf.add(tf.mul(normal, gamma!.read()), beta!.read());
      });
    }
    override computeOutputShape(inputShape: tfjs.Shape | tfjs.Shape[]): tfjs.Shape | tfjs.Shape[] {
      return inputShape;
    }
    override getConfig(): tfjs.serialization.ConfigDict {
      return { ...super.getConfig(), axis: -1, epsilon: this.epsilon, center: true, scale: true };
    }
  }
  classes.set(tf, BroadcastLayerNormalization);
  return BroadcastLayerNormalization;
}

export const layerNorm = defineLayer<LayerNormLayer>({
  kind: 'layerNorm',
  title: 'LayerNormalization',
  short:
    'Rescales the channels at each position of each example to mean 0, variance 1, then a learned scale and shift.',
  explanation:
    'Layer normalization standardizes every example on its own: at each position it takes the mean and variance ' +
    'over the channels (the last axis) and applies a learned scale γ and shift β per channel. It needs no ' +
    'statistics of the batch, so it works the same with a batch of one and at test time, and it keeps no running ' +
    'averages. Transformers use it; in CNNs batch normalization is more common.',
  formula: 'y = γ·(x − μ) / √(σ² + ε) + β over the last axis;  params = 2·C',
  category: 'regularize',
  defaults: { kind: 'layerNorm', epsilon: 0.001 },
  arity: 'one',
  idPrefix: 'layer_norm',
  form: 'compact',
  fields: [epsilonField<LayerNormLayer>()],
  infer(_l, inputs) {
    const x = only(inputs);
    const c = x[x.length - 1];
    if (c === undefined)
      return fail('needsSpatial', 'LayerNormalization needs an input with at least one axis.');
    return weighted([...x], 2 * c, product(x), null, `2·${c} = ${2 * c} (γ and β, one each per channel)`);
  },
  field: sameField,
  spatialStep: () => 'pass',
  summary: (l) => `ε ${l.epsilon}`,
  face: () => ({ title: 'LayerNorm', activation: '', detail: '' }),
  featureMaps: true,
  elementWise: true,
  normalization: true,
  compile(spec, ctx) {
    const Layer = layerNormClass(ctx.tf);
    return ctx.applyOne(new Layer({ name: ctx.name, trainable: ctx.trainable, epsilon: spec.epsilon }));
  },
  keras: (l, { name, input }) =>
    call(`layers.LayerNormalization(epsilon=${pyNum(l.epsilon)}, ${name})`, input),
});
