/**
 * Augmentation is remembered per dataset: switching "Dataset" brings back the augmentation last used with that one
 * (off for a dataset not used yet). The map lives in the store and is autosaved (persistence/augmentByDataset.ts reads
 * it back); `followAugmentPerDataset` keeps it. A deleted dataset's entry goes (`dropAugment`).
 */
import type { StateCreator } from 'zustand';
import { DEFAULT_AUGMENT, type AugmentSettings } from '../../engine/data/augment';
import type { AppState } from './types';

export interface AugmentSlice {
  /** The augmentation last used with each dataset but the current one (whose is in hyper.augment), by dataset id. */
  readonly augmentByDataset: Readonly<Record<string, AugmentSettings>>;
  /** Forgets the augmentation of datasets that are gone (deleted, or not in this browser). */
  dropAugment(ids: readonly string[]): void;
}

export const createAugmentSlice: StateCreator<AppState, [], [], AugmentSlice> = (set) => ({
  augmentByDataset: {},
  dropAugment: (ids) =>
    set((s) => {
      if (!ids.some((id) => Object.hasOwn(s.augmentByDataset, id))) return {};
      const gone = new Set(ids);
      return {
        augmentByDataset: Object.fromEntries(
          Object.entries(s.augmentByDataset).filter(([id]) => !gone.has(id)),
        ),
      };
    }),
});

interface Store {
  getState(): AppState;
  setState(patch: Partial<AppState>): void;
  subscribe(listener: (s: AppState, prev: AppState) => void): () => void;
}

/**
 * On a dataset switch, files the old dataset's augmentation and restores the new one's. An update that sets the
 * dataset and the augmentation together (a restored run, a sweep variant) keeps its own.
 */
export function followAugmentPerDataset(store: Store): () => void {
  return store.subscribe((s, prev) => {
    if (s.dataset === prev.dataset || s.hyper.augment !== prev.hyper.augment) return;
    const augmentByDataset = { ...s.augmentByDataset, [prev.dataset]: prev.hyper.augment };
    const augment = augmentByDataset[s.dataset] ?? DEFAULT_AUGMENT;
    // The same settings: the hyperparameters stay the same object (a new one would be sent to the worker as a change).
    if (JSON.stringify(augment) === JSON.stringify(s.hyper.augment)) store.setState({ augmentByDataset });
    else store.setState({ augmentByDataset, hyper: { ...s.hyper, augment } });
  });
}
