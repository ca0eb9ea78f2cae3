/**
 * The autosave as the page reads it on load: the real store on a stand-in localStorage. A copy that cannot be read
 * is kept aside before anything overwrites it, and partial damage resets only the damaged parts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppStore } from '../store/index';
import { DEFAULT_PRESET_ID, PRESETS } from '../../engine/graph/presets';
import { BACKUP_KEY, MAX_BACKUPS, migrateSaved, readBackups, readEnvelope } from './autosave';
import { memoryStorage } from './memoryStorage';

const KEY = 'cnn-playground';

let ls: Storage;
beforeEach(() => {
  ls = memoryStorage();
  vi.stubGlobal('localStorage', ls);
});
afterEach(() => vi.unstubAllGlobals());

/** What a first visit saves after a few edits: a valid version-1 autosave. */
function goodSave(): { state: Record<string, unknown>; version: number } {
  const s = createAppStore();
  const target = PRESETS.find((p) => !p.gan && p.id !== DEFAULT_PRESET_ID && p.graph.nodes.length > 12)!;
  s.getState().setPreset(target.id);
  s.getState().setHyper({ learningRate: 0.05, epochs: 7, optimizer: 'rmsprop' });
  s.getState().setSeed(42);
  s.getState().setDataset('fashion-mnist');
  const saved = JSON.parse(ls.getItem(KEY) ?? 'null') as { state: Record<string, unknown>; version: number };
  ls.clear();
  return saved;
}

/** Plant `text` as the autosave, load the page's store, then let the app write once (as it does at start). */
function load(text: string) {
  ls.setItem(KEY, text);
  const store = createAppStore();
  store.getState().patchRun({ status: 'idle' });
  store.getState().setTheme(store.getState().theme === 'dark' ? 'light' : 'dark');
  return store.getState();
}

describe('an autosave that cannot be read', () => {
  const withVersion = (good: string, version: unknown) => JSON.stringify({ ...JSON.parse(good), version });
  const cases: [string, (good: string) => string, RegExp][] = [
    ['not JSON', () => 'this is not JSON {', /not valid JSON/],
    ['truncated', (good) => good.slice(0, Math.floor(good.length / 2)), /not valid JSON/],
    ['state: null', () => JSON.stringify({ state: null, version: 1 }), /autosave\.state/],
    ['version 0', (good) => withVersion(good, 0), /autosave\.version/],
    ['version 2 (newer)', (good) => withVersion(good, 2), /newer version/],
    ['an array', () => '[1,2,3]', /autosave/],
    ['no version', (good) => JSON.stringify({ state: JSON.parse(good).state }), /autosave\.version/],
  ];

  it.each(cases)('%s: is kept aside before it is overwritten, and a banner offers it', (_name, make, why) => {
    const text = make(JSON.stringify(goodSave()));
    const s = load(text);
    expect(s.presetId).toBe(DEFAULT_PRESET_ID);
    expect(s.banner?.kind).toBe('error');
    expect(s.banner?.message).toMatch(why);
    expect(s.banner?.message).toMatch(/could not be read/);
    expect(s.banner?.message).toMatch(/started from the default network and settings/);
    expect(s.banner?.message).toMatch(/kept a copy/i);
    expect(s.banner?.download?.text).toBe(text);
    expect(s.banner?.download?.label).toBe('Download the unreadable autosave');
    // The app has written its autosave since; the old text survives only in the backup.
    expect(ls.getItem(KEY)).not.toBe(text);
    const backups = readBackups(ls);
    expect(backups.map((b) => b.text)).toEqual([text]);
    expect(backups[0]?.reason).toMatch(why);
    expect(Number.isNaN(Date.parse(backups[0]?.savedAt ?? ''))).toBe(false);
  });

  it('never overwrites an older backup silently, and keeps at most a few', () => {
    for (let i = 0; i < MAX_BACKUPS + 2; i++) load(`broken ${i}`);
    const texts = readBackups(ls).map((b) => b.text);
    expect(texts).toHaveLength(MAX_BACKUPS);
    expect(texts.at(-1)).toBe(`broken ${MAX_BACKUPS + 1}`);
    expect(texts[0]).toBe('broken 2');
    const s = load('broken again');
    expect(s.banner?.message).toMatch(/oldest/);
  });

  it('reads a good version-1 autosave unchanged: no banner, no backup', () => {
    const saved = goodSave();
    const s = load(JSON.stringify(saved));
    expect(s.banner).toBeNull();
    expect(s.hyper.learningRate).toBe(0.05);
    expect(s.seed).toBe(42);
    expect(s.presetId).toBe(saved.state['presetId']);
    expect(s.graph).toEqual(saved.state['graph']);
    expect(ls.getItem(BACKUP_KEY)).toBeNull();
  });

  it('a first visit (nothing saved) shows no banner', () => {
    expect(createAppStore().getState().banner).toBeNull();
    expect(ls.getItem(BACKUP_KEY)).toBeNull();
  });
});

describe('an autosave damaged in part', () => {
  const plant = (patch: (s: Record<string, unknown>) => void) => {
    const saved = goodSave();
    patch(saved.state);
    const text = JSON.stringify(saved);
    return { saved, text, s: load(text) };
  };

  it('seed 1.5 resets only the seed, and the banner names it', () => {
    const { saved, s, text } = plant((st) => (st['seed'] = 1.5));
    expect(s.seed).toBe(1);
    expect(s.hyper.learningRate).toBe(0.05);
    expect(s.hyper.epochs).toBe(7);
    expect(s.hyper.optimizer).toBe('rmsprop');
    expect(s.dataset).toBe('fashion-mnist');
    expect(s.presetId).toBe(saved.state['presetId']);
    expect(s.graph).toEqual(saved.state['graph']);
    expect(s.banner?.message).toMatch(/Seed/);
    expect(s.banner?.message).not.toMatch(/Learning rate|Epochs|Preset/);
    expect(s.banner?.message).toMatch(/Kept: the network/);
    expect(s.banner?.download?.text).toBe(text);
    expect(readBackups(ls).map((b) => b.text)).toEqual([text]);
  });

  it('checks every setting on its own', () => {
    const { s } = plant((st) => {
      const h = st['hyper'] as Record<string, unknown>;
      h['learningRate'] = 'fast';
      h['batchSize'] = 1e9;
      st['backendPolicy'] = 'tpu';
    });
    expect(s.hyper.learningRate).toBe(0.005); // the default preset's
    expect(s.hyper.epochs).toBe(7);
    expect(s.hyper.optimizer).toBe('rmsprop');
    expect(s.seed).toBe(42);
    expect(s.backendPolicy).toBe('auto');
    for (const name of ['Learning rate', 'Batch size', 'Backend']) expect(s.banner?.message).toContain(name);
    expect(s.banner?.message).not.toMatch(/Seed|Epochs/);
  });

  it('one bad kernel resets the network, and the Preset shows the network that is loaded', () => {
    const { saved, s } = plant((st) => {
      const g = st['graph'] as { nodes: { layer: Record<string, unknown> }[] };
      const conv = g.nodes.find((n) => n.layer['kernel'] !== undefined)!;
      conv.layer['kernel'] = null;
    });
    const loaded = PRESETS.find((p) => p.id === s.presetId);
    expect(s.presetId).not.toBe(saved.state['presetId']);
    expect(loaded?.graph).toEqual(s.graph);
    // Every setting is kept.
    expect(s.hyper.learningRate).toBe(0.05);
    expect(s.seed).toBe(42);
    expect(s.banner?.message).toMatch(/graph\.nodes\[\d+\]\.layer\.kernel/);
    expect(s.banner?.message).toMatch(/network/);
  });

  it("keeps a GAN's good network when the other one is damaged", () => {
    const ganPreset = PRESETS.find((p) => p.gan)!;
    const store = createAppStore();
    store.getState().setPreset(ganPreset.id);
    store.getState().setGanHyper({ kD: 3, lrG: 0.003 });
    const saved = JSON.parse(ls.getItem(KEY)!) as { state: Record<string, unknown> };
    ls.clear();
    const gan = saved.state['ganGraphs'] as { generator: unknown; discriminator: { nodes: unknown } };
    const generator = gan.generator;
    gan.discriminator.nodes = 'no';
    (saved.state['ganHyper'] as Record<string, unknown>)['kG'] = -5;
    const s = load(JSON.stringify(saved));
    expect(s.ganGraphs?.generator).toEqual(generator);
    expect(s.ganGraphs?.discriminator).toEqual(ganPreset.gan!.discriminator);
    expect(s.presetId).toBe(ganPreset.id);
    expect(s.ganHyper.kD).toBe(3);
    expect(s.ganHyper.lrG).toBe(0.003);
    expect(s.ganHyper.kG).toBe(1);
    expect(s.banner?.message).toMatch(/ganGraphs\.discriminator/);
    expect(s.banner?.message).toMatch(/G steps/);
  });
});

describe('autosave format versions', () => {
  // A future format 3 that renamed `seed` to `randomSeed` in two steps.
  const migrations = {
    1: (s: Record<string, unknown>) => ({ ...s, step1: true }),
    2: ({ seed, ...rest }: Record<string, unknown>) => ({ ...rest, randomSeed: seed }),
  };

  it('reads an older format when a migration chain leads to the current one', () => {
    const text = JSON.stringify({ version: 1, state: { seed: 5 } });
    const env = readEnvelope(text, 3, migrations);
    expect(env.kind).toBe('ok');
    expect(migrateSaved({ seed: 5 }, 1, 3, migrations)).toEqual({ step1: true, randomSeed: 5 });
  });

  it('refuses a format with a gap in the chain, or a newer one', () => {
    expect(readEnvelope(JSON.stringify({ version: 0, state: {} }), 3, migrations)).toMatchObject({
      kind: 'unreadable',
      reason: expect.stringMatching(/^autosave\.version: format 0/),
    });
    expect(readEnvelope(JSON.stringify({ version: 4, state: {} }), 3, migrations)).toMatchObject({
      kind: 'unreadable',
      reason: expect.stringMatching(/newer/),
    });
    expect(readEnvelope(null)).toEqual({ kind: 'empty' });
  });
});
