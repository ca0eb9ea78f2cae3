/**
 * Labelled form fields for the inspector. Typed fields apply their value on Enter or when they lose focus, never
 * per keystroke (see useCommitDraft); invalid text is not applied and the reason shows beside the field. When the
 * value changes from outside (undo, a fix), the field shows the new value.
 */
import { useId, useState } from 'react';
import type { Pair } from '../../engine/graph/types';
import { ariaOf, FieldShell } from '../fields/FieldShell';
import { useNumberDraft } from '../fields/NumberField';
import type { NumberRule } from '../../engine/layers/module';
import { parseNumber } from '../fields/parseNumber';
import { useCommitDraft } from '../fields/useCommitDraft';
import type { Parsed } from '../fields/useCommitDraft';

/** The number field is shared with the settings bar; its default layout is the inspector's. */
export { NumberField } from '../fields/NumberField';

export function TextField<T>(props: {
  label: string;
  value: T;
  format: (v: T) => string;
  parse: (t: string) => Parsed<T>;
  same: (a: T, b: T) => boolean;
  onChange: (v: T) => void;
  help?: string | undefined;
}) {
  const id = useId();
  const d = useCommitDraft({
    value: props.value,
    format: props.format,
    parse: props.parse,
    commit: props.onChange,
    same: props.same,
  });
  return (
    <FieldShell id={id} label={props.label} error={d.error} help={props.help}>
      <input id={id} className="field__input" type="text" {...d.inputProps} {...ariaOf(id, d)} />
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
  help?: string | undefined;
}) {
  const id = useId();
  const [h, w] = props.value;
  const square = h === w;
  const [open, setOpen] = useState(false);
  const showPair = open || !square;
  const single = useCommitDraft<number | null>({
    value: square ? h : null,
    format: (v) => (v === null ? '' : String(v)),
    parse: (t) => parseNumber(t, props.rule),
    commit: (v) => v !== null && props.onChange([v, v]),
    same: Object.is,
  });
  return (
    <div className="pair-field">
      <FieldShell
        id={id}
        label={props.label}
        error={single.error}
        help={props.help}
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
          placeholder={square ? undefined : `${h}×${w}`}
          {...single.inputProps}
          {...ariaOf(id, single)}
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
  const d = useNumberDraft(props.value, props.rule, props.onChange);
  return (
    <FieldShell id={id} label={props.label} error={d.error}>
      <input
        id={id}
        className="field__input field__input--small"
        type="text"
        inputMode="numeric"
        {...d.inputProps}
        {...ariaOf(id, d, props.describedBy)}
      />
    </FieldShell>
  );
}

export function SelectField<T extends string>(props: {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (v: T) => void;
  help?: string | undefined;
}) {
  const id = useId();
  return (
    <FieldShell id={id} label={props.label} error={null} help={props.help}>
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
  help?: string | undefined;
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
      <label htmlFor={id} title={props.help}>
        {props.label}
      </label>
    </div>
  );
}
