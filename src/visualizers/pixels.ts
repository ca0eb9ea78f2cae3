/**
 * Pure pixel filling: uint8 maps → RGBA through a lookup table, into one image buffer. No DOM here, so the
 * per-frame cost is measured in a unit benchmark.
 */

export interface TileGrid {
  /** Tiles per row. */
  readonly cols: number;
  /** Pixels between tiles. */
  readonly gap: number;
  /** Integer zoom (pixel replication) per map pixel. */
  readonly scale: number;
}

/** Width and height of `count` tiles of h×w in a grid. */
export function gridSize(
  count: number,
  h: number,
  w: number,
  g: TileGrid,
): { width: number; height: number } {
  const cols = Math.max(1, Math.min(g.cols, count));
  const rows = Math.max(1, Math.ceil(count / cols));
  return { width: cols * w * g.scale + (cols - 1) * g.gap, height: rows * h * g.scale + (rows - 1) * g.gap };
}

/** Top-left pixel of tile i. */
export function tileOrigin(i: number, h: number, w: number, g: TileGrid): { x: number; y: number } {
  const cols = Math.max(1, g.cols);
  const c = i % cols;
  const r = Math.floor(i / cols);
  return { x: c * (w * g.scale + g.gap), y: r * (h * g.scale + g.gap) };
}

/**
 * Writes `count` maps of h×w (uint8, map-major) as tiles into `dst` (packed pixels of an image `dstWidth` wide),
 * starting at (x0, y0). `lut` is a 256-entry packed colour table.
 */
export function fillMaps(
  dst: Uint32Array,
  dstWidth: number,
  x0: number,
  y0: number,
  data: Uint8Array,
  count: number,
  h: number,
  w: number,
  g: TileGrid,
  lut: Uint32Array,
): void {
  const s = g.scale;
  const size = h * w;
  for (let m = 0; m < count; m++) {
    const o = tileOrigin(m, h, w, g);
    const base = m * size;
    for (let y = 0; y < h; y++) {
      const src = base + y * w;
      for (let dy = 0; dy < s; dy++) {
        let p = (y0 + o.y + y * s + dy) * dstWidth + x0 + o.x;
        if (s === 1) {
          for (let x = 0; x < w; x++) dst[p++] = lut[data[src + x]!]!;
        } else {
          for (let x = 0; x < w; x++) {
            const c = lut[data[src + x]!]!;
            for (let dx = 0; dx < s; dx++) dst[p++] = c;
          }
        }
      }
    }
  }
}

/** Packs r, g, b into a pixel in the same byte order as an ImageData's Uint32 view. */
export function packRgb(r: number, g: number, b: number): number {
  const px = new Uint8ClampedArray([r, g, b, 255]);
  return new Uint32Array(px.buffer)[0]!;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** packRgb without the allocation, for per-pixel loops (r, g, b are 0..255 integers). */
export function packRgbFast(r: number, g: number, b: number): number {
  return LITTLE_ENDIAN
    ? ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0
    : ((r << 24) | (g << 16) | (b << 8) | 255) >>> 0;
}

/**
 * Writes `count` images of h×w×channels (uint8, channel-last, one image after another, as datasets store them) as
 * tiles: one channel through `lut` (as fillMaps), three as their own colours (RGB). Other channel counts draw their
 * first channel.
 */
export function fillImages(
  dst: Uint32Array,
  dstWidth: number,
  x0: number,
  y0: number,
  data: Uint8Array,
  count: number,
  h: number,
  w: number,
  channels: number,
  g: TileGrid,
  lut: Uint32Array,
): void {
  if (channels === 1) return fillMaps(dst, dstWidth, x0, y0, data, count, h, w, g, lut);
  const s = g.scale;
  const size = h * w * channels;
  for (let m = 0; m < count; m++) {
    const o = tileOrigin(m, h, w, g);
    for (let y = 0; y < h; y++) {
      const src = m * size + y * w * channels;
      for (let dy = 0; dy < s; dy++) {
        let p = (y0 + o.y + y * s + dy) * dstWidth + x0 + o.x;
        for (let x = 0; x < w; x++) {
          const i = src + x * channels;
          const c =
            channels === 3
              ? packRgbFast(data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0)
              : lut[data[i] ?? 0]!;
          for (let dx = 0; dx < s; dx++) dst[p++] = c;
        }
      }
    }
  }
}
