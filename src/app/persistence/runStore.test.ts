import { afterEach, describe, expect, it, vi } from 'vitest';
import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import type { RunRecord } from '../../engine/runs/record';
import { openRunStore, RunStoreError, type RunStore, type StorableRun } from './runStore';
import { memoryRunStore } from './runStoreMemory';

interface Rec extends StorableRun {
  readonly name: string;
  /** Typed arrays and nesting survive a structured clone, not a JSON round trip. */
  readonly curve: Float32Array;
  readonly hyper: { readonly lr: number; readonly labels: readonly number[] };
}

const rec = (id: string, createdAt: number, pinned = false, name = id): Rec => ({
  id,
  createdAt,
  pinned,
  name,
  curve: new Float32Array([createdAt, 0.5]),
  hyper: { lr: 0.01, labels: [1, 2] },
});
const ids = (rs: readonly StorableRun[]): string[] => rs.map((r) => r.id);

// The store must take the project's RunRecord as it is (a compile-time check, by tsc).
export type _TakesRunRecord = RunStore<RunRecord>;

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const kinds: readonly [string, (cap: number) => Promise<RunStore<Rec>>][] = [
  ['IndexedDB', (cap) => openRunStore<Rec>({ idb: new IDBFactory(), cap })],
  ['memory', (cap) => Promise.resolve(memoryRunStore<Rec>(cap))],
];

describe.each(kinds)('run store (%s)', (kind, open) => {
  it('is persistent only on IndexedDB', async () => {
    const s = await open(5);
    expect(s.persistent).toBe(kind === 'IndexedDB');
    if (kind === 'IndexedDB') expect(s.error).toBeNull();
  });

  it('lists oldest first by createdAt, as structured clones', async () => {
    const s = await open(10);
    // Ids in another order than the times, so an order by id would show; equal times go in id order.
    await s.put(rec('a', 30));
    await s.put(rec('c', 10));
    await s.put(rec('d', 20));
    await s.put(rec('b', 20));
    const list = await s.list();
    expect(ids(list)).toEqual(['c', 'b', 'd', 'a']);
    expect(await s.count()).toBe(4);
    expect(list[0]?.curve).toBeInstanceOf(Float32Array);
    expect(Array.from(list[0]?.curve ?? [])).toEqual([10, 0.5]);
    expect(list[0]?.hyper).toEqual({ lr: 0.01, labels: [1, 2] });
  });

  it('keeps a copy: changing the record after put does not change what is stored', async () => {
    const s = await open(10);
    const r = rec('a', 1);
    await s.put(r);
    r.curve[0] = 99;
    expect((await s.list())[0]?.curve[0]).toBe(1);
  });

  it('replaces a record with the same id', async () => {
    const s = await open(10);
    await s.put(rec('a', 1, false, 'first'));
    await s.put(rec('b', 2));
    const { dropped } = await s.put(rec('a', 1, true, 'renamed'));
    expect(dropped).toEqual([]);
    expect(await s.count()).toBe(2);
    const a = (await s.list()).find((r) => r.id === 'a');
    expect(a?.name).toBe('renamed');
    expect(a?.pinned).toBe(true);
  });

  it('drops the oldest unpinned records beyond the cap and reports them', async () => {
    const s = await open(3);
    await s.put(rec('p1', 1, true));
    await s.put(rec('u9', 2));
    await s.put(rec('u8', 3));
    const first = await s.put(rec('u7', 4));
    expect(ids(first.dropped)).toEqual(['u9']);
    expect(first.dropped[0]?.name).toBe('u9');
    const second = await s.put(rec('u6', 5));
    expect(ids(second.dropped)).toEqual(['u8']);
    expect(ids(await s.list())).toEqual(['p1', 'u7', 'u6']);
  });

  it('never drops a pinned record, even when that leaves the store over its cap', async () => {
    const s = await open(2);
    await s.put(rec('p1', 1, true));
    await s.put(rec('p2', 2, true));
    // Every older record is pinned and the new one is never dropped: the store goes over its cap (3 > 2) and
    // put reports nothing dropped, because nothing was.
    const { dropped } = await s.put(rec('u3', 3));
    expect(dropped).toEqual([]);
    expect(await s.count()).toBe(3);
    // The next unpinned record makes u3 the oldest unpinned one: it goes, the pinned ones stay.
    expect(ids((await s.put(rec('u4', 4))).dropped)).toEqual(['u3']);
    expect(ids(await s.list())).toEqual(['p1', 'p2', 'u4']);
  });

  it('never drops the record it was just given, even when it is the oldest', async () => {
    const s = await open(2);
    await s.put(rec('b', 20));
    await s.put(rec('c', 30));
    const { dropped } = await s.put(rec('a', 10));
    expect(ids(dropped)).toEqual(['b']);
    expect(ids(await s.list())).toEqual(['a', 'c']);
  });

  it('removes one record and clears them all', async () => {
    const s = await open(10);
    await s.put(rec('a', 1));
    await s.put(rec('b', 2));
    await s.remove('a');
    await s.remove('missing');
    expect(ids(await s.list())).toEqual(['b']);
    await s.clear();
    expect(await s.count()).toBe(0);
  });

  it('refuses a record the browser cannot store, with a message', async () => {
    const s = await open(10);
    const bad = { ...rec('a', 1), fn: () => 1 } as unknown as Rec;
    await expect(s.put(bad)).rejects.toThrow(/^The run could not be saved: it holds a value/);
    expect(await s.count()).toBe(0);
  });
});

describe('run store on IndexedDB across reloads', () => {
  it('gives back the records when the same database is opened again', async () => {
    const idb = new IDBFactory();
    const before = await openRunStore<Rec>({ idb, dbName: 'runs-test' });
    await before.put(rec('a', 1));
    await before.put(rec('b', 2, true));
    before.close();
    const after = await openRunStore<Rec>({ idb, dbName: 'runs-test' });
    expect(after.persistent).toBe(true);
    const list = await after.list();
    expect(ids(list)).toEqual(['a', 'b']);
    expect(list[1]?.pinned).toBe(true);
    expect(list[0]?.curve).toBeInstanceOf(Float32Array);
    const other = await openRunStore<Rec>({ idb, dbName: 'other-runs' });
    expect(await other.count()).toBe(0);
  });

  it('lets go of the database when a newer version opens it in another tab, and says so', async () => {
    const idb = new IDBFactory();
    const s = await openRunStore<Rec>({ idb, dbName: 'runs-test' });
    await s.put(rec('a', 1));
    const newer = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = idb.open('runs-test', 2);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(new Error(String(req.error)));
    });
    newer.close();
    await expect(s.list()).rejects.toMatchObject({ code: 'closed', message: /newer version.*reload/ });
  });
});

describe('run store fallback to memory', () => {
  it('keeps runs in memory, with the reason, when opening throws', async () => {
    const idb = {
      open: () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    } as unknown as IDBFactory;
    const s = await openRunStore<Rec>({ idb });
    expect(s.persistent).toBe(false);
    expect(s.error).toMatch(/private mode/);
    await s.put(rec('a', 1));
    expect(ids(await s.list())).toEqual(['a']);
  });

  it('keeps runs in memory when the database was written by a newer version, and leaves it alone', async () => {
    const idb = new IDBFactory();
    await new Promise<void>((resolve) => {
      const req = idb.open('runs-test', 2);
      req.onupgradeneeded = () => req.result.createObjectStore('runs', { keyPath: 'id' }).put(rec('kept', 1));
      req.onsuccess = () => {
        req.result.close();
        resolve();
      };
    });
    const s = await openRunStore<Rec>({ idb, dbName: 'runs-test' });
    expect(s.persistent).toBe(false);
    expect(s.error).toMatch(/newer version of the playground/);
    expect(await s.count()).toBe(0);
    const count = await new Promise<number>((resolve) => {
      const req = idb.open('runs-test', 2);
      req.onsuccess = () => {
        const c = req.result.transaction('runs').objectStore('runs').count();
        c.onsuccess = () => resolve(c.result);
      };
    });
    expect(count).toBe(1);
  });

  it('keeps runs in memory when opening never answers', async () => {
    const idb = { open: () => ({}) } as unknown as IDBFactory;
    const s = await openRunStore<Rec>({ idb, openTimeoutMs: 20 });
    expect(s.persistent).toBe(false);
    expect(s.error).toMatch(/did not answer/);
  });

  it('keeps runs in memory when the browser has no IndexedDB', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const s = await openRunStore<Rec>();
    expect(s.persistent).toBe(false);
    expect(s.error).toMatch(/no IndexedDB/);
  });

  it('refuses a cap that is not a whole number of at least 1', async () => {
    await expect(openRunStore({ cap: 0, idb: new IDBFactory() })).rejects.toThrow(RangeError);
  });
});

describe('run store when the browser storage is full', () => {
  const quota = (): DOMException => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  type Internal = {
    transaction: { _execRequestAsync(r: { operation: () => never; source: unknown }): IDBRequest };
  };

  it.each([
    [
      // As browsers report it: the write's request fails and the transaction aborts with QuotaExceededError.
      // fake-indexeddb has no quota, so its internal request queue is handed a failing operation.
      'the transaction aborts',
      function (this: IDBObjectStore) {
        return (this as unknown as Internal).transaction._execRequestAsync({
          operation: () => {
            throw quota();
          },
          source: this,
        });
      },
    ],
    [
      'put throws',
      function (): IDBRequest {
        throw quota();
      },
    ],
  ])('rejects with a clear message when %s, and keeps what was stored', async (_how, failingPut) => {
    const s = await openRunStore<Rec>({ idb: new IDBFactory(), cap: 2 });
    await s.put(rec('a', 1));
    await s.put(rec('b', 2));
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(failingPut);
    const put = s.put(rec('c', 3));
    await expect(put).rejects.toBeInstanceOf(RunStoreError);
    await expect(put).rejects.toMatchObject({
      code: 'storageFull',
      message: expect.stringMatching(/^The browser's storage is full: the run was not saved/),
    });
    vi.restoreAllMocks();
    expect(ids(await s.list())).toEqual(['a', 'b']);
  });
});
