import { describe, expect, it } from 'vitest';
import { cubicMinimizer, strongWolfe, type LineSample } from './lineSearch';

/** A 1-D function φ with its derivative. */
type Fn = { readonly name: string; readonly f: (a: number) => number; readonly df: (a: number) => number };

// Moré and Thuente's test functions 1 and 2 (ACM TOMS 20, 1994), a quadratic and a function that is infinite (NaN)
// past α = 2, from which the search must back off.
const FUNCTIONS: readonly Fn[] = [
  { name: 'quadratic', f: (a) => (a - 3) ** 2, df: (a) => 2 * (a - 3) },
  { name: 'Moré–Thuente 1', f: (a) => -a / (a * a + 2), df: (a) => (a * a - 2) / (a * a + 2) ** 2 },
  {
    name: 'Moré–Thuente 2',
    f: (a) => (a + 0.004) ** 5 - 2 * (a + 0.004) ** 4,
    df: (a) => 5 * (a + 0.004) ** 4 - 8 * (a + 0.004) ** 3,
  },
  { name: 'NaN past 2', f: (a) => (a > 2 ? NaN : (a - 1.5) ** 2), df: (a) => (a > 2 ? NaN : 2 * (a - 1.5)) },
];

const sampler = (fn: Fn) => {
  const made: LineSample[] = [];
  const discarded = new Set<LineSample>();
  const phi = (alpha: number): Promise<LineSample> => {
    const s = { alpha, f: fn.f(alpha), df: fn.df(alpha) };
    made.push(s);
    return Promise.resolve(s);
  };
  return { phi, made, discarded, discard: (s: LineSample) => discarded.add(s) };
};

describe('strongWolfe', () => {
  for (const fn of FUNCTIONS) {
    for (const c2 of [0.9, 0.1]) {
      it.each([1e-3, 0.1, 1, 10, 1000])(
        `${fn.name}, c2 = ${c2}: from α1 = %s the step satisfies both strong Wolfe conditions`,
        async (alpha1) => {
          const c1 = 1e-4;
          const f0 = fn.f(0);
          const df0 = fn.df(0);
          const s = sampler(fn);
          const r = await strongWolfe(s.phi, f0, df0, alpha1, { c1, c2 }, s.discard);
          expect(r.status).toBe('wolfe');
          const got = r.sample as LineSample;
          expect(got.f).toBeLessThanOrEqual(f0 + c1 * got.alpha * df0);
          expect(Math.abs(got.df)).toBeLessThanOrEqual(c2 * Math.abs(df0));
          expect(r.evaluations).toBe(s.made.length);
          // Function 2 is the hard one (φ'(0) ≈ −5e-7, a narrow flat region): up to 13 evaluations here.
          expect(r.evaluations).toBeLessThanOrEqual(13);
          // Every sample but the one returned went back to the caller, once.
          expect(s.discarded.has(got)).toBe(false);
          expect(s.discarded.size).toBe(s.made.length - 1);
        },
      );
    }
  }

  it('finds the exact minimiser of a quadratic in one interpolation when the first step overshoots', async () => {
    const fn = FUNCTIONS[0] as Fn;
    const s = sampler(fn);
    const r = await strongWolfe(s.phi, fn.f(0), fn.df(0), 10, { c2: 0.1 });
    expect(r.evaluations).toBe(2);
    expect(r.sample?.alpha).toBeCloseTo(3, 12);
  });

  it('refuses a direction that does not descend', async () => {
    const fn = FUNCTIONS[0] as Fn;
    await expect(strongWolfe(sampler(fn).phi, 0, 0.5, 1)).rejects.toThrow(/not a descent direction/);
  });

  it('reports failure, handing every sample back, when nothing lowers φ (a wrong slope)', async () => {
    // φ increases although φ'(0) claims it falls: no step can lower it.
    const fn: Fn = { name: 'up', f: (a) => a, df: () => 1 };
    const s = sampler(fn);
    const r = await strongWolfe(s.phi, 0, -1, 1, { maxEvaluations: 8 }, s.discard);
    expect(r.status).toBe('failed');
    expect(r.sample).toBeNull();
    expect(s.discarded.size).toBe(s.made.length);
  });

  it('accepts on the slopes when the decrease drowns in float32 rounding (approximate Wolfe), and not without it', async () => {
    // φ(α) = 1000 + 1e-5·((α − 1)² − 1) rounded to float32: the decrease at the minimum (1e-5) is below the rounding
    // step of 1000 (6e-5), so φ looks flat or even higher, while the slopes are exact.
    const fn: Fn = {
      name: 'flat in float32',
      f: (a) => Math.fround(1000 + 1e-5 * ((a - 1) ** 2 - 1)),
      df: (a) => 2e-5 * (a - 1),
    };
    const f0 = fn.f(0);
    const df0 = fn.df(0);
    const noisy = await strongWolfe(sampler(fn).phi, f0, df0, 0.5, { c2: 0.1, fTol: 0 });
    expect(noisy.status).not.toBe('wolfe');
    const r = await strongWolfe(sampler(fn).phi, f0, df0, 0.5, { c2: 0.1 });
    expect(r.status).toBe('approxWolfe');
    expect(Math.abs((r.sample as LineSample).df)).toBeLessThanOrEqual(0.1 * Math.abs(df0));
    expect((r.sample as LineSample).alpha).toBeCloseTo(1, 1);
  });
});

describe('cubicMinimizer', () => {
  it('is exact for a quadratic and null for a cubic without a minimum between', () => {
    const f = (a: number) => 2 * (a - 0.7) ** 2 + 1;
    const df = (a: number) => 4 * (a - 0.7);
    expect(cubicMinimizer(0, f(0), df(0), 2, f(2), df(2))).toBeCloseTo(0.7, 12);
    expect(cubicMinimizer(2, f(2), df(2), -1, f(-1), df(-1))).toBeCloseTo(0.7, 12);
    // φ = α³ + α rises everywhere (φ' = 3α² + 1): no minimum.
    expect(cubicMinimizer(0, 0, 1, 1, 2, 4)).toBeNull();
  });
});
