/**
 * A procedural dataset made in code from a seed: 28×28 grey images of 10 classes of oriented stripes and simple
 * shapes — the patterns first-layer kernels learn. Position, size, thickness, angle jitter, contrast and noise are
 * random, so a class is learnable but not a single template. Any size; a few thousand images take milliseconds.
 * Tests may ask for another side (`size`, the shapes drawn on the same 28-unit canvas, sampled finer or coarser) and
 * for colour (`channels: 3`: each image's shape and background get random colours); the app uses 28×28×1 only.
 */
import type { Dataset } from './types';
import { gaussianPair, mulberry32, uniform, type Rng } from './random';

export const PROCEDURAL_SIZE = 28;
export const PROCEDURAL_CLASS_NAMES: readonly string[] = [
  'Horizontal stripes',
  'Vertical stripes',
  'Diagonal / stripes',
  'Diagonal \\ stripes',
  'Disc',
  'Ring',
  'Square outline',
  'Plus',
  'Cross (X)',
  'Checkerboard',
];

export interface ProceduralOptions {
  readonly seed: number;
  readonly train: number;
  readonly test: number;
  /** Side of the images in pixels (default 28). */
  readonly size?: number;
  /** 1 (default) for grey images; 3 for colour ones (H×W×3, interleaved RGB), a synthetic RGB set for tests. */
  readonly channels?: 1 | 3;
}

const S = PROCEDURAL_SIZE;
const DEG = Math.PI / 180;

/** Intensity in [0, 1] at pixel centre (x, y). */
type Painter = (x: number, y: number) => number;

/** Anti-aliased coverage from a signed distance (negative inside). */
function cover(sd: number): number {
  return sd <= -0.5 ? 1 : sd >= 0.5 ? 0 : 0.5 - sd;
}

function len(x: number, y: number): number {
  return Math.sqrt(x * x + y * y);
}

/** Signed distance to an axis-aligned box of half-sizes (hx, hy) centred at the origin. */
function sdBox(x: number, y: number, hx: number, hy: number): number {
  const qx = Math.abs(x) - hx;
  const qy = Math.abs(y) - hy;
  const outside = len(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0);
}

function centre(rng: Rng, margin: number): [number, number] {
  return [uniform(rng, margin, S - margin), uniform(rng, margin, S - margin)];
}

/** Parallel stripes whose normal points at `angle` (degrees, y down), inside a disc window. */
function stripes(rng: Rng, angle: number): Painter {
  const a = (angle + uniform(rng, -12, 12)) * DEG;
  const nx = Math.cos(a);
  const ny = Math.sin(a);
  const period = uniform(rng, 5, 9);
  const half = uniform(rng, 0.8, Math.min(2, period / 3));
  const phase = uniform(rng, 0, period);
  const radius = uniform(rng, 8, 14);
  const [cx, cy] = centre(rng, 10);
  return (x, y) => {
    const dx = x - cx;
    const dy = y - cy;
    const u = dx * nx + dy * ny + phase;
    const m = ((u % period) + period) % period;
    const d = Math.min(m, period - m) - half;
    return cover(Math.max(d, len(dx, dy) - radius));
  };
}

/** A shape given by a signed distance in coordinates centred on a random point and rotated by `angle` ± jitter. */
function shape(rng: Rng, margin: number, angle: number, sd: (u: number, v: number) => number): Painter {
  const [cx, cy] = centre(rng, margin);
  const a = (angle + uniform(rng, -10, 10)) * DEG;
  const c = Math.cos(a);
  const s = Math.sin(a);
  return (x, y) => {
    const dx = x - cx;
    const dy = y - cy;
    return cover(sd(c * dx + s * dy, -s * dx + c * dy));
  };
}

function checkerboard(rng: Rng): Painter {
  const cell = uniform(rng, 3, 6);
  const half = uniform(rng, 6, 11);
  const [cx, cy] = centre(rng, half * 0.8);
  const ox = uniform(rng, 0, cell);
  const oy = uniform(rng, 0, cell);
  return (x, y) => {
    const dx = x - cx;
    const dy = y - cy;
    const inside = cover(sdBox(dx, dy, half, half));
    const parity = (Math.floor((dx + ox) / cell) + Math.floor((dy + oy) / cell)) & 1;
    return parity ? inside : 0;
  };
}

function painterFor(cls: number, rng: Rng): Painter {
  switch (cls) {
    case 0:
      return stripes(rng, 90);
    case 1:
      return stripes(rng, 0);
    case 2:
      return stripes(rng, 45);
    case 3:
      return stripes(rng, -45);
    case 4: {
      const r = uniform(rng, 4, 9);
      return shape(rng, r + 1, 0, (u, v) => len(u, v) - r);
    }
    case 5: {
      const r = uniform(rng, 5, 10);
      const t = uniform(rng, 0.8, 1.8);
      return shape(rng, r + 1, 0, (u, v) => Math.abs(len(u, v) - r) - t);
    }
    case 6: {
      const h = uniform(rng, 5, 10);
      const t = uniform(rng, 0.8, 1.6);
      return shape(rng, h * 1.2 + 1, 0, (u, v) => Math.abs(sdBox(u, v, h, h)) - t);
    }
    case 7:
    case 8: {
      const len = uniform(rng, 5, 11);
      const t = uniform(rng, 1, 2);
      const angle = cls === 7 ? 0 : 45;
      return shape(rng, len * 0.8 + 1, angle, (u, v) => Math.min(sdBox(u, v, len, t), sdBox(u, v, t, len)));
    }
    case 9:
      return checkerboard(rng);
    default:
      throw new RangeError(`procedural class ${cls} does not exist`);
  }
}

/** Pixel noise draws from a fixed table of standard normal samples: one generator call per pixel, no logarithms. */
const NORMALS = 1 << 16;
let normals: Float32Array | null = null;
function normalTable(): Float32Array {
  if (normals) return normals;
  const t = new Float32Array(NORMALS);
  const rng = mulberry32(0x5eed);
  const pair: [number, number] = [0, 0];
  for (let i = 0; i < NORMALS; i += 2) {
    gaussianPair(rng, pair);
    t[i] = pair[0];
    t[i + 1] = pair[1];
  }
  return (normals = t);
}

/** Renders one image of class `cls` into `out` (length 784) at `offset`; see renderProceduralAt for other shapes. */
export function renderProcedural(cls: number, rng: Rng, out: Uint8Array, offset = 0): void {
  renderProceduralAt(cls, rng, out, offset, S, 1);
}

/**
 * Renders one size×size×channels image (channel-last) of class `cls` into `out` at `offset`. The shape lives on a
 * 28-unit canvas sampled at pixel centres, so a 28×28×1 image is the same as renderProcedural's. With 3 channels the
 * shape gets a random colour (each channel 0.15..1 of full, the brightest at 1) and the background a random dark tint;
 * the noise is grey (one draw per pixel), so colour tells nothing about the class.
 */
export function renderProceduralAt(
  cls: number,
  rng: Rng,
  out: Uint8Array,
  offset: number,
  size: number,
  channels: 1 | 3,
): void {
  const paint = painterFor(cls, rng);
  const bg = uniform(rng, 0, 0.12);
  const contrast = uniform(rng, 0.55, 1 - bg);
  const noise = uniform(rng, 0.02, 0.1);
  const fg = [1, 1, 1];
  const tint = [bg, bg, bg];
  if (channels === 3) {
    for (let c = 0; c < 3; c++) {
      fg[c] = uniform(rng, 0.15, 1);
      tint[c] = uniform(rng, 0, 0.12);
    }
    const top = Math.max(...fg);
    for (let c = 0; c < 3; c++) fg[c] = (fg[c] as number) / top;
  }
  const normals = normalTable();
  const unit = S / size;
  for (let i = 0; i < size * size; i++) {
    const x = i % size;
    const y = (i - x) / size;
    const n = normals[(rng() * NORMALS) | 0] as number;
    const ink = contrast * paint((x + 0.5) * unit, (y + 0.5) * unit);
    for (let c = 0; c < channels; c++) {
      const v = (tint[c] as number) + ink * (fg[c] as number) + noise * n;
      out[offset + i * channels + c] = Math.round(255 * Math.min(1, Math.max(0, v)));
    }
  }
}

function makeSplit(
  count: number,
  rng: Rng,
  size: number,
  channels: 1 | 3,
): { images: Uint8Array; labels: Uint8Array; count: number } {
  const classes = PROCEDURAL_CLASS_NAMES.length;
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) labels[i] = i % classes;
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const a = labels[i] ?? 0;
    labels[i] = labels[j] ?? 0;
    labels[j] = a;
  }
  const px = size * size * channels;
  const images = new Uint8Array(count * px);
  for (let i = 0; i < count; i++) renderProceduralAt(labels[i] ?? 0, rng, images, i * px, size, channels);
  return { images, labels, count };
}

function checkCount(name: string, n: number): void {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`procedural ${name} count must be a whole number ≥ 0, got ${n}`);
}

/** Makes `train` + `test` images from `seed`; the same options always give the same bytes. */
export function makeProceduralDataset(opts: ProceduralOptions): Dataset {
  checkCount('train', opts.train);
  checkCount('test', opts.test);
  const size = opts.size ?? S;
  const channels = opts.channels ?? 1;
  if (!Number.isInteger(size) || size < 8 || size > 256)
    throw new RangeError(`procedural size must be a whole number of pixels from 8 to 256, got ${size}`);
  const seed = opts.seed >>> 0;
  return {
    id: 'procedural',
    shape: [size, size, channels],
    classNames: PROCEDURAL_CLASS_NAMES,
    train: makeSplit(opts.train, mulberry32(seed), size, channels),
    test: makeSplit(opts.test, mulberry32((seed ^ 0x9e3779b9) >>> 0), size, channels),
  };
}
