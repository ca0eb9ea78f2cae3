// @vitest-environment jsdom
import { act, createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { smallCnn } from '../../engine/graph/testGraphs';
import { DEFAULT_HYPER } from '../../engine/train/hyper';
import { ControllerContext } from '../controllers/ControllerContext';
import { sweepControllerFor } from '../controllers/sweepController';
import type { TrainingController } from '../controllers/trainingController';
import type { SharedRun } from '../persistence/shareComparison';
import { useAppStore } from '../store';
import { mount, unmount, type Mounted } from '../testing/mount';
import { SharedRunsDialog } from './SharedRunsDialog';
import { makeUserDataset } from '../../workers/userDatasets/testing';

let m: Mounted;
let controller: TrainingController;
let started: number;
const runs: SharedRun[] = [
  {
    name: 'kernel 3',
    graph: smallCnn(),
    hyper: { ...DEFAULT_HYPER, maxSteps: 300 },
    dataset: 'procedural',
    seed: 4,
  },
  {
    name: 'kernel 5',
    graph: smallCnn(),
    hyper: { ...DEFAULT_HYPER, epochs: 2 },
    dataset: 'procedural',
    seed: 4,
  },
];
const button = (text: string): HTMLButtonElement | undefined =>
  [...m.host.querySelectorAll('button')].find((b) => b.textContent === text);

beforeEach(() => {
  started = 0;
  controller = {
    prepare: () => void (started += 1),
    train() {},
    pause() {},
  } as unknown as TrainingController;
  useAppStore.getState().setPendingRuns(null);
  useAppStore.getState().patchRun({ status: 'idle' });
  m = mount();
  act(() =>
    m.root.render(
      createElement(ControllerContext.Provider, { value: controller }, createElement(SharedRunsDialog)),
    ),
  );
});
afterEach(async () => {
  sweepControllerFor(useAppStore, controller).cancel();
  await sweepControllerFor(useAppStore, controller).done();
  unmount(m);
});

describe('SharedRunsDialog', () => {
  it('lists the shared runs and trains them on “Train these 2 runs”', async () => {
    expect(m.host.querySelector('dialog')).toBeNull();
    act(() => useAppStore.getState().setPendingRuns(runs));
    expect(m.host.querySelector('dialog h2')?.textContent).toBe('Train the shared runs?');
    const items = [...m.host.querySelectorAll('[aria-label="Shared runs"] li')].map((li) => li.textContent);
    expect(items).toEqual([
      'kernel 3 (Procedural, seed 4, 300 steps)',
      'kernel 5 (Procedural, seed 4, 2 epochs)',
    ]);
    act(() => button('Train these 2 runs')!.click());
    // The procedural dataset differs from the editor's: the first run starts once the rebuild settles.
    await act(() => new Promise((r) => setTimeout(r, 0)));
    expect(started).toBe(1);
    expect(useAppStore.getState().sweep).toMatchObject({ label: 'kernel 3', total: 2 });
    expect(m.host.querySelector('dialog')).toBeNull();
  });

  it('“Not now” closes it without training', () => {
    act(() => useAppStore.getState().setPendingRuns(runs));
    act(() => button('Not now')!.click());
    expect(m.host.querySelector('dialog')).toBeNull();
    expect(started).toBe(0);
    expect(useAppStore.getState().pendingRuns).toBeNull();
  });
});

describe('SharedRunsDialog and the user’s own datasets', () => {
  it('names a user dataset this browser has; another one is “your own images”', () => {
    const cats = { ...makeUserDataset({ id: 'user-cats' }).meta, name: 'Cats and dogs' };
    act(() => useAppStore.getState().setUserDatasets([cats]));
    act(() =>
      useAppStore.getState().setPendingRuns([
        { ...runs[0]!, dataset: 'user-cats' },
        { ...runs[1]!, dataset: 'user-elsewhere' },
      ]),
    );
    const items = [...m.host.querySelectorAll('[aria-label="Shared runs"] li')].map((li) => li.textContent);
    expect(items).toEqual([
      'kernel 3 (Cats and dogs, seed 4, 300 steps)',
      'kernel 5 (your own images, seed 4, 2 epochs)',
    ]);
    act(() => useAppStore.getState().setUserDatasets([]));
  });
});
