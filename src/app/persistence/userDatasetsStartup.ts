/**
 * The user's own datasets at startup: their list comes from IndexedDB (the autosave in localStorage only names the
 * chosen one). A saved setting, a share link or a comparison link may name a user dataset this browser does not
 * have (deleted, or made in another browser: images never leave the browser they were added in): it falls back
 * to MNIST, and a banner says so. When IndexedDB is unavailable the banner says why.
 */
import { isUserDatasetId, type DatasetId } from '../../engine/data/types';
import type { UserDatasetStore } from '../../workers/userDatasets/types';
import type { AppState } from '../store/types';

const FALLBACK = 'mnist' as const;
const WHY = '(Your own images stay in the browser they were added in.)';

/**
 * Replaces every user dataset that this browser does not have (in the settings, a waiting share link, the runs of a
 * comparison link) by MNIST; returns the sentences that say so. `fromLink`: the current settings came from a share
 * link just opened, not from the autosave.
 */
export function replaceMissingDatasets(get: () => AppState, fromLink: boolean): string[] {
  const known = new Set<string>(get().userDatasets.map((m) => m.id));
  const missing = (id: DatasetId): boolean => isUserDatasetId(id) && !known.has(id);
  const said: string[] = [];
  const s = get();
  if (missing(s.dataset)) {
    said.push(
      `${fromLink ? 'The shared link uses' : 'Your saved settings use'} a dataset of your own images that this browser does not have (${s.dataset}): MNIST is used instead.`,
    );
    s.setDataset(FALLBACK);
  }
  const share = s.pendingShare;
  if (share && missing(share.settings.dataset)) {
    said.push(
      `The shared link uses a dataset of your own images that this browser does not have (${share.settings.dataset}): opened, it trains on MNIST instead.`,
    );
    s.setPendingShare({ ...share, settings: { ...share.settings, dataset: FALLBACK } });
  }
  const runs = s.pendingRuns;
  const lost = runs?.filter((r) => missing(r.dataset)) ?? [];
  if (runs && lost.length > 0) {
    said.push(
      `${lost.length === runs.length ? 'The shared runs use' : `${lost.length} of the shared runs use`} a dataset of your own images that this browser does not have: they train on MNIST instead.`,
    );
    s.setPendingRuns(runs.map((r) => (missing(r.dataset) ? { ...r, dataset: FALLBACK } : r)));
  }
  if (said.length > 0) said.push(WHY);
  return said;
}

/** Shows `sentences` in the banner, after a message already there (a share link's) instead of over it. */
function announce(get: () => AppState, sentences: readonly string[], kind: 'error' | 'info'): void {
  if (sentences.length === 0) return;
  const text = sentences.join(' ');
  const b = get().banner;
  if (b && !b.autosave)
    get().setBanner({ ...b, kind: kind === 'error' ? 'error' : b.kind, message: `${b.message} ${text}` });
  else get().setBanner({ kind, message: text });
}

/**
 * Reads the user's datasets into the store, then replaces any that are missing (see replaceMissingDatasets). Never
 * rejects: an unavailable store leaves the list empty, with the reason in the store and the banner.
 */
export async function loadUserDatasets(
  get: () => AppState,
  open: () => Promise<Pick<UserDatasetStore, 'list'>>,
  opts: { readonly fromLink: boolean },
): Promise<void> {
  const sentences: string[] = [];
  let kind: 'error' | 'info' = 'info';
  try {
    const store = await open();
    get().setUserDatasets(await store.list());
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    get().setUserDatasets([], message);
    sentences.push(message);
    kind = 'error';
  }
  sentences.push(...replaceMissingDatasets(get, opts.fromLink));
  announce(get, sentences, kind);
}

/** After a link pasted into the open page (startup.ts followShareLinks): its missing datasets, said in the banner. */
export function replaceMissingAfterLink(get: () => AppState, opened: boolean): void {
  announce(get, replaceMissingDatasets(get, opened), 'info');
}
