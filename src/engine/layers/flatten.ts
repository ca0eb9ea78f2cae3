/** Flatten: H×W×C becomes one vector of H·W·C values. */
import { formatShape } from '../graph/convArithmetic';
import { defineLayer } from './define';
import { fail, only, plain, product } from './inferHelpers';
import { call } from './python';

export interface FlattenLayer {
  readonly kind: 'flatten';
}

export const flatten = defineLayer<FlattenLayer>({
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
  infer(_l, inputs) {
    const x = only(inputs);
    if (x.length < 2)
      return fail(
        'needsSpatial',
        `Flatten needs a tensor with at least 2 axes; ${formatShape(x)} is already flat.`,
      );
    return plain([product(x)], `${x.join('·')} = ${product(x)}`);
  },
  // The output shape on the face already says what it does.
  keepsValues: true,
  compile: (_s, ctx) => ctx.applyOne(ctx.tf.layers.flatten({ name: ctx.name, trainable: ctx.trainable })),
  keras: (_l, { name, input }) => call(`layers.Flatten(${name})`, input),
});
