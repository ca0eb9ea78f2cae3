import { describe, expect, it } from 'vitest';
import { GAN_SERIES, isGanRun, seriesOf, seriesValue } from './curves';

const gan = { dLoss: 1.2, gLoss: 0.7, dReal: 0.8, dFake: 0.3 };

describe('curve series', () => {
  it('plots D/G losses and D(x)/D(G(z)) for GAN runs, loss/accuracy otherwise', () => {
    const g = { label: 'g', points: [{ step: 1, loss: 0.7, accuracy: Number.NaN, gan }] };
    const c = { label: 'c', points: [{ step: 1, loss: 2, accuracy: 0.1, valLoss: 2.1 }] };
    expect(isGanRun(g)).toBe(true);
    expect(isGanRun(c)).toBe(false);
    expect(seriesOf(g).map((s) => s.label)).toEqual(['D loss', 'G loss', 'D(x)', 'D(G(z))']);
    expect(seriesOf(c).map((s) => s.key)).toEqual(['loss', 'valLoss', 'accuracy', 'valAccuracy']);
  });
  it('reads GAN values from `gan` and nothing from classifier points', () => {
    const p = { step: 3, loss: 0.7, accuracy: Number.NaN, gan };
    expect(GAN_SERIES.map((s) => seriesValue(p, s.key))).toEqual([1.2, 0.7, 0.8, 0.3]);
    expect(seriesValue({ step: 3, loss: 1, accuracy: 0.5 }, 'dFake')).toBeUndefined();
    expect(seriesValue({ step: 3, loss: 1, accuracy: 0.5 }, 'accuracy')).toBe(0.5);
  });
});
