/** The runs store's failures, in words for the user: why it could not open, why a write was refused. */
import { errorName, errorText, openFailureReason as idbOpenFailure } from '../../workers/idbErrors';

export type RunStoreErrorCode = 'storageFull' | 'notSaved' | 'failed' | 'closed';

export class RunStoreError extends Error {
  constructor(
    readonly code: RunStoreErrorCode,
    message: string,
    options?: { cause: unknown },
  ) {
    super(message, options);
    this.name = 'RunStoreError';
  }
}

export { errorText };

/** Why IndexedDB would not open, for "Runs are kept only until reload: <reason>". */
export const openFailureReason = (e: unknown): string => idbOpenFailure(e, 'the saved runs were written');

/** The error a refused write rejects with. */
export function writeFailure(e: unknown): RunStoreError {
  const name = errorName(e);
  if (name === 'QuotaExceededError')
    return new RunStoreError(
      'storageFull',
      "The browser's storage is full: the run was not saved. Delete or unpin older runs, or free space for this site, and try again.",
      { cause: e },
    );
  if (name === 'DataCloneError')
    return new RunStoreError(
      'notSaved',
      `The run could not be saved: it holds a value the browser cannot store (${errorText(e)}).`,
      {
        cause: e,
      },
    );
  return new RunStoreError('failed', `The run could not be saved: ${errorText(e)}.`, { cause: e });
}
