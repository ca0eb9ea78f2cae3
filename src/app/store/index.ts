/**
 * The app's one store, combined from the slices. `persist` on the combined store autosaves the graph and the
 * settings to localStorage; what comes back from storage is untrusted and is validated field by field.
 */
import { create } from 'zustand';
import { createJSONStorage, persist, type PersistStorage, type StateStorage } from 'zustand/middleware';
import { createGraphSlice } from './graphSlice';
import { createMetricsSlice } from './metricsSlice';
import { createTrainingSlice } from './trainingSlice';
import { clampDock, createUiSlice } from './uiSlice';
import type { AppState } from './types';
import { parseGraphValue } from '../persistence/graphData';
import { parsePanelPrefs, parseSettings } from '../persistence/settings';

export const STORAGE_KEY = 'cnn-playground';
export const STORAGE_VERSION = 1;

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
  'collapsedPanels',
  'dockSize',
  'panelPrefs',
] as const;
export type Saved = Pick<AppState, (typeof SAVED_KEYS)[number]>;

export function partialize(s: AppState): Saved {
  return Object.fromEntries(SAVED_KEYS.map((k) => [k, s[k]])) as unknown as Saved;
}

/** Restores what is valid in the saved state; a bad part is skipped (and reported in a banner), never trusted. */
export function mergeSaved(saved: unknown, current: AppState): AppState {
  if (typeof saved !== 'object' || saved === null) return current;
  const s = saved as Record<string, unknown>;
  const problems: string[] = [];
  let next: AppState = { ...current };
  const graph = parseGraphValue(s['graph'], 'graph');
  const gan = s['ganGraphs'];
  if (graph.ok) {
    next = { ...next, graph: graph.value, ganGraphs: null, activeNetwork: 'main' };
    if (gan && typeof gan === 'object') {
      const g = parseGraphValue((gan as Record<string, unknown>)['generator'], 'generator');
      const d = parseGraphValue((gan as Record<string, unknown>)['discriminator'], 'discriminator');
      if (g.ok && d.ok)
        next = {
          ...next,
          ganGraphs: { generator: g.value, discriminator: d.value },
          graph: g.value,
          activeNetwork: 'generator',
        };
      else problems.push(g.ok ? (d.ok ? '' : d.reason) : g.reason);
    }
  } else if (s['graph'] !== undefined) problems.push(graph.reason);
  const settings = parseSettings(s);
  if (settings.ok) next = { ...next, ...settings.value };
  else if (s['hyper'] !== undefined) problems.push(settings.reason);
  if (s['theme'] === 'light' || s['theme'] === 'dark') next = { ...next, theme: s['theme'] };
  const collapsed = s['collapsedPanels'];
  if (Array.isArray(collapsed) && collapsed.every((x) => typeof x === 'string'))
    next = { ...next, collapsedPanels: collapsed };
  if (typeof s['dockSize'] === 'number') next = { ...next, dockSize: clampDock(s['dockSize']) };
  if (s['panelPrefs'] !== undefined) next = { ...next, panelPrefs: parsePanelPrefs(s['panelPrefs']) };
  if (problems.length > 0)
    next = {
      ...next,
      banner: {
        kind: 'error',
        message: `Part of your autosaved work could not be restored: ${problems.join('; ')}`,
      },
    };
  return next;
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

/** A fresh store; tests pass their own storage. */
export function createAppStore(storage?: PersistStorage<Saved>) {
  return create<AppState>()(
    persist(
      (...a) => ({
        ...createGraphSlice(...a),
        ...createTrainingSlice(...a),
        ...createMetricsSlice(...a),
        ...createUiSlice(...a),
      }),
      {
        name: STORAGE_KEY,
        version: STORAGE_VERSION,
        storage: skipUnchanged(
          storage ??
            (createJSONStorage<Saved>(() =>
              typeof localStorage === 'undefined' ? noStorage : localStorage,
            ) as PersistStorage<Saved>),
        ),
        partialize,
        merge: mergeSaved,
      },
    ),
  );
}

export const useAppStore = createAppStore();
export type AppStore = typeof useAppStore;
