/** The runs in memory: the fallback when IndexedDB will not open, with the same behaviour (clones, order, cap). */
import type { RunStore, StorableRun } from './runStore';
import { writeFailure } from './runStoreErrors';

const byAge = (a: StorableRun, b: StorableRun): number =>
  a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The records the cap drops from `oldestFirst` (all records, oldest first): the oldest unpinned ones, never
 * `keepId`, until at most `cap` are left — or fewer dropped when only pinned records (and `keepId`) remain.
 */
function overCap<T extends StorableRun>(oldestFirst: readonly T[], cap: number, keepId: string): T[] {
  let excess = oldestFirst.length - cap;
  const dropped: T[] = [];
  for (const r of oldestFirst) {
    if (excess <= 0) break;
    if (r.pinned === true || r.id === keepId) continue;
    dropped.push(r);
    excess--;
  }
  return dropped;
}

/** `error`: why the runs are not persistent (null in tests that use the memory store on purpose). */
export function memoryRunStore<T extends StorableRun>(cap: number, error: string | null = null): RunStore<T> {
  const runs = new Map<string, T>();
  const sorted = (): T[] => [...runs.values()].sort(byAge);
  return {
    persistent: false,
    error,
    cap,
    list: () => Promise.resolve(sorted().map((r) => structuredClone(r))),
    put(record) {
      let copy: T;
      try {
        copy = structuredClone(record);
      } catch (e) {
        return Promise.reject(writeFailure(e));
      }
      runs.set(copy.id, copy);
      const dropped = overCap(sorted(), cap, copy.id);
      for (const r of dropped) runs.delete(r.id);
      return Promise.resolve({ dropped });
    },
    remove: (id) => Promise.resolve(void runs.delete(id)),
    clear: () => Promise.resolve(runs.clear()),
    count: () => Promise.resolve(runs.size),
    close: () => undefined,
  };
}
