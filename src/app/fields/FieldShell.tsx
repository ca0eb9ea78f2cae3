/**
 * The frame of a form field (inspector): a label, the control, an optional hint and the reason a typed value was
 * not applied, in one row of the label/field grid.
 */
import type { ReactNode } from 'react';
import type { CommitDraft } from './useCommitDraft';

/** aria attributes of a typed field: invalid while its text is, described by its message while there is one. */
export function ariaOf(id: string, d: CommitDraft, also?: string) {
  const ids = [d.error ? `${id}-error` : null, also ?? null].filter(Boolean).join(' ');
  return {
    'aria-invalid': d.invalid ? true : undefined,
    'aria-describedby': ids === '' ? undefined : ids,
  } as const;
}

export function FieldShell({
  id,
  label,
  error,
  hint,
  help,
  children,
}: {
  id: string;
  label: string;
  error: string | null;
  hint?: ReactNode;
  /** A sentence about the setting, shown as the label's tooltip (the accessible name stays the label). */
  help?: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label htmlFor={id} className="field__label" title={help}>
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
