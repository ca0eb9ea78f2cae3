import { describe, expect, it } from 'vitest';
import { DEFAULT_PANEL_PREFS } from '../store/uiSlice';
import { createAppStore } from '../store';
import { decodeShare, sharedStateOf } from '../persistence/share';
import { withMaximized, withPanelShown } from '../panels/panelLayout';
import { embedCode, embedCodeOf, embedUrl, panelsToEmbed } from './embedCode';
import { embedPanels } from './embedParams';
import { isEmbedSearch } from './embedFlag';

const noStorage = { getItem: () => null, setItem: () => undefined, removeItem: () => undefined };
const store = () => createAppStore(noStorage);

describe('embedUrl / embedCode', () => {
  it('addresses the embedded view of this page with the panels and the network in its fragment', () => {
    const s = store().getState();
    const url = new URL(
      embedUrl('https://t.test/play/?backend=wasm#s=v1.old', sharedStateOf(s), ['Loss', 'Activation maps']),
    );
    expect(url.origin + url.pathname).toBe('https://t.test/play/');
    expect(isEmbedSearch(url.search)).toBe(true);
    expect(embedPanels(url.search)).toEqual(['Loss', 'Activation maps']);
    const shared = decodeShare(url.hash);
    expect(shared.ok && shared.value).toEqual(sharedStateOf(s));
  });

  it('is an iframe whose src attribute, read as HTML, is that address', () => {
    const s = sharedStateOf(store().getState());
    const code = embedCode('https://t.test/', s, ['Loss', 'Kernels']);
    expect(code).toMatch(/^<iframe src="[^"]+" title="CNN Playground" .*><\/iframe>$/);
    const src = /src="([^"]+)"/.exec(code)?.[1] ?? '';
    expect(src).toContain('?embed=1&amp;panels=Loss,Kernels#s=v1.');
    expect(src.replaceAll('&amp;', '&')).toBe(embedUrl('https://t.test/', s, ['Loss', 'Kernels']));
  });
});

describe('panelsToEmbed', () => {
  it('takes the maximised panel, else the first two the dock shows', () => {
    const s = store().getState();
    expect(panelsToEmbed(s)).toEqual(['Loss', 'Kernels']);
    const hidden = withPanelShown(DEFAULT_PANEL_PREFS, 'classifier', 'Kernels', false);
    expect(panelsToEmbed({ ...s, panelPrefs: hidden })).toEqual(['Loss', 'Activation maps']);
    const max = withMaximized(DEFAULT_PANEL_PREFS, 'classifier', 'Confusion matrix');
    expect(panelsToEmbed({ ...s, panelPrefs: max })).toEqual(['Confusion matrix']);
    expect(embedCodeOf('https://t.test/', { ...s, panelPrefs: max })).toContain(
      'panels=Confusion%20matrix#s=',
    );
  });
});
