/** Conv2DTranspose: the "deconvolution" that grows a feature map (GAN generators, decoders). */
import { deconvAxisFormula, deconvLength, twoAxes } from '../graph/convArithmetic';
import { defineLayer } from './define';
import type { FusedActivation, Initializer, Pair, PoolPadding } from './primitives';
import { POOL_PADDING_OPTIONS, RULES, weightFields } from './fieldHelpers';
import { needsSpatial, only, weighted } from './inferHelpers';
import { activationText, fusedText, pairText, strideText } from './text';
import { call, kwargs, pyActivation, pyPair, pyStr, pyWeights } from './python';

export interface Conv2DTransposeLayer {
  readonly kind: 'conv2dTranspose';
  readonly filters: number;
  readonly kernel: Pair;
  readonly stride: Pair;
  readonly padding: PoolPadding;
  readonly activation: FusedActivation;
  readonly useBias: boolean;
  readonly initializer: Initializer;
}

export const conv2dTranspose = defineLayer<Conv2DTransposeLayer>({
  kind: 'conv2dTranspose',
  title: 'Conv2DTranspose',
  short: 'The "deconvolution": spreads each input pixel over an F×F patch to grow the image.',
  explanation:
    'A transposed convolution runs a convolution backwards: every input value is multiplied by an F×F×K filter and ' +
    'added into the output around its position, with stride S spacing the positions apart. With stride 2 the output ' +
    'is twice as large, which is how GAN generators and autoencoder decoders grow a small feature map into an image.',
  formula: 'same: W2 = W1·S;  valid: W2 = W1·S + max(F − S, 0);  params = (F·F·K)·D1 + K',
  category: 'conv',
  defaults: {
    kind: 'conv2dTranspose',
    filters: 8,
    kernel: [4, 4],
    stride: [2, 2],
    padding: 'same',
    activation: 'relu',
    useBias: true,
    initializer: 'heNormal',
  },
  arity: 'one',
  idPrefix: 'conv2d_transpose',
  form: 'wide',
  fields: [
    {
      type: 'number',
      key: 'filters',
      label: 'Filters',
      rule: RULES.size,
      help: 'K: how many output channels.',
    },
    {
      type: 'pair',
      key: 'kernel',
      label: 'Kernel size',
      rule: RULES.size,
      unit: 'pixels',
      help: 'F: the patch each input value is spread over.',
    },
    {
      type: 'pair',
      key: 'stride',
      label: 'Stride',
      rule: RULES.size,
      unit: 'pixels',
      help: 'S: the growth factor (2 doubles height and width).',
    },
    {
      type: 'select',
      key: 'padding',
      label: 'Padding',
      options: POOL_PADDING_OPTIONS,
      help: "'same' gives exactly W·S; 'valid' adds the kernel's overhang.",
    },
    ...weightFields<Conv2DTransposeLayer>(),
  ],
  activation: (l) => l.activation,
  infer(layer, inputs) {
    const x = only(inputs);
    if (x.length !== 3) return needsSpatial('Conv2DTranspose', x);
    const [h, w, c] = x as [number, number, number];
    const [fh, fw] = layer.kernel;
    const out = [
      deconvLength(h, layer.stride[0], fh, layer.padding),
      deconvLength(w, layer.stride[1], fw, layer.padding),
      layer.filters,
    ];
    const formula = twoAxes(
      deconvAxisFormula(h, fh, layer.padding, layer.stride[0]),
      deconvAxisFormula(w, fw, layer.padding, layer.stride[1]),
    );
    const bias = layer.useBias ? layer.filters : 0;
    const params = fh * fw * layer.filters * c + bias;
    return weighted(
      out,
      params,
      h * w * c * fh * fw * layer.filters,
      formula,
      `(${fh}·${fw}·${layer.filters})·${c}${bias ? ` + ${bias}` : ''} = ${params}`,
    );
  },
  field(l, inputs) {
    const f = inputs[0] ?? null;
    if (!f) return null;
    const jump = [f.jump[0] / l.stride[0], f.jump[1] / l.stride[1]] as const;
    return { rf: [f.rf[0] + (l.kernel[0] - 1) * jump[0], f.rf[1] + (l.kernel[1] - 1) * jump[1]], jump };
  },
  summary: (l) =>
    `${pairText(l.kernel)} ${strideText(l.stride)} ${l.padding} · ${l.filters} filters · ${activationText(l.activation)}`,
  face: (l, title) => ({
    title,
    activation: fusedText(l.activation),
    detail: `${pairText(l.kernel)} ${strideText(l.stride)} ${l.padding}`,
  }),
  kernels: 'hwoi',
  featureMaps: true,
  compile: (spec, ctx) =>
    ctx.applyOne(
      ctx.tf.layers.conv2dTranspose({
        name: ctx.name,
        trainable: ctx.trainable,
        filters: spec.filters,
        kernelSize: [spec.kernel[0], spec.kernel[1]],
        strides: [spec.stride[0], spec.stride[1]],
        padding: spec.padding,
        activation: spec.activation,
        useBias: spec.useBias,
        kernelInitializer: ctx.init(spec.initializer),
        biasInitializer: 'zeros',
      }),
    ),
  keras: (l, { name, input }) =>
    call(
      `layers.Conv2DTranspose(${kwargs([
        String(l.filters),
        `kernel_size=${pyPair(l.kernel)}`,
        `strides=${pyPair(l.stride)}`,
        `padding=${pyStr(l.padding)}`,
        pyActivation(l.activation),
        ...pyWeights(l),
        name,
      ])})`,
      input,
    ),
});
