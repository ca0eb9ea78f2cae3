import { describe, expect, it } from 'vitest';
import {
  GAN_SERIES,
  VALIDATION_DASH,
  isGanRun,
  plotLayout,
  seriesOf,
  seriesValue,
  strokeFor,
  xAxisTitle,
  xDomain,
  xOf,
} from './curves';

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

describe('plot layout', () => {
  const classifier = { label: 'c', points: [{ step: 1, loss: 2, accuracy: 0.1 }] };
  const autoencoder = { label: 'a', points: [{ step: 1, loss: 0.3, accuracy: Number.NaN, valLoss: 0.31 }] };
  const ganRun = { label: 'g', points: [{ step: 1, loss: 0.7, accuracy: Number.NaN, gan }] };

  it('has no accuracy plot when no point has an accuracy (autoencoder)', () => {
    expect(plotLayout([autoencoder])).toEqual({ upper: 'loss', lower: null });
    expect(plotLayout([])).toEqual({ upper: 'loss', lower: null });
  });
  it('plots accuracy where it exists, or where the caller expects it before the first point', () => {
    expect(plotLayout([classifier]).lower).toBe('accuracy');
    expect(plotLayout([autoencoder, classifier]).lower).toBe('accuracy');
    expect(plotLayout([], 'accuracy').lower).toBe('accuracy');
    const valOnly = { label: 'v', points: [{ step: 1, loss: 2, accuracy: Number.NaN, valAccuracy: 0.4 }] };
    expect(plotLayout([valOnly]).lower).toBe('accuracy');
  });
  it('plots D(x) and D(G(z)) for GANs, without an accuracy title', () => {
    expect(plotLayout([ganRun])).toEqual({ upper: 'D loss · G loss', lower: 'D(x) · D(G(z))' });
    expect(plotLayout([], 'gan')).toEqual({ upper: 'D loss · G loss', lower: 'D(x) · D(G(z))' });
    expect(plotLayout([ganRun, classifier]).lower).toBe('accuracy · D(x) · D(G(z))');
  });
});

describe('validation stroke', () => {
  const [train, validation] = seriesOf({ label: 'c', points: [{ step: 1, loss: 1, accuracy: 0.5 }] });
  it('is thicker than the training line, dashed, and set off by a halo', () => {
    for (const dark of [false, true]) {
      const t = strokeFor(train!, '#4e79a7', dark);
      const v = strokeFor(validation!, '#4e79a7', dark);
      expect(t.dash).toEqual([]);
      expect(v.dash).toEqual(VALIDATION_DASH);
      expect(v.width).toBeGreaterThanOrEqual(2 * t.width);
      expect(v.halo).toBeGreaterThan(v.width);
    }
  });
  it('is darker than the run colour on a light background and lighter on a dark one', () => {
    const lum = (hex: string) => parseInt(hex.slice(1, 3), 16) + parseInt(hex.slice(3, 5), 16);
    expect(lum(strokeFor(validation!, '#4e79a7', false).colour)).toBeLessThan(lum('#4e79a7'));
    expect(lum(strokeFor(validation!, '#4e79a7', true).colour)).toBeGreaterThan(lum('#4e79a7'));
  });
});

describe('curves x axis', () => {
  const run = {
    label: 'r',
    points: [
      { step: 10, seconds: 0.5, loss: 2, accuracy: 0.1 },
      { step: 20, seconds: 4, loss: 1, accuracy: 0.2 },
      { step: 30, loss: 0.5, accuracy: 0.3 },
    ],
  };
  it('plots against steps by default, and says so', () => {
    expect(xDomain([run])).toEqual([10, 30]);
    expect(run.points.map((p) => xOf(p))).toEqual([10, 20, 30]);
    expect(xAxisTitle()).toBe('step');
  });
  it('plots against training seconds from 0, leaving out points without a time, and names the unit', () => {
    expect(xDomain([run], 'seconds')).toEqual([0, 4]);
    expect(run.points.map((p) => xOf(p, 'seconds'))).toEqual([0.5, 4, Number.NaN]);
    expect(xAxisTitle('seconds')).toBe('training time (s)');
    // Too short a run still gets a second-wide axis.
    expect(
      xDomain([{ label: 'q', points: [{ step: 1, seconds: 0.2, loss: 1, accuracy: 0 }] }], 'seconds'),
    ).toEqual([0, 1]);
  });
  it('plots against steps on a log scale from step 1, leaving out step 0, and says so', () => {
    const long = { label: 'sgd', points: [0, 1, 3000].map((step) => ({ step, loss: 1, accuracy: 0 })) };
    expect(xDomain([run, long], 'logStep')).toEqual([1, 3000]);
    expect(long.points.map((p) => xOf(p, 'logStep'))).toEqual([Number.NaN, 1, 3000]);
    expect(xAxisTitle('logStep')).toBe('step (log scale)');
    expect(xDomain([], 'logStep')).toEqual([1, 2]);
  });
});
