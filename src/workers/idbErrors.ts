/**
 * IndexedDB failures in words for the user, shared by the run store (app/persistence/runStore.ts) and the
 * user-dataset store (workers/userDatasets/store.ts). Plain functions: usable in the page and in workers.
 */

/** A thrown value's `name` ('QuotaExceededError', 'SecurityError'…), '' when it has none. */
export const errorName = (e: unknown): string =>
  typeof e === 'object' && e !== null && typeof (e as { name?: unknown }).name === 'string'
    ? (e as { name: string }).name
    : '';

/** "Name: message", or whichever of the two there is. */
export const errorText = (e: unknown): string => {
  const message = e instanceof Error ? e.message : typeof e === 'string' ? e : '';
  const name = errorName(e);
  return [name, message].filter(Boolean).join(': ') || 'no reason given';
};

/**
 * Why a database would not open, lower case, to follow a colon. `newer` says what a newer version of the app wrote
 * (a VersionError): "the saved runs were written", "your datasets were saved".
 */
export function openFailureReason(e: unknown, newer: string): string {
  switch (errorName(e)) {
    case 'SecurityError':
      return 'the browser does not let this page store data (private mode, or site data is blocked)';
    case 'VersionError':
      return `${newer} by a newer version of the playground (they are left untouched)`;
    case 'QuotaExceededError':
      return "the browser's storage is full";
    default:
      return `the browser's storage could not be opened (${errorText(e)})`;
  }
}
