/**
 * The app's one store, combined from the slices. `persist` on the combined store autosaves the graph and the
 * settings to localStorage; what comes back from storage is untrusted and is validated field by field.
 */
import { create } from 'zustand';
import { persist, type PersistStorage, type StateStorage } from 'zustand/middleware';
import { createGraphSlice } from './graphSlice';
import { createMetricsSlice } from './metricsSlice';
import { createLabSlice } from './labSlice';
import { createDatasetSlice } from './datasetSlice';
import { createAugmentSlice, followAugmentPerDataset } from './augmentSlice';
import { createTrainingSlice } from './trainingSlice';
import { createUiSlice } from './uiSlice';
import type { AppState } from './types';
import type { Banner } from './types';
import {
  autosaveStorage,
  FORMAT,
  isAutosaveStorage,
  migrateSaved,
  STORAGE_KEY,
  STORAGE_VERSION,
  type Format,
} from '../persistence/autosave';
import { hydrate, writeFailedBanner } from '../persistence/hydrate';
import { IS_EMBED } from '../embed/embedFlag';

export { STORAGE_KEY, STORAGE_VERSION };

const SAVED_KEYS = [
  'graph',
  'ganGraphs',
  'presetId',
  'dataset',
  'hyper',
  'ganHyper',
  'seed',
  'backendPolicy',
  'theme',
  'presenter',
  'collapsedPanels',
  'dockSize',
  'panelPrefs',
  'augmentByDataset',
] as const;
export type Saved = Pick<AppState, (typeof SAVED_KEYS)[number]>;

export function partialize(s: AppState): Saved {
  const saved = Object.fromEntries(SAVED_KEYS.map((k) => [k, s[k]])) as unknown as Saved;
  // During a sweep the editor holds a variant; the user's own work is what is saved.
  if (!s.sweepBase) return saved;
  const { graph, hyper, dataset, seed } = s.sweepBase;
  return { ...saved, graph, hyper, dataset, seed };
}

/** Restores what is valid in the saved state; each bad part is reset (and named in a banner), never trusted. */
export function mergeSaved(saved: unknown, current: AppState): AppState {
  return hydrate(saved, current);
}

const noStorage: StateStorage = {
  getItem: () => null,
  setItem: () => undefined,
  removeItem: () => undefined,
};

/**
 * persist writes on every `set`, and the run's counters change several times a second: skip the write (and its
 * JSON.stringify) unless a saved field changed. The slices are immutable, so reference equality is exact.
 */
export function skipUnchanged(inner: PersistStorage<Saved>): PersistStorage<Saved> {
  let last: Saved | null = null;
  return {
    getItem: (name) => inner.getItem(name),
    setItem: (name, value) => {
      const prev = last;
      if (prev !== null && SAVED_KEYS.every((k) => value.state[k] === prev[k])) return;
      last = value.state;
      return inner.setItem(name, value);
    },
    removeItem: (name) => {
      last = null;
      return inner.removeItem(name);
    },
  };
}

/**
 * A fresh store; tests pass their own storage (or format). The page's reads localStorage through autosaveStorage,
 * which keeps a copy it cannot use aside (hydrate) before persist writes the store back, and reports a write the
 * browser refuses (full storage) in a banner instead of throwing into the update.
 */
export function createAppStore(storage?: PersistStorage<Saved>, format: Format = FORMAT) {
  // A write can fail while the store is still being created (persist writes after a migration): shown once it exists.
  let announce: ((b: Banner) => void) | null = null;
  let early: Banner | null = null;
  const onWriteError = (e: unknown) => {
    const b = writeFailedBanner(e);
    if (announce) announce(b);
    else early = b;
  };
  const inner =
    storage ??
    // The embedded view (?embed=1) neither reads nor writes the autosave: it shows its link's network, and cannot
    // overwrite the user's own work in this browser.
    (autosaveStorage(() => (IS_EMBED || typeof localStorage === 'undefined' ? noStorage : localStorage), {
      format,
      onWriteError,
    }) as unknown as PersistStorage<Saved>);
  const guarded = isAutosaveStorage(inner) ? inner : undefined;
  const store = create<AppState>()(
    persist(
      (...a) => ({
        ...createGraphSlice(...a),
        ...createTrainingSlice(...a),
        ...createMetricsSlice(...a),
        ...createUiSlice(...a),
        ...createLabSlice(...a),
        ...createDatasetSlice(...a),
        ...createAugmentSlice(...a),
      }),
      {
        name: STORAGE_KEY,
        version: format.version,
        storage: skipUnchanged(inner),
        partialize,
        migrate: (state, version) =>
          (guarded
            ? guarded.migrate(state, version)
            : migrateSaved(state, version, format.version, format.migrations)) as Saved,
        merge: (saved, current) => hydrate(saved, current, guarded),
      },
    ),
  );
  followAugmentPerDataset(store);
  announce = (b) => store.getState().setBanner(b);
  if (early) announce(early);
  return store;
}

export const useAppStore = createAppStore();
export type AppStore = typeof useAppStore;
