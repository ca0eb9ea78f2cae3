/**
 * "Share comparison" in the Runs panel's bar: with two or three runs ticked, copies a link that carries their
 * settings (name, network, training settings, dataset, seed; see persistence/shareComparison.ts). Whoever opens it
 * is offered to train those runs, without losing their own work. The link is also shown, to copy by hand.
 */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { RunRecord } from '../../engine/runs/record';
import {
  comparisonUrl,
  MAX_SHARED_RUNS,
  MIN_SHARED_RUNS,
  sharedRunsOf,
} from '../persistence/shareComparison';
import { useAppStore } from '../store';

export function ShareComparison() {
  const { records, selected } = useAppStore(
    useShallow((s) => ({ records: s.records, selected: s.selectedRunIds })),
  );
  const [link, setLink] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const ticked = selected
    .map((id) => records.find((r) => r.id === id))
    .filter((r): r is RunRecord => r !== undefined);
  const usable = ticked.length >= MIN_SHARED_RUNS && ticked.length <= MAX_SHARED_RUNS;
  const share = async (): Promise<void> => {
    const runs = sharedRunsOf(ticked);
    if (!runs.ok) {
      setLink(null);
      setNote(runs.reason);
      return;
    }
    const url = comparisonUrl(location.href, runs.value);
    setLink(url);
    try {
      await navigator.clipboard.writeText(url);
      setNote(`Link to ${runs.value.length} runs copied.`);
    } catch {
      setNote('Copy the link below.');
    }
  };
  return (
    <>
      <button
        type="button"
        disabled={!usable}
        title={
          usable
            ? 'Copy a link that lets someone train these runs'
            : `Tick ${MIN_SHARED_RUNS} or ${MAX_SHARED_RUNS} runs to share them as a comparison`
        }
        onClick={() => void share()}
      >
        Copy comparison link
      </button>
      {note && (
        <span className="panel-note" role="status" aria-label="Share status">
          {note}
        </span>
      )}
      {link && (
        <input
          className="runs__link"
          readOnly
          aria-label="Comparison link"
          value={link}
          onFocus={(e) => e.target.select()}
        />
      )}
    </>
  );
}
