/**
 * The runs, kept across reloads in IndexedDB as structured clones (curves included, no JSON text). The store is
 * capped: past `cap` records, the oldest unpinned ones go, and `put` says which, so the UI can tell the user —
 * saved work is never dropped silently. Pinned records are never dropped, even when that leaves the store over
 * its cap.
 *
 * When IndexedDB is missing or will not open (private mode, site data blocked, a newer version's database, no
 * answer), the store keeps the runs in memory instead: `persistent` is false and `error` says why, for a line such
 * as "Runs are kept only until reload: <error>". A write the browser refuses rejects with a RunStoreError whose
 * message says so (a full storage reads "The browser's storage is full: …"); nothing is lost without a word.
 *
 * Generic over the record so it depends only on `id`, `createdAt` and `pinned` (RunRecord in engine/runs/record.ts
 * has them). Its own database, not backendStore's 'cnn-playground': that one is already at version 1 without this
 * object store, and opening it at version 1 would never create it.
 */
import { errorText, openFailureReason, RunStoreError, writeFailure } from './runStoreErrors';
import { memoryRunStore } from './runStoreMemory';

export { RunStoreError } from './runStoreErrors';
export type { RunStoreErrorCode } from './runStoreErrors';

/** What the store needs of a record. */
export interface StorableRun {
  readonly id: string;
  /** ms since the epoch; the order of `list` and of dropping. */
  readonly createdAt: number;
  /** Pinned records are never dropped by the cap. */
  readonly pinned: boolean;
}

export const RUNS_DB_NAME = 'cnn-playground-runs';
export const DEFAULT_RUN_CAP = 200;
/** An open that has not answered in this time (blocked, a hung browser storage) falls back to memory. */
export const OPEN_TIMEOUT_MS = 3000;

/**
 * Version 1: object store 'runs' keyed by `id`, index 'createdAt' on `createdAt`.
 * Upgrade path: raise DB_VERSION and add a step `if (oldVersion < N) { … }` to `upgrade` for each new version, in
 * order, so a visitor several versions behind runs every step inside the one upgrade transaction. A change to the
 * record's shape is a step that rewrites the records with a cursor on `tx.objectStore(STORE)` (or a reader that
 * accepts both shapes), never a deleted store. An older page meeting a newer database gets a VersionError and falls
 * back to memory, leaving the newer records alone.
 */
const DB_VERSION = 1;
const STORE = 'runs';
const BY_CREATED = 'createdAt';

function upgrade(db: IDBDatabase, oldVersion: number): void {
  if (oldVersion < 1) {
    db.createObjectStore(STORE, { keyPath: 'id' }).createIndex(BY_CREATED, 'createdAt');
  }
}

export interface RunStore<T extends StorableRun> {
  /** False when the runs live only in memory (until reload); `error` then says why. */
  readonly persistent: boolean;
  /** Why the runs are not persistent, in plain English, lower case (null when they are). */
  readonly error: string | null;
  readonly cap: number;
  /** Every record, oldest first by createdAt (then by id). */
  list(): Promise<T[]>;
  /**
   * Inserts the record, or replaces the one with its id, then drops the oldest unpinned records beyond the cap
   * (never this record, never a pinned one) and returns those it dropped.
   */
  put(record: T): Promise<{ dropped: T[] }>;
  remove(id: string): Promise<void>;
  clear(): Promise<void>;
  count(): Promise<number>;
  /** Lets go of the database (a test's "reload", or the page going away). */
  close(): void;
}

export interface RunStoreOptions {
  readonly dbName?: string;
  readonly cap?: number;
  /** The IndexedDB to use; the browser's own when absent (tests pass fake-indexeddb's). */
  readonly idb?: IDBFactory;
  readonly openTimeoutMs?: number;
}

/** The open database, or why there is none. A success after the timeout closes the late connection. */
function openDb(idb: IDBFactory, name: string, timeoutMs: number): Promise<IDBDatabase | { reason: string }> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (v: IDBDatabase | { reason: string }): void => {
      if (settled) {
        if (!('reason' in v)) v.close();
        return;
      }
      settled = true;
      clearTimeout(timer);
      resolve(v);
    };
    const timer = setTimeout(
      () => finish({ reason: `the browser's storage did not answer within ${timeoutMs / 1000} s` }),
      timeoutMs,
    );
    let req: IDBOpenDBRequest;
    try {
      req = idb.open(name, DB_VERSION);
    } catch (e) {
      finish({ reason: openFailureReason(e) });
      return;
    }
    req.onupgradeneeded = (ev) => upgrade(req.result, ev.oldVersion);
    req.onsuccess = () => finish(req.result);
    req.onerror = (ev) => {
      ev.preventDefault();
      finish({ reason: openFailureReason(req.error) });
    };
    // onblocked: another tab holds an older version open; success follows once it closes, or the timeout ends it.
  });
}

/** Runs one transaction; resolves with `result()` once it has committed, rejects with its error otherwise. */
function transact<R>(
  db: IDBDatabase,
  mode: IDBTransactionMode,
  body: (store: IDBObjectStore) => void,
  result: () => R,
  fail: (e: unknown) => Error,
): Promise<R> {
  return new Promise((resolve, reject) => {
    let tx: IDBTransaction;
    try {
      tx = db.transaction(STORE, mode);
    } catch (e) {
      reject(fail(e));
      return;
    }
    tx.oncomplete = () => resolve(result());
    tx.onabort = () =>
      reject(fail(tx.error ?? new DOMException('The transaction was aborted.', 'AbortError')));
    try {
      body(tx.objectStore(STORE));
    } catch (e) {
      reject(fail(e));
      try {
        tx.abort();
      } catch {
        // already finished
      }
    }
  });
}

function idbRunStore<T extends StorableRun>(db: IDBDatabase, cap: number): RunStore<T> {
  let closed: string | null = null;
  // A newer version opening in another tab waits for this connection: let go, and say so on the next call.
  db.onversionchange = () => {
    db.close();
    closed =
      'A newer version of the playground opened the saved runs in another tab: reload this page to use them.';
  };
  const readFailure = (e: unknown): Error =>
    new RunStoreError('failed', `The saved runs could not be read: ${errorText(e)}.`, { cause: e });
  const run = <R>(
    mode: IDBTransactionMode,
    body: (s: IDBObjectStore) => void,
    result: () => R,
    fail: (e: unknown) => Error = readFailure,
  ): Promise<R> =>
    closed !== null
      ? Promise.reject(new RunStoreError('closed', closed))
      : transact(db, mode, body, result, fail);

  return {
    persistent: true,
    error: null,
    cap,
    list() {
      let rows: T[] = [];
      return run(
        'readonly',
        (s) => {
          const req = s.index(BY_CREATED).getAll();
          req.onsuccess = () => (rows = req.result as T[]);
        },
        () => rows,
      );
    },
    put(record) {
      const dropped: T[] = [];
      return run(
        'readwrite',
        (s) => {
          s.put(record);
          const counted = s.count();
          counted.onsuccess = () => {
            let excess = counted.result - cap;
            if (excess <= 0) return;
            // Oldest first; equal createdAt in id order, as list() and the memory store have them.
            const cursor = s.index(BY_CREATED).openCursor();
            cursor.onsuccess = () => {
              const c = cursor.result;
              if (!c) return;
              const r = c.value as T;
              if (r.pinned !== true && r.id !== record.id) {
                dropped.push(r);
                c.delete();
                excess--;
              }
              if (excess > 0) c.continue();
            };
          };
        },
        () => ({ dropped }),
        writeFailure,
      );
    },
    remove: (id) =>
      run(
        'readwrite',
        (s) => void s.delete(id),
        () => undefined,
        writeFailure,
      ),
    clear: () =>
      run(
        'readwrite',
        (s) => void s.clear(),
        () => undefined,
        writeFailure,
      ),
    count() {
      let n = 0;
      return run(
        'readonly',
        (s) => {
          const req = s.count();
          req.onsuccess = () => (n = req.result);
        },
        () => n,
      );
    },
    close: () => {
      closed ??= 'The saved runs were closed.';
      db.close();
    },
  };
}

/** Opens the runs' store: IndexedDB when it opens, the memory store (with the reason) when it does not. */
export async function openRunStore<T extends StorableRun>(opts: RunStoreOptions = {}): Promise<RunStore<T>> {
  const cap = opts.cap ?? DEFAULT_RUN_CAP;
  if (!Number.isSafeInteger(cap) || cap < 1)
    throw new RangeError(`cap must be a whole number ≥ 1, got ${cap}`);
  const idb = opts.idb ?? (typeof indexedDB === 'undefined' ? undefined : indexedDB);
  if (!idb) return memoryRunStore<T>(cap, 'this browser offers no IndexedDB storage');
  const db = await openDb(idb, opts.dbName ?? RUNS_DB_NAME, opts.openTimeoutMs ?? OPEN_TIMEOUT_MS);
  return 'reason' in db ? memoryRunStore<T>(cap, db.reason) : idbRunStore<T>(db, cap);
}
