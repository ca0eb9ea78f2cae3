/** Small graphs for the persistence tests (not shipped code paths). */
import { chain } from '../../engine/graph/edit';
import { defaultLayer } from '../../engine/graph/catalogue';
import type { Graph } from '../../engine/graph/types';

export function smallCnn(): Graph {
  return chain('classifier', [
    defaultLayer('input'),
    { ...defaultLayer('conv2d'), filters: 4, kernel: [5, 5], padding: { explicit: 2 } },
    defaultLayer('maxPool2d'),
    defaultLayer('flatten'),
    { ...defaultLayer('dense'), units: 10, activation: 'softmax' },
  ]);
}
