/** BatchNormalization: each channel standardised over the batch, then a learned scale and shift. */
import { defineLayer } from './define';
import { RULES, epsilonField } from './fieldHelpers';
import { fail, only, plain, product, sameField } from './inferHelpers';
import { call, pyNum } from './python';

export interface BatchNormLayer {
  readonly kind: 'batchNorm';
  readonly momentum: number;
  readonly epsilon: number;
}

export const batchNorm = defineLayer<BatchNormLayer>({
  kind: 'batchNorm',
  title: 'BatchNormalization',
  short: 'Rescales each channel to mean 0, variance 1 over the batch, then a learned scale and shift.',
  explanation:
    'Batch normalization standardizes every channel with the mean and variance of the current mini-batch, then ' +
    'applies a learned scale γ and shift β. It keeps running averages of mean and variance for test time (2·C ' +
    'values that are not trained by gradients). It makes deep networks train faster and less sensitive to the ' +
    'learning rate.',
  formula: 'y = γ·(x − μ) / √(σ² + ε) + β;  params = 4·C (2·C trainable)',
  category: 'regularize',
  defaults: { kind: 'batchNorm', momentum: 0.99, epsilon: 0.001 },
  arity: 'one',
  idPrefix: 'batch_norm',
  form: 'compact',
  fields: [
    {
      type: 'number',
      key: 'momentum',
      label: 'Momentum',
      rule: RULES.momentum,
      help: 'How slowly the running mean and variance for test time follow the batches.',
    },
    epsilonField<BatchNormLayer>(),
  ],
  infer(_l, inputs) {
    const x = only(inputs);
    const c = x[x.length - 1];
    if (c === undefined)
      return fail('needsSpatial', 'BatchNormalization needs an input with at least one axis.');
    return {
      ...plain([...x]),
      params: 4 * c,
      trainableParams: 2 * c,
      macs: product(x),
      paramFormula: `4·${c} = ${4 * c} (γ, β trainable: ${2 * c}; moving mean and variance: ${2 * c})`,
    };
  },
  field: sameField,
  spatialStep: () => 'pass',
  summary: (l) => `momentum ${l.momentum}`,
  face: () => ({ title: 'BatchNorm', activation: '', detail: '' }),
  featureMaps: true,
  elementWise: true,
  normalization: true,
  compile: (spec, ctx) =>
    ctx.applyOne(
      ctx.tf.layers.batchNormalization({
        name: ctx.name,
        trainable: ctx.trainable,
        momentum: spec.momentum,
        epsilon: spec.epsilon,
      }),
    ),
  keras: (l, { name, input }) =>
    call(
      `layers.BatchNormalization(momentum=${pyNum(l.momentum)}, epsilon=${pyNum(l.epsilon)}, ${name})`,
      input,
    ),
});
