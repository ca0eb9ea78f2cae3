/** Text for the training bar's counters. */
export const fmtInt = (n: number): string => Math.round(n).toLocaleString('en-US');

/** "1:05" / "12 s" / "1 h 02 min": time left in the epoch, or '' when unknown. */
export function formatEta(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** Seconds left in the epoch from progress, the epoch's size and the rate. */
export function etaSeconds(epochProgress: number, examplesPerEpoch: number, examplesPerSec: number): number {
  if (examplesPerSec <= 0 || examplesPerEpoch <= 0) return NaN;
  return ((1 - Math.min(1, Math.max(0, epochProgress))) * examplesPerEpoch) / examplesPerSec;
}
