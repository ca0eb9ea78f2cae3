/**
 * Labelled form fields for the inspector. Number fields apply each valid value as you type; invalid text stays in
 * the field with an inline message and is not applied. When the value changes from outside (undo, a fix), the
 * field shows the new value.
 */
import { useId, useState } from 'react';
import type { ReactNode } from 'react';
import type { Pair } from '../../engine/graph/types';
import type { NumberRule, Parsed } from './parseField';
import { parseNumber } from './parseField';

/** Text the user typed, remembered together with the value it was typed against. */
interface Draft<T> {
  readonly text: string;
  readonly against: T;
  readonly error: string | null;
}

function useDraft<T>(
  value: T,
  format: (v: T) => string,
  parse: (t: string) => Parsed<T>,
  apply: (v: T) => void,
  same: (a: T, b: T) => boolean,
) {
  const [draft, setDraft] = useState<Draft<T> | null>(null);
  const live = draft && same(draft.against, value) ? draft : null;
  const onText = (text: string): void => {
    const r = parse(text);
    if (r.ok) {
      setDraft({ text, against: r.value, error: null });
      if (!same(r.value, value)) apply(r.value);
    } else setDraft({ text, against: value, error: r.message });
  };
  return { text: live ? live.text : format(value), error: live ? live.error : null, onText };
}

function FieldShell({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  error: string | null;
  hint?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      {children}
      {hint}
      {error && (
        <span id={`${id}-error`} className="field__error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

export function NumberField(props: {
  label: string;
  value: number;
  rule: NumberRule;
  onChange: (v: number) => void;
  step?: number;
}) {
  const id = useId();
  const { text, error, onText } = useDraft(
    props.value,
    String,
    (t) => parseNumber(t, props.rule),
    props.onChange,
    Object.is,
  );
  return (
    <FieldShell id={id} label={props.label} error={error}>
      <input
        id={id}
        className="field__input"
        type="text"
        inputMode={props.rule.integer ? 'numeric' : 'decimal'}
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onText(e.target.value)}
      />
    </FieldShell>
  );
}

export function TextField<T>(props: {
  label: string;
  value: T;
  format: (v: T) => string;
  parse: (t: string) => Parsed<T>;
  same: (a: T, b: T) => boolean;
  onChange: (v: T) => void;
}) {
  const id = useId();
  const { text, error, onText } = useDraft(
    props.value,
    props.format,
    props.parse,
    props.onChange,
    props.same,
  );
  return (
    <FieldShell id={id} label={props.label} error={error}>
      <input
        id={id}
        className="field__input"
        type="text"
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onText(e.target.value)}
      />
    </FieldShell>
  );
}

/**
 * A square size (kernel, stride, pool, dilation) as one number; "h × w" opens a height and width pair for
 * rectangular sizes. A rectangular value leaves the single field empty until a number is typed there.
 */
export function PairField(props: {
  label: string;
  value: Pair;
  rule: NumberRule;
  onChange: (v: Pair) => void;
}) {
  const id = useId();
  const [h, w] = props.value;
  const square = h === w;
  const [open, setOpen] = useState(false);
  const showPair = open || !square;
  const single = useDraft<number | null>(
    square ? h : null,
    (v) => (v === null ? '' : String(v)),
    (t) => parseNumber(t, props.rule),
    (v) => v !== null && props.onChange([v, v]),
    Object.is,
  );
  return (
    <div className="pair-field">
      <FieldShell
        id={id}
        label={props.label}
        error={single.error}
        hint={
          <button
            type="button"
            className="pair-field__toggle"
            aria-expanded={showPair}
            aria-controls={`${id}-pair`}
            onClick={() => setOpen(!open)}
            disabled={!square}
          >
            h × w
          </button>
        }
      >
        <input
          id={id}
          className="field__input"
          type="text"
          inputMode="numeric"
          value={single.text}
          placeholder={square ? undefined : `${h}×${w}`}
          aria-invalid={single.error ? true : undefined}
          aria-describedby={single.error ? `${id}-error` : undefined}
          onChange={(e) => single.onText(e.target.value)}
        />
      </FieldShell>
      {showPair && (
        <div id={`${id}-pair`} className="pair-field__pair">
          <span id={`${id}-caption`} className="pair-field__caption">
            {props.label}, height × width
          </span>
          <PairPart
            label="Height"
            describedBy={`${id}-caption`}
            value={h}
            rule={props.rule}
            onChange={(v) => props.onChange([v, w])}
          />
          <PairPart
            label="Width"
            describedBy={`${id}-caption`}
            value={w}
            rule={props.rule}
            onChange={(v) => props.onChange([h, v])}
          />
        </div>
      )}
    </div>
  );
}

function PairPart(props: {
  label: string;
  describedBy: string;
  value: number;
  rule: NumberRule;
  onChange: (v: number) => void;
}) {
  const id = useId();
  const { text, error, onText } = useDraft(
    props.value,
    String,
    (t) => parseNumber(t, props.rule),
    props.onChange,
    Object.is,
  );
  return (
    <FieldShell id={id} label={props.label} error={error}>
      <input
        id={id}
        className="field__input field__input--small"
        type="text"
        inputMode="numeric"
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error ${props.describedBy}` : props.describedBy}
        onChange={(e) => onText(e.target.value)}
      />
    </FieldShell>
  );
}

export function SelectField<T extends string>(props: {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (v: T) => void;
}) {
  const id = useId();
  return (
    <FieldShell id={id} label={props.label} error={null}>
      <select
        id={id}
        className="field__input"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value as T)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function CheckField(props: {
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
  switchRole?: boolean;
}) {
  const id = useId();
  return (
    <div className="field field--check">
      <input
        id={id}
        type="checkbox"
        role={props.switchRole ? 'switch' : undefined}
        checked={props.checked}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      <label htmlFor={id}>{props.label}</label>
    </div>
  );
}
