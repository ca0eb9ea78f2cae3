/** A saved or shared setting naming a user dataset this browser does not have falls back to MNIST, with a banner. */
import { describe, expect, it } from 'vitest';
import type { PersistStorage, StorageValue } from 'zustand/middleware';
import { DEFAULT_HYPER } from '../../engine/train/hyper';
import { smallCnn } from '../../engine/graph/testGraphs';
import { DatasetStoreError } from '../../workers/userDatasets/storeErrors';
import { makeUserDataset, memoryUserDatasetStore } from '../../workers/userDatasets/testing';
import { createAppStore, partialize, type Saved } from '../store/index';
import { FORMAT } from './autosave';
import { encodeShare, sharedStateOf } from './share';
import { encodeComparison, type SharedRun } from './shareComparison';
import { applyLocation } from './startup';
import { loadUserDatasets, replaceMissingAfterLink } from './userDatasetsStartup';

const noStorage: PersistStorage<Saved> = {
  getItem: () => null,
  setItem: () => undefined,
  removeItem: () => undefined,
};

/** A store restored from an autosave whose dataset is `dataset`. */
function savedWith(dataset: string) {
  const state = { ...partialize(createAppStore(noStorage).getState()), dataset } as unknown as Saved;
  const value: StorageValue<Saved> = {
    state: JSON.parse(JSON.stringify(state)) as Saved,
    version: FORMAT.version,
  };
  return createAppStore({ ...noStorage, getItem: () => value });
}

async function storeWith(...ids: `user-${string}`[]) {
  const store = memoryUserDatasetStore();
  for (const [i, id] of ids.entries()) {
    const { meta, data } = makeUserDataset({ id, createdAt: i + 1, name: `set ${id}` });
    await store.put(meta, data);
  }
  return store;
}

describe('user datasets at startup', () => {
  it('an autosave naming a user dataset keeps it when this browser has it, and lists the datasets', async () => {
    const app = savedWith('user-cats');
    expect(app.getState().dataset).toBe('user-cats'); // not reset as an unknown dataset
    expect(app.getState().banner).toBeNull();
    const store = await storeWith('user-cats', 'user-dogs');
    await loadUserDatasets(app.getState, () => Promise.resolve(store), { fromLink: false });
    const s = app.getState();
    expect(s.dataset).toBe('user-cats');
    expect(s.userDatasets.map((m) => m.name)).toEqual(['set user-cats', 'set user-dogs']);
    expect(s.userDatasetsError).toBeNull();
    expect(s.banner).toBeNull();
  });

  it('an autosave naming a user dataset this browser does not have falls back to MNIST, and says so', async () => {
    const app = savedWith('user-gone');
    await loadUserDatasets(app.getState, () => storeWith('user-other'), { fromLink: false });
    expect(app.getState().dataset).toBe('mnist');
    expect(app.getState().banner).toEqual({
      kind: 'info',
      message:
        'Your saved settings use a dataset of your own images that this browser does not have (user-gone): MNIST is used instead. (Your own images stay in the browser they were added in.)',
    });
  });

  it('a share link naming a missing user dataset is opened on MNIST, and its banner stays with the reason', async () => {
    const app = createAppStore(noStorage);
    const shared = { ...sharedStateOf(app.getState()) };
    const hash = encodeShare({ ...shared, settings: { ...shared.settings, dataset: 'user-far', seed: 9 } });
    expect(applyLocation(app.getState, { hash, search: '' }, app.getInitialState())).toBe(true);
    expect(app.getState().dataset).toBe('user-far');
    await loadUserDatasets(app.getState, () => storeWith(), { fromLink: true });
    const s = app.getState();
    expect([s.dataset, s.seed]).toEqual(['mnist', 9]);
    expect(s.banner?.message).toMatch(/^Loaded the network and settings from the shared link\./);
    expect(s.banner?.message).toContain(
      'The shared link uses a dataset of your own images that this browser does not have (user-far): MNIST is used instead.',
    );
  });

  it('a waiting share link and the runs of a comparison link train on MNIST instead of a missing dataset', async () => {
    const app = createAppStore(noStorage);
    app.getState().setPreset('lenet5'); // own work: the link waits
    const shared = sharedStateOf(createAppStore(noStorage).getState());
    applyLocation(
      app.getState,
      { hash: encodeShare({ ...shared, settings: { ...shared.settings, dataset: 'user-far' } }), search: '' },
      app.getInitialState(),
    );
    expect(app.getState().pendingShare?.settings.dataset).toBe('user-far');
    await loadUserDatasets(app.getState, () => storeWith(), { fromLink: false });
    expect(app.getState().pendingShare?.settings.dataset).toBe('mnist');
    expect(app.getState().dataset).toBe('mnist'); // lenet5's own

    const runs: SharedRun[] = [
      { name: 'a', graph: smallCnn(), hyper: DEFAULT_HYPER, dataset: 'user-mine', seed: 1 },
      { name: 'b', graph: smallCnn(), hyper: DEFAULT_HYPER, dataset: 'user-far', seed: 1 },
    ];
    const other = createAppStore(noStorage);
    applyLocation(other.getState, { hash: encodeComparison(runs), search: '' }, other.getInitialState());
    expect(other.getState().pendingRuns?.map((r) => r.dataset)).toEqual(['user-mine', 'user-far']);
    await loadUserDatasets(other.getState, () => storeWith('user-mine'), { fromLink: false });
    expect(other.getState().pendingRuns?.map((r) => r.dataset)).toEqual(['user-mine', 'mnist']);
    expect(other.getState().banner?.message).toMatch(
      /^1 of the shared runs use a dataset of your own images that this browser does not have: they train on MNIST instead\./,
    );
  });

  it('without IndexedDB the list is empty, the banner says why, and a saved user dataset falls back', async () => {
    const app = savedWith('user-cats');
    const why = 'Your own datasets cannot be kept in this browser: this browser offers no IndexedDB storage.';
    await loadUserDatasets(app.getState, () => Promise.reject(new DatasetStoreError('unavailable', why)), {
      fromLink: false,
    });
    const s = app.getState();
    expect(s.userDatasets).toEqual([]);
    expect(s.userDatasetsError).toBe(why);
    expect(s.dataset).toBe('mnist');
    expect(s.banner?.kind).toBe('error');
    expect(s.banner?.message).toMatch(
      new RegExp(`^${why.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} Your saved settings use`),
    );
  });

  it('a shipped dataset is left alone and no banner is shown', async () => {
    const app = savedWith('fashion-mnist');
    await loadUserDatasets(app.getState, () => storeWith(), { fromLink: false });
    expect(app.getState().dataset).toBe('fashion-mnist');
    expect(app.getState().banner).toBeNull();
  });
});

describe('a link pasted into the open page', () => {
  it('naming a user dataset this browser lacks: opened on MNIST, with the reason after the link banner', async () => {
    const app = createAppStore(noStorage);
    await loadUserDatasets(app.getState, () => storeWith('user-here'), { fromLink: false });
    const shared = { ...sharedStateOf(app.getState()) };
    const hash = encodeShare({ ...shared, settings: { ...shared.settings, dataset: 'user-far', seed: 5 } });
    expect(applyLocation(app.getState, { hash, search: '' }, app.getInitialState())).toBe(true);
    replaceMissingAfterLink(app.getState, true);
    const s = app.getState();
    expect([s.dataset, s.seed]).toEqual(['mnist', 5]);
    expect(s.banner?.message).toMatch(/^Loaded the network and settings from the shared link\./);
    expect(s.banner?.message).toContain('(user-far): MNIST is used instead.');
  });
});
