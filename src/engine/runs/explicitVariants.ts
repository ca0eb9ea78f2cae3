/**
 * Sweeps over explicit variants: networks and settings given as they are (a preset's comparison of two networks, the
 * runs a shared link carries), not built from one setting's values. Checking them is pure: each variant that does not
 * validate is skipped with the reason, as a setting sweep skips a bad value.
 */
import type { Graph } from '../graph/types';
import type { ValidationContext } from '../graph/validationContext';
import { validateGraph } from '../graph/validate';
import type { DatasetId } from '../data/types';
import type { Hyper } from '../train/hyper';
import { MAX_SWEEP_VALUES } from './sweep';

/** One network and its settings to train. Without `dataset` or `seed` the run uses the editor's. */
export interface ExplicitVariant {
  readonly label: string;
  readonly graph: Graph;
  readonly hyper: Hyper;
  readonly dataset?: DatasetId;
  readonly seed?: number;
}

export type CheckedVariant = ExplicitVariant | { readonly label: string; readonly skipped: string };

export const isTrainable = (v: CheckedVariant): v is ExplicitVariant => 'graph' in v;

/** `label`, or `label (2)`, `label (3)`… when an earlier variant already has that label. */
function uniqueLabel(label: string, used: Set<string>): string {
  const base = label.trim() === '' ? 'variant' : label.trim();
  let out = base;
  for (let n = 2; used.has(out); n++) out = `${base} (${n})`;
  used.add(out);
  return out;
}

/**
 * Checks explicit variants against the validation context (each with its own label subset), or against each one's
 * own (`ctx` as a function: a variant with its own dataset is checked against that dataset's images and classes):
 * the ones that validate are kept as they are, the others carry the reason. Labels are made unique, since each names
 * a run.
 */
export function checkVariants(
  variants: readonly ExplicitVariant[],
  ctx: ValidationContext | ((v: ExplicitVariant) => ValidationContext),
):
  | { readonly ok: true; readonly variants: CheckedVariant[] }
  | { readonly ok: false; readonly error: string } {
  if (variants.length === 0) return { ok: false, error: 'Give at least one network to train.' };
  if (variants.length > MAX_SWEEP_VALUES)
    return {
      ok: false,
      error: `At most ${MAX_SWEEP_VALUES} networks in one sweep (${variants.length} given).`,
    };
  const used = new Set<string>();
  return {
    ok: true,
    variants: variants.map((v) => {
      const label = uniqueLabel(v.label, used);
      const own = typeof ctx === 'function' ? ctx(v) : ctx;
      const errors = validateGraph(v.graph, { ...own, labelSubset: v.hyper.labelSubset }).filter(
        (i) => i.severity === 'error',
      );
      if (errors.length > 0) return { label, skipped: errors.map((e) => e.message).join(' ') };
      return { ...v, label };
    }),
  };
}
