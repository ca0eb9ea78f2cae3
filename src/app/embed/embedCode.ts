/**
 * The "Copy embed code" snippet: an <iframe> of the embedded view (`?embed=1&panels=…`) carrying the current network
 * and settings in its share fragment. `allow="cross-origin-isolated"` lets a cross-origin-isolated host page pass its
 * isolation on (WASM threads); elsewhere the embed trains on one thread.
 */
import type { AppState } from '../store/types';
import { dockKindOf, maximizedPanel, shownPanels, type PanelName } from '../panels/panelLayout';
import { encodeShare, sharedStateOf, type SharedState } from '../persistence/share';

/** The panels an embed of the current view shows: the maximised one, else the first two the dock shows. */
export function panelsToEmbed(s: Pick<AppState, 'ganGraphs' | 'graph' | 'panelPrefs'>): readonly PanelName[] {
  const kind = dockKindOf(s);
  const max = maximizedPanel(kind, s.panelPrefs);
  return max
    ? [max]
    : shownPanels(kind, s.panelPrefs)
        .slice(0, 2)
        .map((p) => p.name);
}

/** The embedded view's address for this page (`pageUrl`: its address; query and hash are replaced). */
export function embedUrl(pageUrl: string, state: SharedState, panels: readonly PanelName[]): string {
  const u = new URL(pageUrl);
  const query =
    panels.length > 0 ? `?embed=1&panels=${panels.map(encodeURIComponent).join(',')}` : '?embed=1';
  return `${u.origin}${u.pathname}${query}${encodeShare(state)}`;
}

const attr = (s: string): string => s.replaceAll('&', '&amp;').replaceAll('"', '&quot;');

export function embedCode(pageUrl: string, state: SharedState, panels: readonly PanelName[]): string {
  return (
    `<iframe src="${attr(embedUrl(pageUrl, state, panels))}" title="CNN Playground" width="960" height="540" ` +
    `style="border: 0" allow="cross-origin-isolated" loading="lazy"></iframe>`
  );
}

/** The snippet for the store's current network, settings and panels. */
export const embedCodeOf = (pageUrl: string, s: AppState): string =>
  embedCode(pageUrl, sharedStateOf(s), panelsToEmbed(s));
