/**
 * 256-entry colour lookup tables, built once from a d3 interpolator. Pixels are coloured by indexing the table,
 * never by calling d3 per pixel. Each table is RGBA bytes (1,024) with a Uint32 view for one-store-per-pixel fills.
 */
import { color, interpolateGreys, interpolateRdBu, interpolateViridis } from 'd3';

export interface Lut {
  /** 256 × RGBA bytes. */
  readonly rgba: Uint8ClampedArray;
  /** The same bytes as 256 packed pixels in platform byte order (matches an ImageData's Uint32 view). */
  readonly packed: Uint32Array;
  /** CSS colour of entry i, for legends and strokes. */
  css(i: number): string;
}

export function buildLut(interpolate: (t: number) => string): Lut {
  const rgba = new Uint8ClampedArray(1024);
  for (let i = 0; i < 256; i++) {
    const c = color(interpolate(i / 255))?.rgb();
    rgba[i * 4] = c ? c.r : 0;
    rgba[i * 4 + 1] = c ? c.g : 0;
    rgba[i * 4 + 2] = c ? c.b : 0;
    rgba[i * 4 + 3] = 255;
  }
  const packed = new Uint32Array(rgba.buffer);
  return {
    rgba,
    packed,
    css: (i) => {
      const k = Math.max(0, Math.min(255, Math.round(i))) * 4;
      return `rgb(${rgba[k]}, ${rgba[k + 1]}, ${rgba[k + 2]})`;
    },
  };
}

let diverging: Lut | null = null;
let greys: Lut | null = null;
let viridis: Lut | null = null;

/** Blue (negative) – white (zero) – red (positive): d3's RdBu reversed. */
export function divergingLut(): Lut {
  diverging ??= buildLut((t) => interpolateRdBu(1 - t));
  return diverging;
}

/** Black (0) to white (255), like an image: d3's Greys reversed (Greys runs white → black). */
export function greysLut(): Lut {
  greys ??= buildLut((t) => interpolateGreys(1 - t));
  return greys;
}

export function viridisLut(): Lut {
  viridis ??= buildLut(interpolateViridis);
  return viridis;
}

/** Table index for a signed value on a scale centred on zero: −absMax → 0, 0 → 127.5, +absMax → 255. */
export function divergingIndex(v: number, absMax: number): number {
  if (!(absMax > 0) || !Number.isFinite(v)) return 128;
  const i = Math.round((v / absMax) * 127.5 + 127.5);
  return i < 0 ? 0 : i > 255 ? 255 : i;
}
