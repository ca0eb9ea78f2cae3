/**
 * Reset keeps the run's id, so what the worker sent about the model before it was reset (the loop's last metrics
 * and end state, a probe of the old weights, a loss that went NaN in the last chunk) can arrive after the page
 * already shows step 0 and a fresh, empty curve. Until the worker confirms the reset, such messages are dropped:
 * otherwise the old model's last points would start the new curve, the counters would jump back, and those points
 * would be recorded as a run of their own that never trained a step (issue 13).
 */
import { isPausingError } from '../../workers/errors';
import type { FromWorker } from '../../workers/protocol';

/** 'drop': about the model before the reset; 'lift': the reset is done (or failed), this and later messages count. */
export type FenceVerdict = 'drop' | 'pass' | 'lift';

export function afterReset(m: FromWorker): FenceVerdict {
  switch (m.type) {
    case 'state':
      // The worker answers a reset with the fresh model's state: step 0, not running.
      return m.step === 0 && !m.running ? 'lift' : 'drop';
    case 'metrics':
    case 'finished':
    case 'probe':
      return 'drop';
    case 'error':
      // A pausing error is the old model's last chunk; any other (the reset itself failed) ends the wait.
      return isPausingError(m.code) ? 'drop' : 'lift';
    case 'ready':
      return 'lift';
    default:
      return 'pass';
  }
}
