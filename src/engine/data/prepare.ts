/**
 * Pixels of one user image → one dataset image (issue 14): where the picture goes in the size×size square, an
 * area-averaging (box) resize, and RGBA → grey or RGB. Pure: the preparation worker decodes with createImageBitmap and
 * reads RGBA from an OffscreenCanvas, then hands the pixels here.
 *
 * The three ways to make a picture of another aspect ratio square (ResizeMode):
 * - fit:  the whole picture squeezed into the square; the aspect ratio is NOT kept (a 2:1 photo looks half as wide).
 *         Nothing is cut and there is no border. Right for pictures that are roughly square already.
 * - crop: the centred square of side min(width, height), scaled to the square; the ends of the long side are cut.
 * - pad:  letterbox: the whole picture scaled to fit inside the square keeping its aspect ratio, centred; the border
 *         is the picture's mean edge colour (the mean of its outermost ring of pixels, after compositing on white), so a
 *         photo on a white sheet gets a white border and a digit on black a black one, and the border adds no edge of
 *         its own for the first convolution to find.
 *
 * Transparency: pixels are composited on white (a transparent PNG of a black drawing reads as black on white), for
 * grey and RGB alike. The box resize averages with the alpha as weight (premultiplied), so a transparent pixel's
 * colour does not bleed into its neighbours.
 * Grey is ITU-R BT.601 luma, 0.299 R + 0.587 G + 0.114 B, rounded to the nearest integer.
 */
import { assertNever } from '../assertNever';
import type { ColourMode, ResizeMode } from './userDataset';

/** Straight (not premultiplied) RGBA, 4 bytes per pixel, row-major: what getImageData gives. */
export interface RgbaImage {
  readonly data: ArrayLike<number>;
  readonly width: number;
  readonly height: number;
}

/** A rectangle in pixels; a source rectangle may have fractional edges (a centred crop of an odd difference). */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** The part of the picture that is used (src, in its pixels) and where it goes in the size×size square (dst, whole pixels). */
export interface Placement {
  readonly src: Rect;
  readonly dst: Rect;
}

export function placement(width: number, height: number, size: number, mode: ResizeMode): Placement {
  if (!(width > 0 && height > 0 && size > 0))
    throw new RangeError(`placement of ${width}×${height} in ${size}`);
  const whole: Rect = { x: 0, y: 0, w: width, h: height };
  const square: Rect = { x: 0, y: 0, w: size, h: size };
  switch (mode) {
    case 'fit':
      return { src: whole, dst: square };
    case 'crop': {
      const s = Math.min(width, height);
      return { src: { x: (width - s) / 2, y: (height - s) / 2, w: s, h: s }, dst: square };
    }
    case 'pad': {
      const scale = size / Math.max(width, height);
      const w = Math.min(size, Math.max(1, Math.round(width * scale)));
      const h = Math.min(size, Math.max(1, Math.round(height * scale)));
      return { src: whole, dst: { x: Math.floor((size - w) / 2), y: Math.floor((size - h) / 2), w, h } };
    }
    default:
      return assertNever(mode);
  }
}

/** For each output cell along one axis: the source indices it overlaps and by how much (weights sum to the cell's width). */
function axisWeights(
  start: number,
  length: number,
  out: number,
  limit: number,
): { i: number; w: number }[][] {
  const step = length / out;
  const cells: { i: number; w: number }[][] = [];
  for (let o = 0; o < out; o++) {
    const a = start + o * step;
    const b = a + step;
    const cell: { i: number; w: number }[] = [];
    for (let i = Math.max(0, Math.floor(a)); i < Math.min(limit, Math.ceil(b)); i++) {
      const w = Math.min(b, i + 1) - Math.max(a, i);
      if (w > 1e-9) cell.push({ i, w });
    }
    cells.push(cell);
  }
  return cells;
}

/**
 * Area-averaging resize of the `src` rectangle of an RGBA image to outW×outH: each output pixel is the mean of the
 * source area it covers, each source pixel weighted by its overlap (and, for the colour, by its alpha). Straight RGBA
 * floats out (0..255, not rounded), so the colour conversion rounds once.
 */
export function boxResize(img: RgbaImage, src: Rect, outW: number, outH: number): Float32Array {
  const xs = axisWeights(src.x, src.w, outW, img.width);
  const ys = axisWeights(src.y, src.h, outH, img.height);
  const out = new Float32Array(outW * outH * 4);
  const d = img.data;
  for (let oy = 0; oy < outH; oy++) {
    const rows = ys[oy] ?? [];
    for (let ox = 0; ox < outW; ox++) {
      const cols = xs[ox] ?? [];
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      let area = 0;
      for (const row of rows) {
        const base = row.i * img.width;
        for (const col of cols) {
          const w = row.w * col.w;
          const p = (base + col.i) * 4;
          const alpha = (d[p + 3] ?? 0) * w;
          r += (d[p] ?? 0) * alpha;
          g += (d[p + 1] ?? 0) * alpha;
          b += (d[p + 2] ?? 0) * alpha;
          a += alpha;
          area += w;
        }
      }
      const q = (oy * outW + ox) * 4;
      if (a > 0) {
        out[q] = r / a;
        out[q + 1] = g / a;
        out[q + 2] = b / a;
      }
      out[q + 3] = area > 0 ? a / area : 0;
    }
  }
  return out;
}

/** One channel composited on white: c·α + 255·(1 − α). */
const onWhite = (c: number, alpha: number): number => (c * alpha + 255 * (255 - alpha)) / 255;

/** RGBA → RGB, 3 bytes per pixel, composited on white and rounded. */
export function toRgb(rgba: ArrayLike<number>): Uint8Array {
  const n = Math.floor(rgba.length / 4);
  const out = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) {
    const alpha = rgba[i * 4 + 3] ?? 0;
    for (let c = 0; c < 3; c++) out[i * 3 + c] = Math.round(onWhite(rgba[i * 4 + c] ?? 0, alpha));
  }
  return out;
}

/** BT.601 luma of an RGB triple (not rounded). */
export const luma = (r: number, g: number, b: number): number => 0.299 * r + 0.587 * g + 0.114 * b;

/** RGBA → grey, 1 byte per pixel: composited on white, then BT.601 luma, rounded. */
export function toGrey(rgba: ArrayLike<number>): Uint8Array {
  const n = Math.floor(rgba.length / 4);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const alpha = rgba[i * 4 + 3] ?? 0;
    const [r, g, b] = [0, 1, 2].map((c) => onWhite(rgba[i * 4 + c] ?? 0, alpha)) as [number, number, number];
    out[i] = Math.min(255, Math.round(luma(r, g, b)));
  }
  return out;
}

/** The mean colour of the picture's outermost ring of pixels, composited on white: the border of 'pad'. */
export function edgeColour(img: RgbaImage): [number, number, number] {
  const { width: w, height: h, data } = img;
  const sum = [0, 0, 0];
  let n = 0;
  const add = (x: number, y: number): void => {
    const p = (y * w + x) * 4;
    const alpha = data[p + 3] ?? 0;
    for (let c = 0; c < 3; c++) sum[c] = (sum[c] ?? 0) + onWhite(data[p + c] ?? 0, alpha);
    n++;
  };
  for (let x = 0; x < w; x++) {
    add(x, 0);
    if (h > 1) add(x, h - 1);
  }
  for (let y = 1; y < h - 1; y++) {
    add(0, y);
    if (w > 1) add(w - 1, y);
  }
  return [(sum[0] ?? 0) / n, (sum[1] ?? 0) / n, (sum[2] ?? 0) / n];
}

/** PrepareOptions' size, mode and colour; any size here (the tests use tiny ones). */
export interface ImageOptions {
  readonly size: number;
  readonly mode: ResizeMode;
  readonly colour: ColourMode;
}

/** Bytes one prepared image takes: size × size × (1 for grey, 3 for RGB). */
export const imageBytes = (size: number, colour: ColourMode): number =>
  size * size * (colour === 'rgb' ? 3 : 1);

/** One decoded picture → one dataset image, size×size×C uint8 (C = 1 grey, 3 RGB), row-major, channel-last. */
export function prepareImage(img: RgbaImage, opts: ImageOptions): Uint8Array {
  const { size } = opts;
  const { src, dst } = placement(img.width, img.height, size, opts.mode);
  const resized = boxResize(img, src, dst.w, dst.h);
  let square = resized;
  if (dst.w !== size || dst.h !== size) {
    square = new Float32Array(size * size * 4);
    const [r, g, b] = edgeColour(img);
    for (let i = 0; i < size * size; i++) square.set([r, g, b, 255], i * 4);
    for (let y = 0; y < dst.h; y++)
      square.set(resized.subarray(y * dst.w * 4, (y + 1) * dst.w * 4), ((dst.y + y) * size + dst.x) * 4);
  }
  return opts.colour === 'rgb' ? toRgb(square) : toGrey(square);
}

/**
 * How much to shrink a picture while decoding it (createImageBitmap's resizeWidth), ≤ 1: its short side is brought
 * down to DECODE_OVERSAMPLE × size, enough detail for every mode's box resize, so a 50-megapixel photo never needs a
 * canvas of its own size. 1 for pictures that are small already.
 */
export const DECODE_OVERSAMPLE = 4;
export function decodeScale(width: number, height: number, size: number): number {
  const short = Math.min(width, height);
  return short > DECODE_OVERSAMPLE * size ? (DECODE_OVERSAMPLE * size) / short : 1;
}
