/** The models the harness trains: a tiny CNN (e2e), ConvNetJS's MNIST demo net, and the app's default preset. */
import { chain } from '../../src/engine/graph/edit';
import { DEFAULT_PRESET_ID, presetById } from '../../src/engine/graph/presets';
import type { Graph } from '../../src/engine/graph/types';

export type ModelName = 'tiny' | 'convnet' | 'preset';

export function harnessGraph(model: ModelName, side = 28): Graph {
  const conv = (filters: number, k: number) =>
    ({
      kind: 'conv2d',
      filters,
      kernel: [k, k],
      stride: [1, 1],
      padding: 'same',
      dilation: [1, 1],
      activation: 'relu',
      useBias: true,
      initializer: 'heNormal',
    }) as const;
  const input = { kind: 'input', source: 'dataset', shape: [side, side, 1] } as const;
  const softmax = {
    kind: 'dense',
    units: 10,
    activation: 'softmax',
    useBias: true,
    initializer: 'glorotUniform',
  } as const;
  switch (model) {
    case 'tiny':
      return chain('classifier', [
        input,
        conv(4, 3),
        { kind: 'maxPool2d', pool: [2, 2], stride: [2, 2], padding: 'valid' },
        { kind: 'flatten' },
        softmax,
      ]);
    case 'convnet':
      // ConvNetJS's MNIST demo: conv 5×5×8 pad 2 relu → pool 2/2 → conv 5×5×16 pad 2 relu → pool 3/3 → softmax 10.
      return chain('classifier', [
        input,
        conv(8, 5),
        { kind: 'maxPool2d', pool: [2, 2], stride: [2, 2], padding: 'valid' },
        conv(16, 5),
        { kind: 'maxPool2d', pool: [3, 3], stride: [3, 3], padding: 'valid' },
        { kind: 'flatten' },
        softmax,
      ]);
    case 'preset': {
      const p = presetById(DEFAULT_PRESET_ID);
      if (!p) throw new Error(`no preset ${DEFAULT_PRESET_ID}`);
      return p.graph;
    }
    default: {
      const never: never = model;
      return never;
    }
  }
}
