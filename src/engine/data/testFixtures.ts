/**
 * Test helpers: a small synthetic dataset with a real manifest (sizes and sha256 computed here) served by a fake
 * fetch that streams in small chunks. Used by the loader tests only.
 */
import { gzipSync } from 'node:zlib';
import { mulberry32, randInt } from './random';
import type { DatasetFileEntry, DatasetManifest } from './types';
import { sha256Hex } from './verify';

export interface Fixture {
  manifest: DatasetManifest;
  /** Served bytes by file name (manifest.json included). */
  files: Map<string, Uint8Array<ArrayBuffer>>;
  raw: { trainImages: Uint8Array; trainLabels: Uint8Array; testImages: Uint8Array; testLabels: Uint8Array };
}

const ROLES = {
  trainImages: 'train-images',
  trainLabels: 'train-labels',
  testImages: 'test-images',
  testLabels: 'test-labels',
} as const;

/** Train files gzip-compressed, test files raw, so both decode paths run. */
export async function makeFixture(train = 30, test = 12): Promise<Fixture> {
  const rng = mulberry32(99);
  const px = 28 * 28;
  const bytes = (n: number, max: number) => Uint8Array.from({ length: n }, () => randInt(rng, max));
  const raw = {
    trainImages: bytes(train * px, 256),
    trainLabels: bytes(train, 10),
    testImages: bytes(test * px, 256),
    testLabels: bytes(test, 10),
  };
  const files = new Map<string, Uint8Array<ArrayBuffer>>();
  const entries: DatasetFileEntry[] = [];
  for (const role of ['trainImages', 'trainLabels', 'testImages', 'testLabels'] as const) {
    const gzip = role.startsWith('train');
    const data = gzip ? new Uint8Array(gzipSync(raw[role])) : Uint8Array.from(raw[role]);
    const name = `${ROLES[role]}.bin${gzip ? '.gzip' : ''}`;
    files.set(name, data);
    entries.push({
      name,
      bytes: data.length,
      sha256: await sha256Hex(data),
      role,
      compression: gzip ? 'gzip' : 'none',
      rawBytes: raw[role].length,
    });
  }
  const manifest: DatasetManifest = {
    name: 'mnist',
    title: 'Synthetic test data',
    version: 1,
    shape: [28, 28, 1],
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    counts: { train, test },
    files: entries,
    source: 'test',
    license: 'test',
    notes: '',
  };
  files.set('manifest.json', new TextEncoder().encode(JSON.stringify(manifest)));
  return { manifest, files, raw };
}

/** A fetch over `files` at http://test/datasets/mnist/<name>; unknown names answer 404. Streams 1,000-byte chunks. */
export function fakeFetch(files: ReadonlyMap<string, Uint8Array>, requested: string[] = []): typeof fetch {
  return (async (input: RequestInfo | URL) => {
    const url = String(input);
    requested.push(url);
    const name = url.replace(/^http:\/\/test\/datasets\/mnist\//, '');
    const data = files.get(name);
    if (!data) return new Response('not found', { status: 404, statusText: 'Not Found' });
    let at = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (at >= data.length) return controller.close();
        controller.enqueue(data.slice(at, at + 1000));
        at += 1000;
      },
    });
    return new Response(body, { status: 200 });
  }) as typeof fetch;
}

/** The app's index.html, as a server with a single-page-app fallback sends it for any path it has no file for. */
export const INDEX_HTML =
  '<!doctype html>\n<html lang="en">\n<head><title>CNN playground</title></head>\n<body></body></html>\n';

/**
 * What `vite preview` does: files it has are served (by `fakeFetch`); any other path answers index.html with
 * status 200, with the given content type (null: none).
 */
export function spaFallbackFetch(
  files: ReadonlyMap<string, Uint8Array>,
  contentType: string | null = 'text/html',
): typeof fetch {
  const served = fakeFetch(files);
  return (async (input: RequestInfo | URL) => {
    const name = String(input).replace(/^http:\/\/test\/datasets\/mnist\//, '');
    if (files.has(name)) return served(input);
    const headers: Record<string, string> = contentType === null ? {} : { 'content-type': contentType };
    const body = new Blob([INDEX_HTML]).stream();
    // A stream body carries no content type of its own, so `null` really sends none.
    return new Response(body, { status: 200, headers });
  }) as typeof fetch;
}
