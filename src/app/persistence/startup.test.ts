/** Opening a share link never loses work: it asks before replacing own work, and one Undo brings all of it back. */
import { describe, expect, it } from 'vitest';
import type { PersistStorage } from 'zustand/middleware';
import { createAppStore, type Saved } from '../store/index';
import { PRESETS } from '../../engine/graph/presets';
import { DEFAULT_HYPER } from '../../engine/train/hyper';
import type { AppState } from '../store/types';
import { encodeShare, sharedStateOf, type SharedState } from './share';
import { applyLocation, followShareLinks, keepOwnWork, openPendingShare } from './startup';
import { smallCnn } from '../../engine/graph/testGraphs';

const noStorage: PersistStorage<Saved> = {
  getItem: () => null,
  setItem: () => undefined,
  removeItem: () => undefined,
};

const linked: SharedState = {
  graph: smallCnn(),
  ganGraphs: null,
  settings: {
    presetId: '',
    dataset: 'fashion-mnist',
    hyper: { ...DEFAULT_HYPER, learningRate: 0.02, optimizer: 'momentum', epochs: 3 },
    seed: 99,
    backendPolicy: 'wasm',
  },
};
const at = (shared: SharedState) => ({ hash: encodeShare(shared), search: '' });

function ownWork() {
  const store = createAppStore(noStorage);
  const s = store.getState();
  const lenet = PRESETS.find((p) => p.id === 'lenet5')!;
  s.setPreset(lenet.id);
  s.setHyper({ learningRate: 0.07, epochs: 5 });
  s.setSeed(4);
  return store;
}

const settingsOf = (s: AppState) => sharedStateOf(s).settings;

describe('opening a share link', () => {
  it('asks before replacing work that differs from the default and from the link', () => {
    const store = ownWork();
    const before = store.getState();
    expect(applyLocation(store.getState, at(linked), store.getInitialState())).toBe(false);
    const s = store.getState();
    expect(s.graph).toBe(before.graph);
    expect(settingsOf(s)).toEqual(settingsOf(before));
    expect(s.pendingShare?.settings.seed).toBe(99);

    keepOwnWork(store.getState);
    expect(store.getState().pendingShare).toBeNull();
    expect(store.getState().graph).toBe(before.graph);
    expect(store.getState().banner?.message).toMatch(/kept your network/i);
  });

  it('opens at once over the untouched default, and Undo brings graph and settings back together', () => {
    const store = createAppStore(noStorage);
    const before = store.getState();
    expect(applyLocation(store.getState, at(linked), store.getInitialState())).toBe(true);
    expect(store.getState().pendingShare).toBeNull();
    expect(store.getState().graph).toEqual(linked.graph);
    expect(store.getState().seed).toBe(99);
    store.getState().undo();
    const s = store.getState();
    expect(s.graph).toBe(before.graph);
    expect(settingsOf(s)).toEqual(settingsOf(before));
  });

  it('once confirmed, replaces the work; Undo restores all of it and Redo re-opens the link', () => {
    const store = ownWork();
    const before = store.getState();
    applyLocation(store.getState, at(linked), store.getInitialState());
    openPendingShare(store.getState);
    expect(store.getState().pendingShare).toBeNull();
    expect(store.getState().graph).toEqual(linked.graph);
    expect(settingsOf(store.getState())).toEqual(linked.settings);
    expect(store.getState().banner?.message).toMatch(/Undo/);
    expect(store.getState().past.length).toBeGreaterThan(0);

    store.getState().undo();
    expect(store.getState().graph).toBe(before.graph);
    expect(settingsOf(store.getState())).toEqual(settingsOf(before));
    store.getState().redo();
    expect(store.getState().graph).toEqual(linked.graph);
    expect(settingsOf(store.getState())).toEqual(linked.settings);
  });

  it('a GAN link over a classifier: Undo still brings the classifier and its settings back', () => {
    const store = ownWork();
    const before = store.getState();
    const gan = PRESETS.find((p) => p.gan)!.gan!;
    const ganLink: SharedState = {
      ...linked,
      graph: gan.generator,
      ganGraphs: { generator: gan.generator, discriminator: gan.discriminator },
    };
    applyLocation(store.getState, at(ganLink), store.getInitialState());
    openPendingShare(store.getState);
    expect(store.getState().ganGraphs).not.toBeNull();
    expect(store.getState().past.length).toBeGreaterThan(0);
    store.getState().undo();
    const s = store.getState();
    expect(s.ganGraphs).toBeNull();
    expect(s.activeNetwork).toBe('main');
    expect(s.graph).toBe(before.graph);
    expect(settingsOf(s)).toEqual(settingsOf(before));
  });

  it('an edit made after opening the link is undone first, then the link as one step', () => {
    const store = ownWork();
    const before = store.getState();
    applyLocation(store.getState, at(linked), store.getInitialState());
    openPendingShare(store.getState);
    store.getState().setGraph(smallCnn());
    store.getState().undo();
    expect(store.getState().graph).toEqual(linked.graph);
    expect(store.getState().seed).toBe(99);
    store.getState().undo();
    expect(store.getState().graph).toBe(before.graph);
    expect(store.getState().seed).toBe(4);
  });

  it('does not ask when the work already is the link', () => {
    const store = ownWork();
    const s = store.getState();
    const same: SharedState = {
      graph: s.graph,
      ganGraphs: null,
      settings: settingsOf(s),
    };
    expect(applyLocation(store.getState, at(same), store.getInitialState())).toBe(true);
    expect(store.getState().pendingShare).toBeNull();
  });
});

describe('a link pasted into the open page', () => {
  function fakeWindow() {
    const listeners = new Set<() => void>();
    const urls: string[] = [];
    const win = {
      location: { hash: '', search: '?backend=cpu', pathname: '/app/' },
      history: { replaceState: (_d: unknown, _u: string, url: string) => void urls.push(url) },
      addEventListener: (_t: 'hashchange', l: () => void) => void listeners.add(l),
      removeEventListener: (_t: 'hashchange', l: () => void) => void listeners.delete(l),
    };
    const navigate = (hash: string) => {
      win.location.hash = hash;
      listeners.forEach((l) => l());
    };
    return { win, navigate, urls, listeners };
  }

  it('opens over the default, asks over own work, ignores other hashes, and stops when told', () => {
    const fresh = createAppStore(noStorage);
    const a = fakeWindow();
    const stop = followShareLinks(fresh.getState, a.win, fresh.getInitialState());
    a.navigate('#section-2');
    expect(a.urls).toEqual([]);
    a.navigate(at(linked).hash);
    expect(fresh.getState().graph).toEqual(linked.graph);
    expect(fresh.getState().seed).toBe(99);
    expect(a.urls).toEqual(['/app/?backend=cpu']);
    stop();
    expect(a.listeners.size).toBe(0);

    const own = ownWork();
    const before = own.getState();
    const b = fakeWindow();
    followShareLinks(own.getState, b.win, own.getInitialState());
    b.navigate(at(linked).hash);
    expect(own.getState().graph).toBe(before.graph);
    expect(own.getState().pendingShare?.settings.seed).toBe(99);
  });
});
