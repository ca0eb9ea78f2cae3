import { useEffect, useId, useRef, useState } from 'react';
import { useController } from '../controllers/ControllerContext';
import { declinePendingRuns, trainPendingRuns } from '../controllers/sharedRuns';
import { sweepControllerFor } from '../controllers/sweepController';
import { useAppStore } from '../store';
import { selectUserDatasets } from '../store/selectors';
import { datasetName } from '../training/datasetOptions';

/**
 * Offers the runs of a comparison link (see controllers/sharedRuns.ts): "Train these N runs" trains them as a sweep
 * without replacing the user's work; "Not now" (or Escape) drops them. A native modal dialog, like ShareConfirm.
 */
export function SharedRunsDialog() {
  const runs = useAppStore((s) => s.pendingRuns);
  const userDatasets = useAppStore(selectUserDatasets);
  const controller = useController();
  const [error, setError] = useState<string | null>(null);
  const titleId = useId();
  const textId = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const trainRef = useRef<HTMLButtonElement>(null);
  const pending = runs !== null;
  useEffect(() => {
    const d = dialogRef.current;
    if (!pending || !d) return;
    if (!d.open) {
      if (typeof d.showModal === 'function') d.showModal();
      else d.setAttribute('open', ''); // jsdom
    }
    trainRef.current?.focus();
    return () => {
      if (d.open && typeof d.close === 'function') d.close();
    };
  }, [pending]);
  if (!runs) return null;
  const decline = () => declinePendingRuns(useAppStore.getState);
  const train = () => {
    if (controller)
      setError(trainPendingRuns(useAppStore.getState, sweepControllerFor(useAppStore, controller)));
  };
  return (
    <dialog
      ref={dialogRef}
      className="share-confirm"
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={textId}
      onCancel={(e) => {
        e.preventDefault();
        decline();
      }}
    >
      <h2 id={titleId}>Train the shared runs?</h2>
      <p id={textId}>
        The link holds {runs.length} runs to compare. Training them does not change your network: they train
        one after another, each lands in the Runs panel, and your own network and settings come back at the
        end.
      </p>
      <ul aria-label="Shared runs">
        {runs.map((r, i) => (
          <li key={i}>
            {r.name} ({datasetName(r.dataset, userDatasets) ?? 'your own images'}, seed {r.seed},{' '}
            {r.hyper.maxSteps > 0
              ? `${r.hyper.maxSteps} steps`
              : `${r.hyper.epochs} epoch${r.hyper.epochs === 1 ? '' : 's'}`}
            )
          </li>
        ))}
      </ul>
      {error && (
        <p role="alert" className="runs__error">
          {error}
        </p>
      )}
      <div className="share-confirm__actions">
        <button type="button" ref={trainRef} onClick={train} disabled={!controller}>
          Train these {runs.length} runs
        </button>
        <button type="button" onClick={decline}>
          Not now
        </button>
      </div>
    </dialog>
  );
}
