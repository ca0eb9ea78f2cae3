import { describe, expect, it } from 'vitest';
import { defaultLayer } from '../../engine/graph/catalogue';
import { chain } from '../../engine/graph/edit';
import type { Graph } from '../../engine/graph/types';
import { DEFAULT_PANEL_PREFS, DOCK_KINDS } from '../store/uiSlice';
import {
  PANEL_NAMES,
  dockKindOf,
  maximizedPanel,
  panelPlan,
  shownPanels,
  withAllShown,
  withMaximized,
  withPanelShown,
} from './panelLayout';

const names = (kind: Parameters<typeof panelPlan>[0]) => panelPlan(kind).map((p) => p.name);
/** The dock has five columns at 1280–1440 px. */
const COLUMNS = 5;
const firstRow = (kind: Parameters<typeof panelPlan>[0]) => {
  const row: string[] = [];
  let used = 0;
  for (const p of panelPlan(kind)) {
    if (used + p.span > COLUMNS) break;
    used += p.span;
    row.push(p.name);
  }
  return row;
};
const graphOf = (role: Graph['role']): Graph => chain(role, [defaultLayer('input')]);

describe('panel order per kind of network', () => {
  it('puts what matters first and fits it in the first row', () => {
    expect(firstRow('classifier')).toEqual(['Loss', 'Kernels', 'Activation maps', 'Confusion matrix']);
    expect(firstRow('gan')).toEqual(['GAN samples', 'Loss']);
    expect(firstRow('autoencoder')).toEqual(['Reconstructions', 'Loss', 'Kernels']);
  });
  it('leaves out the panels a kind cannot answer', () => {
    expect(names('classifier')).not.toContain('GAN samples');
    expect(names('classifier')).not.toContain('Reconstructions');
    expect(names('gan')).toEqual([
      'GAN samples',
      'Loss',
      'Kernels',
      'Activation maps',
      'Runs',
      'Side by side',
    ]);
    for (const n of ['Confusion matrix', 'Predictions', 'Draw', 'GAN samples'])
      expect(names('autoencoder')).not.toContain(n);
  });
  it('names only known panels, each once, and every panel is in some plan', () => {
    const all = new Set(DOCK_KINDS.flatMap(names));
    expect([...all].sort()).toEqual([...PANEL_NAMES].sort());
    for (const k of DOCK_KINDS) expect(new Set(names(k)).size).toBe(names(k).length);
  });
  it('reads the kind from the GAN pair or the graph role', () => {
    const classifier = graphOf('classifier');
    expect(dockKindOf({ graph: classifier, ganGraphs: null })).toBe('classifier');
    expect(dockKindOf({ graph: graphOf('autoencoder'), ganGraphs: null })).toBe('autoencoder');
    const gen = graphOf('generator');
    expect(dockKindOf({ graph: gen, ganGraphs: { generator: gen, discriminator: classifier } })).toBe('gan');
    expect(dockKindOf({ graph: gen, ganGraphs: null })).toBe('gan');
  });
});

describe('teacher choices', () => {
  it('hides and shows a panel for one kind only', () => {
    const p = withPanelShown(DEFAULT_PANEL_PREFS, 'classifier', 'Kernels', false);
    expect(shownPanels('classifier', p).map((x) => x.name)).not.toContain('Kernels');
    expect(shownPanels('gan', p).map((x) => x.name)).toContain('Kernels');
    const back = withPanelShown(p, 'classifier', 'Kernels', true);
    expect(shownPanels('classifier', back).map((x) => x.name)).toEqual(names('classifier'));
    expect(withAllShown(p, 'classifier').classifier.hidden).toEqual([]);
  });
  it('maximises a shown panel of the kind; hiding it or another kind restores the normal view', () => {
    const m = withMaximized(DEFAULT_PANEL_PREFS, 'classifier', 'Confusion matrix');
    expect(maximizedPanel('classifier', m)).toBe('Confusion matrix');
    expect(maximizedPanel('gan', m)).toBeNull();
    expect(maximizedPanel('classifier', withMaximized(m, 'classifier', null))).toBeNull();
    const hidden = withPanelShown(m, 'classifier', 'Confusion matrix', false);
    expect(maximizedPanel('classifier', hidden)).toBeNull();
    // A saved name the kind does not have (an older version's panel) is ignored.
    expect(maximizedPanel('gan', withMaximized(m, 'gan', 'Confusion matrix'))).toBeNull();
  });
});
