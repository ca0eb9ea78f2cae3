import { describe, expect, it } from 'vitest';
import { describeChanges, type RunSettings } from './changes';
import { presetById } from '../graph/presets';
import { updateLayer } from '../graph/edit';
import { asNodeId } from '../graph/types';
import { DEFAULT_GAN_HYPER } from '../gan/ganHyper';
import { DEFAULT_HYPER } from '../train/hyper';

const dcgan = presetById('dcgan')!.gan!;
const pair = { generator: dcgan.generator, discriminator: dcgan.discriminator };

const ganRun = (extra: Partial<RunSettings> = {}): RunSettings => ({
  graph: pair.generator,
  hyper: DEFAULT_HYPER,
  dataset: 'procedural',
  labelSubset: [],
  seed: 1,
  gan: pair,
  ganHyper: DEFAULT_GAN_HYPER,
  ...extra,
});

const classifierRun = (): RunSettings => ({
  graph: presetById('notes-small')!.graph,
  hyper: DEFAULT_HYPER,
  dataset: 'procedural',
  labelSubset: [],
  seed: 1,
});

describe('describeChanges between GAN runs', () => {
  it('says no change for the same pair and settings', () => {
    expect(describeChanges(ganRun(), ganRun())).toEqual(['no change']);
  });

  it('names the network of each changed layer, the generator first', () => {
    const t = asNodeId('conv2d_transpose_1');
    const c = asNodeId('conv2d_1');
    const generator = updateLayer(pair.generator, t, { filters: 32 });
    const discriminator = updateLayer(pair.discriminator, c, { kernel: [3, 3] });
    const tLayer = pair.generator.nodes.find((n) => n.id === t)!.layer;
    const cLayer = pair.discriminator.nodes.find((n) => n.id === c)!.layer;
    if (tLayer.kind !== 'conv2dTranspose' || cLayer.kind !== 'conv2d') throw new Error('not the DCGAN pair');
    const before = tLayer.filters;
    const kernel = cLayer.kernel[0];
    // The editor showed the discriminator for the second run: the changes do not depend on it.
    expect(
      describeChanges(ganRun(), ganRun({ graph: discriminator, gan: { generator, discriminator } })),
    ).toEqual([
      `generator conv2d_transpose_1 filters ${before} → 32`,
      `discriminator conv2d_1 kernel ${kernel} → 3`,
    ]);
  });

  it('names the GAN settings that changed, then the training settings', () => {
    const next = ganRun({
      ganHyper: { ...DEFAULT_GAN_HYPER, lrD: 0.0001, kD: 2, loss: 'leastSquares', labelSmoothing: false },
      seed: 2,
    });
    expect(describeChanges(ganRun(), next)).toEqual([
      'D steps 1 → 2',
      'D learning rate 0.001 → 0.0001',
      'GAN loss non-saturating → least squares',
      'label smoothing on → off',
      'seed 1 → 2',
    ]);
  });
});

describe('describeChanges between a GAN and another kind of run', () => {
  it('names the kind instead of every layer, keeping the other settings', () => {
    expect(describeChanges(classifierRun(), ganRun())).toEqual(['kind classifier → GAN']);
    expect(describeChanges(ganRun({ dataset: 'mnist' }), classifierRun())).toEqual([
      'kind GAN → classifier',
      'dataset mnist → procedural',
    ]);
  });
});
