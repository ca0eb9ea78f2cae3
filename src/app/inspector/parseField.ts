/**
 * Reading what the user types into the inspector. Invalid text gives a message to show beside the field and is
 * never applied. The limits match the graph parser's (src/engine/graph/parseLayer.ts), so whatever the inspector
 * accepts also survives a share link or a saved file.
 */
import { MAX_SIZE } from '../../engine/graph/parseLayer';
import type { Parsed } from '../fields/useCommitDraft';

export type { Parsed };

export interface NumberRule {
  readonly min: number;
  readonly max: number;
  /** Whether min itself is allowed (default true; a learning rate of 0 is not). */
  readonly inclusiveMin?: boolean;
  /** Whether max itself is allowed (default true). */
  readonly inclusiveMax?: boolean;
  readonly integer: boolean;
}

export const RULES = {
  size: { min: 1, max: MAX_SIZE, integer: true },
  paddingAmount: { min: 0, max: 1024, integer: true },
  rate: { min: 0, max: 1, inclusiveMax: false, integer: false },
  momentum: { min: 0, max: 1, inclusiveMax: false, integer: false },
  epsilon: { min: 1e-12, max: 1, integer: false },
  alpha: { min: 0, max: 1, integer: false },
} as const satisfies Record<string, NumberRule>;

const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

export function parseNumber(text: string, rule: NumberRule): Parsed<number> {
  const t = text.trim();
  if (t === '') return { ok: false, message: 'Enter a number.' };
  if (!NUMBER_TEXT.test(t)) return { ok: false, message: `“${t}” is not a number.` };
  const value = Number(t);
  if (!Number.isFinite(value)) return { ok: false, message: 'The number is too large.' };
  if (rule.integer && !Number.isInteger(value)) return { ok: false, message: 'Enter a whole number.' };
  const inclusive = rule.inclusiveMax ?? true;
  if (rule.inclusiveMin === false ? value <= rule.min : value < rule.min)
    return {
      ok: false,
      message:
        rule.inclusiveMin === false ? `Must be more than ${rule.min}.` : `Must be at least ${rule.min}.`,
    };
  if (inclusive ? value > rule.max : value >= rule.max) {
    return {
      ok: false,
      message: inclusive ? `Must be at most ${rule.max}.` : `Must be less than ${rule.max}.`,
    };
  }
  return { ok: true, value };
}

/** '28×28×1', '28x28x1', '28, 28, 1' or '784' → [28, 28, 1] / [784]. One to three positive whole numbers. */
export function parseShape(text: string): Parsed<number[]> {
  const parts = text
    .trim()
    .split(/\s*[×xX,]\s*|\s+/)
    .filter((p) => p !== '');
  if (parts.length === 0) return { ok: false, message: 'Enter sizes like 7×7×16.' };
  if (parts.length > 3) return { ok: false, message: 'At most three sizes (height × width × channels).' };
  const out: number[] = [];
  for (const p of parts) {
    const r = parseNumber(p, RULES.size);
    if (!r.ok) return { ok: false, message: `${p}: ${r.message}` };
    out.push(r.value);
  }
  return { ok: true, value: out };
}
