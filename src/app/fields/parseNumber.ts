/**
 * Reading a typed number against a rule (a range, whole numbers or not). Invalid text gives a message to show
 * beside the field and is never applied. Used by every number field (inspector, settings bar).
 */
import type { NumberRule } from '../../engine/layers/module';
import type { Parsed } from './useCommitDraft';

const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

export function parseNumber(text: string, rule: NumberRule): Parsed<number> {
  const t = text.trim();
  if (t === '') return { ok: false, message: 'Enter a number.' };
  if (!NUMBER_TEXT.test(t)) return { ok: false, message: `“${t}” is not a number.` };
  return checkNumber(Number(t), rule);
}

/** Whether a number (typed, or stepped with the arrow keys) passes the rule, and why not. */
export function checkNumber(value: number, rule: NumberRule): Parsed<number> {
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

/** The rule as a tooltip: 'from 1 to 4096, whole numbers', 'above 0 to 10'. */
export function ruleText(rule: NumberRule): string {
  const lower = `${rule.inclusiveMin === false ? 'above' : 'from'} ${rule.min}`;
  const upper = rule.inclusiveMax === false ? `, below ${rule.max}` : ` to ${rule.max}`;
  return `${lower}${upper}${rule.integer ? ', whole numbers' : ''}`;
}
