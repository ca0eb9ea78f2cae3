/**
 * The service worker's logic as plain functions over CacheStorage and fetch (sw.ts wires them to the worker's events),
 * so it is unit-tested without a browser. What it does:
 * - install: every file the build listed (app shell, JS/CSS chunks, lazy chunks, worker scripts, the WASM binaries, the
 *   eager datasets) goes into one cache, keyed by path and revision (`?__rev=` + content hash). A file whose revision
 *   is already there (an earlier version had the same bytes: MNIST, unchanged chunks) is not downloaded again;
 * - activate: entries of revisions no longer listed, and runtime caches of older dataset sets, are deleted. A new
 *   version activates only when the page asks (the user pressed Reload): never while a run uses the old code;
 * - fetch: the page (a navigation to the app) and every listed file from the cache; other datasets (Fashion-MNIST)
 *   cache-first in a runtime cache, filled on first use. Responses are stored as the server sent them, headers
 *   included, so a page served from the cache keeps its COOP/COEP headers (cross-origin isolation) and its CSP.
 */

import { RUNTIME_PREFIX, type PrecacheManifest } from './precacheList';

export type { PrecacheManifest };
export const PRECACHE = 'cnn-playground-precache';
/** The page posts this to a waiting worker when the user chose to reload into the new version. */
export const SKIP_WAITING = 'skip-waiting';

export interface SwEnv {
  readonly caches: CacheStorage;
  readonly fetch: typeof fetch;
  /** The registration's scope: an absolute URL ending in '/'. */
  readonly scope: string;
}

/** The cache key of a listed file. */
export const precacheKey = (scope: string, path: string, rev: string): string =>
  `${new URL(path, scope).href}?__rev=${rev}`;

const isHtml = (res: Response): boolean => /^\s*text\/html\b/i.test(res.headers.get('content-type') ?? '');

/** Downloads what is not cached yet. Throws (the install fails, the browser tries again later) on any bad answer. */
export async function install(env: SwEnv, manifest: PrecacheManifest): Promise<void> {
  const cache = await env.caches.open(PRECACHE);
  await Promise.all(
    manifest.files.map(async ({ path, rev }) => {
      const key = precacheKey(env.scope, path, rev);
      if (await cache.match(key)) return;
      // 'no-cache': revalidated with the server, so an HTTP-cached index.html of the previous version is never stored.
      const res = await env.fetch(new Request(new URL(path, env.scope).href, { cache: 'no-cache' }));
      if (!res.ok) throw new Error(`precache: HTTP ${res.status} for ${path}`);
      if (isHtml(res) && !path.endsWith('.html'))
        throw new Error(`precache: ${path} answered with a web page`);
      await cache.put(key, res);
    }),
  );
}

/** Removes what the listed version no longer uses. */
export async function activate(env: SwEnv, manifest: PrecacheManifest): Promise<void> {
  const keep = new Set(manifest.files.map((f) => precacheKey(env.scope, f.path, f.rev)));
  const cache = await env.caches.open(PRECACHE);
  for (const req of await cache.keys()) if (!keep.has(req.url)) await cache.delete(req);
  for (const name of await env.caches.keys())
    if (name.startsWith(RUNTIME_PREFIX) && name !== manifest.runtimeCache) await env.caches.delete(name);
}

export type Route =
  | { readonly kind: 'precache'; readonly key: string }
  | { readonly kind: 'runtime' }
  | { readonly kind: 'pass' };

/** Where a request is answered from. Only same-origin GETs inside the scope are handled; everything else passes. */
export function routeOf(
  req: Pick<Request, 'url' | 'method' | 'mode'>,
  scope: string,
  revs: ReadonlyMap<string, string>,
): Route {
  if (req.method !== 'GET' || !req.url.startsWith(scope)) return { kind: 'pass' };
  const url = new URL(req.url);
  const path = url.pathname.slice(new URL(scope).pathname.length);
  // The app is one page: a navigation to it (any query: ?embed=1, ?backend=) gets index.html.
  const page = req.mode === 'navigate' && (path === '' || path === 'index.html');
  const listed = page ? 'index.html' : path;
  const rev = revs.get(listed);
  if (rev !== undefined && (page || req.mode !== 'navigate'))
    return { kind: 'precache', key: precacheKey(scope, listed, rev) };
  if (path.startsWith('datasets/') && req.mode !== 'navigate') return { kind: 'runtime' };
  return { kind: 'pass' };
}

/**
 * The answer to a request, or null to let the browser fetch it itself. `waitUntil` keeps the worker alive while a
 * runtime copy is being stored.
 */
export function respond(
  env: SwEnv,
  manifest: PrecacheManifest,
  revs: ReadonlyMap<string, string>,
  req: Request,
  waitUntil: (p: Promise<unknown>) => void,
): Promise<Response> | null {
  const route = routeOf(req, env.scope, revs);
  if (route.kind === 'pass') return null;
  if (route.kind === 'precache')
    return env.caches
      .open(PRECACHE)
      .then((c) => c.match(route.key))
      .then((hit) => hit ?? env.fetch(req));
  return (async () => {
    const cache = await env.caches.open(manifest.runtimeCache);
    const hit = await cache.match(req.url);
    if (hit) return hit;
    const res = await env.fetch(req);
    // Only a whole file: not an error, a partial answer, or a server's index.html standing in for a missing file.
    if (res.status === 200 && !isHtml(res)) waitUntil(cache.put(req.url, res.clone()).catch(() => undefined));
    return res;
  })();
}

/** Path → revision, for routeOf. */
export const revisions = (manifest: PrecacheManifest): ReadonlyMap<string, string> =>
  new Map(manifest.files.map((f) => [f.path, f.rev]));
