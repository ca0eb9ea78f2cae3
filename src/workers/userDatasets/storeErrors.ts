/** The user-dataset store's failures, in words for the user: why it cannot open, why a write was refused. */
import type { DatasetStoreErrorCode } from './types';
import { errorText, openFailureReason as idbOpenFailure } from '../idbErrors';

export class DatasetStoreError extends Error {
  /** For a 'quota' error: the bytes the write needed (null for the other codes). */
  readonly neededBytes: number | null;
  constructor(
    readonly code: DatasetStoreErrorCode,
    message: string,
    options?: { cause?: unknown; neededBytes?: number },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DatasetStoreError';
    this.neededBytes = options?.neededBytes ?? null;
  }
}

export { errorName, errorText } from '../idbErrors';

/** Why the datasets' database would not open, lower case, for "Your own datasets cannot be kept here: <reason>". */
export const openFailureReason = (e: unknown): string => idbOpenFailure(e, 'your datasets were saved');

export const unavailable = (reason: string, cause?: unknown): DatasetStoreError =>
  new DatasetStoreError('unavailable', `Your own datasets cannot be kept in this browser: ${reason}.`, {
    cause,
  });

export const notFound = (id: string): DatasetStoreError =>
  new DatasetStoreError(
    'notFound',
    `The dataset ${id} is not in this browser any more (it was deleted, or made in another browser).`,
  );

/** Megabytes with one decimal, at least 0.1. */
export const megabytes = (bytes: number): string => Math.max(0.1, bytes / 1_048_576).toFixed(1);

/** The sentence for a write the browser refused for lack of space. */
export function quotaMessage(
  name: string,
  neededBytes: number,
  estimate: { usage: number; quota: number } | null,
): string {
  const free = estimate
    ? `, and about ${megabytes(Math.max(0, estimate.quota - estimate.usage))} MB are free`
    : '';
  return (
    `Not enough space in this browser to keep "${name}": it needs about ${megabytes(neededBytes)} MB${free}. ` +
    'Delete a dataset you no longer need, or use fewer or smaller images, and try again.'
  );
}

/** A refused write in words ('quota' errors are made by the store, which knows the bytes). */
export const writeFailure = (what: string, e: unknown): DatasetStoreError =>
  e instanceof DatasetStoreError
    ? e
    : new DatasetStoreError('failed', `${what} could not be saved: ${errorText(e)}.`, { cause: e });

export const readFailure = (e: unknown): DatasetStoreError =>
  e instanceof DatasetStoreError
    ? e
    : new DatasetStoreError('failed', `Your datasets could not be read: ${errorText(e)}.`, { cause: e });
