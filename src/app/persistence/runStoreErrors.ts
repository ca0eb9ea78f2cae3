/** The runs store's failures, in words for the user: why it could not open, why a write was refused. */

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

const errorName = (e: unknown): string =>
  typeof e === 'object' && e !== null && typeof (e as { name?: unknown }).name === 'string'
    ? (e as { name: string }).name
    : '';
export const errorText = (e: unknown): string => {
  const message = e instanceof Error ? e.message : typeof e === 'string' ? e : '';
  const name = errorName(e);
  return [name, message].filter(Boolean).join(': ') || 'no reason given';
};

/** Why IndexedDB would not open, for "Runs are kept only until reload: <reason>". */
export function openFailureReason(e: unknown): string {
  switch (errorName(e)) {
    case 'SecurityError':
      return 'the browser does not let this page store data (private mode, or site data is blocked)';
    case 'VersionError':
      return 'the saved runs were written by a newer version of the playground (they are left untouched)';
    case 'QuotaExceededError':
      return "the browser's storage is full";
    default:
      return `the browser's storage could not be opened (${errorText(e)})`;
  }
}

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
