/** Dropout: zeroes a random fraction of values while training. */
import { defineLayer } from './define';
import { RULES } from './fieldHelpers';
import { only, plain, sameField } from './inferHelpers';
import { call, pyNum } from './python';

export interface DropoutLayer {
  readonly kind: 'dropout';
  readonly rate: number;
}

export const dropout = defineLayer<DropoutLayer>({
  kind: 'dropout',
  title: 'Dropout',
  short: 'During training, zeroes a random fraction of values so the network cannot rely on any single one.',
  explanation:
    'While training, dropout sets each value to zero with probability rate and scales the rest by 1 / (1 − rate); ' +
    'at test time it does nothing. Units cannot count on their neighbours, which reduces overfitting. Typical rates ' +
    'are 0.25 after convolutions and 0.5 between dense layers.',
  formula: 'y = x·m / (1 − rate), m ~ Bernoulli(1 − rate)',
  category: 'regularize',
  defaults: { kind: 'dropout', rate: 0.25 },
  arity: 'one',
  idPrefix: 'dropout',
  form: 'compact',
  fields: [
    {
      type: 'number',
      key: 'rate',
      label: 'Rate',
      rule: RULES.rate,
      help: 'The fraction of values set to zero while training.',
    },
  ],
  infer: (_l, inputs) => plain([...only(inputs)]),
  field: sameField,
  spatialStep: () => 'pass',
  summary: (l) => `rate ${l.rate}`,
  face: (l, title) => ({ title, activation: '', detail: `rate ${l.rate}` }),
  elementWise: true,
  keepsValues: true,
  compile: (spec, ctx) =>
    ctx.applyOne(
      ctx.tf.layers.dropout({
        name: ctx.name,
        trainable: ctx.trainable,
        rate: spec.rate,
        seed: ctx.nextSeed(),
      }),
    ),
  keras: (l, { name, input }) => call(`layers.Dropout(${pyNum(l.rate)}, ${name})`, input),
});
