/** Small graphs for tests (not shipped code paths). */
import { chain } from './edit';
import { defaultLayer } from './catalogue';
import type { Graph } from './types';

export function smallCnn(): Graph {
  return chain('classifier', [
    defaultLayer('input'),
    { ...defaultLayer('conv2d'), filters: 4, kernel: [5, 5], padding: { explicit: 2 } },
    defaultLayer('maxPool2d'),
    defaultLayer('flatten'),
    { ...defaultLayer('dense'), units: 10, activation: 'softmax' },
  ]);
}
