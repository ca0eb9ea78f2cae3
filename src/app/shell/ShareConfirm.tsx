import { useEffect, useId, useRef } from 'react';
import { useAppStore } from '../store';
import { keepOwnWork, openPendingShare } from '../persistence/startup';

/**
 * Asks before a share link replaces the user's own work (see persistence/startup.ts): "Open the shared network"
 * opens it as one undoable step, "Keep my network" (or Escape) leaves everything as it is. A native modal dialog:
 * focus stays inside it and the page behind is inert, so no key (Ctrl+Z included) reaches the work underneath.
 */
export function ShareConfirm() {
  const pending = useAppStore((s) => s.pendingShare !== null);
  const titleId = useId();
  const textId = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const d = dialogRef.current;
    if (!pending || !d) return;
    if (!d.open) {
      if (typeof d.showModal === 'function') d.showModal();
      else d.setAttribute('open', ''); // jsdom
    }
    openRef.current?.focus();
    return () => {
      if (d.open && typeof d.close === 'function') d.close();
    };
  }, [pending]);
  if (!pending) return null;
  const keep = () => keepOwnWork(useAppStore.getState);
  return (
    <dialog
      ref={dialogRef}
      className="share-confirm"
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={textId}
      onCancel={(e) => {
        e.preventDefault();
        keep();
      }}
    >
      <h2 id={titleId}>Open the shared network?</h2>
      <p id={textId}>
        The link holds a network and settings that differ from yours. Your current one is kept in Undo
        (Ctrl+Z), and you can download it once the link is open.
      </p>
      <div className="share-confirm__actions">
        <button type="button" ref={openRef} onClick={() => openPendingShare(useAppStore.getState)}>
          Open the shared network
        </button>
        <button type="button" onClick={keep}>
          Keep my network
        </button>
      </div>
    </dialog>
  );
}
