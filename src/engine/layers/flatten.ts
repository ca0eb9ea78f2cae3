/** Flatten: H×W×C becomes one vector of H·W·C values. */
import { formatShape } from '../graph/convArithmetic';
import type { LayerModule } from './module';
import { noActivation, noChecks, noFixes } from './fieldHelpers';
import { fail, noField, only, plain, product } from './inferHelpers';
import { call } from './python';

export interface FlattenLayer {
  readonly kind: 'flatten';
}

export const flatten: LayerModule<FlattenLayer> = {
  kind: 'flatten',
  title: 'Flatten',
  short: 'Unrolls an H×W×C tensor into one long vector for the dense layers.',
  explanation:
    'Flatten lays all values of a tensor out in one row (H·W·C values), without changing them. It is the bridge ' +
    'between the convolutional part of a network and its dense layers.',
  formula: 'H×W×C → H·W·C',
  category: 'shape',
  defaults: { kind: 'flatten' },
  arity: 'one',
  idPrefix: 'flatten',
  form: 'compact',
  fields: [],
  activation: noActivation,
  infer(_l, inputs) {
    const x = only(inputs);
    if (x.length < 2)
      return fail(
        'needsSpatial',
        `Flatten needs a tensor with at least 2 axes; ${formatShape(x)} is already flat.`,
      );
    return plain([product(x)], `${x.join('·')} = ${product(x)}`);
  },
  field: noField,
  spatialStep: () => null,
  check: noChecks,
  errorFixes: noFixes,
  summary: () => '',
  // The output shape on the face already says what it does.
  face: (_l, title) => ({ title, activation: '', detail: '' }),
  kernels: null,
  featureMaps: false,
  elementWise: false,
  keepsValues: true,
  normalization: false,
  compile: (_s, ctx) => ctx.applyOne(ctx.tf.layers.flatten({ name: ctx.name, trainable: ctx.trainable })),
  keras: (_l, { name, input }) => call(`layers.Flatten(${name})`, input),
};
