/**
 * persist's `merge` for the autosave: restores what is valid (restoreSaved), and when anything could not be used
 * keeps the stored text aside (autosave.ts) and says in the banner what was kept, what was reset and how to
 * download the copy. persist calls this before it writes anything back, so the backup always comes first.
 */
import type { AppState, Banner } from '../store/types';
import { STORAGE_KEY, type AutosaveStorage, type KeptAside } from './autosave';
import { restoreSaved, type ResetPart } from './restoreSaved';

export const DOWNLOAD_LABEL = 'Download the unreadable autosave';

function download(text: string): NonNullable<Banner['download']> {
  return { label: DOWNLOAD_LABEL, filename: `${STORAGE_KEY}-autosave.json`, text };
}

function whereKept(k: KeptAside | null): string {
  if (!k) return 'You can download it here.';
  if (!k.stored)
    return "It could not be kept in this browser's storage (it is full): download it now, before you reload or close this page (the autosave itself has already been replaced).";
  const dropped = k.dropped > 0 ? ' (the oldest kept copy was removed to make room)' : '';
  return `Kept a copy of it in this browser's storage${dropped}; you can download it here.`;
}

export function unreadableBanner(reason: string, text: string, k: KeptAside | null): Banner {
  return {
    kind: 'error',
    message:
      `Your autosaved work could not be read (${reason}), so the playground started from the default network and ` +
      `settings. ${whereKept(k)}`,
    download: download(text),
    autosave: true,
  };
}

const list = (parts: readonly ResetPart[]): string => parts.map((p) => `${p.label} (${p.reason})`).join('; ');

export function partialBanner(
  reset: readonly ResetPart[],
  kept: readonly string[],
  text: string,
  k: KeptAside | null,
): Banner {
  const keptText = kept.length > 0 ? ` Kept: ${kept.join(', ')}.` : '';
  return {
    kind: 'error',
    message:
      `Part of your autosaved work could not be restored. Reset to the default: ${list(reset)}.${keptText} ` +
      whereKept(k).replace('a copy of it', 'a copy of the autosave as it was'),
    download: { ...download(text), label: 'Download the autosave as it was' },
    autosave: true,
  };
}

/** The store's `merge`: `storage` is the autosave's storage when it can keep copies aside (the page's is). */
export function hydrate(saved: unknown, current: AppState, storage?: AutosaveStorage): AppState {
  const text = storage?.lastText() ?? null;
  // Text was stored but nothing came of it (a migration failed): the copy is unreadable, not a first visit.
  const nothingRead =
    text !== null && (typeof saved !== 'object' || saved === null || Array.isArray(saved))
      ? 'autosave: could not be converted to the format this version reads'
      : null;
  const why = storage?.unreadable() ?? nothingRead;
  if (why !== null && text !== null && storage)
    return { ...current, banner: unreadableBanner(why, text, storage.keepAside(text, why)) };
  const r = restoreSaved(saved, current);
  if (r.reset.length === 0) return r.state;
  const raw = text ?? JSON.stringify({ state: saved });
  const reason = r.reset.map((p) => p.reason).join('; ');
  const kept = storage ? storage.keepAside(raw, reason) : null;
  return { ...r.state, banner: partialBanner(r.reset, r.kept, raw, kept) };
}

/** Shown once when the browser refuses to write the autosave (autosave.ts onWriteError). */
export function writeFailedBanner(error: unknown): Banner {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  const full = name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED';
  const cause = full
    ? "this browser's storage for the page is full"
    : `the browser refused to store it (${error instanceof Error ? error.message : String(error)})`;
  return {
    kind: 'error',
    message:
      `Autosave failed: ${cause}, so your latest changes are not saved in this browser. Download your work ` +
      '(Export JSON) before you reload or close this page; the playground tries again on every change.',
    autosave: true,
  };
}
