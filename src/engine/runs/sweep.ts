/**
 * Sweeps: one setting (a node's layer setting or a training setting) tried over several values, each value one
 * variant of the network and settings. Parsing the values the user typed and building the variants are pure
 * functions here; the app's sweep controller trains the variants one after another.
 */
import type { Graph, LayerSpec, NodeId } from '../graph/types';
import type { ValidationContext } from '../graph/validationContext';
import { validateGraph } from '../graph/validate';
import { updateLayer } from '../graph/edit';
import { moduleOf } from '../layers/registry';
import type { FieldSpec, NumberRule, Option } from '../layers/module';
import type { ConvPadding, Pair } from '../layers/primitives';
import type { Hyper, OptimizerId } from '../train/hyper';

/** What a sweep varies: one field of one node's layer, or one training setting. */
export type SweepTarget =
  | { readonly kind: 'layer'; readonly node: NodeId; readonly key: string }
  | { readonly kind: 'training'; readonly key: TrainingSweepKey };

export type TrainingSweepKey = 'learningRate' | 'batchSize' | 'optimizer';

/** A value a sweep tries: a number, a square or other pair, an option's value, a flag or a conv padding. */
export type SweepValue = number | Pair | string | boolean | ConvPadding;

/** The part of a field descriptor a sweep reads (layer fields and the training settings alike). */
export type SweepField =
  | { readonly label: string; readonly type: 'number' | 'pair'; readonly rule: NumberRule }
  | { readonly label: string; readonly type: 'select'; readonly options: readonly Option[] }
  | { readonly label: string; readonly type: 'check' | 'convPadding' | 'shape' };

const OPTIMIZER_LABELS: Record<OptimizerId, string> = {
  sgd: 'SGD',
  momentum: 'Momentum',
  adam: 'Adam',
  adadelta: 'Adadelta',
  rmsprop: 'RMSprop',
  lbfgs: 'L-BFGS',
  cg: 'Conjugate gradient',
};

/** The training settings a sweep can vary, with the same ranges as the settings bar. */
export const TRAINING_SWEEP_FIELDS: Readonly<Record<TrainingSweepKey, SweepField>> = {
  learningRate: {
    label: 'Learning rate',
    type: 'number',
    rule: { min: 0, max: 10, inclusiveMin: false, integer: false },
  },
  batchSize: { label: 'Batch size', type: 'number', rule: { min: 1, max: 4096, integer: true } },
  optimizer: {
    label: 'Optimizer',
    type: 'select',
    options: Object.entries(OPTIMIZER_LABELS).map(([value, label]) => ({ value, label })),
  },
};

/** At most this many values in one sweep. */
export const MAX_SWEEP_VALUES = 20;

/** The fields of a node's kind a sweep can vary (shapes are not swept, nor the Input's data source). */
export function sweepableFields(layer: LayerSpec): readonly (FieldSpec<LayerSpec> & SweepField)[] {
  if (layer.kind === 'input') return [];
  const fields = moduleOf(layer).fields as unknown as readonly (FieldSpec<LayerSpec> & SweepField)[];
  return fields.filter((f) => f.type !== 'shape');
}

/** The field a target varies in `graph`, or null when its node or key is gone. */
export function fieldOf(graph: Graph, target: SweepTarget): SweepField | null {
  if (target.kind === 'training') return TRAINING_SWEEP_FIELDS[target.key];
  const node = graph.nodes.find((n) => n.id === target.node);
  if (!node) return null;
  return sweepableFields(node.layer).find((f) => f.key === target.key) ?? null;
}

function checkNumber(text: string, rule: NumberRule): number | string {
  const n = Number(text);
  if (text === '' || !Number.isFinite(n)) return `"${text}" is not a number.`;
  if (rule.integer && !Number.isInteger(n)) return `"${text}" must be a whole number.`;
  const minOk = rule.inclusiveMin === false ? n > rule.min : n >= rule.min;
  const maxOk = rule.inclusiveMax === false ? n < rule.max : n <= rule.max;
  if (!minOk)
    return `${text} is too small: the smallest allowed is ${rule.inclusiveMin === false ? 'above ' : ''}${rule.min}.`;
  if (!maxOk)
    return `${text} is too large: the largest allowed is ${rule.inclusiveMax === false ? 'below ' : ''}${rule.max}.`;
  return n;
}

function parseOne(text: string, field: SweepField): SweepValue | { error: string } {
  const t = text.trim();
  switch (field.type) {
    case 'number': {
      const n = checkNumber(t, field.rule);
      return typeof n === 'string' ? { error: n } : n;
    }
    case 'pair': {
      // "5" is a 5×5 square; "3x5" or "3×5" a 3×5 rectangle.
      const parts = t.split(/\s*[x×*]\s*/i);
      if (parts.length > 2) return { error: `"${t}" is not a size: give one number (5) or two (3×5).` };
      const nums = parts.map((p) => checkNumber(p, field.rule));
      const bad = nums.find((n): n is string => typeof n === 'string');
      if (bad !== undefined) return { error: bad };
      const [a, b] = nums as number[];
      return [a!, b ?? a!] as const;
    }
    case 'select': {
      const low = t.toLowerCase();
      const o = field.options.find((x) => x.value.toLowerCase() === low || x.label.toLowerCase() === low);
      if (o) return o.value;
      const names = field.options.map((x) => x.label).join(', ');
      return { error: `"${t}" is not one of the choices for ${field.label}: ${names}.` };
    }
    case 'check': {
      if (/^(on|yes|true|1)$/i.test(t)) return true;
      if (/^(off|no|false|0)$/i.test(t)) return false;
      return { error: `"${t}" is not on or off.` };
    }
    case 'convPadding': {
      if (/^(valid|same)$/i.test(t)) return t.toLowerCase() as 'valid' | 'same';
      const n = checkNumber(t, { min: 0, max: 1024, integer: true });
      if (typeof n === 'string')
        return { error: `"${t}" is not a padding: give valid, same or a border in pixels.` };
      return { explicit: n };
    }
    case 'shape':
      return { error: `${field.label} cannot be swept.` };
  }
}

/** A value as text, the way a run's name shows it: 5 (a 5×5 square), 3×5, Adam, same, on. */
export function valueText(value: SweepValue, field: SweepField): string {
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string')
    return field.type === 'select' ? (field.options.find((o) => o.value === value)?.label ?? value) : value;
  if ('explicit' in value) return String(value.explicit);
  return value[0] === value[1] ? String(value[0]) : `${value[0]}×${value[1]}`;
}

/** The short name of a setting in a run's name: "kernel", "stride", "learning rate". */
export function settingName(field: SweepField): string {
  return field.label.toLowerCase().replace(/^kernel size$/, 'kernel');
}

const isError = (v: SweepValue | { error: string }): v is { error: string } =>
  typeof v === 'object' && !Array.isArray(v) && 'error' in v;

const keyOf = (v: SweepValue): string => JSON.stringify(v);

/**
 * The values typed for a sweep ("3, 5, 7, 10"), checked against the field's rule; repeated values are kept once.
 * Values are separated by commas (or semicolons).
 */
export function parseSweepValues(
  text: string,
  field: SweepField,
):
  | { readonly ok: true; readonly values: readonly SweepValue[] }
  | { readonly ok: false; readonly error: string } {
  const parts = text
    .split(/[,;]/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) return { ok: false, error: 'Give at least one value, for example 3, 5, 7.' };
  const values: SweepValue[] = [];
  const seen = new Set<string>();
  for (const p of parts) {
    const v = parseOne(p, field);
    if (isError(v)) return { ok: false, error: v.error };
    const k = keyOf(v);
    if (seen.has(k)) continue;
    seen.add(k);
    values.push(v);
  }
  if (values.length > MAX_SWEEP_VALUES)
    return { ok: false, error: `At most ${MAX_SWEEP_VALUES} values in one sweep (${values.length} given).` };
  return { ok: true, values };
}

export interface SweepBase {
  readonly graph: Graph;
  readonly hyper: Hyper;
}

export type SweepVariant =
  | { readonly label: string; readonly value: SweepValue; readonly graph: Graph; readonly hyper: Hyper }
  | { readonly label: string; readonly value: SweepValue; readonly skipped: string };

/**
 * One variant per value: the network and settings with the value applied, named like "kernel 5", or the reason it
 * is skipped (the validation errors of its network, e.g. a kernel larger than its input).
 */
export function sweepVariants(
  base: SweepBase,
  target: SweepTarget,
  values: readonly SweepValue[],
  ctx: ValidationContext,
): SweepVariant[] {
  const field = fieldOf(base.graph, target);
  if (!field) throw new Error(`No setting ${target.key} to sweep`);
  return values.map((value) => {
    const label = `${settingName(field)} ${valueText(value, field)}`;
    const graph =
      target.kind === 'layer'
        ? updateLayer(base.graph, target.node, { [target.key]: value } as Partial<LayerSpec>)
        : base.graph;
    const hyper = target.kind === 'training' ? { ...base.hyper, [target.key]: value } : base.hyper;
    const errors = validateGraph(graph, { ...ctx, labelSubset: hyper.labelSubset }).filter(
      (i) => i.severity === 'error',
    );
    if (errors.length > 0) return { label, value, skipped: errors.map((e) => e.message).join(' ') };
    return { label, value, graph, hyper };
  });
}
