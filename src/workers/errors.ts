/** Error codes by what they do to a run, and an error's text. */
import type { ErrorCode } from './protocol';

/** An error's message, or the thrown value in words. */
export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Errors that pause a run (its model is intact and it can go on or be reset) instead of ending it. */
export const isPausingError = (code: ErrorCode): boolean =>
  code === 'nonFinite' || code === 'diverged' || code === 'batchTooLarge' || code === 'tooManyParameters';
