import { describe, expect, it } from 'vitest';
import { DEFAULT_GAN_HYPER } from '../../engine/gan/ganHyper';
import { presetById, PRESETS } from '../../engine/graph/presets';
import { DEFAULT_HYPER } from '../../engine/train/hyper';
import { smallCnn } from '../../engine/graph/testGraphs';
import { makeUserDataset } from '../../workers/userDatasets/testing';
import { datasetChangedNotice, initArgsOf, runKeyOf, sameRunKey } from './initArgs';

const settings = {
  graph: smallCnn(),
  ganGraphs: null,
  dataset: 'mnist',
  hyper: DEFAULT_HYPER,
  ganHyper: DEFAULT_GAN_HYPER,
  seed: 7,
  backendPolicy: 'wasm',
  presetId: 'none',
  userDatasets: [],
} as const;

describe('init arguments', () => {
  it('take the network and the settings from the store', () => {
    expect(initArgsOf(settings)).toEqual({
      graph: settings.graph,
      dataset: 'mnist',
      hyper: DEFAULT_HYPER,
      seed: 7,
      backend: 'wasm',
    });
  });

  it('a denoising autoencoder trains with its preset noise', () => {
    const preset = presetById('denoising-autoencoder');
    expect(preset).toBeDefined();
    const args = initArgsOf({ ...settings, graph: preset!.graph, presetId: preset!.id });
    expect(args.noise).toBe(preset!.inputNoise);
  });

  it('a GAN run sends the generator as its graph and both networks with the GAN settings', () => {
    const gan = PRESETS.find((p) => p.gan)?.gan;
    expect(gan).toBeDefined();
    const pair = { generator: gan!.generator, discriminator: gan!.discriminator };
    const args = initArgsOf({ ...settings, ganGraphs: pair });
    expect(args.graph).toBe(pair.generator);
    expect(args.gan).toEqual({ ...pair, hyper: DEFAULT_GAN_HYPER });
  });

  it('a run key compares dataset, seed and backend', () => {
    const key = runKeyOf(settings);
    expect(sameRunKey(key, runKeyOf({ ...settings }))).toBe(true);
    expect(sameRunKey(null, key)).toBe(false);
    expect(sameRunKey(key, runKeyOf({ ...settings, dataset: 'procedural' }))).toBe(false);
    expect(sameRunKey(key, runKeyOf({ ...settings, seed: 8 }))).toBe(false);
    expect(sameRunKey(key, runKeyOf({ ...settings, backendPolicy: 'auto' }))).toBe(false);
  });

  it("a run key holds a user dataset's version: removed images (a new revision) need a new run", () => {
    const meta = makeUserDataset({ id: 'user-a', name: 'Leaves', createdAt: 5 }).meta;
    const mine = { ...settings, dataset: 'user-a' as const, userDatasets: [meta] };
    const key = runKeyOf(mine);
    expect(key.datasetVersion).toBe('5#0');
    expect(runKeyOf(settings).datasetVersion).toBe('');
    const renamed = { ...mine, userDatasets: [{ ...meta, name: 'Trees' }] };
    expect(sameRunKey(key, runKeyOf(renamed))).toBe(true);
    expect(datasetChangedNotice(key, runKeyOf(renamed), renamed)).toBeNull();
    const fewer = { ...mine, userDatasets: [{ ...meta, revision: 1 }] };
    expect(sameRunKey(key, runKeyOf(fewer))).toBe(false);
    expect(datasetChangedNotice(key, runKeyOf(fewer), fewer)).toBe(
      'The images of “Leaves” changed since the last run, so a new run started on the changed set.',
    );
    // Another dataset is no "changed images".
    expect(datasetChangedNotice(runKeyOf(settings), key, mine)).toBeNull();
  });
});
