/** The controller's augmentation preview: the chosen dataset, no run needed, the result on the frame bus. */
import { afterEach, describe, expect, it } from 'vitest';
import type { PersistStorage } from 'zustand/middleware';
import { DEFAULT_AUGMENT } from '../../engine/data/augment';
import type { ProbeResult } from '../../engine/train/probes/types';
import { asRunId } from '../../workers/protocol';
import type { PreviewArgs } from '../../workers/trainingClient';
import { createFrameBus } from '../frames/frameBus';
import { createAppStore, type Saved } from '../store/index';
import {
  createTrainingController,
  type ControllerClient,
  type TrainingController,
} from './trainingController';

const noStorage: PersistStorage<Saved> = {
  getItem: () => null,
  setItem: () => undefined,
  removeItem: () => undefined,
};

const result = (fill: number): ProbeResult => ({
  kind: 'augmentPreview',
  step: 0,
  index: 0,
  count: 1,
  pixels: new Uint8Array([fill]),
  h: 1,
  w: 1,
  channels: 1,
});

let ctl: TrainingController | null = null;
afterEach(() => ctl?.dispose());

function setup(answer: (args: PreviewArgs) => Promise<ProbeResult>) {
  const calls: string[] = [];
  const previews: PreviewArgs[] = [];
  const client: ControllerClient = {
    init: () => (calls.push('init'), asRunId('run1')),
    start: () => void calls.push('start'),
    pause: () => undefined,
    step: () => void calls.push('step'),
    setHyper: () => undefined,
    freeze: () => undefined,
    probe: () => Promise.reject(new Error('no run: the preview must not need one')),
    preview: (args) => (previews.push(args), answer(args)),
    exportModel: () => Promise.reject(new Error('unused')),
    reset: () => undefined,
    dispose: () => undefined,
    on: () => () => undefined,
  };
  const store = createAppStore(noStorage);
  const bus = createFrameBus();
  ctl = createTrainingController({ store, client, bus, probeNeeds: () => [], pollMs: 10_000 });
  return { store, bus, calls, previews, ctl };
}

describe('augmentation preview', () => {
  it('works before any run: asks for the chosen dataset (and its seed) and publishes the picture', async () => {
    const { store, bus, calls, previews, ctl } = setup(() => Promise.resolve(result(5)));
    store.getState().setDataset('procedural');
    store.getState().setSeed(4);
    const augment = { ...DEFAULT_AUGMENT, shift: 2 };
    await ctl.previewAugment(augment, 9);
    expect(previews).toEqual([
      {
        dataset: 'procedural',
        seed: 4,
        request: { kind: 'augmentPreview', index: 0, augment, seed: 9 },
      },
    ]);
    expect(bus.latest('augmentPreview')?.pixels).toEqual(new Uint8Array([5]));
    expect(calls).toEqual([]); // no run was made for it
    expect(store.getState().runId).toBeNull();
  });

  it('a dataset chosen while it loads: the old picture is not shown; a failure rejects with the reason', async () => {
    let release: (r: ProbeResult) => void = () => undefined;
    const { store, bus, ctl } = setup(() => new Promise((r) => (release = r)));
    store.getState().setDataset('mnist');
    const p = ctl.previewAugment(DEFAULT_AUGMENT, 1);
    store.getState().setDataset('procedural');
    release(result(1));
    await p;
    expect(bus.latest('augmentPreview')).toBeUndefined();

    const failing = setup(() => Promise.reject(new Error('The mnist dataset could not be loaded')));
    await expect(failing.ctl.previewAugment(DEFAULT_AUGMENT, 1)).rejects.toThrow('could not be loaded');
  });
});
