import { describe, expect, it } from 'vitest';
import { presetById } from './presets';
import { pretrainableLayers } from '../rbm/pretrainLayers';

describe('the deep belief net preset', () => {
  it('compares a pretrained and a random init of the same 784-256-128-10 sigmoid net, the same steps', () => {
    const p = presetById('dbn-pretraining');
    if (!p?.comparison) throw new Error('no DBN comparison');
    expect(pretrainableLayers(p.graph).map((l) => l.units)).toEqual([256, 128]);
    expect(p.hyper.rbmPretrainEpochs).toBe(1);
    const [pre, rnd] = p.comparison.variants;
    expect(pre?.graph).toBe(p.graph);
    expect(rnd?.graph).toBe(p.graph);
    expect(pre?.hyper?.rbmPretrainEpochs).toBe(1);
    expect(rnd?.hyper?.rbmPretrainEpochs).toBe(0);
    expect(p.comparison.budget.unit).toBe('steps');
  });
});
