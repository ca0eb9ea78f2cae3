import { describe, expect, it } from 'vitest';
import { presetById } from '../../engine/graph/presets';
import { probeFits, toRequest } from './probeRequests';

const sample = { from: 'test', index: 3 } as const;

describe('toRequest', () => {
  it('asks a GAN run only for what it answers', () => {
    const g = presetById('dcgan')?.graph;
    if (!g) throw new Error('no dcgan preset');
    expect(toRequest({ kind: 'confusion' }, g, sample)).toBeNull();
    expect(toRequest({ kind: 'deadRelu' }, g, sample)).toBeNull();
    expect(toRequest({ kind: 'activations' }, g, sample)).toEqual({ kind: 'activations', sample });
    expect(probeFits('discriminator', 'ganSamples')).toBe(true);
  });
  it('keeps classifier and autoencoder probes apart', () => {
    expect(probeFits('classifier', 'confusion')).toBe(true);
    expect(probeFits('classifier', 'reconstruct')).toBe(false);
    expect(probeFits('autoencoder', 'reconstruct')).toBe(true);
    expect(probeFits('autoencoder', 'predict')).toBe(false);
  });
  it('asks for an adversarial example of the chosen sample, on classifiers only', () => {
    const need = { kind: 'adversarial', method: 'pgd', epsilon: 0.05 } as const;
    const g = presetById('notes-small')?.graph;
    if (!g) throw new Error('no notes-small preset');
    expect(toRequest(need, g, sample)).toEqual({ ...need, sample });
    expect(probeFits('autoencoder', 'adversarial')).toBe(false);
    expect(probeFits('generator', 'adversarial')).toBe(false);
  });
});
