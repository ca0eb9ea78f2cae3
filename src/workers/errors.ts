/** Error codes by what they do to a run. */
import type { ErrorCode } from './protocol';

/** Errors that pause a run (its model is intact and it can go on or be reset) instead of ending it. */
export const isPausingError = (code: ErrorCode): boolean =>
  code === 'nonFinite' || code === 'diverged' || code === 'batchTooLarge';
