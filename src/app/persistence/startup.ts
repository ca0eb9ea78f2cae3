/**
 * What the page does with its address on load: a share link (#s=v1.…) is opened only when it decodes and validates;
 * otherwise a banner says what was wrong and the autosaved work stays. When the user's own work differs from both
 * the default and the link, the link waits (`pendingShare`) for the user's answer in a dialog. Opening it is one
 * undoable step: Undo brings back the network and the settings together. `?backend=` picks the backend. The hash is
 * removed afterwards so a reload restores the autosave, not the link again. A comparison link (shareComparison.ts)
 * changes nothing: its runs wait (`pendingRuns`) for the user to train them as a sweep.
 */
import { serializeGraph } from '../../engine/graph/parse';
import type { BackendPolicy } from '../../engine/backend/types';
import type { AppState } from '../store/types';
import { BACKEND_POLICIES } from './settings';
import { decodeShare, isShareHash, sharedStateOf, type SharedState } from './share';
import { decodeComparison } from './shareComparison';

export function applySharedState(s: AppState, shared: SharedState): void {
  const { settings } = shared;
  if (shared.ganGraphs) s.setGanGraphs(shared.ganGraphs);
  else if (s.ganGraphs) s.setGanGraphs(null, shared.graph);
  else s.setGraph(shared.graph);
  s.setDataset(settings.dataset);
  s.setHyper(settings.hyper);
  s.setSeed(settings.seed);
  s.setBackendPolicy(settings.backendPolicy);
  s.patchRun({ presetId: settings.presetId });
}

/** JSON with sorted keys, so that equal work compares equal whatever order its fields were built in. */
function stable(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(stable).join(',')}]`;
  if (typeof x === 'object' && x !== null)
    return `{${Object.keys(x)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable((x as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(x) ?? 'null';
}

/** The networks and settings a share link carries, as one comparable text. */
function workKey(w: SharedState): string {
  const { settings: t, ganGraphs: gan } = w;
  return stable({
    networks: gan ? [gan.generator, gan.discriminator] : [w.graph],
    settings: [t.presetId, t.dataset, t.hyper, t.seed, t.backendPolicy],
  });
}

/**
 * Opens a decoded link as one undoable step; the banner says how to get the previous work back, and offers it as a
 * file when it was the user's own (`offerDownload`).
 */
export function openShared(get: () => AppState, shared: SharedState, offerDownload = false): void {
  const previous = get().graph;
  get().replaceWork(() => applySharedState(get(), shared));
  get().setPendingShare(null);
  const download = {
    label: 'Download your previous network',
    filename: 'previous-network.json',
    text: serializeGraph(previous),
  };
  get().setBanner({
    kind: 'info',
    message:
      'Loaded the network and settings from the shared link. Undo (Ctrl+Z) brings your previous work back.',
    ...(offerDownload ? { download } : {}),
  });
}

/** The dialog's "Open the shared network". */
export function openPendingShare(get: () => AppState): void {
  const shared = get().pendingShare;
  if (shared) openShared(get, shared, true);
}

/** The dialog's "Keep my network". */
export function keepOwnWork(get: () => AppState): void {
  get().setPendingShare(null);
  get().setBanner({
    kind: 'info',
    message: 'Kept your network and settings; the shared link was not opened.',
  });
}

/**
 * Returns true when the address held a share link that was opened. `defaults` is the store's initial state (the
 * default preset): work equal to it, or to the link, is replaced without asking; other work makes the link wait.
 */
export function applyLocation(
  get: () => AppState,
  loc: { hash: string; search: string },
  defaults?: AppState,
): boolean {
  const backend = new URLSearchParams(loc.search).get('backend');
  let applied = false;
  // A comparison link never touches the work: its runs wait for the user to train them.
  const runs = isShareHash(loc.hash) ? decodeComparison(loc.hash) : null;
  if (runs?.ok) get().setPendingRuns(runs.value);
  else if (runs)
    get().setBanner({
      kind: 'error',
      message: `The shared comparison could not be opened: ${runs.reason}. Your own work is unchanged.`,
    });
  else if (isShareHash(loc.hash)) {
    const r = decodeShare(loc.hash);
    if (r.ok) {
      const own = workKey(sharedStateOf(get()));
      const ask =
        defaults !== undefined && own !== workKey(sharedStateOf(defaults)) && own !== workKey(r.value);
      if (ask) get().setPendingShare(r.value);
      else {
        openShared(get, r.value);
        applied = true;
      }
    } else {
      get().setBanner({
        kind: 'error',
        message: `The shared link could not be opened: ${r.reason}. Your own work is unchanged.`,
      });
    }
  }
  if (backend && (BACKEND_POLICIES as readonly string[]).includes(backend))
    get().setBackendPolicy(backend as BackendPolicy);
  return applied;
}

/** The parts of `window` that following pasted links needs (a fake in tests). */
export interface LinkWindow {
  readonly location: { readonly hash: string; readonly search: string; readonly pathname: string };
  readonly history: { replaceState(data: unknown, unused: string, url: string): void };
  addEventListener(type: 'hashchange', listener: () => void): void;
  removeEventListener(type: 'hashchange', listener: () => void): void;
}

/**
 * A share or comparison link pasted into the address bar of a page that is already open changes only the hash, so the
 * page does not reload: it is handled like one opened on load (asking first when the work is the user's own), and the
 * hash is removed again; then `afterOpen` (told whether the link was opened at once) checks its datasets. Returns the
 * function that stops listening.
 */
export function followShareLinks(
  get: () => AppState,
  win: LinkWindow,
  defaults: AppState,
  afterOpen: (opened: boolean) => void = () => undefined,
): () => void {
  const onHash = (): void => {
    const { hash, pathname, search } = win.location;
    if (!isShareHash(hash)) return;
    const opened = applyLocation(get, { hash, search: '' }, defaults);
    win.history.replaceState(null, '', pathname + search);
    afterOpen(opened);
  };
  win.addEventListener('hashchange', onHash);
  return () => win.removeEventListener('hashchange', onHash);
}
