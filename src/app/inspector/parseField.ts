/**
 * Reading a shape typed into the inspector. Invalid text gives a message to show beside the field and is never
 * applied. The limits match the graph parser's (the layer modules' RULES), so whatever the inspector accepts also
 * survives a share link or a saved file.
 */
import { RULES } from '../../engine/layers/fieldHelpers';
import type { Parsed } from '../fields/useCommitDraft';
import { parseNumber } from '../fields/parseNumber';

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
