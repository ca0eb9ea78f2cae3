import { describe, expect, it, vi } from 'vitest';
import { makeProceduralDataset } from '../engine/data/procedural';
import { createDatasetCache, userDatasetKey } from './datasetCache';
import { makeUserDataset, memoryUserDatasetStore } from './userDatasets/testing';

const setup = (maxCached = 3) => {
  const store = memoryUserDatasetStore();
  const get = vi.spyOn(store, 'get');
  const loadBuiltin = vi.fn((_id: string, seed: number) =>
    Promise.resolve(makeProceduralDataset({ seed, train: 8, test: 4 })),
  );
  const openStore = vi.fn(() => Promise.resolve(store));
  const load = createDatasetCache({ loadBuiltin, openStore, maxCached });
  return { store, get, loadBuiltin, openStore, load };
};
const noProgress = (): void => undefined;

describe('the training worker’s dataset cache', () => {
  it('loads a user dataset from the store as its two splits, and keeps it', async () => {
    const { store, get, load, loadBuiltin } = setup();
    const { meta, data } = makeUserDataset({ id: 'user-rgb', shape: [4, 4, 3], classes: 3, count: 15 });
    await store.put(meta, data);
    const d = await load('user-rgb', 1, noProgress);
    expect(d.shape).toEqual([4, 4, 3]);
    expect(d.classNames).toEqual(['c0', 'c1', 'c2']);
    expect([d.train.count, d.test.count]).toEqual([12, 3]);
    expect(await load('user-rgb', 2, noProgress)).toBe(d);
    expect(get).toHaveBeenCalledTimes(1);
    expect(loadBuiltin).not.toHaveBeenCalled(); // never the network
  });

  it('loads it afresh once it has changed (images removed, or written again)', async () => {
    const { store, get, load } = setup();
    const { meta, data } = makeUserDataset({ id: 'user-a' });
    await store.put(meta, data);
    const first = await load('user-a', 1, noProgress);
    await store.removeImages('user-a', [0, 1]);
    const second = await load('user-a', 1, noProgress);
    expect(second.train.count + second.test.count).toBe(8);
    // The same count and bytes written again (a new split) is still a new version.
    await store.put({ ...meta, createdAt: meta.createdAt }, data);
    const third = await load('user-a', 1, noProgress);
    expect(third).not.toBe(first);
    expect(third).not.toBe(second);
    expect(get).toHaveBeenCalledTimes(3);
  });

  it('keys a version by id, createdAt and revision', () => {
    const a = userDatasetKey({ id: 'user-a', createdAt: 5, revision: 2 });
    expect(userDatasetKey({ id: 'user-a', createdAt: 5, revision: 3 })).not.toBe(a);
    expect(userDatasetKey({ id: 'user-a', createdAt: 6, revision: 2 })).not.toBe(a);
    expect(userDatasetKey({ id: 'user-b', createdAt: 5, revision: 2 })).not.toBe(a);
  });

  it('says a dataset is gone when the store no longer has it', async () => {
    const { store, load } = setup();
    const { meta, data } = makeUserDataset({ id: 'user-gone' });
    await store.put(meta, data);
    await load('user-gone', 1, noProgress);
    await store.remove('user-gone');
    await expect(load('user-gone', 1, noProgress)).rejects.toThrow(
      'The dataset user-gone is not in this browser any more',
    );
  });

  it('opens the store again after a failed open', async () => {
    const { store, load } = setup();
    const openStore = vi
      .fn<() => Promise<typeof store>>()
      .mockRejectedValueOnce(new Error('no IndexedDB'))
      .mockResolvedValue(store);
    const cached = createDatasetCache({ loadBuiltin: () => Promise.reject(new Error('unused')), openStore });
    await expect(cached('user-x', 1, noProgress)).rejects.toThrow('no IndexedDB');
    await expect(cached('user-x', 1, noProgress)).rejects.toThrow(/not in this browser/);
    expect(openStore).toHaveBeenCalledTimes(2);
    void load;
  });

  it('keeps shipped sets by id (procedural by seed), at most maxCached of them', async () => {
    const { load, loadBuiltin } = setup(2);
    const a = await load('procedural', 1, noProgress);
    expect(await load('procedural', 1, noProgress)).toBe(a);
    expect(await load('procedural', 2, noProgress)).not.toBe(a);
    await load('mnist', 1, noProgress);
    expect(loadBuiltin).toHaveBeenCalledTimes(3);
    await load('procedural', 1, noProgress); // dropped as the oldest
    expect(loadBuiltin).toHaveBeenCalledTimes(4);
  });
});
