/**
 * "Export zip": a user dataset as a zip with one folder per class and each image as a PNG, built in the page (the
 * PNGs by a canvas, the zip by fflate, stored uncompressed since PNGs are). Opening that zip again with "Image files"
 * gives the same classes. The pixel conversions are shared with the gallery's thumbnails.
 */
import { zipSync, type Zippable } from 'fflate';
import type { UserDatasetData, UserDatasetMeta } from '../../engine/data/userDataset';

/** Image `index` of the data as RGBA (grey copied into R, G and B; alpha 255), for putImageData. */
export function imageRgba(
  data: Pick<UserDatasetData, 'images'>,
  shape: readonly [number, number, number],
  index: number,
): Uint8ClampedArray<ArrayBuffer> {
  const [h, w, c] = shape;
  const size = h * w * c;
  const src = data.images.subarray(index * size, (index + 1) * size);
  const out = new Uint8ClampedArray(h * w * 4);
  for (let p = 0; p < h * w; p++) {
    const o = p * 4;
    if (c === 3) {
      out[o] = src[p * 3] ?? 0;
      out[o + 1] = src[p * 3 + 1] ?? 0;
      out[o + 2] = src[p * 3 + 2] ?? 0;
    } else {
      const v = src[p] ?? 0;
      out[o] = v;
      out[o + 1] = v;
      out[o + 2] = v;
    }
    out[o + 3] = 255;
  }
  return out;
}

/** Characters no file system takes in a name (and the control characters, below). */
const UNSAFE = new Set([...'/\\:*?"<>|']);

/** A name that is safe as a file or folder name on every system; `fallback` when nothing is left. */
export function safeName(name: string, fallback: string): string {
  const chars = [...name].map((ch) => (UNSAFE.has(ch) || ch.charCodeAt(0) < 32 ? '_' : ch));
  const s = chars
    .join('')
    .trim()
    .replace(/[. ]+$/, '');
  return s === '' || s === '.' || s === '..' ? fallback : s;
}

/** `base`, or `base-2`, `base-3`… when taken (compared without case, as Windows and macOS do). */
function unique(base: string, taken: Set<string>, ext = ''): string {
  let name = `${base}${ext}`;
  for (let k = 2; taken.has(name.toLowerCase()); k++) name = `${base}-${k}${ext}`;
  taken.add(name.toLowerCase());
  return name;
}

/** The path of every image in the zip: "<class>/<its original name>.png", names made safe and unique. */
export function zipPaths(meta: Pick<UserDatasetMeta, 'classNames'>, data: UserDatasetData): string[] {
  const folders: string[] = [];
  const takenFolders = new Set<string>();
  meta.classNames.forEach((n, i) => folders.push(unique(safeName(n, `class ${i + 1}`), takenFolders)));
  const taken = folders.map(() => new Set<string>());
  const paths: string[] = [];
  for (let i = 0; i < data.count; i++) {
    const label = data.labels[i] ?? 0;
    const original = data.names[i] ?? '';
    const base = original.slice(original.lastIndexOf('/') + 1).replace(/\.[^.]*$/, '');
    const file = unique(safeName(base, `image ${i + 1}`), taken[label] ?? new Set(), '.png');
    paths.push(`${folders[label] ?? `class ${label + 1}`}/${file}`);
  }
  return paths;
}

export type EncodePng = (rgba: Uint8ClampedArray<ArrayBuffer>, w: number, h: number) => Promise<Uint8Array>;

/** PNG bytes of an RGBA image, by an OffscreenCanvas where there is one, else a page canvas. */
export const encodePng: EncodePng = async (rgba, w, h) => {
  const image = new ImageData(rgba, w, h);
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(w, h);
    canvas.getContext('2d')?.putImageData(image, 0, 0);
    return new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
  }
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  canvas.getContext('2d')?.putImageData(image, 0, 0);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('the browser could not make a PNG');
  return new Uint8Array(await blob.arrayBuffer());
};

export interface ExportOptions {
  readonly encode?: EncodePng;
  /** Images encoded so far, of all. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Stops between images: the promise then resolves with null. */
  readonly signal?: AbortSignal;
}

/** The zip's bytes; null when stopped through `signal`. */
export async function datasetZip(
  meta: Pick<UserDatasetMeta, 'classNames' | 'shape'>,
  data: UserDatasetData,
  opts: ExportOptions = {},
): Promise<Uint8Array | null> {
  const encode = opts.encode ?? encodePng;
  const [h, w] = meta.shape;
  const paths = zipPaths(meta, data);
  const files: Zippable = {};
  for (let i = 0; i < data.count; i++) {
    if (opts.signal?.aborted) return null;
    const png = await encode(imageRgba(data, meta.shape, i), w, h);
    files[paths[i] ?? `image ${i + 1}.png`] = [png, { level: 0 }];
    if (i % 50 === 49 || i === data.count - 1) opts.onProgress?.(i + 1, data.count);
  }
  if (opts.signal?.aborted) return null;
  return zipSync(files);
}
