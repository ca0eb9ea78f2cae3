/**
 * The divergence guard: besides NaN/Inf (nonFinite.ts), a run has failed when its loss explodes, or when it sits above
 * chance with a zero gradient (a saturated softmax: every probability clipped to 1e-7 or 1 − 1e-7, so nothing can
 * move). Pure bookkeeping over the per-step losses and global gradient norms the trainer reads back anyway.
 */

/** Steps before the explosion rule applies: the first updates of a fresh network are the noisiest. */
export const WARMUP_STEPS = 20;
/**
 * Consecutive steps the smoothed loss must stay ≥ EXPLODE_FACTOR × its best value (and above the untrained loss).
 * The loss is smoothed over ~5 steps (EMA_ALPHA), so one bad batch lifts it for 3 steps at most: 20 steps is a trend,
 * not an outlier, and still under a second of training on WebGL.
 */
export const EXPLODE_STEPS = 20;
export const EXPLODE_FACTOR = 10;
const EMA_ALPHA = 0.2;
/**
 * Consecutive steps of a zero gradient above chance. SGD with a zero gradient does not move at all; Adam and
 * momentum coast on their averages, which fade by 0.9 a step (to 0.5 % after 50), so by then the run is truly stuck.
 * One batch that is not fully saturated gives a real gradient and restarts the count.
 */
export const STUCK_STEPS = 50;
/** A global gradient norm at or below this counts as zero (healthy runs here sit around 0.01–10). */
export const ZERO_GRAD = 1e-6;

export type DivergenceKind = 'exploding' | 'stuck';

export interface Divergence {
  readonly kind: DivergenceKind;
  /** Index in the observed sequence (0-based) of the step that tripped the guard. */
  readonly index: number;
  /** The loss the run sits at (smoothed, or the mean over the stuck steps), its best smoothed loss, chance if known. */
  readonly loss: number;
  readonly best: number;
  readonly chance: number;
  readonly steps: number;
}

export interface DivergenceGuardOptions {
  /** Loss of a uniform guess (ln(classes) for cross-entropy), or NaN when there is none (autoencoders). */
  readonly chance: number;
}

export class DivergenceGuard {
  private seen = 0;
  private first = NaN;
  private ema = NaN;
  private best = Infinity;
  private high = 0;
  private flat = 0;
  private flatSum = 0;

  constructor(private readonly opts: DivergenceGuardOptions) {}

  /** Forgets the history: after a pause it reported, a restore, or a new learning rate / optimizer. */
  reset(): void {
    this.seen = 0;
    this.first = NaN;
    this.ema = NaN;
    this.best = Infinity;
    this.high = 0;
    this.flat = 0;
    this.flatSum = 0;
  }

  /**
   * Feeds one step's loss and global gradient norm (NaN when unknown, e.g. nothing trainable); returns the
   * divergence it completes, or null. Non-finite losses are the NaN check's business and are skipped here.
   */
  observe(loss: number, gradNorm: number): Omit<Divergence, 'index'> | null {
    if (!Number.isFinite(loss)) return null;
    const i = this.seen++;
    if (i === 0) {
      this.first = loss;
      this.ema = loss;
    } else this.ema += EMA_ALPHA * (loss - this.ema);
    this.best = Math.min(this.best, this.ema);

    // (a) explosion: worse than the untrained network and ≥ 10× the best smoothed loss, for EXPLODE_STEPS steps.
    const exploding = i >= WARMUP_STEPS && this.ema >= Math.max(EXPLODE_FACTOR * this.best, this.first);
    this.high = exploding ? this.high + 1 : 0;
    if (this.high >= EXPLODE_STEPS) return this.report('exploding', this.ema, EXPLODE_STEPS);

    // (b) stuck: a zero gradient while the loss is above chance (or, without classes, above half the untrained loss).
    const floor = Number.isFinite(this.opts.chance) ? this.opts.chance : 0.5 * this.first;
    const stuck = Number.isFinite(gradNorm) && gradNorm <= ZERO_GRAD && loss > floor;
    this.flat = stuck ? this.flat + 1 : 0;
    this.flatSum = stuck ? this.flatSum + loss : 0;
    if (this.flat >= STUCK_STEPS) return this.report('stuck', this.flatSum / this.flat, STUCK_STEPS);
    return null;
  }

  /** Feeds a chunk; the first divergence with its index in the chunk, or null. */
  observeAll(losses: ArrayLike<number>, gradNorms: ArrayLike<number>): Divergence | null {
    for (let i = 0; i < losses.length; i++) {
      const d = this.observe(losses[i] as number, gradNorms[i] ?? NaN);
      if (d) return { ...d, index: i };
    }
    return null;
  }

  private report(kind: DivergenceKind, loss: number, steps: number): Omit<Divergence, 'index'> {
    const d = { kind, loss, best: this.best, chance: this.opts.chance, steps };
    this.reset(); // resuming without a change earns another full window before the next report
    return d;
  }
}
