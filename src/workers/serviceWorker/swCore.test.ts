import { describe, expect, it, vi } from 'vitest';
import { FakeCacheStorage } from './fakeCaches';
import { RUNTIME_PREFIX, type PrecacheManifest } from './precacheList';
import { activate, install, precacheKey, PRECACHE, respond, revisions, routeOf, type SwEnv } from './swCore';

const SCOPE = 'https://play.test/app/';
const MANIFEST: PrecacheManifest = {
  files: [
    { path: 'index.html', rev: 'h1' },
    { path: 'assets/index-abc.js', rev: 'j1' },
    { path: 'assets/tfjs-backend-wasm-simd-x.wasm', rev: 'w1' },
    { path: 'datasets/mnist/train-images.bin.gzip', rev: 'm1' },
  ],
  runtimeCache: `${RUNTIME_PREFIX}r1`,
};
const REVS = revisions(MANIFEST);

const ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** A server answering each path with its name (index.html as a page with the isolation headers). */
function server(overrides: Record<string, () => Response> = {}) {
  return vi.fn(async (input: RequestInfo | URL) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const path = url.pathname.slice('/app/'.length);
    const special = overrides[path];
    if (special) return special();
    const type = path.endsWith('.html') || path === '' ? 'text/html' : 'application/octet-stream';
    return new Response(`body of ${path || 'index.html'}`, {
      headers: { 'content-type': type, ...ISOLATION },
    });
  });
}

function env(fetch = server()): SwEnv & { store: FakeCacheStorage; fetch: ReturnType<typeof server> } {
  const store = new FakeCacheStorage();
  return { caches: store.asCacheStorage(), store, fetch, scope: SCOPE };
}

const req = (path: string, mode: RequestMode = 'cors', method = 'GET') =>
  ({ url: new URL(path, SCOPE).href, mode, method }) as Request;

describe('install', () => {
  it('stores every listed file under its revision, with the headers the server sent', async () => {
    const e = env();
    await install(e, MANIFEST);
    const cache = e.store.caches.get(PRECACHE);
    expect([...(cache?.entries.keys() ?? [])].sort()).toEqual(
      MANIFEST.files.map((f) => precacheKey(SCOPE, f.path, f.rev)).sort(),
    );
    const page = await cache?.match(precacheKey(SCOPE, 'index.html', 'h1'));
    expect(page?.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect(await page?.text()).toBe('body of index.html');
    // Revalidated with the server, never a stale HTTP-cached copy.
    for (const call of e.fetch.mock.calls) expect((call[0] as Request).cache).toBe('no-cache');
  });

  it('downloads only what no earlier version already cached with the same revision', async () => {
    const e = env();
    await install(e, MANIFEST);
    e.fetch.mockClear();
    const next: PrecacheManifest = {
      ...MANIFEST,
      files: MANIFEST.files.map((f) => (f.path === 'index.html' ? { ...f, rev: 'h2' } : f)),
    };
    await install(e, next);
    expect(e.fetch.mock.calls.map((c) => (c[0] as Request).url)).toEqual([`${SCOPE}index.html`]);
  });

  it('fails on an error or on a web page standing in for a file, so the browser tries again later', async () => {
    const missing = env(server({ 'assets/index-abc.js': () => new Response('no', { status: 404 }) }));
    await expect(install(missing, MANIFEST)).rejects.toThrow('HTTP 404 for assets/index-abc.js');
    const spa = env(
      server({
        'datasets/mnist/train-images.bin.gzip': () =>
          new Response('<!doctype html>', { headers: { 'content-type': 'text/html' } }),
      }),
    );
    await expect(install(spa, MANIFEST)).rejects.toThrow('answered with a web page');
  });
});

describe('activate', () => {
  it('deletes revisions no longer listed and runtime caches of other dataset sets, nothing else', async () => {
    const e = env();
    await install(e, MANIFEST);
    const cache = await e.store.open(PRECACHE);
    await cache.put(precacheKey(SCOPE, 'assets/old-chunk.js', 'o1'), new Response('old'));
    await e.store.open(`${RUNTIME_PREFIX}r0`);
    await e.store.open(MANIFEST.runtimeCache);
    await e.store.open('someone-else');
    await activate(e, MANIFEST);
    expect(cache.entries.has(precacheKey(SCOPE, 'assets/old-chunk.js', 'o1'))).toBe(false);
    expect(cache.entries.size).toBe(MANIFEST.files.length);
    expect((await e.store.keys()).sort()).toEqual([MANIFEST.runtimeCache, PRECACHE, 'someone-else'].sort());
  });
});

describe('routeOf', () => {
  it('answers a navigation to the app (any query) with the cached page', () => {
    const key = precacheKey(SCOPE, 'index.html', 'h1');
    expect(routeOf(req('', 'navigate'), SCOPE, REVS)).toEqual({ kind: 'precache', key });
    expect(routeOf(req('?embed=1&panels=Loss', 'navigate'), SCOPE, REVS)).toEqual({ kind: 'precache', key });
    expect(routeOf(req('index.html', 'navigate'), SCOPE, REVS)).toEqual({ kind: 'precache', key });
  });

  it('answers listed files from the cache and other datasets from the runtime cache', () => {
    expect(routeOf(req('assets/index-abc.js'), SCOPE, REVS)).toEqual({
      kind: 'precache',
      key: precacheKey(SCOPE, 'assets/index-abc.js', 'j1'),
    });
    expect(routeOf(req('datasets/mnist/train-images.bin.gzip'), SCOPE, REVS).kind).toBe('precache');
    expect(routeOf(req('datasets/fashion-mnist/manifest.json'), SCOPE, REVS)).toEqual({ kind: 'runtime' });
  });

  it('lets everything else through: other methods, other origins, unlisted files, navigations to files', () => {
    expect(routeOf(req('assets/index-abc.js', 'cors', 'POST'), SCOPE, REVS).kind).toBe('pass');
    expect(routeOf({ url: 'https://cdn.test/x.js', mode: 'cors', method: 'GET' }, SCOPE, REVS).kind).toBe(
      'pass',
    );
    expect(routeOf(req('assets/unknown.js'), SCOPE, REVS).kind).toBe('pass');
    expect(routeOf(req('bench/harness.html', 'navigate'), SCOPE, REVS).kind).toBe('pass');
    expect(routeOf(req('datasets/mnist/manifest.json', 'navigate'), SCOPE, REVS).kind).toBe('pass');
  });
});

describe('respond', () => {
  const waits: Promise<unknown>[] = [];
  const waitUntil = (p: Promise<unknown>) => void waits.push(p);
  const get = (path: string, mode: RequestMode = 'cors') =>
    new Request(new URL(path, SCOPE).href, mode === 'navigate' ? {} : { mode });

  it('serves the page from the cache, without the network, keeping its isolation headers', async () => {
    const e = env();
    await install(e, MANIFEST);
    e.fetch.mockClear();
    const navigation = { ...get(''), url: `${SCOPE}?embed=1`, mode: 'navigate', method: 'GET' } as Request;
    const res = await respond(e, MANIFEST, REVS, navigation, waitUntil);
    expect(await res?.text()).toBe('body of index.html');
    expect(res?.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(e.fetch).not.toHaveBeenCalled();
  });

  it('fetches a listed file that is not cached (yet)', async () => {
    const e = env();
    const res = await respond(e, MANIFEST, REVS, get('assets/index-abc.js'), waitUntil);
    expect(await res?.text()).toBe('body of assets/index-abc.js');
  });

  it('caches a dataset on first use and answers it from the cache afterwards', async () => {
    const e = env();
    const first = await respond(
      e,
      MANIFEST,
      REVS,
      get('datasets/fashion-mnist/train-images.bin.gzip'),
      waitUntil,
    );
    expect(await first?.text()).toBe('body of datasets/fashion-mnist/train-images.bin.gzip');
    await Promise.all(waits);
    e.fetch.mockClear();
    const again = await respond(
      e,
      MANIFEST,
      REVS,
      get('datasets/fashion-mnist/train-images.bin.gzip'),
      waitUntil,
    );
    expect(await again?.text()).toBe('body of datasets/fashion-mnist/train-images.bin.gzip');
    expect(e.fetch).not.toHaveBeenCalled();
  });

  it('never caches an error, a partial answer or a web page standing in for a dataset file', async () => {
    const e = env(
      server({
        'datasets/fashion-mnist/a.bin': () => new Response('x', { status: 404 }),
        'datasets/fashion-mnist/b.bin': () => new Response('x', { status: 206 }),
        'datasets/fashion-mnist/c.bin': () => new Response('x', { headers: { 'content-type': 'text/html' } }),
      }),
    );
    for (const f of ['a', 'b', 'c'])
      await respond(e, MANIFEST, REVS, get(`datasets/fashion-mnist/${f}.bin`), waitUntil);
    await Promise.all(waits);
    expect(e.store.caches.get(MANIFEST.runtimeCache)?.entries.size ?? 0).toBe(0);
  });

  it('leaves requests it does not handle to the browser', () => {
    const e = env();
    expect(respond(e, MANIFEST, REVS, get('assets/unknown.js'), waitUntil)).toBeNull();
  });
});
