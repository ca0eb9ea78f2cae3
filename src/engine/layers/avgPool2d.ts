/** AvgPool2D: keeps the mean of each window. */
import { pool2dModule } from './pool2d';
import type { Pool2DSpec } from './pool2d';

export type AvgPool2DLayer = Pool2DSpec<'avgPool2d'>;

export const avgPool2d = pool2dModule(
  'avgPool2d',
  {
    title: 'AvgPool2D',
    short: 'Averages each F×F window: a smooth downsampling without weights.',
    explanation:
      'Average pooling works like max pooling but keeps the mean of each F×F window instead of the maximum. ' +
      'It blurs a little while it shrinks the map, and every input value contributes to the output.',
  },
  (tf, args) => tf.layers.averagePooling2d(args),
  'AveragePooling2D',
);
