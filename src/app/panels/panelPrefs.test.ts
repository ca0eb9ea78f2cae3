import { describe, expect, it } from 'vitest';
import type { PersistStorage, StorageValue } from 'zustand/middleware';
import { parsePanelPrefs } from '../persistence/settings';
import { createAppStore, type Saved } from '../store';
import { DEFAULT_PANEL_PREFS } from '../store/uiSlice';
import { withMaximized, withPanelShown } from './panelLayout';

function memoryStorage(initial?: unknown) {
  const data = new Map<string, StorageValue<Saved>>();
  if (initial !== undefined) data.set('cnn-playground', initial as StorageValue<Saved>);
  const storage: PersistStorage<Saved> = {
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, JSON.parse(JSON.stringify(v)) as StorageValue<Saved>),
    removeItem: (k) => void data.delete(k),
  };
  return { data, storage };
}

describe('dock choices survive a reload', () => {
  it('are autosaved and restored', () => {
    const mem = memoryStorage();
    const a = createAppStore(mem.storage);
    a.getState().updatePanelPrefs((p) =>
      withMaximized(withPanelShown(p, 'classifier', 'Pooling', false), 'gan', 'GAN samples'),
    );
    const b = createAppStore(mem.storage);
    expect(b.getState().panelPrefs.classifier.hidden).toEqual(['Pooling']);
    expect(b.getState().panelPrefs.gan.maximized).toBe('GAN samples');
  });

  it('default when an older save has none, and keep the rest of that save', () => {
    const old = { state: { theme: 'dark', dockSize: 280 }, version: 1 };
    const s = createAppStore(memoryStorage(old).storage).getState();
    expect(s.panelPrefs).toEqual(DEFAULT_PANEL_PREFS);
    expect(s.theme).toBe('dark');
    expect(s.banner).toBeNull();
  });

  it('take what is valid from malformed data and never refuse the save', () => {
    expect(parsePanelPrefs(undefined)).toEqual(DEFAULT_PANEL_PREFS);
    expect(parsePanelPrefs('gan')).toEqual(DEFAULT_PANEL_PREFS);
    expect(parsePanelPrefs([1, 2])).toEqual(DEFAULT_PANEL_PREFS);
    const p = parsePanelPrefs({
      classifier: { hidden: ['Kernels', 3, '', 'Kernels', null], maximized: 7 },
      gan: { hidden: 'Loss', maximized: 'Loss' },
      autoencoder: null,
    });
    expect(p.classifier).toEqual({ hidden: ['Kernels'], maximized: null });
    expect(p.gan).toEqual({ hidden: [], maximized: 'Loss' });
    expect(p.autoencoder).toEqual(DEFAULT_PANEL_PREFS.autoencoder);
    const s = createAppStore(memoryStorage({ state: { panelPrefs: { gan: 5 } }, version: 1 }).storage);
    expect(s.getState().panelPrefs).toEqual(DEFAULT_PANEL_PREFS);
    expect(s.getState().banner).toBeNull();
  });
});
