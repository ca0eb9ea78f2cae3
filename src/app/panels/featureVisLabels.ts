/**
 * The words under each Feature visualization picture: its label ("filter 3", "class 7", "start", "dream · octave 2
 * of 3") and, when the picture is (nearly) uniform or its filter never fires, a note that says why, so a solid white or
 * black tile reads as a finding and not as a fault. Plain functions of a probe result, tested on their own.
 */
import type { FeatureVisResult, FeatureVisTarget } from '../../engine/train/probes/types';
import { FLAT_SPREAD } from '../../engine/inspect/featureVisSettings';

type Stats = Pick<FeatureVisResult, 'spread' | 'mean' | 'fires'>;

/** The note under picture i, or null when it has a pattern and its filter fires. */
export function tileNote(r: Stats, i: number, mode: FeatureVisTarget['mode']): string | null {
  if (mode === 'dream') return null;
  if (r.fires?.[i] === false) return 'dead: never fires on it (ReLU output 0), so no gradient';
  const spread = r.spread[i];
  if (spread === undefined || spread >= FLAT_SPREAD) return null;
  const bright = (r.mean[i] ?? 0) >= 0.5;
  const what = mode === 'filters' ? 'responds most to' : 'scores highest for';
  return `flat ${bright ? 'white' : 'black'}: ${what} a uniform ${bright ? 'bright' : 'dark'} patch`;
}

/** Which octave (1-based) iteration count `done` is in, of `octaves`, for a dream of `total` iterations. */
export function octaveOf(done: number, total: number, octaves: number): number {
  const per = Math.max(1, total / Math.max(1, octaves));
  return Math.min(octaves, Math.max(1, Math.ceil(done / per)));
}

/** One label per picture on show. */
export function tileLabels(target: FeatureVisTarget, done: number, total: number): string[] {
  switch (target.mode) {
    case 'filters':
      return target.units.map((u) => `filter ${u + 1}`);
    case 'classes':
      return target.units.map((u) => `class ${u}`);
    case 'dream':
      return [
        'start',
        done >= total
          ? `dream (after ${target.octaves} octave${target.octaves === 1 ? '' : 's'})`
          : `dream · octave ${octaveOf(done, total, target.octaves)} of ${target.octaves}`,
      ];
  }
}
