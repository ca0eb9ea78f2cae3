/**
 * What the page does with its address on load: a share link (#s=v1.…) replaces the autosaved work only when it
 * decodes and validates; otherwise a banner says what was wrong and the autosaved work stays. `?backend=` picks
 * the backend. The hash is removed afterwards so a reload restores the autosave, not the link again.
 */
import type { BackendPolicy } from '../../workers/protocol';
import type { AppState } from '../store/types';
import { BACKEND_POLICIES } from './settings';
import { decodeShare, isShareHash, type SharedState } from './share';

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

/** Returns true when the address held a share link that was applied. */
export function applyLocation(get: () => AppState, loc: { hash: string; search: string }): boolean {
  const backend = new URLSearchParams(loc.search).get('backend');
  let applied = false;
  if (isShareHash(loc.hash)) {
    const r = decodeShare(loc.hash);
    if (r.ok) {
      applySharedState(get(), r.value);
      get().setBanner({ kind: 'info', message: 'Loaded the network and settings from the shared link.' });
      applied = true;
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
