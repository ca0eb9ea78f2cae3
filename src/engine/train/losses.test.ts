import { describe, expect, it } from 'vitest';
import { presetById } from '../graph/presets';
import { targetFor } from './losses';

describe('targetFor', () => {
  it('scores sigmoid autoencoders with binary cross-entropy, classifiers with labels', () => {
    const ae = presetById('autoencoder')?.graph; // dense 784 sigmoid → reshape
    const dae = presetById('denoising-autoencoder')?.graph; // conv sigmoid
    const clf = presetById('lenet5')?.graph;
    if (!ae || !dae || !clf) throw new Error('missing presets');
    expect(targetFor(ae)).toBe('inputBinary');
    expect(targetFor(dae)).toBe('inputBinary');
    expect(targetFor(clf)).toBe('labels');
    const linearOut = {
      ...dae,
      nodes: dae.nodes.map((n) =>
        n.layer.kind === 'conv2d' && n.layer.activation === 'sigmoid'
          ? { ...n, layer: { ...n.layer, activation: 'linear' as const } }
          : n,
      ),
    };
    expect(targetFor(linearOut)).toBe('input');
  });
});
