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

/**
 * Whether a run's step limit (`maxSteps`, 0 = none) ends it before its epochs do: then the bar counts steps against
 * the limit instead of epochs against their total (a sweep's steps budget sets epochs to their maximum).
 */
export function stepLimitFirst(
  h: { readonly maxSteps: number; readonly epochs: number; readonly batchSize: number },
  trainCount: number,
): boolean {
  if (h.maxSteps <= 0) return false;
  if (trainCount <= 0) return true;
  return h.maxSteps < Math.ceil(trainCount / h.batchSize) * h.epochs;
}
