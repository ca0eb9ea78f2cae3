import { describe, expect, it } from 'vitest';
import { DEFAULT_HYPER } from '../../engine/train/hyper';
import { parseHyper, parseSettings } from './settings';
import { decodeShare, encodeShare, type SharedState } from './share';
import { smallCnn } from '../../engine/graph/testGraphs';
import type { PersistStorage } from 'zustand/middleware';
import { createAppStore, partialize, type Saved } from '../store/index';
import { restoreSaved } from './restoreSaved';

const noStorage: PersistStorage<Saved> = {
  getItem: () => null,
  setItem: () => undefined,
  removeItem: () => undefined,
};

const settings = {
  presetId: 'ladder-logistic',
  dataset: 'mnist',
  seed: 1,
  backendPolicy: 'auto',
  hyper: { ...DEFAULT_HYPER, optimizer: 'lbfgs', historySize: 7, secondOrderBatch: 2048 },
} as const;

describe('L-BFGS and conjugate gradient settings (optimizer, history size, examples per step)', () => {
  it('are kept in settings and share links', () => {
    expect(parseSettings(settings)).toEqual({ ok: true, value: settings });
    const shared: SharedState = {
      graph: smallCnn(),
      ganGraphs: null,
      settings: { ...settings, hyper: { ...settings.hyper, optimizer: 'cg' } },
    };
    const back = decodeShare(encodeShare(shared));
    expect(back.ok && back.value.settings.hyper).toMatchObject({
      optimizer: 'cg',
      historySize: 7,
      secondOrderBatch: 2048,
    });
  });

  it('an older save or link without the new fields loads with their defaults', () => {
    const {
      historySize: _h,
      secondOrderBatch: _b,
      ...old
    } = { ...DEFAULT_HYPER, optimizer: 'momentum' as const };
    const r = parseHyper(old);
    expect(r).toEqual({ ok: true, value: { ...old, historySize: 10, secondOrderBatch: 1024 } });
  });

  it('refuses a history size or batch that is not a whole number in range, naming the field', () => {
    for (const [key, bad] of [
      ['historySize', 0],
      ['historySize', 51],
      ['historySize', 2.5],
      ['secondOrderBatch', 0],
      ['secondOrderBatch', 60_001],
      ['secondOrderBatch', '64'],
    ] as const) {
      const r = parseHyper({ ...DEFAULT_HYPER, [key]: bad });
      expect(r.ok).toBe(false);
      expect(!r.ok && r.reason).toContain(`hyper.${key}`);
    }
  });
});

describe('restoring an autosave with a damaged second-order setting', () => {
  it('resets only that field, named as its control, and keeps the optimizer and the rest', () => {
    const store = createAppStore(noStorage);
    store.getState().setHyper({ optimizer: 'lbfgs', secondOrderBatch: 512 });
    const saved = JSON.parse(JSON.stringify(partialize(store.getState()))) as Record<string, unknown>;
    (saved['hyper'] as Record<string, unknown>)['historySize'] = -3;
    const r = restoreSaved(saved, createAppStore(noStorage).getState());
    expect(r.reset.map((p) => p.label)).toEqual(['History size']);
    expect(r.state.hyper).toMatchObject({ optimizer: 'lbfgs', secondOrderBatch: 512, historySize: 10 });
  });
});
