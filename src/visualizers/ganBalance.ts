/**
 * GAN health in words: the balance between discriminator and generator (from mean D(x) on real images and D(G(z)) on
 * generated ones) and a mode-collapse verdict from the sample grid's diversity score. Pure; the panel renders them.
 */

export type Balance = 'D winning' | 'G fooling D' | 'balanced';

/** D(x) − D(G(z)) above this: the discriminator tells real from fake easily. */
export const D_WINNING_GAP = 0.5;
/** Below this: the generator fools the discriminator (it cannot tell them apart, or rates fakes higher). */
export const G_FOOLING_GAP = 0.1;

export function classifyBalance(dReal: number, dFake: number): Balance {
  const gap = dReal - dFake;
  if (gap > D_WINNING_GAP) return 'D winning';
  if (gap < G_FOOLING_GAP) return 'G fooling D';
  return 'balanced';
}

/** The diversity score below which the panel warns of mode collapse (≈1 is as diverse as real images). */
export const COLLAPSE_DIVERSITY = 0.4;

export type DiversityVerdict = 'healthy' | 'possible mode collapse' | 'unknown';

export function diversityVerdict(diversity: number): DiversityVerdict {
  if (!Number.isFinite(diversity)) return 'unknown';
  return diversity < COLLAPSE_DIVERSITY ? 'possible mode collapse' : 'healthy';
}

export interface GanStats {
  readonly dLoss: number;
  readonly gLoss: number;
  readonly dReal: number;
  readonly dFake: number;
}

/** The newest GAN statistics of the current (last) run, or null (a classifier run, no metrics yet). */
export function latestGanStats(
  runs: readonly { readonly points: readonly { readonly gan?: GanStats }[] }[],
): GanStats | null {
  const pts = runs[runs.length - 1]?.points ?? [];
  for (let i = pts.length - 1; i >= 0; i--) {
    const g = pts[i]!.gan;
    if (g) return g;
  }
  return null;
}

/** A probability for a bar: clamped to 0..1, NaN → 0. */
export function barFraction(p: number): number {
  return Number.isFinite(p) ? Math.min(1, Math.max(0, p)) : 0;
}
