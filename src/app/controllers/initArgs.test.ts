import { describe, expect, it } from 'vitest';
import { DEFAULT_GAN_HYPER } from '../../engine/gan/ganHyper';
import { presetById, PRESETS } from '../../engine/graph/presets';
import { DEFAULT_HYPER } from '../../engine/train/hyper';
import { smallCnn } from '../../engine/graph/testGraphs';
import { initArgsOf, runKeyOf, sameRunKey } from './initArgs';

const settings = {
  graph: smallCnn(),
  ganGraphs: null,
  dataset: 'mnist',
  hyper: DEFAULT_HYPER,
  ganHyper: DEFAULT_GAN_HYPER,
  seed: 7,
  backendPolicy: 'wasm',
  presetId: 'none',
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
});
