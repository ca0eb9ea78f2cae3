/**
 * The models the harness trains: a tiny CNN (e2e), ConvNetJS's MNIST demo net, the app's default preset and its Fast
 * MNIST preset (the time-to-accuracy bench).
 */
import { chain } from '../../src/engine/graph/edit';
import { DEFAULT_PRESET_ID, presetById } from '../../src/engine/graph/presets';
import type { Graph } from '../../src/engine/graph/types';
import { DEFAULT_HYPER } from '../../src/engine/train/hyper';
import type { Hyper } from '../../src/engine/train/hyper';
import { L } from '../../src/engine/graph/layerBuilders';
import { assertNever } from '../../src/engine/assertNever';

export type ModelName = 'tiny' | 'convnet' | 'preset' | 'fast';

export const FAST_PRESET_ID = 'fast-mnist';

const presetOf = (id: string) => {
  const p = presetById(id);
  if (!p) throw new Error(`no preset ${id}`);
  return p;
};

export function harnessGraph(model: ModelName, side = 28): Graph {
  const input = L.image([side, side, 1]);
  const softmax = L.dense(10, 'softmax');
  switch (model) {
    case 'tiny':
      return chain('classifier', [input, L.conv(4, 3), L.maxPool(), L.flatten(), softmax]);
    case 'convnet':
      // ConvNetJS's MNIST demo: conv 5×5×8 pad 2 relu → pool 2/2 → conv 5×5×16 pad 2 relu → pool 3/3 → softmax 10.
      return chain('classifier', [
        input,
        L.conv(8, 5),
        L.maxPool(),
        L.conv(16, 5),
        L.maxPool(3),
        L.flatten(),
        softmax,
      ]);
    case 'preset':
      return presetOf(DEFAULT_PRESET_ID).graph;
    case 'fast':
      return presetOf(FAST_PRESET_ID).graph;
    default:
      return assertNever(model);
  }
}

/** The training settings a model comes with: a preset's own, else the app's defaults. */
export function harnessHyper(model: ModelName): Hyper {
  if (model === 'preset') return presetOf(DEFAULT_PRESET_ID).hyper;
  if (model === 'fast') return presetOf(FAST_PRESET_ID).hyper;
  return DEFAULT_HYPER;
}
