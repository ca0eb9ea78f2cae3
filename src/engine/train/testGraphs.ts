/** Tiny graphs and data shared by the train tests (not shipped code paths; kept small for the cpu backend). */
import { chain } from '../graph/edit';
import { L } from '../graph/layerBuilders';
import type { Graph } from '../graph/types';
import { makeProceduralDataset } from '../data/procedural';
import type { Dataset } from '../data/types';
import { DEFAULT_HYPER } from './hyper';
import type { Hyper } from './hyper';

export const tinyData = (train = 64, test = 32): Dataset => makeProceduralDataset({ seed: 7, train, test });

/** conv → relu → pool → conv(relu) → flatten → dense softmax over the 10 procedural classes. */
export const tinyCnn = (): Graph =>
  chain('classifier', [
    L.image(),
    L.conv(4, 3, { activation: 'linear', padding: { explicit: 1 } }),
    L.act('relu'),
    L.maxPool(),
    L.conv(4, 3, { stride: 2 }),
    L.dropout(0.2),
    L.flatten(),
    L.dense(10, 'softmax'),
  ]);

/** flatten → dense(32, relu) → dense softmax: trains hundreds of steps a second on the cpu backend. */
export const tinyMlp = (): Graph =>
  chain('classifier', [L.image(), L.flatten(), L.dense(32, 'relu'), L.dense(10, 'softmax')]);

export const tinyHyper = (patch: Partial<Hyper> = {}): Hyper => ({
  ...DEFAULT_HYPER,
  batchSize: 16,
  learningRate: 0.01,
  ...patch,
});
