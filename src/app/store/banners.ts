/**
 * The banner slot. A message about the autosave (it could not be read, was reset in part, or cannot be written) is
 * the only way to its kept copy in the banner, so a later message (a share link, an import, an error) is shown
 * below it instead of replacing it; Dismiss removes them all. Any other message replaces the one before.
 */
import type { Banner } from './types';

/** What the banner shows after `next` is set over `current`. */
export function nextBanner(current: Banner | null, next: Banner | null): Banner | null {
  if (next === null) return null;
  const { earlier: _nextEarlier, ...shown } = next;
  const kept: Banner[] = [...(current?.earlier ?? [])];
  if (current?.autosave) {
    const { earlier: _currentEarlier, ...head } = current;
    kept.push(head);
  }
  // The same message set again is shown once.
  const earlier = kept.filter((b) => b.message !== shown.message);
  return earlier.length > 0 ? { ...shown, earlier } : shown;
}

/** Every message the banner shows, oldest first. */
export const bannerEntries = (b: Banner): readonly Banner[] => [...(b.earlier ?? []), b];
