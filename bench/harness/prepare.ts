/**
 * Harness page for the preparation worker (bench/harness/prepare.html, e2e/prepare-worker.spec.ts): makes image files
 * in the page (OffscreenCanvas.convertToBlob), prepares them through prepareClient and the real worker, and reads the
 * result back from IndexedDB with the store. Playwright cannot pass Blobs, so the files are made and kept here.
 */
import type { PrepareOptions } from '../../src/engine/data/userDataset';
import { DEFAULT_PREPARE } from '../../src/engine/data/userDataset';
import { HEADER_BYTES, imageDimensions, type ImageDimensions } from '../../src/engine/data/imageHeader';
import { createPrepareClient, type PrepareOutcome } from '../../src/workers/prepareClient';
import { openUserDatasetStore } from '../../src/workers/userDatasets/store';
import type { PrepareItem } from '../../src/workers/userDatasets/types';

export interface GenerateSpec {
  readonly classes: readonly string[];
  readonly perClass: number;
  /** Width and height of each PNG. */
  readonly px: number;
  /** Adds root/notes.txt and a broken root/<class 0>/broken.png. */
  readonly strays?: boolean;
  /** Adds one photo of this many megapixels (a JPEG, 4:3) to class 0. */
  readonly hugeMegapixels?: number;
  /** Adds one flat light-grey PNG of this many megapixels (a small file of a large picture) to class 1. */
  readonly flatMegapixels?: number;
  /**
   * Adds two phone-style JPEGs to class 0, stored landscape (left half dark, right half light) with an EXIF
   * orientation of 6 (turn 90° clockwise to show): upright they are portrait, dark on top. portrait-small.jpg is
   * 64×32 (a small file, decoded whole); portrait-large.jpg is 1024×512 of noise (over 32 KB: decoded downscaled).
   */
  readonly portrait?: boolean;
}

/** An APP1 segment with one EXIF tag: Orientation (0x0112) = `orientation`, big-endian TIFF. */
function exifOrientation(orientation: number): Uint8Array<ArrayBuffer> {
  const body = [
    ...[0x45, 0x78, 0x69, 0x66, 0, 0], // "Exif\0\0"
    ...[0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8], // "MM", 42, IFD0 at 8
    ...[0, 1], // one entry
    ...[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0], // Orientation, SHORT, 1 value
    ...[0, 0, 0, 0], // no next IFD
  ];
  const length = body.length + 2;
  return new Uint8Array([0xff, 0xe1, length >> 8, length & 0xff, ...body]);
}

/** A landscape JPEG (left half dark, right half light; `noise` adds grain so it does not compress) tagged EXIF 6. */
async function portraitJpeg(w: number, h: number, noise: boolean): Promise<Blob> {
  const c = new OffscreenCanvas(w, h);
  const ctx = c.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  const img = ctx.createImageData(w, h);
  let seed = 7;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      const grain = noise ? (seed >>> 24) % 60 : 0;
      const v = x < w / 2 ? 10 + grain : 185 + grain;
      const i = 4 * (y * w + x);
      img.data.set([v, v, v, 255], i);
    }
  ctx.putImageData(img, 0, 0);
  const jpeg = await c.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
  // SOI, then the EXIF segment, then the encoder's own segments.
  return new Blob([jpeg.slice(0, 2), exifOrientation(6), jpeg.slice(2)], {
    type: 'image/jpeg',
  });
}

export interface RunReport {
  readonly outcome: PrepareOutcome;
  readonly progress: [number, number][];
  readonly ms: number;
  /** Longest gap between two animation frames of the page while it ran, ms (a frozen page shows here). */
  readonly longestFrameGapMs: number;
}

let items: PrepareItem[] = [];
const client = createPrepareClient();

/** Class k draws a dark disc (k = 0) or a light square (k ≥ 1) at a varying place, on a mid-grey ground. */
function drawSample(ctx: OffscreenCanvasRenderingContext2D, px: number, k: number, i: number): void {
  ctx.fillStyle = 'rgb(128, 128, 128)';
  ctx.fillRect(0, 0, px, px);
  const r = px * (0.2 + (0.1 * ((i * 7) % 5)) / 4);
  const cx = px / 2 + ((i * 13) % 9) - 4;
  const cy = px / 2 + ((i * 17) % 9) - 4;
  ctx.fillStyle = k === 0 ? 'rgb(20, 20, 20)' : `rgb(${235 - k}, 235, 235)`;
  if (k === 0) {
    ctx.beginPath();
    ctx.arc(cx, cy, r, 0, Math.PI * 2);
    ctx.fill();
  } else ctx.fillRect(cx - r, cy - r, 2 * r, 2 * r);
}

async function generate(spec: GenerateSpec): Promise<{
  files: number;
  ms: number;
  bytes: number;
  huge: (ImageDimensions & { bytes: number }) | null;
  flat: (ImageDimensions & { bytes: number }) | null;
  /** File sizes of portrait-small.jpg and portrait-large.jpg (spec.portrait). */
  portraitBytes: number[];
}> {
  const t0 = performance.now();
  const canvas = new OffscreenCanvas(spec.px, spec.px);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  items = [];
  for (const [k, cls] of spec.classes.entries())
    for (let i = 0; i < spec.perClass; i++) {
      drawSample(ctx, spec.px, k, i);
      const file = await canvas.convertToBlob({ type: 'image/png' });
      items.push({ name: `root/${cls}/${i}.png`, label: cls, file });
    }
  const first = spec.classes[0] ?? 'a';
  if (spec.strays) {
    items.push({
      name: 'root/notes.txt',
      label: null,
      file: new Blob(['not a picture'], { type: 'text/plain' }),
    });
    items.push({
      name: `root/${first}/broken.png`,
      label: first,
      file: new Blob(['\x89PNG broken'], { type: 'image/png' }),
    });
  }
  let huge: (ImageDimensions & { bytes: number }) | null = null;
  if (spec.hugeMegapixels) {
    const h = Math.round(Math.sqrt((spec.hugeMegapixels * 1e6 * 3) / 4));
    const w = Math.round((h * 4) / 3);
    const big = new OffscreenCanvas(w, h);
    const bctx = big.getContext('2d');
    if (!bctx) throw new Error('no 2D canvas');
    bctx.fillStyle = 'rgb(128, 128, 128)';
    bctx.fillRect(0, 0, w, h);
    bctx.fillStyle = 'rgb(20, 20, 20)';
    bctx.beginPath();
    bctx.arc(w / 2, h / 2, h / 4, 0, Math.PI * 2);
    bctx.fill();
    const file = await big.convertToBlob({ type: 'image/jpeg', quality: 0.8 });
    big.width = big.height = 1;
    // what the worker reads to decide on a downscaled decode
    const dims = imageDimensions(new Uint8Array(await file.slice(0, HEADER_BYTES).arrayBuffer()));
    huge = dims && { ...dims, bytes: file.size };
    items.push({ name: `root/${first}/huge.jpg`, label: first, file });
  }
  let flat: (ImageDimensions & { bytes: number }) | null = null;
  if (spec.flatMegapixels) {
    const h = Math.round(Math.sqrt((spec.flatMegapixels * 1e6 * 3) / 4));
    const w = Math.round((h * 4) / 3);
    const big = new OffscreenCanvas(w, h);
    const bctx = big.getContext('2d');
    if (!bctx) throw new Error('no 2D canvas');
    bctx.fillStyle = 'rgb(230, 230, 230)';
    bctx.fillRect(0, 0, w, h);
    const file = await big.convertToBlob({ type: 'image/png' });
    big.width = big.height = 1;
    flat = { width: w, height: h, bytes: file.size };
    items.push({ name: `root/${spec.classes[1] ?? 'b'}/flat.png`, label: spec.classes[1] ?? 'b', file });
  }
  const portraitBytes: number[] = [];
  if (spec.portrait)
    for (const [name, w, h, noise] of [
      ['portrait-small', 64, 32, false],
      ['portrait-large', 1024, 512, true],
    ] as const) {
      const file = await portraitJpeg(w, h, noise);
      portraitBytes.push(file.size);
      items.push({ name: `root/${first}/${name}.jpg`, label: first, file });
    }
  const bytes = items.reduce((s, it) => s + it.file.size, 0);
  return { files: items.length, ms: performance.now() - t0, bytes, huge, flat, portraitBytes };
}

async function run(name: string, options: Partial<PrepareOptions> = {}, cancelAfter = 0): Promise<RunReport> {
  const progress: [number, number][] = [];
  let longestFrameGapMs = 0;
  let last = performance.now();
  let frames = true;
  const frame = (t: number): void => {
    longestFrameGapMs = Math.max(longestFrameGapMs, t - last);
    last = t;
    if (frames) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  const t0 = performance.now();
  const job = client.prepare(name, items, { ...DEFAULT_PREPARE, ...options }, (done, total) => {
    progress.push([done, total]);
    if (cancelAfter > 0 && done >= cancelAfter) job.cancel();
  });
  const outcome = await job.done;
  frames = false;
  return { outcome, progress, ms: performance.now() - t0, longestFrameGapMs };
}

/** What the store keeps for `id`: counts, the image bytes and the mean pixel of each class's training images. */
async function stored(id: string) {
  const store = await openUserDatasetStore();
  try {
    const hit = await store.get(id as `user-${string}`);
    if (!hit) return null;
    const { meta, data } = hit;
    const per = meta.shape[0] * meta.shape[1] * meta.shape[2];
    const sums = meta.classNames.map(() => ({ sum: 0, n: 0 }));
    const pixelMeans: number[] = [];
    for (let i = 0; i < data.count; i++) {
      let sum = 0;
      for (let k = i * per; k < (i + 1) * per; k++) sum += data.images[k] ?? 0;
      pixelMeans.push(sum / per);
      const s = sums[data.labels[i] ?? 0];
      if (!s) continue;
      s.sum += sum;
      s.n += per;
    }
    const estimate = await store.estimate();
    /** Mean pixel of the top and bottom halves, left and right halves, of the image named `name`. */
    const halves = (name: string) => {
      const i = data.names.indexOf(name);
      if (i < 0) return null;
      const [h, w, c] = meta.shape;
      const sum = { top: 0, bottom: 0, left: 0, right: 0 };
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++)
          for (let k = 0; k < c; k++) {
            const v = data.images[i * per + (y * w + x) * c + k] ?? 0;
            sum[y < h / 2 ? 'top' : 'bottom'] += v;
            sum[x < w / 2 ? 'left' : 'right'] += v;
          }
      const n = (h * w * c) / 2;
      return { top: sum.top / n, bottom: sum.bottom / n, left: sum.left / n, right: sum.right / n };
    };
    return {
      meta,
      portrait: {
        small: halves('root/' + (meta.classNames[0] ?? '') + '/portrait-small.jpg'),
        large: halves('root/' + (meta.classNames[0] ?? '') + '/portrait-large.jpg'),
      },
      count: data.count,
      imageBytes: data.images.byteLength,
      names: data.names,
      pixelMeans,
      meanPerClass: sums.map((s) => s.sum / Math.max(1, s.n)),
      usage: estimate?.usage ?? null,
      listed: (await store.list()).map((m) => m.id),
    };
  } finally {
    store.close();
  }
}

/** The ids of every dataset in the store. */
async function listIds(): Promise<string[]> {
  const store = await openUserDatasetStore();
  try {
    return (await store.list()).map((m) => m.id);
  } finally {
    store.close();
  }
}

const prepare = { generate, run, stored, listIds };
declare global {
  interface Window {
    __prepare?: typeof prepare;
  }
}
window.__prepare = prepare;
document.getElementById('log')?.append('prepare harness ready\n');
