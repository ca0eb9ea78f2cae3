/** Input: where examples enter, dataset images or a latent vector z. */
import { formatShape } from '../graph/convArithmetic';
import { defineLayer } from './define';
import type { Shape } from './primitives';
import { checkPositive, plain } from './inferHelpers';
import { tuple } from './python';

export interface InputLayer {
  readonly kind: 'input';
  /** 'dataset' images (e.g. [28, 28, 1]) or a 'latent' vector z for generators (e.g. [64]). */
  readonly source: 'dataset' | 'latent';
  readonly shape: Shape;
  /** For latent inputs: the distribution z is drawn from. */
  readonly distribution?: 'normal' | 'uniform';
}

const sameShape = (a: Shape, b: Shape): boolean => a.length === b.length && a.every((d, i) => d === b[i]);

export const input = defineLayer<InputLayer>({
  kind: 'input',
  title: 'Input',
  short: 'Where examples enter: dataset images or a random latent vector.',
  explanation:
    'The Input block holds no weights. For classifiers and autoencoders it receives the dataset images ' +
    '(height × width × channels, e.g. 28×28×1 for MNIST). For a GAN generator it receives a latent vector z ' +
    'drawn from a normal or uniform distribution, which the generator turns into an image.',
  category: 'input',
  defaults: { kind: 'input', source: 'dataset', shape: [28, 28, 1] },
  arity: 'none',
  idPrefix: 'input',
  form: 'full',
  fields: [
    {
      type: 'select',
      key: 'source',
      label: 'Source',
      help: 'Dataset images for classifiers and autoencoders; a random vector z for GAN generators.',
      options: [
        { value: 'dataset', label: 'dataset images' },
        { value: 'latent', label: 'latent vector z' },
      ],
    },
    {
      type: 'shape',
      key: 'shape',
      label: 'Shape',
      help: 'Height×width×channels of the images, or the length of z.',
    },
    {
      type: 'select',
      key: 'distribution',
      label: 'Distribution',
      help: 'What z is drawn from.',
      options: [
        { value: 'normal', label: 'normal' },
        { value: 'uniform', label: 'uniform' },
      ],
      optionalDefault: 'normal',
      shown: (l) => l.source === 'latent',
    },
  ],
  infer: (l) => checkPositive(l.shape, null, 'Input shape') ?? plain([...l.shape]),
  field: (l) => (l.shape.length === 3 ? { rf: [1, 1], jump: [1, 1] } : null),
  check(l, ctx) {
    if (l.source !== 'dataset' || sameShape(l.shape, ctx.imageShape)) return [];
    return [
      {
        code: 'inputShapeMismatch',
        severity: 'error',
        message: `The dataset's images are ${formatShape(ctx.imageShape)}, but this Input expects ${formatShape(l.shape)}.`,
        fixes: [
          {
            kind: 'setParams',
            label: `shape ${formatShape(ctx.imageShape)}`,
            patch: { shape: [...ctx.imageShape] },
          },
        ],
      },
    ];
  },
  summary: (l) => (l.source === 'latent' ? `latent z · ${l.distribution ?? 'normal'}` : 'dataset images'),
  face: (l, title) => ({
    title,
    activation: '',
    detail: l.source === 'latent' ? `latent ${l.distribution ?? 'normal'}` : 'dataset images',
  }),
  compile: (l, ctx) => ctx.tf.input({ shape: [...l.shape], name: ctx.name }),
  keras: (l, { name }) => ({
    before: [],
    call: `keras.Input(shape=${tuple(l.shape)}, ${name})`,
    input: '',
  }),
});
