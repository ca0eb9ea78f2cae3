/**
 * Backend measurements kept across visits in IndexedDB, so a second visit decides at once. Every failure (no
 * IndexedDB, private mode, a blocked or slow open) reads as "nothing stored": the selector then measures again.
 */
import type { Measured, MeasurementStore } from '../engine/backend/select';

const DB = 'cnn-playground';
const STORE = 'backend-measurements';
/** An IndexedDB that does not answer in this time is treated as absent. */
const TIMEOUT_MS = 400;

function withTimeout<T>(p: Promise<T>, fallback: T): Promise<T> {
  return Promise.race([p, new Promise<T>((resolve) => setTimeout(() => resolve(fallback), TIMEOUT_MS))]);
}

function openDb(): Promise<IDBDatabase | null> {
  return new Promise((resolve) => {
    if (typeof indexedDB === 'undefined') return resolve(null);
    try {
      const req = indexedDB.open(DB, 1);
      req.onupgradeneeded = () => {
        if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE);
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => resolve(null);
      req.onblocked = () => resolve(null);
    } catch {
      resolve(null);
    }
  });
}

function request<T>(
  db: IDBDatabase,
  mode: IDBTransactionMode,
  run: (s: IDBObjectStore) => IDBRequest,
): Promise<T | null> {
  return new Promise((resolve) => {
    try {
      const req = run(db.transaction(STORE, mode).objectStore(STORE));
      req.onsuccess = () => resolve((req.result as T | undefined) ?? null);
      req.onerror = () => resolve(null);
    } catch {
      resolve(null);
    }
  });
}

export function createIdbMeasurementStore(): MeasurementStore {
  let db: Promise<IDBDatabase | null> | null = null;
  const open = (): Promise<IDBDatabase | null> => (db ??= withTimeout(openDb(), null));
  return {
    async get(key) {
      const d = await open();
      if (!d) return null;
      return withTimeout(
        request<readonly Measured[]>(d, 'readonly', (s) => s.get(key)),
        null,
      );
    },
    async set(key, measured) {
      const d = await open();
      if (!d) return;
      await withTimeout(
        request(d, 'readwrite', (s) =>
          s.put(
            measured.map((m) => ({ ...m })),
            key,
          ),
        ),
        null,
      );
    },
  };
}
