/** Conv2D: K learned F×F filters slid over the image with stride S, padding P and dilation D. */
import {
  convAxisFormula,
  convOutputLength,
  dilatedSize,
  explicitPadding,
  twoAxes,
} from '../graph/convArithmetic';
import { defineLayer } from './define';
import type { ConvPadding, FusedActivation, Initializer, Pair } from './primitives';
import { RULES, weightFields } from './fieldHelpers';
import { checkPositive, needsSpatial, only, weighted } from './inferHelpers';
import { dilationText, fusedText, activationText, pairText, paddingText, strideText } from './text';
import { kwargs, pyActivation, pyPair, pyStr, pyWeights } from './python';
import { samePadBefore, windowField } from './spatial';

export interface Conv2DLayer {
  readonly kind: 'conv2d';
  readonly filters: number;
  readonly kernel: Pair;
  readonly stride: Pair;
  readonly padding: ConvPadding;
  readonly dilation: Pair;
  readonly activation: FusedActivation;
  readonly useBias: boolean;
  readonly initializer: Initializer;
}

/** Suffix of the ZeroPadding2D layer inserted before a conv with explicit padding. */
export const PAD_SUFFIX = '__pad';

export const conv2d = defineLayer<Conv2DLayer>({
  kind: 'conv2d',
  title: 'Conv2D',
  short: 'Slides K learned F×F filters over the image; each makes one feature map.',
  explanation:
    'A convolution slides each of its K small filters (F×F×D1 weights) across the input and takes a dot product ' +
    'at every position, so one filter detects one local pattern anywhere in the image. The output has one channel ' +
    'per filter. Stride S skips positions (downsampling), padding P adds a zero border so edges are covered, and ' +
    'dilation spreads the filter taps apart to see further without more weights. Use it for images: it shares ' +
    'weights across positions, so it needs far fewer parameters than a dense layer. He normal initialization suits ' +
    'a ReLU that follows.',
  formula: 'W2 = (W1 − F + 2P) / S + 1;  params = (F·F·D1)·K + K',
  category: 'conv',
  defaults: {
    kind: 'conv2d',
    filters: 8,
    kernel: [3, 3],
    stride: [1, 1],
    padding: 'same',
    dilation: [1, 1],
    activation: 'relu',
    useBias: true,
    initializer: 'heNormal',
  },
  arity: 'one',
  idPrefix: 'conv2d',
  form: 'full',
  fields: [
    {
      type: 'number',
      key: 'filters',
      label: 'Filters',
      rule: RULES.size,
      help: 'K: how many filters, one output channel each.',
    },
    {
      type: 'pair',
      key: 'kernel',
      label: 'Kernel size',
      rule: RULES.size,
      unit: 'pixels',
      help: 'F: the height and width of each filter.',
    },
    {
      type: 'pair',
      key: 'stride',
      label: 'Stride',
      rule: RULES.size,
      unit: 'pixels',
      help: 'S: how far the filter moves between positions.',
    },
    {
      type: 'convPadding',
      key: 'padding',
      label: 'Padding',
      help: 'P: the zero border added around the input.',
    },
    {
      type: 'pair',
      key: 'dilation',
      label: 'Dilation',
      rule: RULES.size,
      help: 'D: the spacing between filter taps (1 = none).',
    },
    ...weightFields<Conv2DLayer>(),
  ],
  activation: (l) => l.activation,
  infer(layer, inputs) {
    const x = only(inputs);
    if (x.length !== 3) return needsSpatial('Conv2D', x);
    const [h, w, c] = x as [number, number, number];
    const [fh, fw] = layer.kernel;
    const out = [
      convOutputLength(h, fh, layer.padding, layer.stride[0], layer.dilation[0]),
      convOutputLength(w, fw, layer.padding, layer.stride[1], layer.dilation[1]),
      layer.filters,
    ];
    const formula = twoAxes(
      convAxisFormula(h, fh, layer.padding, layer.stride[0], layer.dilation[0]),
      convAxisFormula(w, fw, layer.padding, layer.stride[1], layer.dilation[1]),
    );
    const bad = checkPositive(
      out,
      formula,
      `Kernel ${dilatedSize(fh, layer.dilation[0])}×${dilatedSize(fw, layer.dilation[1])} on ${h}×${w}`,
    );
    if (bad) return bad;
    const bias = layer.useBias ? layer.filters : 0;
    const params = fh * fw * c * layer.filters + bias;
    return weighted(
      out,
      params,
      out.reduce((a, b) => a * b, 1) * fh * fw * c,
      formula,
      `(${fh}·${fw}·${c})·${layer.filters}${bias ? ` + ${bias}` : ''} = ${params}`,
    );
  },
  field: (l, inputs) => windowField(inputs[0] ?? null, l.kernel, l.stride, l.dilation),
  spatialStep(l, [ih, iw]) {
    const eh = dilatedSize(l.kernel[0], l.dilation[0]);
    const ew = dilatedSize(l.kernel[1], l.dilation[1]);
    const pad = (inSize: number, e: number, s: number): number =>
      l.padding === 'same' ? samePadBefore(inSize, e, s) : explicitPadding(l.padding);
    return [
      { extent: eh, stride: l.stride[0], padBefore: pad(ih, eh, l.stride[0]), inSize: ih },
      { extent: ew, stride: l.stride[1], padBefore: pad(iw, ew, l.stride[1]), inSize: iw },
    ];
  },
  check(l, ctx) {
    if (l.dilation[0] <= 1 && l.dilation[1] <= 1) return [];
    if (l.stride[0] > 1 || l.stride[1] > 1) {
      return [
        {
          code: 'dilationTrainable',
          severity: 'error',
          message:
            'TF.js cannot combine dilation > 1 with stride > 1 in one convolution; use one or the other.',
          fixes: [
            { kind: 'setParams', label: 'stride 1', patch: { stride: [1, 1] } },
            { kind: 'setParams', label: 'dilation 1', patch: { dilation: [1, 1] } },
          ],
        },
      ];
    }
    if (ctx.frozen) return [];
    return [
      {
        code: 'dilationTrainable',
        severity: 'error',
        message:
          'TF.js has no gradient for dilated convolutions (dilation > 1), so this layer cannot be trained; freeze it (keep its weights) or use dilation 1.',
        fixes: [
          { kind: 'setFrozen', label: 'freeze layer', frozen: true },
          { kind: 'setParams', label: 'dilation 1', patch: { dilation: [1, 1] } },
        ],
      },
    ];
  },
  summary: (l) =>
    `${pairText(l.kernel)} ${strideText(l.stride)} ${paddingText(l.padding)}${dilationText(l.dilation)} · ${l.filters} filters · ${activationText(l.activation)}`,
  face: (l, title) => ({
    title,
    activation: fusedText(l.activation),
    detail: `${pairText(l.kernel)} ${strideText(l.stride)} ${paddingText(l.padding)}${dilationText(l.dilation)}`,
  }),
  kernels: 'hwio',
  featureMaps: true,
  compile(spec, ctx) {
    let x = ctx.inputs[0];
    let padding: 'valid' | 'same';
    if (typeof spec.padding === 'object') {
      const p = spec.padding.explicit;
      if (p > 0) {
        x = ctx.applyOne(
          ctx.tf.layers.zeroPadding2d({
            padding: [p, p],
            name: `${ctx.name}${PAD_SUFFIX}`,
            trainable: ctx.trainable,
          }),
        );
      }
      padding = 'valid';
    } else {
      padding = spec.padding;
    }
    const layer = ctx.tf.layers.conv2d({
      name: ctx.name,
      trainable: ctx.trainable,
      filters: spec.filters,
      kernelSize: [spec.kernel[0], spec.kernel[1]],
      strides: [spec.stride[0], spec.stride[1]],
      dilationRate: [spec.dilation[0], spec.dilation[1]],
      padding,
      activation: spec.activation,
      useBias: spec.useBias,
      kernelInitializer: ctx.init(spec.initializer),
      biasInitializer: 'zeros',
    });
    return ctx.applyOne(layer, x);
  },
  keras(l, { name, id, variable, input }) {
    const explicit = typeof l.padding === 'object';
    const c = `layers.Conv2D(${kwargs([
      String(l.filters),
      `kernel_size=${pyPair(l.kernel)}`,
      `strides=${pyPair(l.stride)}`,
      `padding=${pyStr(typeof l.padding === 'object' ? 'valid' : l.padding)}`,
      l.dilation[0] !== 1 || l.dilation[1] !== 1 ? `dilation_rate=${pyPair(l.dilation)}` : null,
      pyActivation(l.activation),
      ...pyWeights(l),
      name,
    ])})`;
    if (!explicit) return { before: [], call: c, input };
    const padded = `${variable}_padded`;
    const p = explicitPadding(l.padding);
    return {
      before: [`${padded} = layers.ZeroPadding2D(padding=${p}, name=${pyStr(`${id}_pad`)})(${input})`],
      call: c,
      input: padded,
    };
  },
});
