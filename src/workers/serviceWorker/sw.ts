/**
 * The service worker (built to sw.js by scripts/serviceWorkerPlugin.ts, which writes the precache list into it).
 * The logic is in swCore.ts. It never skips waiting by itself: the page asks when the user pressed Reload.
 */
import {
  activate,
  install,
  respond,
  revisions,
  SKIP_WAITING,
  type PrecacheManifest,
  type SwEnv,
} from './swCore';

declare const self: ServiceWorkerGlobalScope;

// The build replaces this string with the manifest's JSON (a JSON string literal, parsed once here).
const MANIFEST = JSON.parse('__PRECACHE_MANIFEST__') as PrecacheManifest;
const REVS = revisions(MANIFEST);
const env = (): SwEnv => ({
  caches: self.caches,
  fetch: (r, i) => self.fetch(r, i),
  scope: self.registration.scope,
});

self.addEventListener('install', (e) => e.waitUntil(install(env(), MANIFEST)));
self.addEventListener('activate', (e) =>
  // On the first visit, the page that installed the worker (and its training worker) is served from now on too,
  // so a dataset it loads later in this visit (Fashion-MNIST) reaches the runtime cache.
  e.waitUntil(activate(env(), MANIFEST).then(() => self.clients.claim())),
);
self.addEventListener('fetch', (e) => {
  const answer = respond(env(), MANIFEST, REVS, e.request, (p) => e.waitUntil(p));
  if (answer) e.respondWith(answer);
});
self.addEventListener('message', (e) => {
  if ((e.data as { type?: unknown } | null)?.type === SKIP_WAITING) void self.skipWaiting();
});
