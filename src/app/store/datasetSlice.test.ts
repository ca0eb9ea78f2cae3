import { describe, expect, it } from 'vitest';
import type { PersistStorage, StorageValue } from 'zustand/middleware';
import { makeUserDataset } from '../../workers/userDatasets/testing';
import { createAppStore, partialize, type Saved } from './index';

const written: StorageValue<Saved>[] = [];
const storage: PersistStorage<Saved> = {
  getItem: () => null,
  setItem: (_k, v) => void written.push(JSON.parse(JSON.stringify(v)) as StorageValue<Saved>),
  removeItem: () => undefined,
};
const meta = (id: `user-${string}`, createdAt: number, name: string = id) => ({
  ...makeUserDataset({ id, createdAt }).meta,
  name,
});

describe('the dataset slice', () => {
  it('keeps the user datasets oldest first; upsert replaces by id', () => {
    const store = createAppStore(storage);
    store.getState().setUserDatasets([meta('user-b', 20), meta('user-a', 30), meta('user-c', 10)]);
    expect(store.getState().userDatasets.map((m) => m.id)).toEqual(['user-c', 'user-b', 'user-a']);
    expect(store.getState().userDatasetsError).toBeNull();
    store.getState().upsertUserDataset(meta('user-b', 20, 'renamed'));
    store.getState().upsertUserDataset(meta('user-d', 5));
    const s = store.getState();
    expect(s.userDatasets.map((m) => [m.id, m.name])).toEqual([
      ['user-d', 'user-d'],
      ['user-c', 'user-c'],
      ['user-b', 'renamed'],
      ['user-a', 'user-a'],
    ]);
    store.getState().setUserDatasets([], 'no IndexedDB');
    expect(store.getState().userDatasetsError).toBe('no IndexedDB');
  });

  it('removing the chosen dataset chooses MNIST; removing another keeps the choice', () => {
    const store = createAppStore(storage);
    store.getState().setUserDatasets([meta('user-a', 1), meta('user-b', 2)]);
    store.getState().setDataset('user-a');
    store.getState().removeUserDataset('user-b');
    expect(store.getState().dataset).toBe('user-a');
    store.getState().removeUserDataset('user-a');
    expect(store.getState().dataset).toBe('mnist');
    expect(store.getState().userDatasets).toEqual([]);
  });

  it('is not autosaved to localStorage (the list comes from IndexedDB), though the chosen id is', () => {
    const store = createAppStore(storage);
    store.getState().setUserDatasets([meta('user-a', 1)]);
    store.getState().setDataset('user-a');
    expect(partialize(store.getState())).not.toHaveProperty('userDatasets');
    const last = written.at(-1)?.state as unknown as Record<string, unknown>;
    expect(last['dataset']).toBe('user-a');
    expect(last).not.toHaveProperty('userDatasets');
    expect(last).not.toHaveProperty('userDatasetsError');
  });
});
