/** UpSampling2D: every pixel repeated s×s times. */
import { twoAxes } from '../graph/convArithmetic';
import { defineLayer } from './define';
import type { Pair } from './primitives';
import { RULES } from './fieldHelpers';
import { needsSpatial, only, plain } from './inferHelpers';
import { pairText } from './text';
import { call, pyPair } from './python';

export interface UpSampling2DLayer {
  readonly kind: 'upSampling2d';
  readonly size: Pair;
}

export const upSampling2d = defineLayer<UpSampling2DLayer>({
  kind: 'upSampling2d',
  title: 'UpSampling2D',
  short: 'Repeats every pixel s×s times: a weight-free way to enlarge a feature map.',
  explanation:
    'Upsampling copies each value into an s×s block (nearest neighbour), so the map grows by the factor s in ' +
    'height and width. A convolution after it can then learn to smooth the blocks; it is a common alternative to ' +
    'transposed convolutions in decoders.',
  formula: 'H×W×C → (s·H)×(s·W)×C',
  category: 'shape',
  defaults: { kind: 'upSampling2d', size: [2, 2] },
  arity: 'one',
  idPrefix: 'up_sampling',
  form: 'full',
  fields: [
    {
      type: 'pair',
      key: 'size',
      label: 'Size',
      rule: RULES.size,
      help: 's: how many times each pixel is repeated down and across.',
    },
  ],
  infer(layer, inputs) {
    const x = only(inputs);
    if (x.length !== 3) return needsSpatial('UpSampling2D', x);
    const [h, w, c] = x as [number, number, number];
    const [sh, sw] = layer.size;
    return plain([h * sh, w * sw, c], twoAxes(`${h}·${sh} = ${h * sh}`, `${w}·${sw} = ${w * sw}`));
  },
  field: (l, inputs) => {
    const f = inputs[0] ?? null;
    return f ? { rf: f.rf, jump: [f.jump[0] / l.size[0], f.jump[1] / l.size[1]] } : null;
  },
  summary: (l) => `×${pairText(l.size)}`,
  compile: (spec, ctx) =>
    ctx.applyOne(
      ctx.tf.layers.upSampling2d({
        name: ctx.name,
        trainable: ctx.trainable,
        size: [spec.size[0], spec.size[1]],
      }),
    ),
  keras: (l, { name, input }) => call(`layers.UpSampling2D(size=${pyPair(l.size)}, ${name})`, input),
});
