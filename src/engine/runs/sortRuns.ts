/** The Runs table's sort: by one column, either way, runs without a value last, ties in their previous order. */
import type { RunRecord } from './record';

export type RunSortKey =
  'name' | 'createdAt' | 'params' | 'flopsPerExample' | 'bestValAccuracy' | 'examplesPerSec' | 'wallTimeMs';
export type SortDirection = 'asc' | 'desc';

export const RUN_SORT_KEYS: readonly RunSortKey[] = [
  'name',
  'createdAt',
  'params',
  'flopsPerExample',
  'bestValAccuracy',
  'examplesPerSec',
  'wallTimeMs',
];

/** "Run 2" before "Run 10", case ignored; the same order on every machine. */
const names = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** A new array sorted by `key` (stable; nulls and NaN last in both directions). */
export function sortRuns(
  records: readonly RunRecord[],
  key: RunSortKey,
  direction: SortDirection,
): RunRecord[] {
  const sign = direction === 'asc' ? 1 : -1;
  if (key === 'name') return [...records].sort((a, b) => sign * names.compare(a.name, b.name));
  const value = (r: RunRecord): number | null => {
    const v = r[key];
    return v === null || Number.isNaN(v) ? null : v;
  };
  return [...records].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null || vb === null) return va === vb ? 0 : va === null ? 1 : -1;
    return va === vb ? 0 : sign * (va < vb ? -1 : 1);
  });
}
