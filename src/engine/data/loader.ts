/**
 * Loads a dataset for the worker: fetches `${baseUrl}/datasets/<id>/manifest.json`, validates it, fetches the four
 * files in parallel with progress (bytes of the total over all files), verifies size and sha256, gunzips, checks
 * counts and labels, and returns typed arrays. Every failure is a DatasetError naming the file and what was wrong.
 * 'procedural' is made in code instead (see procedural.ts).
 */
import { parseManifest } from './manifest';
import { fetchFile } from './fetchFile';
import { makeProceduralDataset, type ProceduralOptions } from './procedural';
import {
  DatasetError,
  type Dataset,
  type DatasetFileEntry,
  type DatasetId,
  type DatasetManifest,
  type LoadProgress,
} from './types';
import { decodeFile, verifyFile } from './verify';

export interface LoadOptions {
  /** Origin + base path the app is served from ('' or '.' for relative URLs); no trailing slash needed. */
  readonly baseUrl: string;
  readonly fetch?: typeof fetch;
  readonly onProgress?: (p: LoadProgress) => void;
  /** Size and seed of the procedural dataset; DEFAULT_PROCEDURAL when omitted. */
  readonly procedural?: ProceduralOptions;
  /** Aborts the downloads (e.g. the user picked another dataset). */
  readonly signal?: AbortSignal;
}

export const DEFAULT_PROCEDURAL: ProceduralOptions = { seed: 1, train: 6000, test: 1000 };

/** URL of a file of dataset `id` under `baseUrl`. */
export function datasetUrl(baseUrl: string, id: DatasetId, file: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/datasets/${id}/${file}`;
}

export async function loadDataset(id: DatasetId, opts: LoadOptions): Promise<Dataset> {
  if (id === 'procedural') return makeProceduralDataset(opts.procedural ?? DEFAULT_PROCEDURAL);
  const doFetch = opts.fetch ?? globalThis.fetch.bind(globalThis);
  const manifest = await loadManifest(id, opts.baseUrl, doFetch, opts.signal);
  const raws = await fetchAll(manifest, opts, doFetch);
  return assemble(manifest, raws);
}

async function loadManifest(
  id: DatasetId,
  baseUrl: string,
  doFetch: typeof fetch,
  signal: AbortSignal | undefined,
): Promise<DatasetManifest> {
  const label = `${id}/manifest.json`;
  // The manifest's size is not known in advance; 1 MiB is far above any real one.
  const bytes = await fetchFile(datasetUrl(baseUrl, id, 'manifest.json'), {
    fetch: doFetch,
    label,
    expectBytes: 1 << 20,
    ...(signal ? { signal } : {}),
  });
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw new DatasetError(
      'badManifest',
      label,
      `${label} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  return parseManifest(json, label, id);
}

type Raws = Record<DatasetFileEntry['role'], Uint8Array>;

async function fetchAll(manifest: DatasetManifest, opts: LoadOptions, doFetch: typeof fetch): Promise<Raws> {
  const totalBytes = manifest.files.reduce((s, f) => s + f.bytes, 0);
  let loadedBytes = 0;
  opts.onProgress?.({ file: `${manifest.name}/manifest.json`, loadedBytes, totalBytes });
  // One failure aborts the other downloads.
  const abort = new AbortController();
  const onOuterAbort = () => abort.abort(opts.signal?.reason);
  opts.signal?.addEventListener('abort', onOuterAbort, { once: true });
  try {
    const decoded = await Promise.all(
      manifest.files.map(async (entry) => {
        const label = `${manifest.name}/${entry.name}`;
        const bytes = await fetchFile(datasetUrl(opts.baseUrl, manifest.name, entry.name), {
          fetch: doFetch,
          label,
          expectBytes: entry.bytes,
          signal: abort.signal,
          onChunk: (n) => {
            loadedBytes += n;
            opts.onProgress?.({ file: label, loadedBytes, totalBytes });
          },
        });
        await verifyFile(entry, bytes, label);
        return [entry.role, await decodeFile(entry, bytes, label)] as const;
      }),
    ).catch((e: unknown) => {
      abort.abort(e);
      throw e;
    });
    return Object.fromEntries(decoded) as Raws;
  } finally {
    opts.signal?.removeEventListener('abort', onOuterAbort);
  }
}

/** Checks the decoded files against the manifest's counts and classes and builds the Dataset. */
export function assemble(manifest: DatasetManifest, raws: Raws): Dataset {
  const [h, w, c] = manifest.shape;
  const pixels = h * w * c;
  const fileOf = (role: DatasetFileEntry['role']) => {
    const entry = manifest.files.find((f) => f.role === role);
    return `${manifest.name}/${entry?.name ?? role}`;
  };
  const split = (
    images: Uint8Array,
    labels: Uint8Array,
    count: number,
    imgRole: DatasetFileEntry['role'],
    lblRole: DatasetFileEntry['role'],
  ) => {
    if (images.length !== count * pixels) {
      const f = fileOf(imgRole);
      throw new DatasetError(
        'countMismatch',
        f,
        `${f} holds ${images.length} bytes, expected ${count} images × ${pixels} = ${count * pixels}`,
      );
    }
    if (labels.length !== count) {
      const f = fileOf(lblRole);
      throw new DatasetError('countMismatch', f, `${f} holds ${labels.length} labels, expected ${count}`);
    }
    const classes = manifest.classNames.length;
    for (let i = 0; i < labels.length; i++) {
      const l = labels[i] ?? 0;
      if (l >= classes) {
        const f = fileOf(lblRole);
        throw new DatasetError(
          'corrupt',
          f,
          `${f}: label ${l} at index ${i} is not one of the ${classes} classes`,
        );
      }
    }
    return { images, labels, count };
  };
  return {
    id: manifest.name,
    shape: manifest.shape,
    classNames: manifest.classNames,
    train: split(raws.trainImages, raws.trainLabels, manifest.counts.train, 'trainImages', 'trainLabels'),
    test: split(raws.testImages, raws.testLabels, manifest.counts.test, 'testImages', 'testLabels'),
  };
}
