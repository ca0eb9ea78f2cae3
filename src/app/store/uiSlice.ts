import type { StateCreator } from 'zustand';
import type { AppState, UiSlice } from './types';

export const DOCK_MIN = 120;
export const DOCK_MAX = 640;
export const DOCK_DEFAULT = 280;

/** Keeps the panel dock between a usable minimum and a size that still leaves room for the editor. */
export const clampDock = (px: number): number =>
  Number.isFinite(px) ? Math.round(Math.min(DOCK_MAX, Math.max(DOCK_MIN, px))) : DOCK_DEFAULT;

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  theme: 'light',
  collapsedPanels: [],
  dockSize: DOCK_DEFAULT,
  sample: { from: 'test', index: 0 },
  banner: null,
  setTheme: (theme) => set({ theme }),
  togglePanel: (name) =>
    set((s) => ({
      collapsedPanels: s.collapsedPanels.includes(name)
        ? s.collapsedPanels.filter((p) => p !== name)
        : [...s.collapsedPanels, name],
    })),
  setDockSize: (px) => set({ dockSize: clampDock(px) }),
  setSample: (sample) => set({ sample }),
  setBanner: (banner) => set({ banner }),
});
