import { describe, expect, it } from 'vitest';
import { panelPlan } from '../panels/panelLayout';
import { DOCK_KINDS } from '../store/uiSlice';
import { isEmbedSearch } from './embedFlag';
import { embedPanels, embedPrefs, embedShown } from './embedParams';

describe('isEmbedSearch', () => {
  it('is the embedded view only for embed=1', () => {
    expect(isEmbedSearch('?embed=1')).toBe(true);
    expect(isEmbedSearch('?backend=wasm&embed=1&panels=Loss')).toBe(true);
    expect(isEmbedSearch('')).toBe(false);
    expect(isEmbedSearch('?embed=0')).toBe(false);
    expect(isEmbedSearch('?embedded=1')).toBe(false);
  });
});

describe('embedPanels', () => {
  it('reads panel names in the order given, whatever their case, without unknown names or repeats', () => {
    expect(embedPanels('?embed=1&panels=Loss,Kernels')).toEqual(['Loss', 'Kernels']);
    expect(embedPanels('?embed=1&panels=activation%20maps,LOSS,Nope,Loss')).toEqual([
      'Activation maps',
      'Loss',
    ]);
    expect(embedPanels('?embed=1&panels=Activation+maps')).toEqual(['Activation maps']);
    expect(embedPanels('?embed=1')).toEqual([]);
  });

  it('takes three at most', () => {
    expect(embedPanels('?panels=Loss,Kernels,Pooling,Dead ReLU')).toEqual(['Loss', 'Kernels', 'Pooling']);
  });
});

describe('embedShown / embedPrefs', () => {
  it('shows the asked panels a kind has, in its plan order, else the first two of its plan', () => {
    expect(embedShown('classifier', ['Kernels', 'Loss'])).toEqual(['Loss', 'Kernels']);
    expect(embedShown('gan', ['Confusion matrix'])).toEqual(['GAN samples', 'Loss']);
    expect(embedShown('classifier', [])).toEqual(['Loss', 'Kernels']);
  });

  it('hides every other panel of every kind, and maximises none', () => {
    const prefs = embedPrefs(['Loss', 'Kernels']);
    for (const kind of DOCK_KINDS) {
      const shown = panelPlan(kind).filter((p) => !prefs[kind].hidden.includes(p.name));
      expect(shown.map((p) => p.name)).toEqual(embedShown(kind, ['Loss', 'Kernels']));
      expect(prefs[kind].maximized).toBeNull();
    }
    expect(prefs.classifier.hidden).toContain('Activation maps');
  });
});
