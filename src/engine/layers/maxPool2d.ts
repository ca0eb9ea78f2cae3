/** MaxPool2D: keeps the largest value of each window. */
import { pool2dModule } from './pool2d';
import type { Pool2DSpec } from './pool2d';

export type MaxPool2DLayer = Pool2DSpec<'maxPool2d'>;

export const maxPool2d = pool2dModule(
  'maxPool2d',
  {
    title: 'MaxPool2D',
    short: 'Keeps the largest value in each F×F window: smaller maps, a little shift tolerance.',
    explanation:
      'Max pooling splits each feature map into F×F windows (moved by stride S) and keeps only the largest value of ' +
      'each window. It has no weights. It halves the height and width with the usual F = 2, S = 2, so later layers ' +
      'cost less and see a larger part of the image, and a feature that moves by a pixel often gives the same output.',
  },
  (tf, args) => tf.layers.maxPooling2d(args),
  'MaxPooling2D',
);
