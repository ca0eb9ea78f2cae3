/**
 * The one labelled number field, in the inspector and on the settings bar. What the user types ("0.", "1e-", "1e1"
 * on the way to "1e10") stays text and is applied only on Enter or blur (see useCommitDraft), so a half-typed value
 * never reaches the store; an invalid value is not applied and the reason shows beside the field (Escape, or
 * leaving the field, goes back to the applied value). When the value changes from outside (undo, a fix, a preset),
 * the field shows the new value.
 */
import { useId } from 'react';
import { ariaOf, FieldShell } from './FieldShell';
import { checkNumber, parseNumber, ruleText } from './parseNumber';
import type { NumberRule } from '../../engine/layers/module';
import { useCommitDraft } from './useCommitDraft';

/** The draft of a typed number field: applied on Enter or blur when it passes the rule. */
export const useNumberDraft = (value: number, rule: NumberRule, commit: (v: number) => void) =>
  useCommitDraft({ value, format: String, parse: (t) => parseNumber(t, rule), commit, same: Object.is });

export interface NumberFieldProps {
  readonly label: string;
  readonly value: number;
  readonly rule: NumberRule;
  /** Gets a new valid value: on Enter, on leaving the field, or on an arrow step. */
  readonly onChange: (v: number) => void;
  /** What ArrowUp / ArrowDown add or take away (applied at once, within the rule); absent: no arrow steps. */
  readonly step?: number;
  /** The tooltip; on the settings bar it defaults to the range ("from 1 to 4096, whole numbers"). */
  readonly hint?: string;
  /** A sentence about the setting for the label's tooltip (form layout). */
  readonly help?: string | undefined;
  /**
   * 'form' (the default): a row of the inspector's label/field grid, the message below the field.
   * 'inline': label, field and message on one line of the settings bar.
   */
  readonly layout?: 'form' | 'inline';
}

export function NumberField({
  label,
  value,
  rule,
  onChange,
  step,
  hint,
  help,
  layout = 'form',
}: NumberFieldProps) {
  const id = useId();
  const d = useNumberDraft(value, rule, onChange);
  const inline = layout === 'inline';
  const input = (
    <input
      id={id}
      className={inline ? 'number-field__input' : 'field__input'}
      type="text"
      inputMode={rule.integer ? 'numeric' : 'decimal'}
      title={hint ?? (inline ? ruleText(rule) : undefined)}
      {...d.inputProps}
      onKeyDown={(e) => {
        if (step !== undefined && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
          e.preventDefault();
          const next = Math.min(rule.max, Math.max(rule.min, value + (e.key === 'ArrowUp' ? step : -step)));
          if (next !== value && checkNumber(next, rule).ok) onChange(next);
        } else d.inputProps.onKeyDown(e);
      }}
      {...ariaOf(id, d)}
    />
  );
  if (!inline)
    return (
      <FieldShell id={id} label={label} error={d.error} help={help}>
        {input}
      </FieldShell>
    );
  return (
    <span className="field">
      <label htmlFor={id}>{label}</label>
      {input}
      {d.error && (
        <span id={`${id}-error`} className="field-error" role="alert">
          {d.error}
        </span>
      )}
    </span>
  );
}
