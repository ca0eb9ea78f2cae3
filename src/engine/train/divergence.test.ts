import { describe, expect, it } from 'vitest';
import { DivergenceGuard, EXPLODE_STEPS, STUCK_STEPS, WARMUP_STEPS } from './divergence';

const CHANCE = Math.log(10);
const guard = (): DivergenceGuard => new DivergenceGuard({ chance: CHANCE });
/** Feeds the losses (gradient norm 1: healthy) and returns the index of the step that tripped, or -1. */
const tripAt = (g: DivergenceGuard, losses: readonly number[], norms?: readonly number[]): number =>
  g.observeAll(losses, norms ?? losses.map(() => 1))?.index ?? -1;
const repeat = (n: number, f: (i: number) => number): number[] => Array.from({ length: n }, (_, i) => f(i));

describe('DivergenceGuard', () => {
  it('reports a loss that explodes to over 10× its best and stays there', () => {
    const g = guard();
    const falling = repeat(40, (i) => 2.3 * Math.exp(-i / 10)); // ends near 0.05
    const blownUp = repeat(60, () => 30);
    const at = tripAt(g, [...falling, ...blownUp]);
    expect(at).toBeGreaterThan(falling.length);
    // The smoothed loss crosses the threshold within a few steps, then needs EXPLODE_STEPS steps in a row.
    expect(at).toBeLessThanOrEqual(falling.length + EXPLODE_STEPS + 5);
  });

  it('the report names the kind, the loss and the best loss', () => {
    const g = guard();
    const d = g.observeAll(
      [...repeat(30, () => 0.2), ...repeat(40, () => 50)],
      repeat(70, () => 1),
    );
    expect(d).toMatchObject({ kind: 'exploding', best: expect.closeTo(0.2, 5), chance: CHANCE });
    expect(d?.loss).toBeGreaterThan(2);
  });

  it('does not report a single bad batch, a noisy run, or a good run that wobbles far below its start', () => {
    const spike = [...repeat(60, () => 0.1), 100, ...repeat(200, () => 0.1)];
    expect(tripAt(guard(), spike)).toBe(-1);
    let seed = 1;
    const noise = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2;
    const noisy = repeat(2000, (i) => 2.3 * Math.exp(-i / 300) * (0.2 + noise()));
    expect(tripAt(guard(), noisy)).toBe(-1);
    // Near-perfect fit: 1e-4 at best, batches up to 100× that (still far better than the untrained 2.3).
    const fitted = [2.3, ...repeat(100, () => 1e-4), ...repeat(300, () => 1e-2)];
    expect(tripAt(guard(), fitted)).toBe(-1);
  });

  it('waits for the warm-up before the explosion rule applies', () => {
    // The first steps of a fresh network may swing: a loss that is high from step 2 on is not judged before WARMUP.
    const g = guard();
    const at = tripAt(g, [0.01, ...repeat(100, () => 5)]);
    expect(at).toBeGreaterThanOrEqual(WARMUP_STEPS + EXPLODE_STEPS - 1);
  });

  it('reports a loss above chance with a zero gradient after STUCK_STEPS steps', () => {
    const g = guard();
    const losses = [2.4, ...repeat(100, (i) => 14 + (i % 3))];
    const norms = [1, ...repeat(100, () => 0)];
    const d = g.observeAll(losses, norms);
    expect(d?.kind).toBe('stuck');
    expect(d?.index).toBe(STUCK_STEPS);
    expect(d?.loss).toBeCloseTo(15, 0);
  });

  it('is not stuck when the gradient is alive, the loss is below chance, or the norm is unknown', () => {
    const high = repeat(200, () => 15);
    expect(
      tripAt(
        guard(),
        high,
        repeat(200, () => 0.5),
      ),
    ).toBe(-1);
    expect(
      tripAt(
        guard(),
        repeat(200, () => 0.01),
        repeat(200, () => 0),
      ),
    ).toBe(-1); // converged
    expect(
      tripAt(
        guard(),
        high,
        repeat(200, () => NaN),
      ),
    ).toBe(-1); // nothing trainable: no norm
  });

  it('one step with a gradient restarts the stuck count', () => {
    const norms = repeat(2 * STUCK_STEPS - 2, (i) => (i === STUCK_STEPS - 2 ? 1e-3 : 0));
    expect(
      tripAt(
        guard(),
        repeat(norms.length, () => 15),
        norms,
      ),
    ).toBe(-1);
  });

  it('without classes (autoencoders) a zero gradient counts as stuck above half the untrained loss', () => {
    const g = new DivergenceGuard({ chance: NaN });
    expect(
      g.observeAll(
        repeat(100, () => 0.2),
        repeat(100, () => 0),
      )?.kind,
    ).toBe('stuck');
    const h = new DivergenceGuard({ chance: NaN });
    expect(
      h.observeAll(
        [0.2, ...repeat(100, () => 0.01)],
        repeat(101, () => 0),
      ),
    ).toBeNull();
  });

  it('starts over after a report and after reset()', () => {
    const g = guard();
    const norms = repeat(300, () => 0);
    expect(
      g.observeAll(
        repeat(300, () => 15),
        norms,
      )?.index,
    ).toBe(STUCK_STEPS - 1);
    expect(
      g.observeAll(
        repeat(300, () => 15),
        norms,
      )?.index,
    ).toBe(STUCK_STEPS - 1);
    g.observeAll(
      repeat(STUCK_STEPS - 1, () => 15),
      norms,
    );
    g.reset();
    expect(
      g.observeAll(
        repeat(STUCK_STEPS - 1, () => 15),
        norms,
      ),
    ).toBeNull();
  });

  it('skips non-finite losses (the NaN check reports those)', () => {
    expect(
      tripAt(
        guard(),
        repeat(200, () => NaN),
      ),
    ).toBe(-1);
    expect(
      tripAt(
        guard(),
        repeat(200, () => Infinity),
      ),
    ).toBe(-1);
  });
});
