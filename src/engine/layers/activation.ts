/** Activation: a non-linearity on every value (ReLU, Leaky ReLU with its slope, sigmoid, tanh, softmax, ELU). */
import { defineLayer } from './define';
import type { ActivationFn } from './primitives';
import { ACTIVATION_OPTIONS, RULES } from './fieldHelpers';
import { only, plain, sameField } from './inferHelpers';
import { activationText } from './text';
import { call, pyNum, pyStr } from './python';

export interface ActivationLayer {
  readonly kind: 'activation';
  readonly fn: ActivationFn;
  /** Slope for negative inputs, used by Leaky ReLU only. */
  readonly alpha: number;
}

export const activation = defineLayer<ActivationLayer>({
  kind: 'activation',
  title: 'Activation',
  short: 'Applies a non-linearity (ReLU, Leaky ReLU, sigmoid, tanh, softmax, ELU) to every value.',
  explanation:
    'Without a non-linearity a stack of layers collapses into one linear map. ReLU max(0, x) is the usual choice ' +
    'in CNNs; Leaky ReLU keeps a small slope α for negative inputs so units cannot die (used in GAN ' +
    'discriminators); sigmoid squashes to (0, 1), tanh to (−1, 1) (GAN generator outputs); softmax turns the last ' +
    "layer's scores into class probabilities and belongs at the end of a classifier.",
  formula: 'ReLU: max(0, x);  Leaky: x if x > 0 else α·x;  softmax: e^xi / Σ e^xj',
  category: 'activation',
  defaults: { kind: 'activation', fn: 'relu', alpha: 0.2 },
  arity: 'one',
  idPrefix: 'activation',
  form: 'compact',
  fields: [
    {
      type: 'select',
      key: 'fn',
      label: 'Activation',
      options: ACTIVATION_OPTIONS,
      help: 'The function applied to every value.',
    },
    {
      type: 'number',
      key: 'alpha',
      label: 'Alpha',
      rule: RULES.alpha,
      help: 'α: the slope Leaky ReLU keeps for negative inputs.',
      shown: (l) => l.fn === 'leakyRelu',
    },
  ],
  activation: (l) => l.fn,
  infer: (_l, inputs) => plain([...only(inputs)]),
  field: sameField,
  spatialStep: () => 'pass',
  summary: (l) => (l.fn === 'leakyRelu' ? `Leaky ReLU α ${l.alpha}` : activationText(l.fn)),
  face: (l) => ({
    title: activationText(l.fn),
    activation: '',
    detail: l.fn === 'leakyRelu' ? `α ${l.alpha}` : '',
  }),
  featureMaps: true,
  elementWise: true,
  compile(spec, ctx) {
    const { name, trainable } = ctx;
    if (spec.fn === 'leakyRelu')
      return ctx.applyOne(ctx.tf.layers.leakyReLU({ name, trainable, alpha: spec.alpha }));
    return ctx.applyOne(ctx.tf.layers.activation({ name, trainable, activation: spec.fn }));
  },
  // Positional slope: tf.keras 2 calls it alpha, Keras 3 negative_slope; both take it first.
  keras: (l, { name, input }) =>
    call(
      l.fn === 'leakyRelu'
        ? `layers.LeakyReLU(${pyNum(l.alpha)}, ${name})`
        : `layers.Activation(${pyStr(l.fn)}, ${name})`,
      input,
    ),
});
