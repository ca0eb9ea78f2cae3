import { describe, expect, it } from 'vitest';
import { barFraction, classifyBalance, diversityVerdict, latestGanStats } from './ganBalance';

describe('classifyBalance', () => {
  it('says D is winning when D(x) − D(G(z)) is above 0.5', () => {
    expect(classifyBalance(0.95, 0.2)).toBe('D winning');
    expect(classifyBalance(0.95, 0.4)).toBe('D winning');
  });
  it('says G fools D when the gap is below 0.1 (or negative)', () => {
    expect(classifyBalance(0.55, 0.5)).toBe('G fooling D');
    expect(classifyBalance(0.3, 0.7)).toBe('G fooling D');
  });
  it('is balanced in between, boundaries included', () => {
    expect(classifyBalance(0.7, 0.4)).toBe('balanced');
    expect(classifyBalance(0.75, 0.25)).toBe('balanced'); // gap exactly 0.5
    expect(classifyBalance(0.625, 0.5)).toBe('balanced'); // gap 0.125, just above the G-fooling line
  });
});

describe('diversityVerdict', () => {
  it('warns below 0.4 and is healthy near 1', () => {
    expect(diversityVerdict(0.95)).toBe('healthy');
    expect(diversityVerdict(0.4)).toBe('healthy');
    expect(diversityVerdict(0.39)).toBe('possible mode collapse');
    expect(diversityVerdict(0.05)).toBe('possible mode collapse');
    expect(diversityVerdict(Number.NaN)).toBe('unknown');
  });
});

describe('latestGanStats', () => {
  const gan = (d: number) => ({ dLoss: d, gLoss: 1, dReal: 0.8, dFake: 0.3 });
  it('takes the newest GAN point of the last run', () => {
    const runs = [{ points: [{ gan: gan(9) }] }, { points: [{ gan: gan(1) }, { gan: gan(2) }, {}] }];
    expect(latestGanStats(runs)?.dLoss).toBe(2);
  });
  it('is null for a classifier run even after a GAN run, and with no runs', () => {
    expect(latestGanStats([{ points: [{ gan: gan(1) }] }, { points: [{}] }])).toBeNull();
    expect(latestGanStats([])).toBeNull();
  });
  it('clamps bar fractions', () => {
    expect([barFraction(-0.2), barFraction(0.5), barFraction(3), barFraction(Number.NaN)]).toEqual([
      0, 0.5, 1, 0,
    ]);
  });
});
