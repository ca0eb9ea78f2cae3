/**
 * What differs between two runs' settings, in words for the Runs table: "conv2d_1 kernel 3 → 10",
 * "added layer_norm_1 (LayerNormalization)", "learning rate 0.001 → 0.01". Layer settings are read through each
 * kind's field descriptors (src/engine/layers/registry.ts), so every setting of every kind is covered. Between two
 * GAN runs each layer change names its network ("generator conv2d_transpose_1 filters 64 → 32") and the GAN settings
 * count too ("D learning rate 0.0002 → 0.0001"); between a GAN and another kind of run only the kind is named.
 */
import { assertNever } from '../assertNever';
import type { DatasetId } from '../data/types';
import type { GanHyper } from '../gan/ganHyper';
import type { Graph, GraphNode, LayerSpec } from '../graph/types';
import type { FieldSpec } from '../layers/module';
import type { ConvPadding, Pair, Shape } from '../layers/primitives';
import { LAYERS, moduleOf } from '../layers/registry';
import { paddingText } from '../layers/text';
import type { Hyper } from '../train/hyper';
import type { AugmentSettings } from '../data/augment';

/** The settings a run is made of (a RunRecord has all of them). */
export interface RunSettings {
  readonly graph: Graph;
  readonly hyper: Hyper;
  readonly dataset: DatasetId;
  /** Labels trained on; empty = all. */
  readonly labelSubset: readonly number[];
  readonly seed: number;
  /** GAN runs: both networks (then `graph` is one of them) and the GAN settings; null or absent otherwise. */
  readonly gan?: { readonly generator: Graph; readonly discriminator: Graph } | null;
  readonly ganHyper?: GanHyper | null;
}

/** Numbers as typed: no float noise such as 0.30000000000000004. */
export const numberText = (n: number): string => String(Number(n.toPrecision(12)));

/** A pair as one number when square ("3"), else "3×5". */
const pairWord = (p: Pair): string => (p[0] === p[1] ? numberText(p[0]) : `${p[0]}×${p[1]}`);

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The word for a layer setting: its key when that is a plain word (kernel, stride, units), else its label. */
function fieldWord(key: string, label: string): string {
  return /^[a-z]{3,}$/.test(key) ? key : label.toLowerCase();
}

type AnyField = FieldSpec<LayerSpec>;

function valueText(field: AnyField, value: unknown): string {
  if (value === undefined) return 'none';
  switch (field.type) {
    case 'number':
      return numberText(value as number);
    case 'pair':
      return pairWord(value as Pair);
    case 'select':
      return String(value);
    case 'check':
      return value ? 'on' : 'off';
    case 'shape':
      return (value as Shape).join('×');
    case 'convPadding':
      return paddingText(value as ConvPadding);
    default:
      return assertNever(field);
  }
}

const isShown = (field: AnyField, spec: LayerSpec): boolean => !field.shown || field.shown(spec);

/** Differences of one node's settings, frozen state included (both specs of the same kind). */
function nodeChanges(prev: GraphNode, next: GraphNode): string[] {
  const id = next.id;
  const a = prev.layer;
  const b = next.layer;
  if (a.kind !== b.kind) return [`${id} ${LAYERS[a.kind].title} → ${LAYERS[b.kind].title}`];
  const out: string[] = [];
  const fields = moduleOf(b).fields as readonly AnyField[];
  const va = a as unknown as Record<string, unknown>;
  const vb = b as unknown as Record<string, unknown>;
  for (const f of fields) {
    if (same(va[f.key], vb[f.key]) || !(isShown(f, a) || isShown(f, b))) continue;
    out.push(`${id} ${fieldWord(f.key, f.label)} ${valueText(f, va[f.key])} → ${valueText(f, vb[f.key])}`);
  }
  // Settings without a descriptor (none today) still count.
  const described = new Set<string>(['kind', ...fields.map((f) => f.key)]);
  const keys = new Set([...Object.keys(va), ...Object.keys(vb)]);
  for (const k of keys) {
    if (described.has(k) || same(va[k], vb[k])) continue;
    out.push(`${id} ${k} ${JSON.stringify(va[k]) ?? 'none'} → ${JSON.stringify(vb[k]) ?? 'none'}`);
  }
  if (prev.frozen !== next.frozen) out.push(`${id} ${next.frozen ? 'frozen' : 'unfrozen'}`);
  return out;
}

/** Each node's inputs in edge order (the order Concatenate takes them in). */
function inputsOf(g: Graph): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const e of g.edges) m.set(e.target, [...(m.get(e.target) ?? []), e.source]);
  return m;
}

function graphChanges(prev: Graph, next: Graph): string[] {
  const out: string[] = [];
  if (prev.role !== next.role) out.push(`role ${prev.role} → ${next.role}`);
  const before = new Map(prev.nodes.map((n) => [n.id as string, n] as const));
  const after = new Set(next.nodes.map((n) => n.id as string));
  let addedOrRemoved = false;
  for (const n of next.nodes) {
    const p = before.get(n.id);
    if (p) out.push(...nodeChanges(p, n));
    else {
      out.push(`added ${n.id} (${LAYERS[n.layer.kind].title})`);
      addedOrRemoved = true;
    }
  }
  for (const n of prev.nodes) {
    if (after.has(n.id)) continue;
    out.push(`removed ${n.id}`);
    addedOrRemoved = true;
  }
  // Rewiring shows on its own; edges that follow an added or removed layer are implied by it.
  if (!addedOrRemoved && !same([...inputsOf(prev)].sort(), [...inputsOf(next)].sort())) {
    out.push('connections changed');
  }
  return out;
}

/** A short word for each hyperparameter (labelSubset is described as "labels" from the run's own field). */
const HYPER_WORDS: { readonly [K in Exclude<keyof Hyper, 'labelSubset'>]: string } = {
  optimizer: 'optimizer',
  learningRate: 'learning rate',
  momentum: 'momentum',
  decay: 'learning rate decay',
  schedule: 'learning-rate schedule',
  batchSize: 'batch size',
  epochs: 'epochs',
  validateEvery: 'validate every',
  clipNorm: 'gradient clipping',
  maxSteps: 'step limit',
  maxSeconds: 'time limit',
  augment: 'augmentation',
  historySize: 'L-BFGS history',
  secondOrderBatch: 'examples per step',
  rbmPretrainEpochs: 'RBM pretraining epochs',
};
const HYPER_KEYS = Object.keys(HYPER_WORDS) as (keyof typeof HYPER_WORDS)[];

/** A run's budget in words: "20 steps" when a step limit is set, else "1 epoch" / "3 epochs". */
function budgetText(h: Pick<Hyper, 'epochs' | 'maxSteps'> & Partial<Pick<Hyper, 'maxSeconds'>>): string {
  if (h.maxSeconds !== undefined && h.maxSeconds > 0) return `${numberText(h.maxSeconds)} s`;
  if (h.maxSteps > 0) return `${numberText(h.maxSteps)} steps`;
  return `${numberText(h.epochs)} epoch${h.epochs === 1 ? '' : 's'}`;
}

/** Augmentation in a few words: "off", or "shift 2, flip, rotate 10°". Runs saved before it existed have none. */
export function augmentText(a: AugmentSettings | undefined): string {
  if (!a) return 'off';
  const parts = [
    a.shift > 0 ? `shift ${numberText(a.shift)}` : '',
    a.flip ? 'flip' : '',
    a.rotate > 0 ? `rotate ${numberText(a.rotate)}°` : '',
    a.zoom > 0 ? `zoom ${numberText(a.zoom)}` : '',
    a.jitter > 0 ? `colour jitter ${numberText(a.jitter)}` : '',
  ].filter((p) => p !== '');
  return parts.length > 0 ? parts.join(', ') : 'off';
}

const hyperValue = (v: Hyper[keyof typeof HYPER_WORDS] | undefined): string =>
  typeof v === 'number' ? numberText(v) : typeof v === 'string' ? v : augmentText(v);

/** The GAN settings in the words of their fields (GAN settings in the training bar). */
const GAN_WORDS: { readonly [K in keyof GanHyper]: string } = {
  kD: 'D steps',
  kG: 'G steps',
  lrD: 'D learning rate',
  lrG: 'G learning rate',
  beta1: 'Adam β1',
  loss: 'GAN loss',
  labelSmoothing: 'label smoothing',
  batchSize: 'GAN batch size',
  distribution: 'latent distribution',
};
const GAN_KEYS = Object.keys(GAN_WORDS) as (keyof GanHyper)[];

function ganValue(v: GanHyper[keyof GanHyper]): string {
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  if (v === 'nonSaturating') return 'non-saturating';
  if (v === 'leastSquares') return 'least squares';
  return v;
}

/** The two networks' changes, each prefixed by its network, then the GAN settings'. */
function ganChanges(
  prev: NonNullable<RunSettings['gan']>,
  next: NonNullable<RunSettings['gan']>,
  ha: GanHyper | null | undefined,
  hb: GanHyper | null | undefined,
): string[] {
  const out: string[] = [];
  for (const net of ['generator', 'discriminator'] as const)
    out.push(...graphChanges(prev[net], next[net]).map((c) => `${net} ${c}`));
  if (ha && hb)
    for (const k of GAN_KEYS)
      if (ha[k] !== hb[k]) out.push(`${GAN_WORDS[k]} ${ganValue(ha[k])} → ${ganValue(hb[k])}`);
  return out;
}

/** What kind of run the settings make: "GAN", else the graph's role ("classifier", "autoencoder"). */
const kindOf = (s: RunSettings): string => (s.gan ? 'GAN' : s.graph.role);

const labelsText = (labels: readonly number[]): string =>
  labels.length === 0 ? 'all' : [...labels].sort((x, y) => x - y).join(', ');

/**
 * What changed from `prev` to `next`, one phrase per difference: layers (in the new graph's order, then removed
 * ones; for GAN runs the generator's, the discriminator's, then the GAN settings; "kind classifier → GAN" instead
 * when one run is a GAN and the other is not), training settings, dataset, labels and seed. ['first run'] without a previous run; ['no change'] when
 * nothing differs. Editor positions are not settings and are ignored.
 */
export function describeChanges(prev: RunSettings | null, next: RunSettings): string[] {
  if (!prev) return ['first run'];
  const out: string[] = [];
  // Another kind of run: its layers have nothing in common with the last run's; the kind says it all.
  if (kindOf(prev) !== kindOf(next) && (prev.gan || next.gan))
    out.push(`kind ${kindOf(prev)} → ${kindOf(next)}`);
  else if (prev.gan && next.gan) out.push(...ganChanges(prev.gan, next.gan, prev.ganHyper, next.ganHyper));
  else out.push(...graphChanges(prev.graph, next.graph));
  // A sweep's steps budget sets epochs to their maximum as well: when a step limit binds on either side, the
  // budget is one phrase ("budget 1 epoch → 20 steps"), not the two fields that carry it.
  // A seconds budget likewise. Runs recorded before the time limit existed have none: no limit (0).
  const secondsOf = (h: RunSettings['hyper']): number => h.maxSeconds ?? 0;
  const limited =
    prev.hyper.maxSteps > 0 ||
    next.hyper.maxSteps > 0 ||
    secondsOf(prev.hyper) > 0 ||
    secondsOf(next.hyper) > 0;
  if (limited && budgetText(prev.hyper) !== budgetText(next.hyper))
    out.push(`budget ${budgetText(prev.hyper)} → ${budgetText(next.hyper)}`);
  for (const k of HYPER_KEYS) {
    const a = k === 'maxSeconds' ? secondsOf(prev.hyper) : prev.hyper[k];
    const b = k === 'maxSeconds' ? secondsOf(next.hyper) : next.hyper[k];
    if (a === b) continue;
    if (limited && (k === 'epochs' || k === 'maxSteps' || k === 'maxSeconds')) continue;
    const ta = hyperValue(a);
    const tb = hyperValue(b);
    // Augmentation is an object: equal settings in two objects are no change.
    if (k !== 'augment' || ta !== tb) out.push(`${HYPER_WORDS[k]} ${ta} → ${tb}`);
  }
  if (prev.dataset !== next.dataset) out.push(`dataset ${prev.dataset} → ${next.dataset}`);
  const la = labelsText(prev.labelSubset);
  const lb = labelsText(next.labelSubset);
  if (la !== lb) out.push(`labels ${la} → ${lb}`);
  if (prev.seed !== next.seed) out.push(`seed ${numberText(prev.seed)} → ${numberText(next.seed)}`);
  return out.length > 0 ? out : ['no change'];
}
