/** An in-memory CacheStorage for the service worker's tests: keys are URLs, as the real one matches them. */

const urlOf = (r: RequestInfo | URL): string =>
  typeof r === 'string' ? r : r instanceof URL ? r.href : r.url;

export class FakeCache {
  readonly entries = new Map<string, Response>();
  match(r: RequestInfo | URL): Promise<Response | undefined> {
    return Promise.resolve(this.entries.get(urlOf(r))?.clone());
  }
  async put(r: RequestInfo | URL, res: Response): Promise<void> {
    // Like the real one: the body is read to its end before the entry exists.
    const body = await res.arrayBuffer();
    this.entries.set(urlOf(r), new Response(body, { status: res.status, headers: res.headers }));
  }
  keys(): Promise<Request[]> {
    return Promise.resolve([...this.entries.keys()].map((u) => new Request(u)));
  }
  delete(r: RequestInfo | URL): Promise<boolean> {
    return Promise.resolve(this.entries.delete(urlOf(r)));
  }
}

export class FakeCacheStorage {
  readonly caches = new Map<string, FakeCache>();
  open(name: string): Promise<FakeCache> {
    let c = this.caches.get(name);
    if (!c) this.caches.set(name, (c = new FakeCache()));
    return Promise.resolve(c);
  }
  keys(): Promise<string[]> {
    return Promise.resolve([...this.caches.keys()]);
  }
  delete(name: string): Promise<boolean> {
    return Promise.resolve(this.caches.delete(name));
  }
  /** For the worker code, which types it as the DOM's CacheStorage. */
  asCacheStorage(): CacheStorage {
    return this as unknown as CacheStorage;
  }
}
