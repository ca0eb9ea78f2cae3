/**
 * What the embedded view shows: `&panels=Loss,Kernels` names the panels beside the graph (case does not matter;
 * unknown names are dropped; three at most). Without a usable name it shows the first two panels that matter for
 * the network (panelLayout.ts), as the dock would.
 */
import type { DockKind, PanelPrefs } from '../store/uiSlice';
import { DOCK_KINDS } from '../store/uiSlice';
import { PANEL_NAMES, panelPlan, type PanelName } from '../panels/panelLayout';

export const MAX_EMBED_PANELS = 3;
const DEFAULT_COUNT = 2;

/** The panel names asked for in the address, in the order given. */
export function embedPanels(search: string): readonly PanelName[] {
  const asked = (new URLSearchParams(search).get('panels') ?? '').split(',');
  const out: PanelName[] = [];
  for (const a of asked) {
    const name = PANEL_NAMES.find((n) => n.toLowerCase() === a.trim().toLowerCase());
    if (name && !out.includes(name) && out.length < MAX_EMBED_PANELS) out.push(name);
  }
  return out;
}

/** The panels shown for a kind of network: the asked ones it has, else the first two of its plan. */
export function embedShown(kind: DockKind, asked: readonly PanelName[]): readonly PanelName[] {
  const plan = panelPlan(kind).map((p) => p.name);
  const shown = plan.filter((n) => asked.includes(n));
  return shown.length > 0 ? shown : plan.slice(0, DEFAULT_COUNT);
}

/** Dock choices that hide everything else (kept in memory only: the embedded view saves nothing). */
export function embedPrefs(asked: readonly PanelName[]): PanelPrefs {
  const entry = (kind: DockKind) => {
    const shown = embedShown(kind, asked);
    return {
      hidden: panelPlan(kind).flatMap((p) => (shown.includes(p.name) ? [] : [p.name])),
      maximized: null,
    };
  };
  return Object.fromEntries(DOCK_KINDS.map((k) => [k, entry(k)])) as unknown as PanelPrefs;
}
