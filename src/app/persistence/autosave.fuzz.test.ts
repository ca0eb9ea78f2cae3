/**
 * The autosave as the page reads it, fuzzed: real saves from every preset with mutated fields, damaged text and
 * random JSON, loaded by the real store from a stand-in localStorage. Nothing throws, no load takes over 50 ms, the
 * loaded state is always valid, every reset names a field path that exists in the save, every valid setting is kept,
 * and whatever was not used is kept aside (and offered in the banner) before the app writes its autosave.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PersistStorage } from 'zustand/middleware';
import { DEFAULT_PRESET_ID, PRESETS } from '../../engine/graph/presets';
import { createAppStore, type Saved } from '../store/index';
import type { AppState } from '../store/types';
import { BACKUP_KEY, readBackups, readEnvelope, STORAGE_KEY } from './autosave';
import {
  applyMutations,
  fieldOf,
  fuzzParams,
  mutations,
  pathKeys,
  pathResolves,
  Slowest,
} from './fuzzSupport';
import { restoreGanHyper } from './ganSettings';
import { memoryStorage } from './memoryStorage';
import { parseGraphValue } from './graphData';
import { restoreSaved } from './restoreSaved';
import { parseSettings } from './settings';

const ls = memoryStorage();
beforeAll(() => vi.stubGlobal('localStorage', ls));
afterAll(() => vi.unstubAllGlobals());

/** What the app autosaves for each preset (a little edited). */
function realSaves(): string[] {
  return PRESETS.map((p, i) => {
    let text = '';
    const mem: PersistStorage<Saved> = {
      getItem: () => null,
      setItem: (_k, v) => void (text = JSON.stringify(v)),
      removeItem: () => undefined,
    };
    const s = createAppStore(mem).getState();
    s.setPreset(p.id);
    s.setSeed(i + 3);
    s.setHyper({ epochs: 1 + (i % 5) });
    return text;
  });
}

const defaults = createAppStore({
  getItem: () => null,
  setItem: () => undefined,
  removeItem: () => undefined,
}).getState();
const slowest = new Slowest();
afterAll(() => slowest.report('autosave'));

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

function expectValid(s: AppState): void {
  expect(parseGraphValue(s.graph, 'graph').ok).toBe(true);
  if (s.ganGraphs) {
    expect(parseGraphValue(s.ganGraphs.generator, 'g').ok).toBe(true);
    expect(parseGraphValue(s.ganGraphs.discriminator, 'd').ok).toBe(true);
  }
  const { presetId, dataset, hyper, seed, backendPolicy } = s;
  const settings = parseSettings({ presetId, dataset, hyper, seed, backendPolicy });
  expect(settings.ok, settings.ok ? '' : settings.reason).toBe(true);
  expect(restoreGanHyper(s.ganHyper as unknown as Record<string, unknown>, defaults.ganHyper).bad).toEqual(
    [],
  );
  expect(presetId === '' || PRESETS.some((p) => p.id === presetId)).toBe(true);
}

/** Loads `text` as the page does, then lets the app write its autosave once. */
function load(text: string, describe: () => string): AppState {
  ls.clear();
  ls.setItem(STORAGE_KEY, text);
  const s = slowest.time(() => {
    ls.setItem(STORAGE_KEY, text);
    return createAppStore().getState();
  }, describe);
  s.setTheme(s.theme === 'dark' ? 'light' : 'dark');
  return s;
}

function check(text: string, s: AppState): void {
  expectValid(s);
  const env = readEnvelope(text);
  const reset = env.kind === 'ok' ? restoreSaved(env.value.state, defaults).reset : [];
  if (env.kind !== 'unreadable' && reset.length === 0) {
    expect(s.banner).toBeNull();
    expect(ls.getItem(BACKUP_KEY)).toBeNull();
    return;
  }
  // Whatever could not be used is kept aside and offered.
  expect(readBackups(ls).map((b) => b.text)).toEqual([text]);
  expect(s.banner?.download?.text).toBe(text);
  if (env.kind !== 'ok') {
    expect(env.kind === 'unreadable' && fieldOf(env.reason), text.slice(0, 60)).toMatch(/^autosave\b/);
    return;
  }
  const saved = env.value.state;
  const fields = new Set<string>();
  for (const r of reset) {
    const field = fieldOf(r.reason);
    expect(field, r.reason).not.toBeNull();
    expect(pathResolves(saved, pathKeys(field ?? '')), r.reason).toBe(true);
    expect(s.banner?.message).toContain(r.label);
    fields.add(
      pathKeys(field ?? '')
        .slice(0, 2)
        .join('.'),
    );
  }
  // Every valid setting is kept, each on its own.
  for (const key of ['dataset', 'seed', 'backendPolicy'] as const)
    if (Object.hasOwn(saved, key) && !fields.has(key)) expect(s[key]).toEqual(saved[key]);
  const h = saved['hyper'];
  if (isObject(h) && !fields.has('hyper'))
    for (const key of Object.keys(s.hyper))
      if (Object.hasOwn(h, key) && !fields.has(`hyper.${key}`))
        expect((s.hyper as unknown as Record<string, unknown>)[key], key).toEqual(h[key]);
  // A network reset to the default shows the default preset.
  if (fields.has('graph') && !isObject(saved['ganGraphs'])) expect(s.presetId).toBe(DEFAULT_PRESET_ID);
}

describe('autosave fuzz', () => {
  const saves = realSaves();

  it('real saves with mutated fields', () => {
    fc.assert(
      fc.property(fc.nat(saves.length - 1), mutations, (i, list) => {
        const { doc, touched } = applyMutations(JSON.parse(saves[i] ?? '{}'), list);
        const text = JSON.stringify(doc) ?? 'null';
        check(
          text,
          load(text, () => `preset ${i}: ${touched.join(', ')}`),
        );
      }),
      fuzzParams(0.15),
    );
  });

  it('damaged text, random JSON and random versions', () => {
    fc.assert(
      fc.property(
        fc.nat(saves.length - 1),
        fc.oneof(
          fc
            .double({ min: 0, max: 1, noNaN: true })
            .map((at) => (t: string) => t.slice(0, Math.floor(at * t.length))),
          fc.jsonValue().map((v) => () => JSON.stringify(v) ?? 'null'),
          fc.jsonValue().map((v) => () => JSON.stringify({ state: v, version: 1 })),
          fc
            .integer({ min: -3, max: 5 })
            .map((v) => (t: string) => JSON.stringify({ ...JSON.parse(t), version: v })),
        ),
        (i, damage) => {
          const text = damage(saves[i] ?? '');
          check(
            text,
            load(text, () => text.slice(0, 60)),
          );
        },
      ),
      fuzzParams(0.1),
    );
  });
});
