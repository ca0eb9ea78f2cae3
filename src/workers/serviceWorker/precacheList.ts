/**
 * Which built files the service worker downloads at install (scripts/serviceWorkerPlugin.ts lists dist/ and hashes
 * them): everything the app can load — the page, its JS and CSS chunks (the lazy ones too), the worker scripts, the
 * WASM binaries and the threaded build's worker script, icons and the web app manifest — and the eager datasets.
 * Other datasets are cached when first used; their manifests name the runtime cache, so a changed dataset gets a
 * fresh one. No imports: vite.config.ts loads this file (through scripts/serviceWorkerPlugin.ts).
 */

/** What the build writes into sw.js. */
export interface PrecacheManifest {
  /** Paths relative to the worker's scope with their revision (a content hash). */
  readonly files: readonly { readonly path: string; readonly rev: string }[];
  /** Name of the runtime cache for datasets fetched on first use; changes when those datasets change. */
  readonly runtimeCache: string;
}

export const RUNTIME_PREFIX = 'cnn-playground-datasets-';

/** Datasets downloaded at install: the default one, so a first visit is enough to train offline. */
export const EAGER_DATASETS: readonly string[] = ['mnist'];

export type Role = 'precache' | 'runtime' | 'skip';

/** What becomes of a built file (a path relative to the build folder, with '/' separators). */
export function roleOf(path: string): Role {
  if (path === 'sw.js' || path.endsWith('.map')) return 'skip';
  const dataset = /^datasets\/([^/]+)\//.exec(path);
  if (dataset) return EAGER_DATASETS.includes(dataset[1] ?? '') ? 'precache' : 'runtime';
  return 'precache';
}

/**
 * The manifest for sw.js from the built files and a content hash of each (`hash(path)`). The runtime cache's name is
 * a hash of every runtime dataset's manifest.json.
 */
export function precacheManifest(
  paths: readonly string[],
  hash: (path: string) => string,
  hashText: (text: string) => string,
): PrecacheManifest {
  const sorted = [...paths].sort();
  const files = sorted.filter((p) => roleOf(p) === 'precache').map((path) => ({ path, rev: hash(path) }));
  const runtimeManifests = sorted.filter((p) => roleOf(p) === 'runtime' && p.endsWith('/manifest.json'));
  const runtime = hashText(runtimeManifests.map((p) => `${p}:${hash(p)}`).join('\n'));
  return { files, runtimeCache: `${RUNTIME_PREFIX}${runtime}` };
}

/** Bytes of the listed files: what a first visit downloads for offline use. */
export const precacheBytes = (manifest: PrecacheManifest, size: (path: string) => number): number =>
  manifest.files.reduce((s, f) => s + size(f.path), 0);
