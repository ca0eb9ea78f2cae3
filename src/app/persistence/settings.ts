/**
 * The user's training settings as plain data, and their validation. Shared links, imported files and the autosave
 * are untrusted: every field is checked and a readable reason names the first bad one.
 */
import { isDatasetId, type DatasetId } from '../../engine/data/types';
import { DEFAULT_HYPER, LR_SCHEDULES, type Hyper, type OptimizerId } from '../../engine/train/hyper';
import { AUGMENT_LIMITS, type AugmentSettings } from '../../engine/data/augment';
import type { BackendPolicy } from '../../engine/backend/types';
import { DEFAULT_PANEL_PREFS, DOCK_KINDS, type PanelPrefs } from '../store/uiSlice';

export interface Settings {
  readonly presetId: string;
  readonly dataset: DatasetId;
  readonly hyper: Hyper;
  readonly seed: number;
  readonly backendPolicy: BackendPolicy;
}

export type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

export const OPTIMIZERS: readonly OptimizerId[] = [
  'sgd',
  'momentum',
  'adam',
  'adadelta',
  'rmsprop',
  'lbfgs',
  'cg',
];
/** The most L-BFGS steps remembered, and the most examples a second-order step may use (MNIST's training set). */
export const HISTORY_SIZE_MAX = 50;
export const SECOND_ORDER_BATCH_MAX = 60_000;
/** The largest gradient clip norm a setting may hold (the field offers the same range). */
export const CLIP_NORM_MAX = 1000;
/** The largest step limit a setting may hold. */
export const MAX_STEPS_MAX = 10_000_000;
/** The largest time limit a setting may hold, seconds (a day). */
export const MAX_SECONDS_MAX = 86_400;
export const BACKEND_POLICIES: readonly BackendPolicy[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);
const oneOf = <T extends string>(list: readonly T[], x: unknown): x is T =>
  typeof x === 'string' && (list as readonly string[]).includes(x);

export type NumRule = { min: number; max: number; int?: boolean; minExclusive?: boolean };
const NUMBER_RULES: Record<
  | 'learningRate'
  | 'momentum'
  | 'decay'
  | 'batchSize'
  | 'epochs'
  | 'validateEvery'
  | 'clipNorm'
  | 'maxSteps'
  | 'maxSeconds'
  | 'historySize'
  | 'secondOrderBatch',
  NumRule
> = {
  learningRate: { min: 0, max: 10, minExclusive: true },
  momentum: { min: 0, max: 1 },
  decay: { min: 0, max: 1 },
  batchSize: { min: 1, max: 4096, int: true },
  epochs: { min: 1, max: 1000, int: true },
  validateEvery: { min: 0, max: 1_000_000, int: true },
  // 0 = off. Saves and links from before it existed have none: the defaults above fill it in with 0.
  clipNorm: { min: 0, max: CLIP_NORM_MAX },
  // 0 = no step limit (older saves have none).
  maxSteps: { min: 0, max: MAX_STEPS_MAX, int: true },
  // 0 = no time limit (a sweep's seconds budget sets one; older saves and links have none).
  maxSeconds: { min: 0, max: MAX_SECONDS_MAX },
  // L-BFGS and conjugate gradient (older saves have neither: the defaults fill them in).
  historySize: { min: 1, max: HISTORY_SIZE_MAX, int: true },
  secondOrderBatch: { min: 1, max: SECOND_ORDER_BATCH_MAX, int: true },
};

/** Why `x` breaks the rule, as `<name> must …`; null when it keeps it. */
export function checkNumber(name: string, x: unknown, r: NumRule): string | null {
  if (typeof x !== 'number' || !Number.isFinite(x)) return `${name} must be a finite number`;
  if (r.int && !Number.isInteger(x)) return `${name} must be a whole number`;
  if (x > r.max || x < r.min || (r.minExclusive && x === r.min))
    return `${name} must be ${r.minExclusive ? 'above' : 'at least'} ${r.min} and at most ${r.max}`;
  return null;
}

/**
 * Validates the augmentation settings. Saves and links from before it existed have none (parseHyper's defaults turn
 * it off); an object present must be whole, so a damaged one is reported rather than silently half-kept.
 */
export function parseAugment(x: unknown): Parsed<AugmentSettings> {
  if (!isObject(x)) return { ok: false, reason: 'hyper.augment: expected an object' };
  const a = x;
  for (const key of ['shift', 'rotate', 'zoom', 'jitter'] as const) {
    const bad = checkNumber(`hyper.augment.${key}`, a[key], {
      min: 0,
      max: AUGMENT_LIMITS[key],
      int: key === 'shift',
    });
    if (bad) return { ok: false, reason: bad };
  }
  if (typeof a['flip'] !== 'boolean')
    return { ok: false, reason: 'hyper.augment.flip: expected true or false' };
  return {
    ok: true,
    value: {
      shift: a['shift'] as number,
      flip: a['flip'],
      rotate: a['rotate'] as number,
      zoom: a['zoom'] as number,
      jitter: a['jitter'] as number,
    },
  };
}

/** RBM pretraining epochs per layer, 1 to 20; absent (saves from before it existed) or anything else = off. */
const pretrainOf = (v: unknown): { rbmPretrainEpochs?: number } =>
  typeof v === 'number' && Number.isInteger(v) && v > 0 && v <= 20 ? { rbmPretrainEpochs: v } : {};

/** Validates a hyperparameter object; missing fields take their defaults, wrong ones are refused. */
export function parseHyper(x: unknown): Parsed<Hyper> {
  if (!isObject(x)) return { ok: false, reason: 'hyper: expected an object' };
  const h: Record<string, unknown> = { ...DEFAULT_HYPER, ...x };
  if (!oneOf(OPTIMIZERS, h['optimizer'])) return { ok: false, reason: `hyper.optimizer: unknown optimizer` };
  // Older saves and links have no schedule: the default ('decay', with their own decay) fills it in.
  if (!oneOf(LR_SCHEDULES, h['schedule'])) return { ok: false, reason: 'hyper.schedule: unknown schedule' };
  for (const [key, rule] of Object.entries(NUMBER_RULES)) {
    const bad = checkNumber(`hyper.${key}`, h[key], rule);
    if (bad) return { ok: false, reason: bad };
  }
  const subset = h['labelSubset'];
  if (!Array.isArray(subset) || !subset.every((n) => Number.isInteger(n) && n >= 0 && n < 1000))
    return { ok: false, reason: 'hyper.labelSubset: expected a list of class numbers' };
  const augment = parseAugment(h['augment']);
  if (!augment.ok) return augment;
  return {
    ok: true,
    value: {
      optimizer: h['optimizer'],
      learningRate: h['learningRate'] as number,
      momentum: h['momentum'] as number,
      decay: h['decay'] as number,
      schedule: h['schedule'],
      batchSize: h['batchSize'] as number,
      epochs: h['epochs'] as number,
      validateEvery: h['validateEvery'] as number,
      clipNorm: h['clipNorm'] as number,
      maxSteps: h['maxSteps'] as number,
      maxSeconds: h['maxSeconds'] as number,
      historySize: h['historySize'] as number,
      secondOrderBatch: h['secondOrderBatch'] as number,
      labelSubset: subset as number[],
      augment: augment.value,
      ...pretrainOf(h['rbmPretrainEpochs']),
    },
  };
}

export function parseSettings(x: unknown): Parsed<Settings> {
  if (!isObject(x)) return { ok: false, reason: 'settings: expected an object' };
  const { presetId, dataset, seed, backendPolicy } = x;
  if (typeof presetId !== 'string' || presetId.length > 100)
    return { ok: false, reason: 'presetId: expected a short text' };
  // A user dataset's id is accepted; one this browser does not have falls back to MNIST (userDatasetsStartup.ts).
  if (!isDatasetId(dataset)) return { ok: false, reason: `dataset: unknown dataset` };
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed))
    return { ok: false, reason: 'seed: expected a whole number' };
  if (!oneOf(BACKEND_POLICIES, backendPolicy)) return { ok: false, reason: 'backendPolicy: unknown backend' };
  const hyper = parseHyper(x['hyper']);
  if (!hyper.ok) return hyper;
  return { ok: true, value: { presetId, dataset, seed, backendPolicy, hyper: hyper.value } };
}

const MAX_PANEL_NAMES = 32;
const isPanelName = (x: unknown): x is string => typeof x === 'string' && x.length > 0 && x.length <= 60;

/**
 * The dock choices from an autosave. They are only a layout, so nothing here is refused: a missing or malformed part
 * (an older save, a hand-edited one) falls back to its default and the rest is kept. Unknown panel names are kept
 * too; the dock ignores names it does not show.
 */
export function parsePanelPrefs(x: unknown): PanelPrefs {
  if (!isObject(x)) return DEFAULT_PANEL_PREFS;
  const entries = DOCK_KINDS.map((kind) => {
    const k = x[kind];
    const fallback = DEFAULT_PANEL_PREFS[kind];
    if (!isObject(k)) return [kind, fallback] as const;
    const hidden = Array.isArray(k['hidden'])
      ? [...new Set(k['hidden'].filter(isPanelName))].slice(0, MAX_PANEL_NAMES)
      : fallback.hidden;
    const maximized = isPanelName(k['maximized']) ? k['maximized'] : null;
    return [kind, { hidden, maximized }] as const;
  });
  return Object.fromEntries(entries) as unknown as PanelPrefs;
}
