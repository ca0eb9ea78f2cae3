/**
 * The page's side of the service worker (src/workers/serviceWorker/): registers it and tells when a new version is
 * installed and waiting. The new version takes over only when the user asks (`apply`: the waiting worker skips
 * waiting, then this page reloads), so code never changes under a run. Another tab that applied it first leaves this
 * page on the old code under the new worker: that is announced the same way, and `apply` just reloads.
 */

/**
 * What the page posts to a waiting worker to make it take over (swCore.ts's SKIP_WAITING; a test checks they agree).
 * Not imported from there: a module both import would become a chunk that sw.js imports, and sw.js is a classic script.
 */
export const SKIP_WAITING = 'skip-waiting';

export interface ServiceWorkerHooks {
  /** A new version is ready; `apply` reloads into it. */
  onUpdate(apply: () => void): void;
  /** The first install finished: the app, the WASM binaries and MNIST are cached. */
  onOfflineReady(): void;
  reload(): void;
}

/** What this needs of `navigator.serviceWorker` (a fake in tests). */
export type Container = Pick<ServiceWorkerContainer, 'register' | 'controller' | 'addEventListener'>;

/** Registers `url`; resolves to the registration, or null when the browser refuses (private mode, blocked). */
export async function registerServiceWorker(
  container: Container,
  url: string,
  hooks: ServiceWorkerHooks,
): Promise<ServiceWorkerRegistration | null> {
  let reg: ServiceWorkerRegistration | undefined;
  try {
    reg = await container.register(url);
  } catch {
    return null;
  }
  // Some environments (Playwright's serviceWorkers: 'block') resolve without a registration.
  if (!reg) return null;
  const registration = reg;
  let asked = false;
  let controlled = container.controller !== null;
  const offer = (w: ServiceWorker): void =>
    hooks.onUpdate(() => {
      asked = true;
      w.postMessage({ type: SKIP_WAITING });
    });
  const watch = (w: ServiceWorker | null): void => {
    if (!w) return;
    const onState = (): void => {
      if (w.state !== 'installed' && w.state !== 'activated') return;
      w.removeEventListener('statechange', onState);
      // Installed with a page already controlled: an update, waiting. Without one: the first install.
      if (w.state === 'installed' && container.controller !== null) offer(w);
      else if (!controlled) hooks.onOfflineReady();
    };
    w.addEventListener('statechange', onState);
    onState();
  };
  container.addEventListener('controllerchange', () => {
    if (asked) hooks.reload();
    // A controller where there was none: the first install claimed this page; nothing to reload.
    else if (!controlled) controlled = true;
    else hooks.onUpdate(() => hooks.reload());
  });
  if (registration.waiting && container.controller !== null) offer(registration.waiting);
  watch(registration.installing);
  registration.addEventListener('updatefound', () => watch(registration.installing));
  return registration;
}

const HOUR_MS = 3_600_000;

/**
 * Registers the app's worker (sw.js, written by the build) and checks hourly for a new version, so a page left open
 * for days (a classroom machine) still hears of one. Nothing in the dev server, which has no sw.js: a worker left
 * there by `npm run preview` on the same origin would serve the built app instead of the dev server's, so it goes.
 */
export function startServiceWorker(hooks: Omit<ServiceWorkerHooks, 'reload'>): void {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  const container = navigator.serviceWorker;
  if (import.meta.env.DEV) {
    void container.getRegistrations().then((rs) => rs.forEach((r) => void r.unregister()));
    return;
  }
  void registerServiceWorker(container, `${import.meta.env.BASE_URL}sw.js`, {
    ...hooks,
    reload: () => location.reload(),
  }).then((reg) => {
    if (reg) setInterval(() => void reg.update().catch(() => undefined), HOUR_MS);
  });
}
