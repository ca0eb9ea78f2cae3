import { useEffect, useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { presetById } from '../../engine/graph/presets';
import { setFrozen } from '../../engine/graph/edit';
import { useAppStore } from '../store';
import { formatLabels, parseLabels } from '../../engine/data/labels';

/** Every dataset the app ships has ten classes. */
const CLASSES = 10;

/**
 * "Train on labels" (a subset of the classes, applied live) and, for the transfer-learning preset, the second step
 * of the lesson: freeze the convolutional features and retrain the rest on the other digits.
 */
export function TransferControls() {
  const { labelSubset, presetId } = useAppStore(
    useShallow((s) => ({ labelSubset: s.hyper.labelSubset, presetId: s.presetId })),
  );
  const setHyper = useAppStore((s) => s.setHyper);
  const edit = useAppStore((s) => s.edit);
  const [text, setText] = useState(formatLabels(labelSubset));
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const errId = useId();
  useEffect(() => setText(formatLabels(labelSubset)), [labelSubset]);
  const transfer = presetById(presetId)?.transfer;
  const onSecondStep =
    transfer !== undefined && formatLabels(labelSubset) === formatLabels(transfer.secondLabels);

  const commit = (value: string) => {
    const r = parseLabels(value, CLASSES);
    if (!r.ok) return setError(r.reason);
    setError(null);
    if (formatLabels(r.labels) !== formatLabels(labelSubset)) setHyper({ labelSubset: r.labels });
  };

  return (
    <span className="field transfer">
      <label htmlFor={id}>Train on labels</label>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        placeholder="all"
        value={text}
        size={8}
        aria-invalid={error !== null}
        aria-describedby={error ? errId : undefined}
        title="A subset of the classes, e.g. 0-4 or 5, 7, 9; empty trains on all"
        onChange={(e) => setText(e.target.value)}
        onBlur={(e) => commit(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit(e.currentTarget.value);
        }}
      />
      {error && (
        <span id={errId} className="field-error" role="alert">
          {error}
        </span>
      )}
      {transfer && !onSecondStep && (
        <button
          type="button"
          title="Freezes the convolutional layers and switches training to the other digits"
          onClick={() => {
            edit((g) => setFrozen(g, transfer.freeze, true));
            setHyper({ labelSubset: [...transfer.secondLabels] });
          }}
        >
          Freeze features, retrain on {formatLabels(transfer.secondLabels)}
        </button>
      )}
    </span>
  );
}
