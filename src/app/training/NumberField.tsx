import { useId, useState } from 'react';

interface Props {
  readonly label: string;
  readonly value: number;
  readonly onCommit: (v: number) => void;
  readonly min: number;
  readonly max: number;
  readonly integer?: boolean;
  /** Smallest value is itself not allowed (e.g. a learning rate of 0). */
  readonly minExclusive?: boolean;
  readonly step?: number | 'any';
  readonly hint?: string;
}

/**
 * A labelled number input that keeps what the user is typing ("0.", "1e-") as text and commits only valid
 * numbers, so a half-typed value never reaches the store; an invalid value is marked and reverts on blur.
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
  const [draft, setDraft] = useState<string | null>(null);
  const parse = (text: string): number | null => {
    const v = Number(text);
    if (text.trim() === '' || !Number.isFinite(v)) return null;
    if (integer && !Number.isInteger(v)) return null;
    if (v > max || v < min || (minExclusive && v === min)) return null;
    return v;
  };
  const text = draft ?? String(value);
  const invalid = draft !== null && parse(draft) === null;
  return (
    <span className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode={integer ? 'numeric' : 'decimal'}
        min={min}
        max={max}
        step={step}
        value={text}
        aria-invalid={invalid}
        title={
          hint ?? `${minExclusive ? 'above' : 'from'} ${min} to ${max}${integer ? ', whole numbers' : ''}`
        }
        onChange={(e) => {
          setDraft(e.target.value);
          const v = parse(e.target.value);
          if (v !== null && v !== value) onCommit(v);
        }}
        onBlur={() => setDraft(null)}
      />
    </span>
  );
}
