/** Ctrl+Z undo, Ctrl+Shift+Z / Ctrl+Y redo (⌘ on macOS), anywhere except while typing in a field. */
import { useEffect } from 'react';
import { useAppStore } from '../store';

/** True when the key event belongs to a text field, select or editable element (their own undo applies). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const el = target as HTMLElement;
  if (el.isContentEditable) return true;
  return el.closest('input, textarea, select, [contenteditable="true"]') !== null;
}

/** True inside an open modal dialog: its question comes first, the work behind it is not to be touched. */
const inModal = (target: EventTarget | null): boolean =>
  typeof (target as Element | null)?.closest === 'function' &&
  (target as Element).closest('dialog[open], [aria-modal="true"]') !== null;

export type UndoKey = 'undo' | 'redo' | null;

export function undoKeyOf(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>,
): UndoKey {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  const key = e.key.toLowerCase();
  if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !e.shiftKey) return 'redo';
  return null;
}

export function useUndoKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || isTypingTarget(e.target) || inModal(e.target)) return;
      const action = undoKeyOf(e);
      if (!action) return;
      e.preventDefault();
      const s = useAppStore.getState();
      if (action === 'undo') s.undo();
      else s.redo();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
