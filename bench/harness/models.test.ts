import { describe, expect, it } from 'vitest';
import { outputNode } from '../../src/engine/graph/edit';
import { DEFAULT_PRESET_ID, presetById } from '../../src/engine/graph/presets';
import { inferShapes, totals } from '../../src/engine/graph/shapes';
import type { NodeId } from '../../src/engine/graph/types';
import { validateGraph } from '../../src/engine/graph/validate';
import { DEFAULT_HYPER } from '../../src/engine/train/hyper';
import { harnessGraph, harnessHyper } from './models';

describe('harness models', () => {
  it.each([
    // conv 3×3×4 (40) → pool 2 → 14×14×4 → dense 10 (7,850)
    { model: 'tiny', side: 28, params: 7_890 },
    // ConvNetJS's MNIST net: conv 5×5×8 (208) → pool 2 → conv 5×5×16 (3,216) → pool 3 → 4×4×16 → dense 10 (2,570)
    { model: 'convnet', side: 24, params: 5_994 },
  ] as const)(
    '$model on $side-pixel square images is valid, ends in 10 classes and has $params parameters',
    ({ model, side, params }) => {
      const g = harnessGraph(model, side);
      expect(validateGraph(g, { imageShape: [side, side, 1], classes: 10 })).toEqual([]);
      const info = inferShapes(g);
      expect(info.get(outputNode(g) as NodeId)?.output).toEqual([10]);
      expect(totals(info).params).toBe(params);
    },
  );

  it("'preset' is the app's default preset and 'fast' the Fast MNIST preset, each with its own settings", () => {
    expect(harnessGraph('preset')).toEqual(presetById(DEFAULT_PRESET_ID)?.graph);
    expect(harnessHyper('preset')).toEqual(presetById(DEFAULT_PRESET_ID)?.hyper);
    expect(harnessGraph('fast')).toEqual(presetById('fast-mnist')?.graph);
    expect(harnessHyper('fast')).toEqual(presetById('fast-mnist')?.hyper);
    expect(harnessHyper('fast')).not.toEqual(DEFAULT_HYPER);
    expect(harnessHyper('convnet')).toEqual(DEFAULT_HYPER);
  });
});
