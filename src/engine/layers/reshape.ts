/** Reshape: the same values read in a new shape. */
import { formatShape } from '../graph/convArithmetic';
import { defineLayer } from './define';
import type { Shape } from './primitives';
import { fail, only, plain, product } from './inferHelpers';
import { call, tuple } from './python';

export interface ReshapeLayer {
  readonly kind: 'reshape';
  readonly shape: Shape;
}

export const reshape = defineLayer<ReshapeLayer>({
  kind: 'reshape',
  title: 'Reshape',
  short: 'Reads the same values in a new shape (the sizes must multiply to the same total).',
  explanation:
    'Reshape changes how the values are arranged without changing them, e.g. a dense output of 7·7·16 = 784 values ' +
    'into a 7×7×16 feature map, as a GAN generator does before its transposed convolutions. The product of the new ' +
    'sizes must equal the number of input values.',
  formula: 'product of sizes unchanged',
  category: 'shape',
  defaults: { kind: 'reshape', shape: [7, 7, 16] },
  arity: 'one',
  idPrefix: 'reshape',
  form: 'compact',
  fields: [
    {
      type: 'shape',
      key: 'shape',
      label: 'Shape',
      help: 'The new sizes, e.g. 7×7×16; their product must stay the same.',
    },
  ],
  infer(layer, inputs) {
    const x = only(inputs);
    const a = product(x);
    const b = product(layer.shape);
    if (a !== b) {
      return fail(
        'reshapeMismatch',
        `Reshape to ${formatShape(layer.shape)} needs ${b} values, but the input ${formatShape(x)} has ${a}.`,
      );
    }
    return plain([...layer.shape], `${x.join('·')} = ${layer.shape.join('·')} = ${a}`);
  },
  errorFixes(l, input) {
    if (!input) return [];
    const total = input.reduce((a, b) => a * b, 1);
    const [h, w] = l.shape;
    const target =
      l.shape.length === 3 && h && w && total % (h * w) === 0 ? [h, w, total / (h * w)] : [total];
    return [{ kind: 'setParams', label: `shape ${formatShape(target)}`, patch: { shape: target } }];
  },
  summary: (l) => `to ${l.shape.join('×')}`,
  face: (_l, title) => ({ title, activation: '', detail: '' }),
  keepsValues: true,
  compile: (spec, ctx) =>
    ctx.applyOne(
      ctx.tf.layers.reshape({ name: ctx.name, trainable: ctx.trainable, targetShape: [...spec.shape] }),
    ),
  keras: (l, { name, input }) => call(`layers.Reshape(${tuple(l.shape)}, ${name})`, input),
});
