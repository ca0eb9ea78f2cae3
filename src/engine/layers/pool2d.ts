/** What max and average pooling share: a weight-free F×F window moved by stride S. */
import type * as tfjs from '@tensorflow/tfjs';
import { convAxisFormula, convOutputLength, twoAxes } from '../graph/convArithmetic';
import type { FieldSpec, LayerModule } from './module';
import type { Pair, PoolPadding } from './primitives';
import { POOL_PADDING_OPTIONS, RULES } from './fieldHelpers';
import { defineLayer } from './define';
import { checkPositive, needsSpatial, only, plain } from './inferHelpers';
import { pairText, strideText } from './text';
import { call, pyPair, pyStr } from './python';
import { poolSteps, windowField } from './spatial';

export interface Pool2DSpec<K extends 'maxPool2d' | 'avgPool2d'> {
  readonly kind: K;
  readonly pool: Pair;
  readonly stride: Pair;
  readonly padding: PoolPadding;
}

type Texts = Pick<LayerModule<never>, 'title' | 'short' | 'explanation'>;

export function pool2dModule<K extends 'maxPool2d' | 'avgPool2d'>(
  kind: K,
  texts: Texts,
  build: (
    tf: typeof tfjs,
    args: {
      name: string;
      trainable: boolean;
      poolSize: [number, number];
      strides: [number, number];
      padding: PoolPadding;
    },
  ) => tfjs.layers.Layer,
  kerasClass: string,
): LayerModule<Pool2DSpec<K>> {
  const fields: FieldSpec<Pool2DSpec<K>>[] = [
    {
      type: 'pair',
      key: 'pool',
      label: 'Pool size',
      rule: RULES.size,
      unit: 'pixels',
      help: 'F: the window each output value summarises.',
    },
    {
      type: 'pair',
      key: 'stride',
      label: 'Stride',
      rule: RULES.size,
      unit: 'pixels',
      help: 'S: how far the window moves between outputs.',
    },
    {
      type: 'select',
      key: 'padding',
      label: 'Padding',
      options: POOL_PADDING_OPTIONS,
      help: "'same' pads so the output is ceil(W / S); 'valid' drops the edge.",
    },
  ];
  return defineLayer<Pool2DSpec<K>>({
    kind,
    ...texts,
    formula: 'W2 = (W1 − F) / S + 1, channels unchanged',
    category: 'pool',
    defaults: { kind, pool: [2, 2], stride: [2, 2], padding: 'valid' } as Pool2DSpec<K>,
    arity: 'one',
    idPrefix: kind === 'maxPool2d' ? 'max_pool' : 'avg_pool',
    form: 'compact',
    fields,
    infer(layer, inputs) {
      const x = only(inputs);
      if (x.length !== 3) return needsSpatial(texts.title, x);
      const [h, w, c] = x as [number, number, number];
      const [fh, fw] = layer.pool;
      const out = [
        convOutputLength(h, fh, layer.padding, layer.stride[0]),
        convOutputLength(w, fw, layer.padding, layer.stride[1]),
        c,
      ];
      const formula = twoAxes(
        convAxisFormula(h, fh, layer.padding, layer.stride[0]),
        convAxisFormula(w, fw, layer.padding, layer.stride[1]),
      );
      return checkPositive(out, formula, `Pool ${fh}×${fw} on ${h}×${w}`) ?? plain(out, formula);
    },
    field: (l, inputs) => windowField(inputs[0] ?? null, l.pool, l.stride),
    spatialStep: (l, size) => poolSteps(l.pool, l.stride, l.padding, size),
    summary: (l) => `${pairText(l.pool)} ${strideText(l.stride)} ${l.padding}`,
    featureMaps: true,
    compile: (spec, ctx) =>
      ctx.applyOne(
        build(ctx.tf, {
          name: ctx.name,
          trainable: ctx.trainable,
          poolSize: [spec.pool[0], spec.pool[1]],
          strides: [spec.stride[0], spec.stride[1]],
          padding: spec.padding,
        }),
      ),
    keras: (l, { name, input }) =>
      call(
        `layers.${kerasClass}(pool_size=${pyPair(l.pool)}, strides=${pyPair(l.stride)}, padding=${pyStr(l.padding)}, ${name})`,
        input,
      ),
  });
}
