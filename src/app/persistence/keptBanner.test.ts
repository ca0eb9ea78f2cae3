/**
 * The banner about an unreadable autosave is the way to its kept copy: a share link's message (opened, kept own
 * work, or a bad link) is shown with it, not instead of it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppStore } from '../store/index';
import { bannerEntries } from '../store/banners';
import { DEFAULT_HYPER } from '../../engine/train/hyper';
import { encodeShare, type SharedState } from './share';
import { applyLocation, keepOwnWork } from './startup';
import { smallCnn } from '../../engine/graph/testGraphs';
import { memoryStorage } from './memoryStorage';

const KEY = 'cnn-playground';
const UNREADABLE = 'this is not JSON {';

const linked: SharedState = {
  graph: smallCnn(),
  ganGraphs: null,
  settings: { presetId: '', dataset: 'mnist', hyper: DEFAULT_HYPER, seed: 7, backendPolicy: 'auto' },
};

beforeEach(() => {
  const ls = memoryStorage();
  ls.setItem(KEY, UNREADABLE);
  vi.stubGlobal('localStorage', ls);
});
afterEach(() => vi.unstubAllGlobals());

/** The messages the banner shows, and the download offered for the unreadable autosave. */
function shown(store: ReturnType<typeof createAppStore>) {
  const b = store.getState().banner;
  const entries = b ? bannerEntries(b) : [];
  return {
    text: entries.map((e) => e.message).join('\n'),
    autosaveDownload: entries.find((e) => e.download?.label === 'Download the unreadable autosave')?.download,
  };
}

describe('a share link over an unreadable autosave', () => {
  it.each([
    ['a bad link', { hash: '#s=v7.nonsense', search: '' }, /shared link could not be opened/],
    ['a link that opens', { hash: encodeShare(linked), search: '' }, /Loaded the network and settings/],
  ])('%s: its message is shown below the autosave one, which keeps its download', (_name, loc, message) => {
    const store = createAppStore();
    applyLocation(store.getState, loc, store.getInitialState());
    const s = shown(store);
    expect(s.text).toMatch(/autosaved work could not be read/);
    expect(s.text).toMatch(message);
    expect(s.autosaveDownload?.text).toBe(UNREADABLE);
  });

  it('"Keep my network" keeps the autosave message too; Dismiss removes both', () => {
    const store = createAppStore();
    keepOwnWork(store.getState);
    keepOwnWork(store.getState);
    const s = shown(store);
    expect(s.text).toMatch(/autosaved work could not be read/);
    expect(s.text.match(/Kept your network/g)).toHaveLength(1);
    expect(s.autosaveDownload?.text).toBe(UNREADABLE);
    store.getState().setBanner(null);
    expect(store.getState().banner).toBeNull();
  });

  it('other messages still replace each other', () => {
    const store = createAppStore();
    store.getState().setBanner(null);
    store.getState().setBanner({ kind: 'info', message: 'one' });
    store.getState().setBanner({ kind: 'info', message: 'two' });
    expect(shown(store).text).toBe('two');
  });
});
