import type { StateCreator } from 'zustand';
import type { AppState, UiSlice } from './types';
import { nextBanner } from './banners';

export const DOCK_MIN = 120;
export const DOCK_MAX = 640;
/** One row of panels (for a classifier: Loss, Kernels, Activation maps, Confusion matrix) fits in it at 1366×768 with
 *  the graph keeping about 300 px; the dock gives way (down to DOCK_MIN) when the header is taller. */
export const DOCK_DEFAULT = 280;

/** Keeps the panel dock between a usable minimum and a size that still leaves room for the editor. */
export const clampDock = (px: number): number =>
  Number.isFinite(px) ? Math.round(Math.min(DOCK_MAX, Math.max(DOCK_MIN, px))) : DOCK_DEFAULT;

/** The kinds of network the dock arranges its panels for (see panels/panelLayout.ts). */
export type DockKind = 'classifier' | 'gan' | 'autoencoder' | 'rbm';
export const DOCK_KINDS: readonly DockKind[] = ['classifier', 'gan', 'autoencoder', 'rbm'];

/** The teacher's dock choices, kept per kind of network: panels hidden from the dock, and the maximised one. */
export type PanelPrefs = {
  readonly [K in DockKind]: { readonly hidden: readonly string[]; readonly maximized: string | null };
};
export const DEFAULT_PANEL_PREFS: PanelPrefs = {
  classifier: { hidden: [], maximized: null },
  gan: { hidden: [], maximized: null },
  autoencoder: { hidden: [], maximized: null },
  rbm: { hidden: [], maximized: null },
};

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  theme: 'light',
  presenter: false,
  collapsedPanels: [],
  dockSize: DOCK_DEFAULT,
  panelPrefs: DEFAULT_PANEL_PREFS,
  sample: { from: 'test', index: 0 },
  convStep: null,
  banner: null,
  pendingShare: null,
  pendingRuns: null,
  setTheme: (theme) => set({ theme }),
  setPresenter: (presenter) => set({ presenter }),
  togglePanel: (name) =>
    set((s) => ({
      collapsedPanels: s.collapsedPanels.includes(name)
        ? s.collapsedPanels.filter((p) => p !== name)
        : [...s.collapsedPanels, name],
    })),
  setDockSize: (px) => set({ dockSize: clampDock(px) }),
  updatePanelPrefs: (fn) => set((s) => ({ panelPrefs: fn(s.panelPrefs) })),
  setSample: (sample) => set({ sample }),
  setConvStep: (convStep) => set({ convStep }),
  setBanner: (banner) => set((s) => ({ banner: nextBanner(s.banner, banner) })),
  setPendingShare: (pendingShare) => set({ pendingShare }),
  setPendingRuns: (pendingRuns) => set({ pendingRuns }),
});
