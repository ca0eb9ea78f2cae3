import { useId } from 'react';
import { useCommitDraft } from '../fields/useCommitDraft';
import { parseNumber } from '../inspector/parseField';

interface Props {
  readonly label: string;
  readonly value: number;
  readonly onCommit: (v: number) => void;
  readonly min: number;
  readonly max: number;
  readonly integer?: boolean;
  /** Smallest value is itself not allowed (e.g. a learning rate of 0). */
  readonly minExclusive?: boolean;
  /** What ArrowUp / ArrowDown add or take away (applied at once, within the range); 'any': no arrow steps. */
  readonly step?: number | 'any';
  readonly hint?: string;
}

/**
 * A labelled number field for a setting. What the user types ("0.", "1e-", "1e1" on the way to "1e10") stays
 * text and is applied only on Enter or blur, so a half-typed value never reaches the store; an invalid value is
 * not applied and the reason shows beside the field (Escape, or leaving the field, goes back to the applied value).
 */
export function NumberField({
  label,
  value,
  onCommit,
  min,
  max,
  integer = false,
  minExclusive = false,
  step = 'any',
  hint,
}: Props) {
  const id = useId();
  const errorId = `${id}-error`;
  const d = useCommitDraft({
    value,
    format: String,
    parse: (t) => parseNumber(t, { min, max, integer, inclusiveMin: !minExclusive }),
    commit: onCommit,
    same: Object.is,
  });
  const onKeyDown = d.inputProps.onKeyDown;
  return (
    <span className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="number-field__input"
        type="text"
        inputMode={integer ? 'numeric' : 'decimal'}
        title={
          hint ?? `${minExclusive ? 'above' : 'from'} ${min} to ${max}${integer ? ', whole numbers' : ''}`
        }
        {...d.inputProps}
        onKeyDown={(e) => {
          if (typeof step === 'number' && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
            e.preventDefault();
            const next = Math.min(max, Math.max(min, value + (e.key === 'ArrowUp' ? step : -step)));
            if (next !== value && !(minExclusive && next === min)) onCommit(next);
          } else onKeyDown(e);
        }}
        aria-invalid={d.invalid ? true : undefined}
        aria-describedby={d.error ? errorId : undefined}
      />
      {d.error && (
        <span id={errorId} className="field-error" role="alert">
          {d.error}
        </span>
      )}
    </span>
  );
}
