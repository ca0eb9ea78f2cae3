/**
 * A line search satisfying the strong Wolfe conditions (Nocedal & Wright, Numerical Optimization, algorithms 3.5 and
 * 3.6): along a descent direction d from x, find a step α with
 *   φ(α) ≤ φ(0) + c1·α·φ'(0)      (sufficient decrease) and
 *   |φ'(α)| ≤ c2·|φ'(0)|          (curvature: the slope has flattened enough),
 * where φ(α) = f(x + α·d). Pure numbers: the caller evaluates φ (loss and gradient on TF.js) and keeps whatever the
 * chosen sample carries (its gradient). Bracketing grows α until it passes a minimum of φ, then `zoom` narrows the
 * bracket with safeguarded cubic interpolation.
 *
 * Float32 losses carry rounding noise of about 1e-7 of their size, so close to a minimum the decrease a step makes
 * can drown in it and the first test becomes a coin toss. Like Hager and Zhang's CG_DESCENT, a step then also passes
 * on the slopes alone ("approximate Wolfe"): φ(α) within fTol·|φ(0)| of φ(0) and φ'(α) ≤ (1 − 2·c1)·|φ'(0)|, which
 * on a quadratic is the same test as sufficient decrease; and the bracket is narrowed by the secant of the slopes
 * when the φ values differ by no more than their noise.
 */

/** φ and φ' at one step length; the caller's sample may carry more (the gradient there). */
export interface LineSample {
  readonly alpha: number;
  readonly f: number;
  readonly df: number;
}

export interface LineSearchOptions {
  /** Sufficient decrease constant (1e-4 as in most codes). */
  readonly c1?: number;
  /** Curvature constant: 0.9 for quasi-Newton methods, 0.1 for conjugate gradient (a near-exact search). */
  readonly c2?: number;
  /** The largest step tried. */
  readonly alphaMax?: number;
  /** Evaluations of φ at most (beyond φ(0)). */
  readonly maxEvaluations?: number;
  /** φ values within fTol·|φ(0)| of each other are treated as equal (float32 rounding); 0 turns that off. */
  readonly fTol?: number;
}

export interface LineSearchResult<S extends LineSample> {
  /**
   * 'wolfe': `sample` satisfies both strong Wolfe conditions. 'approxWolfe': the curvature condition and the
   * approximate decrease test (the decrease was within rounding noise). 'decrease': the evaluations ran out and
   * `sample` only lowers φ sufficiently. 'failed': nothing tried lowered φ; `sample` is null.
   */
  readonly status: 'wolfe' | 'approxWolfe' | 'decrease' | 'failed';
  readonly sample: S | null;
  readonly evaluations: number;
}

/**
 * The minimiser of the cubic through (a, fa, da) and (b, fb, db), or null when it has none (Nocedal & Wright 3.59).
 * Exact for a quadratic φ.
 */
export function cubicMinimizer(
  a: number,
  fa: number,
  da: number,
  b: number,
  fb: number,
  db: number,
): number | null {
  const d1 = da + db - (3 * (fa - fb)) / (a - b);
  const disc = d1 * d1 - da * db;
  if (!(disc >= 0)) return null;
  const d2 = Math.sign(b - a) * Math.sqrt(disc);
  const denom = db - da + 2 * d2;
  if (denom === 0) return null;
  const x = b - (b - a) * ((db + d2 - d1) / denom);
  return Number.isFinite(x) ? x : null;
}

/**
 * Searches along the direction for a step satisfying the strong Wolfe conditions. `phi(α)` evaluates the objective
 * at x + α·d; `f0` and `df0` are φ(0) and φ'(0) (which must be negative: a descent direction). Non-finite values of
 * φ count as "too far". Every sample `phi` returned is handed to `discard` once the search no longer needs it, except
 * the one returned.
 */
export async function strongWolfe<S extends LineSample>(
  phi: (alpha: number) => Promise<S>,
  f0: number,
  df0: number,
  alpha1: number,
  opts: LineSearchOptions = {},
  discard: (s: S) => void = () => undefined,
): Promise<LineSearchResult<S>> {
  const c1 = opts.c1 ?? 1e-4;
  const c2 = opts.c2 ?? 0.9;
  const alphaMax = opts.alphaMax ?? 1e10;
  const maxEvals = opts.maxEvaluations ?? 25;
  if (!(df0 < 0)) throw new Error(`strongWolfe: not a descent direction (φ'(0) = ${df0})`);
  const noise = (opts.fTol ?? 1e-6) * Math.abs(f0);
  const origin: LineSample = { alpha: 0, f: f0, df: df0 };
  const armijo = (s: LineSample): boolean => Number.isFinite(s.f) && s.f <= f0 + c1 * s.alpha * df0;
  /**
   * The approximate decrease test, for a step whose expected decrease (about α·|φ'(0)|) is within the noise of φ:
   * φ no higher than φ(0) beyond the noise, and the slope not far past the minimum.
   */
  const approx = (s: LineSample): boolean =>
    s.alpha * -df0 <= 100 * noise &&
    Number.isFinite(s.f) &&
    Number.isFinite(s.df) &&
    s.f <= f0 + noise &&
    s.df <= (2 * c1 - 1) * df0;
  const decrease = (s: LineSample): boolean => armijo(s) || approx(s);
  /** φ(a) above φ(b) by more than rounding noise (non-finite counts as above). */
  const above = (a: LineSample, b: LineSample): boolean => !(a.f <= b.f + noise);
  const flat = (s: LineSample): boolean => Math.abs(s.df) <= -c2 * df0;
  const accept = (s: S): LineSearchResult<S> => done(armijo(s) ? 'wolfe' : 'approxWolfe', s);
  const live = new Set<S>();
  let evaluations = 0;
  const evaluate = async (alpha: number): Promise<S> => {
    evaluations++;
    const s = await phi(alpha);
    live.add(s);
    return s;
  };
  /** Hands every sample but `keep` back to the caller. */
  const keepOnly = (...keep: LineSample[]): void => {
    for (const s of live)
      if (!keep.includes(s)) {
        live.delete(s);
        discard(s);
      }
  };
  const done = (status: LineSearchResult<S>['status'], sample: S | null): LineSearchResult<S> => {
    if (sample === null) keepOnly();
    else keepOnly(sample);
    return { status, sample, evaluations };
  };
  /** The best point when the evaluations run out: it lowered φ enough (or within noise), or nothing did. */
  const fallback = (lo: S | null): LineSearchResult<S> =>
    lo !== null && decrease(lo) ? done('decrease', lo) : done('failed', null);

  /**
   * Algorithm 3.6. `lo` (null: the origin) satisfies sufficient decrease and has the lowest φ so far; a step
   * satisfying the strong Wolfe conditions lies between lo and hi.
   */
  const zoom = async (lo0: S | null, hi0: LineSample): Promise<LineSearchResult<S>> => {
    let lo = lo0;
    let hi = hi0;
    const widths: number[] = [];
    while (evaluations < maxEvals) {
      const l = lo ?? origin;
      const width = hi.alpha - l.alpha;
      if (Math.abs(width) <= 1e-12 * Math.max(1, Math.abs(l.alpha))) break;
      widths.push(Math.abs(width));
      const finite = Number.isFinite(hi.f) && Number.isFinite(hi.df);
      const secant = finite && Math.abs(hi.f - l.f) <= 10 * noise && hi.df * l.df < 0;
      const guess = !finite
        ? null
        : secant
          ? l.alpha - (l.df * width) / (hi.df - l.df)
          : cubicMinimizer(l.alpha, l.f, l.df, hi.alpha, hi.f, hi.df);
      // Safeguards (after Moré and Thuente): keep 1% of the bracket from either end, and bisect when two trials
      // have not halved (to 2/3) the bracket.
      const twoAgo = widths[widths.length - 3];
      const slow = twoAgo !== undefined && Math.abs(width) > 0.66 * twoAgo;
      const [a, b] = [l.alpha + 0.01 * width, hi.alpha - 0.01 * width].sort((p, q) => p - q) as [
        number,
        number,
      ];
      const trial = guess === null || slow ? l.alpha + width / 2 : Math.min(b, Math.max(a, guess));
      const s = await evaluate(trial);
      if (!decrease(s) || above(s, l)) hi = s;
      else {
        if (flat(s)) return accept(s);
        if (s.df * (hi.alpha - l.alpha) >= 0) hi = l;
        lo = s;
      }
      keepOnly(lo ?? origin, hi);
    }
    return fallback(lo);
  };

  // Algorithm 3.5: bracketing, growing the step until it passes a minimum of φ.
  let prev: S | null = null;
  let alpha = Math.min(alpha1, alphaMax);
  while (evaluations < maxEvals) {
    const s = await evaluate(alpha);
    if (!decrease(s) || (prev !== null && above(s, prev))) return zoom(prev, s);
    if (flat(s)) return accept(s);
    if (s.df >= 0) return zoom(s, prev ?? origin);
    prev = s;
    keepOnly(prev);
    if (alpha >= alphaMax) break;
    alpha = Math.min(4 * alpha, alphaMax);
  }
  return fallback(prev);
}
