/**
 * The training worker's datasets, kept in memory between runs (a new graph or seed should not download and verify a
 * shipped set again, nor read a user's set from IndexedDB again). Shipped sets come from their loader; a user
 * dataset (`user-…`) comes from this browser's IndexedDB through the store, never over the network.
 *
 * A user dataset is cached under id + createdAt + revision (the store counts every write of the pixels in revision:
 * removed images, a new split), so a changed dataset is read afresh; its small metadata is read on every load to
 * know which version is current.
 */
import type { BuiltinDatasetId, Dataset, DatasetId, UserDatasetId } from '../engine/data/types';
import { isUserDatasetId } from '../engine/data/types';
import { toDataset, type UserDatasetMeta } from '../engine/data/userDataset';
import { notFound } from './userDatasets/storeErrors';
import type { UserDatasetStore } from './userDatasets/types';
import type { WorkerDeps } from './workerState';

export const MAX_CACHED = 3;

export interface DatasetCacheParts {
  loadBuiltin(
    id: BuiltinDatasetId,
    seed: number,
    onProgress: (loadedBytes: number, totalBytes: number) => void,
  ): Promise<Dataset>;
  /** Opens the user-dataset store (once; again after a failed open). */
  openStore(): Promise<UserDatasetStore>;
  readonly maxCached?: number;
}

/** The cache key of a user dataset's current version. */
export const userDatasetKey = (meta: Pick<UserDatasetMeta, 'id' | 'createdAt' | 'revision'>): string =>
  `${meta.id}@${meta.createdAt}#${meta.revision ?? 0}`;

export function createDatasetCache(parts: DatasetCacheParts): WorkerDeps['loadDataset'] {
  const max = parts.maxCached ?? MAX_CACHED;
  const datasets = new Map<string, Promise<Dataset>>();
  let store: Promise<UserDatasetStore> | null = null;

  const remember = (key: string, loading: Promise<Dataset>): Promise<Dataset> => {
    loading.catch(() => datasets.delete(key)); // a failed load is tried afresh next time
    datasets.set(key, loading);
    while (datasets.size > max) datasets.delete(datasets.keys().next().value as string);
    return loading;
  };

  const openStore = (): Promise<UserDatasetStore> => {
    if (!store) {
      const opening = parts.openStore();
      opening.catch(() => (store = null));
      store = opening;
    }
    return store;
  };

  async function loadUser(id: UserDatasetId, onProgress: (loaded: number, total: number) => void) {
    const s = await openStore();
    const meta = (await s.list()).find((m) => m.id === id);
    if (!meta) throw notFound(id);
    const key = userDatasetKey(meta);
    const hit = datasets.get(key);
    if (hit) return hit;
    // An older version of this dataset is of no use any more.
    for (const k of [...datasets.keys()]) if (k.startsWith(`${id}@`)) datasets.delete(k);
    return remember(
      key,
      s.get(id).then((got) => {
        if (!got) throw notFound(id);
        onProgress(got.meta.bytes, got.meta.bytes);
        return toDataset(got.meta, got.data);
      }),
    );
  }

  return (id: DatasetId, seed, onProgress) => {
    if (isUserDatasetId(id)) return loadUser(id, onProgress);
    const key = id === 'procedural' ? `${id}:${seed}` : id;
    return datasets.get(key) ?? remember(key, parts.loadBuiltin(id, seed, onProgress));
  };
}
