/** Dense: fully connected, y = f(W·x + b). */
import { formatShape } from '../graph/convArithmetic';
import { defineLayer } from './define';
import type { FusedActivation, Initializer } from './primitives';
import { RULES, weightFields } from './fieldHelpers';
import { fail, only, product, weighted } from './inferHelpers';
import { activationText, fusedText } from './text';
import { call, kwargs, pyActivation, pyWeights } from './python';

export interface DenseLayer {
  readonly kind: 'dense';
  readonly units: number;
  readonly activation: FusedActivation;
  readonly useBias: boolean;
  readonly initializer: Initializer;
}

export const dense = defineLayer<DenseLayer>({
  kind: 'dense',
  title: 'Dense',
  short: 'Fully connected: every output unit weighs every input value.',
  explanation:
    'A dense (fully connected, FC) layer computes y = activation(W·x + b): each of its units has one weight per ' +
    'input value plus a bias. It mixes information from the whole input, so it usually comes at the end of a CNN ' +
    'after Flatten. The last dense layer of a classifier has one unit per class, followed by softmax.',
  formula: 'y = f(W·x + b);  params = N_in·units + units',
  category: 'dense',
  defaults: { kind: 'dense', units: 32, activation: 'relu', useBias: true, initializer: 'heNormal' },
  arity: 'one',
  idPrefix: 'dense',
  form: 'full',
  fields: [
    {
      type: 'number',
      key: 'units',
      label: 'Units',
      rule: RULES.size,
      help: 'How many outputs; each weighs every input value.',
    },
    ...weightFields<DenseLayer>(),
  ],
  activation: (l) => l.activation,
  infer(layer, inputs) {
    const x = only(inputs);
    if (x.length < 1) return fail('needsSpatial', 'Dense needs an input with at least one axis.');
    // TF.js applies Dense to the last axis; check() separately flags Dense on a 3-D tensor.
    const inDim = x[x.length - 1] as number;
    const bias = layer.useBias ? layer.units : 0;
    const params = inDim * layer.units + bias;
    return weighted(
      [...x.slice(0, -1), layer.units],
      params,
      product(x) * layer.units,
      null,
      `${inDim}·${layer.units}${bias ? ` + ${bias}` : ''} = ${params}`,
    );
  },
  check(_l, { input }) {
    if (!input || input.length < 2) return [];
    return [
      {
        code: 'needsFlatten',
        severity: 'error',
        message: `Dense expects a vector, but gets the ${input.length}-D tensor ${formatShape(input)}; flatten it first (TF.js would apply Dense to the last axis only).`,
        fixes: [{ kind: 'flattenInput', label: 'insert Flatten' }],
      },
    ];
  },
  summary: (l) => `${l.units} units · ${activationText(l.activation)}`,
  face: (l, title) => ({ title, activation: fusedText(l.activation), detail: `${l.units} units` }),
  compile: (spec, ctx) =>
    ctx.applyOne(
      ctx.tf.layers.dense({
        name: ctx.name,
        trainable: ctx.trainable,
        units: spec.units,
        activation: spec.activation,
        useBias: spec.useBias,
        kernelInitializer: ctx.init(spec.initializer),
        biasInitializer: 'zeros',
      }),
    ),
  keras: (l, { name, input }) =>
    call(
      `layers.Dense(${kwargs([String(l.units), pyActivation(l.activation), ...pyWeights(l), name])})`,
      input,
    ),
});
