/**
 * The user's own datasets in this browser's IndexedDB ('cnn-playground-datasets'), as structured clones (pixels as
 * Uint8Array, never data URLs). Two object stores keyed by id: 'meta' (small; what the page lists) and 'data' (the
 * pixels; read by the training worker). Every write touches both in one transaction, so a dataset is never half
 * there. Works in the page and in dedicated workers: it uses only IndexedDB and navigator.storage, no window or
 * document. Nothing here goes over the network.
 *
 * Failures are DatasetStoreErrors with a sentence for the user: 'unavailable' when there is no IndexedDB or it will
 * not open (private mode, a newer version's database, no answer), 'quota' with the megabytes a write needed,
 * 'notFound' for a dataset that is gone, 'failed' otherwise.
 */
import type { UserDatasetId } from '../../engine/data/types';
import { isUserDatasetId } from '../../engine/data/types';
import type { UserDatasetData, UserDatasetMeta } from '../../engine/data/userDataset';
import { userDatasetBytes, withoutImages } from './recount';
import {
  DatasetStoreError,
  errorName,
  notFound,
  openFailureReason,
  quotaMessage,
  readFailure,
  unavailable,
  writeFailure,
} from './storeErrors';
import type { UserDatasetStore } from './types';

export { DatasetStoreError } from './storeErrors';

export const DATASETS_DB_NAME = 'cnn-playground-datasets';
/** An open that has not answered in this time (blocked, a hung browser storage) counts as unavailable. */
export const OPEN_TIMEOUT_MS = 3000;

/**
 * Version 1: object stores 'meta' and 'data', both keyed by `id`. Upgrade path as in app/persistence/runStore.ts:
 * raise DB_VERSION and add an `if (oldVersion < N)` step per version; never delete a store with the user's images.
 */
const DB_VERSION = 1;
const META = 'meta';
const DATA = 'data';

function upgrade(db: IDBDatabase, oldVersion: number): void {
  if (oldVersion < 1) {
    db.createObjectStore(META, { keyPath: 'id' });
    db.createObjectStore(DATA, { keyPath: 'id' });
  }
}

export interface UserDatasetStoreOptions {
  readonly dbName?: string;
  /** The IndexedDB to use; the global one when absent (tests pass fake-indexeddb's). */
  readonly idb?: IDBFactory;
  readonly openTimeoutMs?: number;
  /** Usage and quota; navigator.storage.estimate when absent. */
  readonly estimate?: () => Promise<{ usage?: number; quota?: number } | undefined>;
}

/** The store, plus letting go of the database (a test's "reload", a worker that is done). */
export type OpenUserDatasetStore = UserDatasetStore & { close(): void };

function openDb(idb: IDBFactory, name: string, timeoutMs: number): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (v: IDBDatabase | DatasetStoreError): void => {
      if (settled) {
        if (!(v instanceof DatasetStoreError)) v.close();
        return;
      }
      settled = true;
      clearTimeout(timer);
      if (v instanceof DatasetStoreError) reject(v);
      else resolve(v);
    };
    const timer = setTimeout(
      () => finish(unavailable(`the browser's storage did not answer within ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
    let req: IDBOpenDBRequest;
    try {
      req = idb.open(name, DB_VERSION);
    } catch (e) {
      finish(unavailable(openFailureReason(e), e));
      return;
    }
    req.onupgradeneeded = (ev) => upgrade(req.result, ev.oldVersion);
    req.onsuccess = () => finish(req.result);
    req.onerror = (ev) => {
      ev.preventDefault();
      finish(unavailable(openFailureReason(req.error), req.error));
    };
  });
}

type Stores = { meta: IDBObjectStore; data: IDBObjectStore };

/**
 * One transaction over both stores. `body` gets the stores and `abort(e)`, which rolls everything back and rejects
 * with `e`; the promise resolves with `result()` once the transaction has committed.
 */
function transact<R>(
  db: IDBDatabase,
  mode: IDBTransactionMode,
  body: (s: Stores, abort: (e: unknown) => void) => void,
  result: () => R,
  fail: (e: unknown) => Error,
): Promise<R> {
  return new Promise((resolve, reject) => {
    let own: unknown = null;
    let tx: IDBTransaction;
    try {
      tx = db.transaction([META, DATA], mode);
    } catch (e) {
      reject(fail(e));
      return;
    }
    const abort = (e: unknown): void => {
      own ??= e;
      try {
        tx.abort();
      } catch {
        // already finished
      }
    };
    tx.oncomplete = () => resolve(result());
    tx.onabort = () =>
      reject(fail(own ?? tx.error ?? new DOMException('The transaction was aborted.', 'AbortError')));
    try {
      body({ meta: tx.objectStore(META), data: tx.objectStore(DATA) }, abort);
    } catch (e) {
      abort(e);
    }
  });
}

/** The request's result in `then`; an exception there aborts the transaction. */
function onResult<T>(req: IDBRequest, abort: (e: unknown) => void, then: (v: T | undefined) => void): void {
  req.onsuccess = () => {
    try {
      then(req.result as T | undefined);
    } catch (e) {
      abort(e);
    }
  };
}

function checkPair(meta: UserDatasetMeta, data: UserDatasetData): void {
  const [h, w, c] = meta.shape;
  const n = data.count;
  if (!isUserDatasetId(meta.id) || meta.id !== data.id)
    throw new TypeError(`a user dataset needs one user-… id for both parts, got ${meta.id} and ${data.id}`);
  if (
    data.images.length !== n * h * w * c ||
    data.labels.length !== n ||
    data.split.length !== n ||
    data.names.length !== n
  )
    throw new TypeError(`${meta.name}: the pixels, labels, split and names do not all hold ${n} images`);
}

async function browserEstimate(): Promise<{ usage?: number; quota?: number } | undefined> {
  const storage = (globalThis as { navigator?: { storage?: StorageManager } }).navigator?.storage;
  return storage?.estimate ? storage.estimate() : undefined;
}

/** Opens the datasets' database; rejects with an 'unavailable' DatasetStoreError saying why when it cannot. */
export async function openUserDatasetStore(
  opts: UserDatasetStoreOptions = {},
): Promise<OpenUserDatasetStore> {
  const idb = opts.idb ?? (typeof indexedDB === 'undefined' ? undefined : indexedDB);
  if (!idb) throw unavailable('this browser offers no IndexedDB storage');
  const name = opts.dbName ?? DATASETS_DB_NAME;
  const timeout = opts.openTimeoutMs ?? OPEN_TIMEOUT_MS;
  const estimateOf = opts.estimate ?? browserEstimate;

  let closed = false;
  let db: Promise<IDBDatabase> | null = null;
  const connect = (first: IDBDatabase | null): Promise<IDBDatabase> => {
    const p = first ? Promise.resolve(first) : openDb(idb, name, timeout);
    void p.then(
      (d) =>
        // A newer version opening in another tab waits for this connection: let go; the next call opens again.
        (d.onversionchange = () => {
          d.close();
          db = null;
        }),
      () => (db = null),
    );
    return p;
  };
  db = connect(await openDb(idb, name, timeout));
  const run = async <R>(
    mode: IDBTransactionMode,
    body: (s: Stores, abort: (e: unknown) => void) => void,
    result: () => R,
    fail: (e: unknown) => Error = readFailure,
  ): Promise<R> => {
    if (closed) throw new DatasetStoreError('failed', 'The datasets store was closed.');
    db ??= connect(null);
    return transact(await db, mode, body, result, fail);
  };

  const store: OpenUserDatasetStore = {
    list() {
      let rows: UserDatasetMeta[] = [];
      return run(
        'readonly',
        (s, abort) => onResult<UserDatasetMeta[]>(s.meta.getAll(), abort, (r) => (rows = r ?? [])),
        () => [...rows].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1)),
      );
    },

    get(id) {
      let meta: UserDatasetMeta | undefined;
      let data: UserDatasetData | undefined;
      return run(
        'readonly',
        (s, abort) => {
          onResult<UserDatasetMeta>(s.meta.get(id), abort, (m) => (meta = m));
          onResult<UserDatasetData>(s.data.get(id), abort, (d) => (data = d));
        },
        () => {
          if (!meta) return null;
          if (!data) throw new DatasetStoreError('failed', `The images of "${meta.name}" are missing.`);
          return { meta, data };
        },
      );
    },

    async put(meta, data) {
      checkPair(meta, data);
      let stored: UserDatasetMeta | null = null;
      try {
        await run(
          'readwrite',
          (s, abort) =>
            onResult<UserDatasetMeta>(s.meta.get(meta.id), abort, (old) => {
              stored = { ...meta, revision: (old?.revision ?? 0) + 1 };
              s.meta.put(stored);
              s.data.put(data);
            }),
          () => undefined,
          (e) => e as Error,
        );
      } catch (e) {
        if (errorName(e) !== 'QuotaExceededError') throw writeFailure(`"${meta.name}"`, e);
        const needed = userDatasetBytes(data) + JSON.stringify(meta).length * 2;
        const estimate = await store.estimate();
        throw new DatasetStoreError('quota', quotaMessage(meta.name, needed, estimate), {
          cause: e,
          neededBytes: needed,
        });
      }
    },

    rename(id, newName) {
      const trimmed = newName.trim();
      if (trimmed === '') return Promise.reject(new DatasetStoreError('failed', 'A dataset needs a name.'));
      let renamed: UserDatasetMeta | null = null;
      return run(
        'readwrite',
        (s, abort) =>
          onResult<UserDatasetMeta>(s.meta.get(id), abort, (m) => {
            if (!m) return abort(notFound(id));
            renamed = { ...m, name: trimmed };
            s.meta.put(renamed);
          }),
        () => renamed as unknown as UserDatasetMeta,
        (e) => writeFailure('The new name', e),
      );
    },

    remove: (id) =>
      run(
        'readwrite',
        (s) => {
          s.meta.delete(id);
          s.data.delete(id);
        },
        () => undefined,
        (e) => writeFailure('The deletion', e),
      ),

    removeImages(id: UserDatasetId, indices) {
      let next: UserDatasetMeta | null = null;
      return run(
        'readwrite',
        (s, abort) => {
          let meta: UserDatasetMeta | undefined;
          onResult<UserDatasetMeta>(s.meta.get(id), abort, (m) => (meta = m));
          // Requests of one transaction answer in order: the meta is known when the data arrives.
          onResult<UserDatasetData>(s.data.get(id), abort, (data) => {
            if (!meta || !data) return abort(notFound(id));
            const left = withoutImages(meta, data, indices);
            next = { ...left.meta, revision: (meta.revision ?? 0) + 1 };
            s.meta.put(next);
            s.data.put(left.data);
          });
        },
        () => next as unknown as UserDatasetMeta,
        (e) => writeFailure('The change', e),
      );
    },

    async estimate() {
      try {
        const e = await estimateOf();
        return typeof e?.usage === 'number' && typeof e.quota === 'number'
          ? { usage: e.usage, quota: e.quota }
          : null;
      } catch {
        return null;
      }
    },

    close() {
      closed = true;
      void db?.then((d) => d.close()).catch(() => undefined);
    },
  };
  return store;
}
