/** GlobalAveragePool: each whole feature map becomes its mean. */
import { defineLayer } from './define';
import { needsSpatial, only, plain } from './inferHelpers';
import { call } from './python';

export interface GlobalAvgPoolLayer {
  readonly kind: 'globalAvgPool';
}

export const globalAvgPool = defineLayer<GlobalAvgPoolLayer>({
  kind: 'globalAvgPool',
  title: 'GlobalAveragePool',
  short: 'Averages each whole feature map to one number: H×W×C becomes C.',
  explanation:
    'Global average pooling replaces each feature map by its mean, so an H×W×C tensor becomes a vector of C values. ' +
    'It is a weight-free alternative to Flatten before the classifier, and it works for any input size.',
  formula: 'H×W×C → C',
  category: 'pool',
  defaults: { kind: 'globalAvgPool' },
  arity: 'one',
  idPrefix: 'global_avg_pool',
  form: 'wide',
  infer(_l, inputs) {
    const x = only(inputs);
    if (x.length !== 3) return needsSpatial('GlobalAveragePool', x);
    return plain([x[2] as number]);
  },
  compile: (_s, ctx) =>
    ctx.applyOne(ctx.tf.layers.globalAveragePooling2d({ name: ctx.name, trainable: ctx.trainable })),
  keras: (_l, { name, input }) => call(`layers.GlobalAveragePooling2D(${name})`, input),
});
