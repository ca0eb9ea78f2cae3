/**
 * The autosaves kept aside (autosave.ts keepAside) as one file, so that they stay reachable after the banner that
 * offered them is dismissed: the project actions show "Download kept autosaves" while any exist.
 */
import type { StateStorage } from 'zustand/middleware';
import { readBackups, STORAGE_KEY } from './autosave';

export const KEPT_AUTOSAVES_FILE = `${STORAGE_KEY}-kept-autosaves.json`;

/** The page's localStorage, or null where the browser refuses it (private modes, sandboxed frames). */
export function pageStorage(): Pick<StateStorage, 'getItem'> | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** The kept autosaves as JSON (oldest first: when each was kept, why, and the text as it was), or null when none. */
export function keptAutosavesJson(raw: Pick<StateStorage, 'getItem'> | null): string | null {
  if (!raw) return null;
  let backups;
  try {
    backups = readBackups(raw);
  } catch {
    return null;
  }
  return backups.length > 0 ? JSON.stringify(backups, null, 2) : null;
}
