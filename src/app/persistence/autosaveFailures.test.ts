/**
 * When the autosave cannot be written (full storage) or an old format cannot be converted (a failing migration),
 * nothing throws and nothing is lost silently: a banner says so, and the unconverted copy is kept aside.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppStore } from '../store/index';
import { DEFAULT_PRESET_ID } from '../../engine/graph/presets';
import { autosaveStorage, migrateSaved, readBackups, type Migrations } from './autosave';
import { hydrate } from './hydrate';
import { memoryStorage } from './memoryStorage';

const KEY = 'cnn-playground';
let ls: ReturnType<typeof memoryStorage>;
beforeEach(() => {
  ls = memoryStorage();
  vi.stubGlobal('localStorage', ls);
});
afterEach(() => vi.unstubAllGlobals());

const savedSeed = () =>
  (JSON.parse(ls.getItem(KEY) ?? 'null') as { state: { seed: number } } | null)?.state.seed;

describe('a full storage', () => {
  it('does not make store updates throw; says so once, and keeps trying on later changes', () => {
    const store = createAppStore();
    ls.failWrites = true;
    expect(() => store.getState().setSeed(5)).not.toThrow();
    expect(store.getState().seed).toBe(5);
    const banner = store.getState().banner;
    expect(banner?.kind).toBe('error');
    expect(banner?.message).toMatch(/^Autosave failed: this browser's storage for the page is full/);
    expect(banner?.message).toMatch(/Export JSON/);

    store.getState().setBanner(null);
    expect(() => store.getState().setSeed(6)).not.toThrow();
    expect(store.getState().banner).toBeNull();

    ls.failWrites = false;
    store.getState().setSeed(7);
    expect(savedSeed()).toBe(7);
  });
});

describe('an unreadable autosave on a full storage', () => {
  it('says to download it before the page is reloaded or closed; a failed write keeps that message', () => {
    ls.setItem(KEY, 'not JSON {');
    ls.failWrites = true;
    const store = createAppStore();
    const first = store.getState().banner;
    expect(first?.message).toMatch(/could not be kept in this browser's storage/);
    expect(first?.message).toMatch(/before you reload or close this page/);
    expect(first?.message).not.toMatch(/before you change anything/);
    store.getState().setSeed(3);
    const b = store.getState().banner;
    expect(b?.message).toMatch(/^Autosave failed/);
    expect(b?.earlier?.[0]?.download?.text).toBe('not JSON {');
  });
});

describe('a migration that fails', () => {
  const v1 = JSON.stringify({ version: 1, state: { seed: 5, presetId: 'lenet5' } });

  it('migrateSaved gives undefined instead of throwing, or for a step that returns no object', () => {
    const throws: Migrations = {
      1: () => {
        throw new Error('boom');
      },
    };
    const nothing = { 1: () => undefined } as unknown as Migrations;
    expect(migrateSaved({ seed: 5 }, 1, 2, throws)).toBeUndefined();
    expect(migrateSaved({ seed: 5 }, 1, 2, nothing)).toBeUndefined();
  });

  it.each([
    [
      'throws',
      () => {
        throw new Error('boom');
      },
    ],
    ['returns nothing', () => undefined],
  ])('a step that %s: the copy is kept aside and the banner says it could not be read', (_name, step) => {
    ls.setItem(KEY, v1);
    const migrations = { 1: step } as unknown as Migrations;
    const s = createAppStore(undefined, { version: 2, migrations }).getState();
    expect(s.presetId).toBe(DEFAULT_PRESET_ID);
    expect(s.banner?.message).toMatch(/could not be read \(autosave: format 1 could not be converted/);
    expect(s.banner?.download?.text).toBe(v1);
    expect(readBackups(ls).map((b) => b.text)).toEqual([v1]);
  });

  it('hydrate: stored text that gave no saved value is unreadable, not a first visit', () => {
    ls.setItem(KEY, v1);
    const storage = autosaveStorage(() => ls);
    storage.getItem(KEY);
    const s = hydrate(undefined, createAppStore(undefined).getState(), storage);
    expect(s.banner?.message).toMatch(/could not be read \(autosave: could not be converted/);
    expect(readBackups(ls).map((b) => b.text)).toEqual([v1]);
  });

  it('a chain that works is read', () => {
    ls.setItem(KEY, v1);
    const migrations: Migrations = { 1: (st) => ({ ...st, seed: 6 }) };
    const s = createAppStore(undefined, { version: 2, migrations }).getState();
    expect(s.seed).toBe(6);
    expect(s.banner).toBeNull();
  });
});
