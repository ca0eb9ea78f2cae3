/**
 * Data augmentation for one image at a time: random shift, horizontal flip, rotation and zoom (one affine warp with
 * bilinear sampling) and colour jitter, drawn from a seeded generator. Pure TypeScript on typed arrays (no TF.js),
 * channel-last H×W×C, float pixels in 0..`range` (1 for the training batches) or uint8 (range 255).
 */
import { randInt, uniform, type Rng } from './random';

/** The maxima each random change is drawn from; all zero/false = off. */
export interface AugmentSettings {
  /** Largest shift in whole pixels, each axis (0..8). */
  readonly shift: number;
  /** Mirror left-right half of the time. */
  readonly flip: boolean;
  /** Largest rotation in degrees, either way (0..30). */
  readonly rotate: number;
  /** Largest zoom in or out as a fraction (0..0.3). */
  readonly zoom: number;
  /** Largest brightness/contrast change (and per-channel colour gain on RGB images) as a fraction (0..0.5). */
  readonly jitter: number;
}

export const DEFAULT_AUGMENT: AugmentSettings = { shift: 0, flip: false, rotate: 0, zoom: 0, jitter: 0 };

/** The limits the settings may take (validation and the form use the same ones). */
export const AUGMENT_LIMITS = { shift: 8, rotate: 30, zoom: 0.3, jitter: 0.5 } as const;

/** Whether any change is on (off = the batch path does nothing at all). */
export const augmentActive = (s: AugmentSettings): boolean =>
  s.shift > 0 || s.flip || s.rotate > 0 || s.zoom > 0 || s.jitter > 0;

/** The changes drawn for one image. */
export interface AugmentParams {
  readonly dx: number;
  readonly dy: number;
  readonly flip: boolean;
  /** Radians, clockwise on screen (y grows downward). */
  readonly angle: number;
  /** >1 zooms in. */
  readonly scale: number;
  /** Added to every pixel, as a fraction of the range. */
  readonly brightness: number;
  /** Multiplies the distance from mid-grey. */
  readonly contrast: number;
  /** Per-channel gain (length C; all 1 for grey images). */
  readonly gains: readonly number[];
}

/** Draws one image's changes. Only the settings that are on consume random numbers. */
export function drawParams(s: AugmentSettings, rng: Rng, channels: number): AugmentParams {
  const shift = Math.floor(s.shift);
  const dx = shift > 0 ? randInt(rng, 2 * shift + 1) - shift : 0;
  const dy = shift > 0 ? randInt(rng, 2 * shift + 1) - shift : 0;
  const flip = s.flip ? rng() < 0.5 : false;
  const angle = s.rotate > 0 ? (uniform(rng, -s.rotate, s.rotate) * Math.PI) / 180 : 0;
  const scale = s.zoom > 0 ? 1 + uniform(rng, -s.zoom, s.zoom) : 1;
  let brightness = 0;
  let contrast = 1;
  const gains: number[] = new Array<number>(channels).fill(1);
  if (s.jitter > 0) {
    brightness = uniform(rng, -s.jitter, s.jitter) * 0.5;
    contrast = 1 + uniform(rng, -s.jitter, s.jitter);
    if (channels === 3) for (let c = 0; c < 3; c++) gains[c] = 1 + uniform(rng, -s.jitter, s.jitter) * 0.5;
  }
  return { dx, dy, flip, angle, scale, brightness, contrast, gains };
}

export type Pixels = Float32Array | Uint8Array | Uint8ClampedArray;
export type Shape3 = readonly [number, number, number];
export interface ApplyOptions {
  /** Value of a full-intensity pixel: 1 for floats in 0..1 (default for Float32Array), 255 for uint8. */
  readonly range?: number;
  /** What comes in from outside the picture: black (default) or the nearest edge pixel. */
  readonly fill?: 'zero' | 'edge';
}

let scratch = new Float32Array(0);

/**
 * Writes `src` with the changes `p` into `dst` (same length; may be the same array). Pixels of a uint8 `dst` are
 * rounded and clamped; float ones are clamped to 0..range only when jitter moved them.
 */
export function applyParams(
  src: Pixels,
  dst: Pixels,
  shape: Shape3,
  p: AugmentParams,
  opts: ApplyOptions = {},
): void {
  const [h, w, c] = shape;
  const size = h * w * c;
  const range = opts.range ?? (src instanceof Float32Array ? 1 : 255);
  const edge = opts.fill === 'edge';
  const geometric = p.dx !== 0 || p.dy !== 0 || p.flip || p.angle !== 0 || p.scale !== 1;
  const colour = p.brightness !== 0 || p.contrast !== 1 || p.gains.some((g) => g !== 1);
  if (!geometric && !colour) {
    if (src !== dst) dst.set(src);
    return;
  }
  let from: Pixels = src;
  if (src === dst && geometric) {
    if (scratch.length < size) scratch = new Float32Array(size);
    for (let i = 0; i < size; i++) scratch[i] = src[i] as number;
    from = scratch;
  }
  const toInt = !(dst instanceof Float32Array);
  const put = (i: number, v: number): void => {
    dst[i] = toInt ? Math.min(255, Math.max(0, Math.round(v))) : v;
  };
  const read = (x: number, y: number, ch: number): number => {
    if (x < 0 || y < 0 || x >= w || y >= h) {
      if (!edge) return 0;
      x = Math.min(w - 1, Math.max(0, x));
      y = Math.min(h - 1, Math.max(0, y));
    }
    return from[(y * w + x) * c + ch] as number;
  };
  const mid = range / 2;
  const add = p.brightness * range;
  const tone = (v: number, ch: number): number => {
    if (!colour) return v;
    const t = (v * (p.gains[ch] ?? 1) - mid) * p.contrast + mid + add;
    return t < 0 ? 0 : t > range ? range : t;
  };
  if (!geometric) {
    for (let i = 0; i < size; i++) put(i, tone(from[i] as number, i % c));
    return;
  }
  const affine = p.angle !== 0 || p.scale !== 1;
  const cx = (w - 1) / 2;
  const cy = (h - 1) / 2;
  const cos = Math.cos(p.angle) / p.scale;
  const sin = Math.sin(p.angle) / p.scale;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const o = (y * w + x) * c;
      if (!affine) {
        const sx0 = x - p.dx;
        const sx = p.flip ? w - 1 - sx0 : sx0;
        const sy = y - p.dy;
        for (let ch = 0; ch < c; ch++) put(o + ch, tone(read(sx, sy, ch), ch));
        continue;
      }
      // Output pixel → source point: undo the shift, then the rotation and zoom about the centre, then the flip.
      const u = x - p.dx - cx;
      const v = y - p.dy - cy;
      let sx = cos * u + sin * v + cx;
      const sy = -sin * u + cos * v + cy;
      if (p.flip) sx = w - 1 - sx;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      for (let ch = 0; ch < c; ch++) {
        const top = read(x0, y0, ch) * (1 - fx) + read(x0 + 1, y0, ch) * fx;
        const bottom = read(x0, y0 + 1, ch) * (1 - fx) + read(x0 + 1, y0 + 1, ch) * fx;
        put(o + ch, tone(top * (1 - fy) + bottom * fy, ch));
      }
    }
  }
}

/** Draws the changes for one image and applies them: `dst` = augmented `src` (may be the same array). */
export function augmentImage(
  src: Pixels,
  dst: Pixels,
  shape: Shape3,
  s: AugmentSettings,
  rng: Rng,
  opts: ApplyOptions = {},
): void {
  applyParams(src, dst, shape, drawParams(s, rng, shape[2]), opts);
}

/** Augments `count` images stored one after another in `pixels`, in place, each with its own draw. */
export function augmentBatch(
  pixels: Pixels,
  count: number,
  shape: Shape3,
  s: AugmentSettings,
  rng: Rng,
  opts: ApplyOptions = {},
): void {
  if (!augmentActive(s)) return;
  const size = shape[0] * shape[1] * shape[2];
  for (let k = 0; k < count; k++) {
    const one = pixels.subarray(k * size, (k + 1) * size);
    augmentImage(one, one, shape, s, rng, opts);
  }
}
