import { useEffect, useId, useRef } from 'react';

/**
 * Asks before an imported model replaces a run that has trained: its network stays in Undo, but its trained weights
 * go with the run ("Export model" saves them first). A native modal dialog like ShareConfirm; Escape keeps the work.
 */
export function ImportConfirm({
  source,
  onImport,
  onKeep,
}: {
  readonly source: string;
  readonly onImport: () => void;
  readonly onKeep: () => void;
}) {
  const titleId = useId();
  const textId = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const importRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const d = dialogRef.current;
    if (!d) return;
    if (!d.open) {
      if (typeof d.showModal === 'function') d.showModal();
      else d.setAttribute('open', ''); // jsdom
    }
    importRef.current?.focus();
    return () => {
      if (d.open && typeof d.close === 'function') d.close();
    };
  }, []);
  return (
    <dialog
      ref={dialogRef}
      className="share-confirm"
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={textId}
      onCancel={(e) => {
        e.preventDefault();
        onKeep();
      }}
    >
      <h2 id={titleId}>Replace your network with the imported model?</h2>
      <p id={textId}>
        {source} replaces the network in the editor; Undo (Ctrl+Z) brings it back. The weights your run has
        trained are not kept: to keep them, choose Keep my network and use Export model first.
      </p>
      <div className="share-confirm__actions">
        <button type="button" ref={importRef} onClick={onImport}>
          Import the model
        </button>
        <button type="button" onClick={onKeep}>
          Keep my network
        </button>
      </div>
    </dialog>
  );
}
