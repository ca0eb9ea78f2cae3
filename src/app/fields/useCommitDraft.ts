/**
 * What a typed-in field shows and when it applies: the text being typed stays in the field (a "draft") and is
 * applied only on Enter or when the field loses focus, never per keystroke, so a half-typed value ("1e1" on the
 * way to "1e10") never reaches the store and typing costs only the field's own render.
 *
 * - Enter: a valid draft is applied; an invalid one stays in the field with the reason beside it.
 * - Escape: the draft is dropped and the field shows the applied value again.
 * - Blur: a valid draft is applied; an invalid one is dropped (the field shows the applied value) and the reason
 *   stays beside the field, saying that the typed text was not applied.
 * - A value changed from outside (undo, a fix, a preset) replaces the draft and any message.
 */
import { useState } from 'react';
import type { ChangeEvent, KeyboardEvent } from 'react';

export type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

interface Draft<T> {
  /** The typed text, or null once an invalid text was dropped on blur (only its message remains). */
  readonly text: string | null;
  readonly error: string | null;
  /** The applied value the draft was typed against; when the value changes from outside, the draft is dropped. */
  readonly against: T;
}

export interface CommitDraft {
  /** What the input shows. */
  readonly text: string;
  /** Why the typed text is not applied, to show beside the field; null when there is nothing to say. */
  readonly error: string | null;
  /** Whether the text in the field is itself invalid (an Enter on a bad value), for aria-invalid. */
  readonly invalid: boolean;
  readonly inputProps: {
    readonly value: string;
    readonly onChange: (e: ChangeEvent<HTMLInputElement>) => void;
    readonly onKeyDown: (e: KeyboardEvent<HTMLInputElement>) => void;
    readonly onBlur: () => void;
  };
}

export function useCommitDraft<T>(opts: {
  readonly value: T;
  readonly format: (v: T) => string;
  readonly parse: (text: string) => Parsed<T>;
  readonly commit: (v: T) => void;
  readonly same: (a: T, b: T) => boolean;
}): CommitDraft {
  const { value, format, parse, commit, same } = opts;
  const [draft, setDraft] = useState<Draft<T> | null>(null);
  const live = draft && same(draft.against, value) ? draft : null;
  const typed = live?.text ?? null;

  const attempt = (leaving: boolean): void => {
    if (typed === null) return;
    const r = parse(typed);
    if (r.ok) {
      setDraft(null);
      if (!same(r.value, value)) commit(r.value);
    } else if (leaving) {
      setDraft({ text: null, error: `“${typed.trim()}” was not applied. ${r.message}`, against: value });
    } else setDraft({ text: typed, error: r.message, against: value });
  };

  const text = typed ?? format(value);
  return {
    text,
    error: live?.error ?? null,
    invalid: typed !== null && live?.error != null,
    inputProps: {
      value: text,
      onChange: (e) => setDraft({ text: e.target.value, error: null, against: value }),
      onKeyDown: (e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          attempt(false);
        } else if (e.key === 'Escape' && live) {
          e.preventDefault();
          e.stopPropagation();
          setDraft(null);
        }
      },
      onBlur: () => attempt(true),
    },
  };
}
