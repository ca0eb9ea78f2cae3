import { afterEach, describe, expect, it, vi } from 'vitest';
import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { DatasetStoreError, openUserDatasetStore } from './store';
import { makeUserDataset } from './testing';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const open = (
  idb = new IDBFactory(),
  estimate = () => Promise.resolve({ usage: 10_485_760, quota: 15_728_640 }),
) => openUserDatasetStore({ idb, estimate });

describe('user dataset store', () => {
  it('keeps a dataset as structured clones: the pixels come back as the same Uint8Array bytes', async () => {
    // Dedicated workers have no window or document: the store must not need them (this test runs in Node).
    expect(typeof window).toBe('undefined');
    const s = await open();
    const { meta, data } = makeUserDataset({ shape: [3, 3, 3], classes: 3, count: 12 });
    await s.put(meta, data);
    const got = await s.get(meta.id);
    expect(got?.data.images).toBeInstanceOf(Uint8Array);
    expect(Array.from(got?.data.images ?? [])).toEqual(Array.from(data.images));
    expect(got?.data.names).toEqual(data.names);
    expect(got?.meta).toEqual({ ...meta, revision: 1 });
    expect(await s.get('user-other')).toBeNull();
  });

  it('lists the datasets oldest first, metadata only', async () => {
    const s = await open();
    await s.put(...pair(makeUserDataset({ id: 'user-b', createdAt: 20 })));
    await s.put(...pair(makeUserDataset({ id: 'user-a', createdAt: 30 })));
    await s.put(...pair(makeUserDataset({ id: 'user-c', createdAt: 10 })));
    const list = await s.list();
    expect(list.map((m) => m.id)).toEqual(['user-c', 'user-b', 'user-a']);
    expect(list[0]).not.toHaveProperty('images');
  });

  it('survives a reload (a new connection to the same database)', async () => {
    const idb = new IDBFactory();
    const s = await open(idb);
    const { meta, data } = makeUserDataset();
    await s.put(meta, data);
    s.close();
    await expect(s.list()).rejects.toThrow(/closed/);
    const again = await open(idb);
    expect((await again.list()).map((m) => m.name)).toEqual(['test images']);
  });

  it('counts the writes in revision, whatever the caller passes', async () => {
    const s = await open();
    const { meta, data } = makeUserDataset();
    await s.put({ ...meta, revision: 40 }, data);
    await s.put(meta, data);
    expect((await s.list())[0]?.revision).toBe(2);
    expect((await s.removeImages(meta.id, [0])).revision).toBe(3);
    expect((await s.rename(meta.id, 'new')).revision).toBe(3);
  });

  it('removes images and recounts classes, counts and bytes, in both parts', async () => {
    const s = await open();
    const { meta, data } = makeUserDataset(); // classes alternate, images 4 and 9 are test images
    await s.put(meta, data);
    const next = await s.removeImages(meta.id, [4, 0, 2]);
    expect(next.perClass).toEqual({ train: [2, 4], test: [0, 1] });
    expect(next.counts).toEqual({ train: 6, test: 1 });
    expect(next.bytes).toBeLessThan(meta.bytes);
    const got = await s.get(meta.id);
    expect(got?.meta).toEqual(next);
    expect(got?.data.count).toBe(7);
    expect(got?.data.names[0]).toBe('c1/1.png');
    expect(Array.from(got?.data.images.subarray(0, 4) ?? [])).toEqual([7, 8, 9, 10]);
  });

  it('removeImages with an index outside the data changes nothing', async () => {
    const s = await open();
    const { meta, data } = makeUserDataset();
    await s.put(meta, data);
    await expect(s.removeImages(meta.id, [1, 99])).rejects.toThrow(/image 99/);
    expect((await s.get(meta.id))?.data.count).toBe(10);
  });

  it('renames, trimming the name; an empty name is refused', async () => {
    const s = await open();
    const { meta, data } = makeUserDataset();
    await s.put(meta, data);
    expect((await s.rename(meta.id, '  cats and dogs ')).name).toBe('cats and dogs');
    expect((await s.list())[0]?.name).toBe('cats and dogs');
    await expect(s.rename(meta.id, '  ')).rejects.toThrow(/needs a name/);
  });

  it('says a dataset is gone when renaming or editing one that is not there', async () => {
    const s = await open();
    for (const p of [s.rename('user-gone', 'x'), s.removeImages('user-gone', [0])]) {
      await expect(p).rejects.toBeInstanceOf(DatasetStoreError);
      await expect(p).rejects.toMatchObject({
        code: 'notFound',
        message: expect.stringMatching(/user-gone is not in this browser any more/),
      });
    }
  });

  it('deletes both parts', async () => {
    const s = await open();
    const { meta, data } = makeUserDataset();
    await s.put(meta, data);
    await s.remove(meta.id);
    expect(await s.get(meta.id)).toBeNull();
    expect(await s.list()).toEqual([]);
  });

  it('refuses parts that do not belong together', async () => {
    const s = await open();
    const { meta, data } = makeUserDataset();
    await expect(s.put(meta, { ...data, id: 'user-other' })).rejects.toThrow(TypeError);
    await expect(s.put(meta, { ...data, names: [] })).rejects.toThrow(/do not all hold 10 images/);
    expect(await s.list()).toEqual([]);
  });
});

describe('user dataset store when space runs out', () => {
  const quota = (): DOMException => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

  it('writes nothing when the pixels do not fit, and says how many MB were needed and how many are free', async () => {
    const s = await open();
    const big = makeUserDataset({ shape: [32, 32, 3], count: 1000 }); // 3,072,000 bytes of pixels
    const realPut = IDBObjectStore.prototype.put;
    // The meta is written first; the pixels are refused, as a browser refuses the large value.
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
      if (this.name === 'data') throw quota();
      return realPut.apply(this, args);
    });
    const put = s.put(big.meta, big.data);
    await expect(put).rejects.toBeInstanceOf(DatasetStoreError);
    await expect(put).rejects.toMatchObject({
      code: 'quota',
      message: expect.stringMatching(
        /^Not enough space in this browser to keep "test images": it needs about 3\.0 MB, and about 5\.0 MB are free\./,
      ),
    });
    const e = (await put.catch((x: unknown) => x)) as DatasetStoreError;
    expect(e.neededBytes).toBeGreaterThan(3_072_000);
    vi.restoreAllMocks();
    expect(await s.list()).toEqual([]); // one transaction: the meta went too
  });

  it('leaves out the free space when the browser does not say', async () => {
    const s = await openUserDatasetStore({
      idb: new IDBFactory(),
      estimate: () => Promise.resolve(undefined),
    });
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw quota();
    });
    const { meta, data } = makeUserDataset();
    await expect(s.put(meta, data)).rejects.toThrow(/it needs about 0\.1 MB\. Delete a dataset/);
    expect(await s.estimate()).toBeNull();
  });

  it('reports usage and quota', async () => {
    const s = await open();
    expect(await s.estimate()).toEqual({ usage: 10_485_760, quota: 15_728_640 });
  });
});

describe('user dataset store without IndexedDB', () => {
  it('is unavailable, with the reason, when the browser has none', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const p = openUserDatasetStore();
    await expect(p).rejects.toMatchObject({
      code: 'unavailable',
      message: 'Your own datasets cannot be kept in this browser: this browser offers no IndexedDB storage.',
    });
  });

  it('is unavailable in private mode', async () => {
    const idb = {
      open: () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    } as unknown as IDBFactory;
    await expect(openUserDatasetStore({ idb })).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/private mode/),
    });
  });

  it('is unavailable when opening never answers', async () => {
    const idb = { open: () => ({}) } as unknown as IDBFactory;
    await expect(openUserDatasetStore({ idb, openTimeoutMs: 20 })).rejects.toThrow(/did not answer within/);
  });

  it('leaves a newer version’s database alone', async () => {
    const idb = new IDBFactory();
    await new Promise<void>((resolve) => {
      const req = idb.open('cnn-playground-datasets', 2);
      req.onupgradeneeded = () => req.result.createObjectStore('meta', { keyPath: 'id' });
      req.onsuccess = () => {
        req.result.close();
        resolve();
      };
    });
    await expect(openUserDatasetStore({ idb })).rejects.toThrow(/newer version of the playground/);
  });
});

function pair<T extends { meta: unknown; data: unknown }>(x: T): [T['meta'], T['data']] {
  return [x.meta, x.data];
}
