/**
 * LayerNormalization: each example's values at one position are standardised over the channels, then a learned
 * scale and shift. Unlike batch norm it does not depend on the batch, so it behaves the same in training and test.
 */
import type { LayerModule } from './module';
import { RULES, noActivation, noChecks, noFixes } from './fieldHelpers';
import { fail, only, product, sameField, weighted } from './inferHelpers';
import { call, pyNum } from './python';

export interface LayerNormLayer {
  readonly kind: 'layerNorm';
  readonly epsilon: number;
}

export const layerNorm: LayerModule<LayerNormLayer> = {
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
  fields: [
    {
      type: 'number',
      key: 'epsilon',
      label: 'Epsilon',
      rule: RULES.epsilon,
      help: 'ε: added to the variance so nothing divides by zero.',
    },
  ],
  activation: noActivation,
  infer(_l, inputs) {
    const x = only(inputs);
    const c = x[x.length - 1];
    if (c === undefined)
      return fail('needsSpatial', 'LayerNormalization needs an input with at least one axis.');
    return weighted([...x], 2 * c, product(x), null, `2·${c} = ${2 * c} (γ and β, one each per channel)`);
  },
  field: sameField,
  spatialStep: () => 'pass',
  check: noChecks,
  errorFixes: noFixes,
  summary: (l) => `ε ${l.epsilon}`,
  face: () => ({ title: 'LayerNorm', activation: '', detail: '' }),
  kernels: null,
  featureMaps: true,
  compile: (spec, ctx) =>
    ctx.applyOne(
      ctx.tf.layers.layerNormalization({
        name: ctx.name,
        trainable: ctx.trainable,
        axis: -1,
        epsilon: spec.epsilon,
      }),
    ),
  keras: (l, { name, input }) =>
    call(`layers.LayerNormalization(epsilon=${pyNum(l.epsilon)}, ${name})`, input),
};
