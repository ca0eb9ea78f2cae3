/** Add: element-wise sum of inputs of the same shape (residual connections). */
import { formatShape } from '../graph/convArithmetic';
import { defineLayer } from './define';
import { fail, plain } from './inferHelpers';
import { mergeBase, mergeKeras } from './merge';

export interface AddLayer {
  readonly kind: 'add';
}

export const add = defineLayer<AddLayer>({
  kind: 'add',
  title: 'Add',
  short: 'Adds its inputs element by element (a residual / skip connection).',
  explanation:
    'Add takes two or more tensors of exactly the same shape and sums them value by value. With one input coming ' +
    'straight from an earlier layer it forms a residual connection: the layers in between only need to learn a ' +
    'correction, which makes deep networks easier to train.',
  formula: 'y = x1 + x2 + …',
  defaults: { kind: 'add' },
  idPrefix: 'add',
  ...mergeBase<AddLayer>(),
  infer(_l, xs) {
    const first = xs[0]!;
    const same = xs.every((s) => s.length === first.length && s.every((d, i) => d === first[i]));
    if (!same)
      return fail(
        'shapeMismatch',
        `Add needs inputs of the same shape, but gets ${xs.map(formatShape).join(', ')}.`,
      );
    return plain([...first]);
  },
  compile: (_s, ctx) => ctx.applyAll(ctx.tf.layers.add({ name: ctx.name, trainable: ctx.trainable })),
  keras: mergeKeras('Add'),
});
