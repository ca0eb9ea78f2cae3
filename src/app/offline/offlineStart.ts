/**
 * Works offline after one visit (its own chunk, loaded right after the page's): registers the service worker once the
 * first dataset is in, or after SETTLE_MS at the latest (so the worker's own download of MNIST is answered from the
 * HTTP cache instead of fetching the file a second time while the app does), and shows what it says: "Ready to work
 * offline" after the first install, "A new version is ready — reload" with its Reload button (the new version takes
 * over only when pressed, never under a run), and "Install app" where the browser offers it. The store comes in as
 * an argument: this chunk imports nothing the page has (a lazy chunk sharing the page's modules, React or the store,
 * made the bundler split the page's code into more chunks, over its size budget).
 */
import type { AppState } from '../store/types';
import { watchInstallPrompt } from './installPrompt';
import { createNotes } from './offlineNotes';
import { startServiceWorker } from './serviceWorkerClient';

const SETTLE_MS = 30_000;
/** How long the "ready to work offline" note stays. */
const READY_NOTE_MS = 12_000;

/** The first dataset has loaded, or failed to. */
export const isSettled = (s: Pick<AppState, 'datasetCounts' | 'status'>): boolean =>
  s.datasetCounts !== null || s.status === 'error';

export interface SettleStore {
  getState(): Pick<AppState, 'datasetCounts' | 'status'>;
  subscribe(listener: () => void): () => void;
}

/** Calls `then` once: when the store is settled, or after `ms`. */
export function whenSettled(store: SettleStore, ms: number, then: () => void): void {
  let done = false;
  const go = (): void => {
    if (done) return;
    done = true;
    off();
    clearTimeout(timer);
    then();
  };
  const timer = setTimeout(go, ms);
  const off = store.subscribe(() => {
    if (isSettled(store.getState())) go();
  });
  if (isSettled(store.getState())) go();
}

/** `compact`: the embedded view, which shows only the new-version notice. */
export function startOffline(win: Window, store: SettleStore, compact: boolean): void {
  const notes = createNotes(win.document);
  if (!compact)
    watchInstallPrompt(win, (install) =>
      notes.show(
        'install',
        install && {
          text: 'Install the playground as an app: it opens in its own window and works offline.',
          buttons: [
            { label: 'Install app', primary: true, onClick: install },
            { label: 'Not now', onClick: () => notes.show('install', null) },
          ],
        },
      ),
    );
  whenSettled(store, SETTLE_MS, () =>
    startServiceWorker({
      onUpdate: (apply) =>
        notes.show('update', {
          text: 'A new version is ready — reload',
          buttons: [{ label: 'Reload', primary: true, onClick: apply }],
        }),
      onOfflineReady: () => {
        if (compact) return;
        const dismiss = (): void => notes.show('ready', null);
        notes.show('ready', {
          text: 'Ready to work offline: the app and MNIST are saved in this browser.',
          buttons: [{ label: 'Dismiss', onClick: dismiss }],
        });
        setTimeout(dismiss, READY_NOTE_MS);
      },
    }),
  );
}
