/**
 * Which panels the dock shows for the network being edited, in which order and how wide, and the pure updates of the
 * teacher's choices (hide/show, maximise). What matters for a kind comes first, so it is on the first screen; panels
 * whose probes a kind cannot answer (a confusion matrix of a GAN, GAN samples of a classifier) are not in its plan.
 */
import type { AppState } from '../store/types';
import type { DockKind, PanelPrefs } from '../store/uiSlice';
import { runKindOf } from './panelMath';
import { isRbmWork } from '../controllers/initArgs';

/** Every panel the dock knows, by the region name it renders (the UI contract: tests and testers use these). */
export const PANEL_NAMES = [
  'Loss',
  'Kernels',
  'Activation maps',
  'Confusion matrix',
  'Predictions',
  'Draw',
  'Dead ReLU',
  'Pooling',
  'Layer health',
  'GAN samples',
  'Reconstructions',
  'Runs',
  'Side by side',
  'Feature visualization',
  'Saliency',
  'Adversarial example',
  'Convolution step',
  'Dreams',
  'RBM filters',
  'RBM likelihood',
] as const;
export type PanelName = (typeof PANEL_NAMES)[number];

/** A panel in the dock: `span` is how many dock columns it takes (the dock has five at 1280–1440 px). */
export interface DockPanel {
  readonly name: PanelName;
  readonly span: 1 | 2 | 3;
}

const p = (name: PanelName, span: DockPanel['span'] = 1): DockPanel => ({ name, span });

/**
 * The first row of each plan fills the five columns the dock has at 1366 px, so all of it is on the first screen.
 * GAN runs answer only the kernels, activations and GAN-samples probes; autoencoders have no classes to confuse or
 * predict, and drawing a digit feeds the predictions.
 */
const PLANS: { readonly [K in DockKind]: readonly DockPanel[] } = {
  classifier: [
    p('Loss'),
    p('Kernels'),
    p('Activation maps', 2),
    p('Confusion matrix'),
    p('Predictions'),
    p('Draw'),
    p('Dead ReLU'),
    p('Pooling'),
    p('Layer health'),
    p('Runs', 3),
    p('Side by side', 2),
    p('Feature visualization', 2),
    p('Saliency', 2),
    p('Adversarial example', 2),
    p('Convolution step', 2),
  ],
  gan: [
    p('GAN samples', 3),
    p('Loss', 2),
    p('Kernels'),
    p('Activation maps', 2),
    p('Runs', 3),
    p('Side by side', 2),
  ],
  autoencoder: [
    p('Reconstructions', 2),
    p('Loss', 2),
    p('Kernels'),
    p('Activation maps', 2),
    p('Dead ReLU'),
    p('Pooling'),
    p('Layer health'),
    p('Runs', 3),
    p('Side by side', 2),
    p('Convolution step', 2),
  ],
  // An RBM answers only its own probes (filters and dreams) and reconstructions.
  rbm: [
    p('Dreams', 2),
    p('RBM filters', 2),
    p('Reconstructions'),
    p('Loss', 2),
    p('RBM likelihood', 2),
    p('Runs', 3),
  ],
};

export const KIND_LABELS: { readonly [K in DockKind]: string } = {
  classifier: 'classifier',
  gan: 'GAN',
  autoencoder: 'autoencoder',
  rbm: 'RBM',
};

/** The kind of network in the editor: a GAN pair, an RBM preset's picture, else the graph's role (the next run's). */
export function dockKindOf(
  s: Pick<AppState, 'ganGraphs' | 'graph'> & Partial<Pick<AppState, 'presetId'>>,
): DockKind {
  if (s.ganGraphs) return 'gan';
  if (s.presetId !== undefined && isRbmWork({ ...s, presetId: s.presetId })) return 'rbm';
  return runKindOf(s.graph) ?? 'classifier';
}

/** Every panel that applies to a kind, in the order they matter. */
export function panelPlan(kind: DockKind): readonly DockPanel[] {
  return PLANS[kind];
}

/** The panels the dock shows: the plan minus the ones the teacher hid. */
export function shownPanels(kind: DockKind, prefs: PanelPrefs): readonly DockPanel[] {
  const hidden = prefs[kind].hidden;
  return PLANS[kind].filter((x) => !hidden.includes(x.name));
}

/** The maximised panel, if it is one the dock shows for this kind; else null (normal view). */
export function maximizedPanel(kind: DockKind, prefs: PanelPrefs): PanelName | null {
  const name = prefs[kind].maximized;
  return shownPanels(kind, prefs).find((x) => x.name === name)?.name ?? null;
}

export function withPanelShown(prefs: PanelPrefs, kind: DockKind, name: string, shown: boolean): PanelPrefs {
  const k = prefs[kind];
  const hidden = shown ? k.hidden.filter((n) => n !== name) : [...k.hidden.filter((n) => n !== name), name];
  // Hiding the maximised panel leaves presenter view.
  const maximized = !shown && k.maximized === name ? null : k.maximized;
  return { ...prefs, [kind]: { hidden, maximized } };
}

export function withMaximized(prefs: PanelPrefs, kind: DockKind, name: string | null): PanelPrefs {
  return { ...prefs, [kind]: { ...prefs[kind], maximized: name } };
}

export function withAllShown(prefs: PanelPrefs, kind: DockKind): PanelPrefs {
  return { ...prefs, [kind]: { hidden: [], maximized: prefs[kind].maximized } };
}

export const selectDockKind = (s: AppState): DockKind => dockKindOf(s);
export const selectMaximizedPanel = (s: AppState): PanelName | null =>
  maximizedPanel(dockKindOf(s), s.panelPrefs);
