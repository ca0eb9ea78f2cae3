/**
 * Test helpers: a small user dataset with known pixels, and a UserDatasetStore in memory. Used by unit tests only.
 */
import type { UserDatasetId } from '../../engine/data/types';
import { DEFAULT_PREPARE, type UserDatasetData, type UserDatasetMeta } from '../../engine/data/userDataset';
import { countPerClass, userDatasetBytes, withoutImages } from './recount';
import type { UserDatasetStore } from './types';

/**
 * `count` images of `shape`; image i has class i % classes, is in the test split when i % 5 === 4, is named
 * "c<class>/<i>.png" and holds the bytes (i * 7 + k) & 255 for k = 0, 1, … (so every image's pixels are known).
 */
export function makeUserDataset(
  opts: {
    id?: UserDatasetId;
    name?: string;
    createdAt?: number;
    shape?: readonly [number, number, number];
    classes?: number;
    count?: number;
  } = {},
): { meta: UserDatasetMeta; data: UserDatasetData } {
  const id = opts.id ?? 'user-test';
  const shape = opts.shape ?? [2, 2, 1];
  const classes = opts.classes ?? 2;
  const count = opts.count ?? 10;
  const size = shape[0] * shape[1] * shape[2];
  const images = new Uint8Array(count * size);
  for (let i = 0; i < count; i++) for (let k = 0; k < size; k++) images[i * size + k] = (i * 7 + k) & 255;
  const labels = Uint8Array.from({ length: count }, (_, i) => i % classes);
  const split = Uint8Array.from({ length: count }, (_, i) => (i % 5 === 4 ? 1 : 0));
  const names = Array.from({ length: count }, (_, i) => `c${i % classes}/${i}.png`);
  const data: UserDatasetData = { id, count, images, labels, split, names };
  const meta: UserDatasetMeta = {
    id,
    name: opts.name ?? 'test images',
    createdAt: opts.createdAt ?? 1,
    shape,
    classNames: Array.from({ length: classes }, (_, c) => `c${c}`),
    ...countPerClass(classes, data),
    bytes: userDatasetBytes(data),
    options: {
      ...DEFAULT_PREPARE,
      size: shape[0] === 32 ? 32 : shape[0] === 64 ? 64 : 28,
      colour: shape[2] === 3 ? 'rgb' : 'grey',
    },
    skipped: [],
  };
  return { meta, data };
}

/** The store's contract in memory (no quota, no structured clone): for tests of code that uses a store. */
export function memoryUserDatasetStore(): UserDatasetStore & {
  readonly entries: Map<UserDatasetId, { meta: UserDatasetMeta; data: UserDatasetData }>;
} {
  const entries = new Map<UserDatasetId, { meta: UserDatasetMeta; data: UserDatasetData }>();
  const gone = (id: string): Error => new Error(`The dataset ${id} is not in this browser any more.`);
  return {
    entries,
    list: () =>
      Promise.resolve([...entries.values()].map((e) => e.meta).sort((a, b) => a.createdAt - b.createdAt)),
    get: (id) => Promise.resolve(entries.get(id) ?? null),
    put(meta, data) {
      const revision = (entries.get(meta.id)?.meta.revision ?? 0) + 1;
      entries.set(meta.id, { meta: { ...meta, revision }, data });
      return Promise.resolve();
    },
    rename(id, name) {
      const e = entries.get(id);
      if (!e) return Promise.reject(gone(id));
      const meta = { ...e.meta, name };
      entries.set(id, { ...e, meta });
      return Promise.resolve(meta);
    },
    remove(id) {
      entries.delete(id);
      return Promise.resolve();
    },
    removeImages(id, indices) {
      const e = entries.get(id);
      if (!e) return Promise.reject(gone(id));
      const left = withoutImages(e.meta, e.data, indices);
      const meta = { ...left.meta, revision: (e.meta.revision ?? 0) + 1 };
      entries.set(id, { meta, data: left.data });
      return Promise.resolve(meta);
    },
    estimate: () => Promise.resolve(null),
  };
}
