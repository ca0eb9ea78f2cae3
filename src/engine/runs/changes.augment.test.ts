import { describe, expect, it } from 'vitest';
import { augmentText, describeChanges, type RunSettings } from './changes';
import { chain } from '../graph/edit';
import { defaultLayer } from '../graph/catalogue';
import { DEFAULT_HYPER, type Hyper } from '../train/hyper';

const run = (hyper: Hyper): RunSettings => ({
  graph: chain('classifier', [defaultLayer('input'), defaultLayer('flatten'), defaultLayer('dense')]),
  hyper,
  dataset: 'mnist',
  labelSubset: [],
  seed: 1,
});

describe('augmentation in the Runs changes', () => {
  it('names what changed, in words', () => {
    const on = { ...DEFAULT_HYPER, augment: { ...DEFAULT_HYPER.augment, shift: 2, flip: true } };
    expect(describeChanges(run(DEFAULT_HYPER), run(on))).toEqual(['augmentation off → shift 2, flip']);
  });

  it('equal settings in two objects, or a run saved before augmentation existed, are no change', () => {
    const copy = { ...DEFAULT_HYPER, augment: { ...DEFAULT_HYPER.augment } };
    expect(describeChanges(run(DEFAULT_HYPER), run(copy))).toEqual(['no change']);
    const { augment: _a, ...old } = DEFAULT_HYPER;
    expect(describeChanges(run(old as Hyper), run(DEFAULT_HYPER))).toEqual(['no change']);
  });

  it('augmentText lists every setting that is on', () => {
    expect(augmentText({ shift: 1, flip: false, rotate: 15, zoom: 0.2, jitter: 0.1 })).toBe(
      'shift 1, rotate 15°, zoom 0.2, colour jitter 0.1',
    );
  });
});
