/**
 * Restores an autosave part by part: the network (or each GAN network), every setting on its own, the layout.
 * A bad part is reset to its default and reported with its field path; every valid part is kept. The Preset shown
 * always matches what is loaded: a network reset to the default comes with the default preset, and a restored
 * network whose preset name is unusable (reset, unknown, or of the other kind: GAN vs not) shows as "Custom network".
 */
import { PRESETS, type Preset } from '../../engine/graph/presets';
import { DEFAULT_HYPER, type Hyper } from '../../engine/train/hyper';
import type { AppState } from '../store/types';
import { clampDock } from '../store/uiSlice';
import { restoreAugmentByDataset } from './augmentByDataset';
import { parseGraphValue } from './graphData';
import { GAN_LABELS, restoreGanHyper } from './ganSettings';
import { parseHyper, parsePanelPrefs, parseSettings, type Settings } from './settings';

/** One reset part: what the user sees it as, and why (the reason starts with its field path). */
export interface ResetPart {
  readonly label: string;
  readonly reason: string;
}

export interface Restored {
  readonly state: AppState;
  readonly reset: readonly ResetPart[];
  /** What of the saved work was kept, in words ("the network", "the discriminator", "every other setting"). */
  readonly kept: readonly string[];
}

const LABELS: Readonly<Record<string, string>> = {
  presetId: 'Preset',
  dataset: 'Dataset',
  seed: 'Seed',
  backendPolicy: 'Backend',
  hyper: 'the training settings',
  'hyper.optimizer': 'Optimizer',
  'hyper.learningRate': 'Learning rate',
  'hyper.momentum': 'Momentum',
  'hyper.decay': 'Decay',
  'hyper.schedule': 'Schedule',
  'hyper.batchSize': 'Batch size',
  'hyper.epochs': 'Epochs',
  'hyper.validateEvery': 'Validate every',
  'hyper.labelSubset': 'Train on labels',
  'hyper.clipNorm': 'Gradient clip norm',
  'hyper.maxSteps': 'Stop at step',
  'hyper.historySize': 'History size',
  'hyper.secondOrderBatch': 'Examples per step',
  'hyper.augment': 'Augmentation',
};
const labelOf = (field: string): string => LABELS[field] ?? field;

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);
const own = (o: Record<string, unknown>, k: string): Record<string, unknown> =>
  Object.hasOwn(o, k) ? { [k]: o[k] } : {};

type GraphPart = Pick<AppState, 'graph' | 'ganGraphs' | 'activeNetwork'>;

function restoreGraphs(s: Record<string, unknown>, reset: ResetPart[], kept: string[]) {
  const gan = s['ganGraphs'];
  if (isObject(gan)) {
    const named = PRESETS.find((p) => p.id === s['presetId'] && p.gan);
    const fallback: Preset | undefined = named ?? PRESETS.find((p) => p.gan);
    const g = parseGraphValue(gan['generator'], 'ganGraphs.generator');
    const d = parseGraphValue(gan['discriminator'], 'ganGraphs.discriminator');
    if (!g.ok) reset.push({ label: 'the generator', reason: g.reason });
    if (!d.ok) reset.push({ label: 'the discriminator', reason: d.reason });
    if (g.ok) kept.push('the generator');
    if (d.ok) kept.push('the discriminator');
    const generator = g.ok ? g.value : fallback?.gan?.generator;
    const discriminator = d.ok ? d.value : fallback?.gan?.discriminator;
    if (generator && discriminator) {
      const part: GraphPart = {
        graph: generator,
        ganGraphs: { generator, discriminator },
        activeNetwork: 'generator',
      };
      // Both networks from a preset: show that preset.
      return { part, presetId: !g.ok && !d.ok && fallback ? fallback.id : null };
    }
    return { part: null, presetId: null };
  }
  if (gan !== null && gan !== undefined)
    reset.push({ label: 'the GAN networks', reason: 'ganGraphs: expected an object or null' });
  if (s['graph'] === undefined) return { part: null, presetId: null };
  const graph = parseGraphValue(s['graph'], 'graph');
  if (!graph.ok) {
    reset.push({ label: 'the network', reason: graph.reason });
    return { part: null, presetId: null };
  }
  kept.push('the network');
  const part: GraphPart = { graph: graph.value, ganGraphs: null, activeNetwork: 'main' };
  return { part, presetId: null };
}

/** Each top-level setting and each hyperparameter checked alone, over the current (default) values. */
function restoreSettings(s: Record<string, unknown>, current: AppState, reset: ResetPart[]) {
  const base: Settings = {
    presetId: current.presetId,
    dataset: current.dataset,
    seed: current.seed,
    backendPolicy: current.backendPolicy,
    hyper: current.hyper,
  };
  const out: Record<string, unknown> = {};
  let checked = 0;
  for (const field of ['presetId', 'dataset', 'seed', 'backendPolicy'] as const) {
    if (!Object.hasOwn(s, field)) continue;
    checked++;
    const r = parseSettings({ ...base, ...own(s, field) });
    if (r.ok) out[field] = r.value[field];
    else reset.push({ label: labelOf(field), reason: r.reason });
  }
  const h = s['hyper'];
  if (h !== undefined) {
    checked++;
    if (!isObject(h)) reset.push({ label: labelOf('hyper'), reason: 'hyper: expected an object' });
    else {
      const defaults = parseHyper({});
      const hyper: Record<string, unknown> = defaults.ok ? { ...defaults.value } : { ...DEFAULT_HYPER };
      for (const key of Object.keys(hyper)) {
        if (!Object.hasOwn(h, key)) continue;
        const r = parseHyper(own(h, key));
        if (r.ok) hyper[key] = (r.value as unknown as Record<string, unknown>)[key];
        else {
          hyper[key] = current.hyper[key as keyof Hyper] ?? hyper[key];
          reset.push({ label: labelOf(`hyper.${key}`), reason: r.reason });
        }
      }
      out['hyper'] = hyper;
    }
  }
  const g = s['ganHyper'];
  if (g !== undefined) {
    checked++;
    if (!isObject(g)) reset.push({ label: 'the GAN settings', reason: 'ganHyper: expected an object' });
    else {
      const r = restoreGanHyper(g, current.ganHyper);
      out['ganHyper'] = r.value;
      for (const b of r.bad) reset.push({ label: GAN_LABELS[b.field], reason: b.reason });
    }
  }
  return { out: out as Partial<AppState>, checked };
}

/** Restores what is valid in `saved` over `current` (the defaults); never throws. */
export function restoreSaved(saved: unknown, current: AppState): Restored {
  if (!isObject(saved)) return { state: current, reset: [], kept: [] };
  const reset: ResetPart[] = [];
  const kept: string[] = [];
  let next: AppState = { ...current };
  const graphs = restoreGraphs(saved, reset, kept);
  const resetBefore = reset.length;
  const settings = restoreSettings(saved, current, reset);
  next = { ...next, ...settings.out };
  if (graphs.part) next = { ...next, ...graphs.part };
  if (graphs.presetId) next = { ...next, presetId: graphs.presetId };
  // The network shown is the default one: so is the preset.
  else if (!graphs.part) next = { ...next, presetId: current.presetId };
  else {
    // A restored network shows as "Custom network" under a preset name that was reset (its default would name
    // another network), is no preset, or names a preset of the other kind (a classifier's over GAN networks).
    const presetReset = reset.slice(resetBefore).some((p) => p.reason.startsWith('presetId'));
    const preset = PRESETS.find((p) => p.id === next.presetId);
    const isGan = graphs.part.ganGraphs !== null;
    if (presetReset || !preset || Boolean(preset.gan) !== isGan) next = { ...next, presetId: '' };
  }
  // The augmentation last used with each other dataset: each entry on its own (a bad one is named and dropped).
  if (Object.hasOwn(saved, 'augmentByDataset')) {
    const a = restoreAugmentByDataset(saved['augmentByDataset']);
    next = { ...next, augmentByDataset: a.value };
    reset.push(...a.bad);
  }
  if (settings.checked > 0) kept.push(reset.length > resetBefore ? 'every other setting' : 'every setting');
  const theme = saved['theme'];
  if (theme === 'light' || theme === 'dark') next = { ...next, theme };
  if (typeof saved['presenter'] === 'boolean') next = { ...next, presenter: saved['presenter'] };
  const collapsed = saved['collapsedPanels'];
  if (Array.isArray(collapsed) && collapsed.every((x) => typeof x === 'string'))
    next = { ...next, collapsedPanels: collapsed };
  if (typeof saved['dockSize'] === 'number') next = { ...next, dockSize: clampDock(saved['dockSize']) };
  if (saved['panelPrefs'] !== undefined) next = { ...next, panelPrefs: parsePanelPrefs(saved['panelPrefs']) };
  return { state: next, reset, kept };
}
