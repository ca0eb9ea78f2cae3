/**
 * The augmentation remembered per dataset (store/augmentSlice.ts), from an autosave. Every entry is checked on its
 * own: a bad one (not a dataset id, damaged settings) is dropped and named with its field path, the others are kept.
 */
import type { AugmentSettings } from '../../engine/data/augment';
import { isDatasetId } from '../../engine/data/types';
import { parseAugment } from './settings';

export interface BadEntry {
  readonly label: string;
  readonly reason: string;
}

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** A key as it may be shown: short, quoted. */
const shown = (key: string): string => JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key);

export function restoreAugmentByDataset(x: unknown): {
  readonly value: Record<string, AugmentSettings>;
  readonly bad: readonly BadEntry[];
} {
  if (!isObject(x))
    return {
      value: {},
      bad: [{ label: 'Augmentation of the other datasets', reason: 'augmentByDataset: expected an object' }],
    };
  const value: Record<string, AugmentSettings> = {};
  const bad: BadEntry[] = [];
  for (const [key, entry] of Object.entries(x)) {
    // Dataset ids are not plain names ("fashion-mnist"): the field path is the map's, the entry is named after it.
    const label = `Augmentation of ${shown(key)}`;
    if (!isDatasetId(key)) {
      bad.push({ label, reason: `augmentByDataset: ${shown(key)} is not a dataset` });
      continue;
    }
    const r = parseAugment(entry);
    if (r.ok) value[key] = r.value;
    else
      bad.push({
        label,
        reason: `augmentByDataset: ${shown(key)} ${r.reason.replace(/^hyper\.augment/, 'augment')}`,
      });
  }
  return { value, bad };
}
