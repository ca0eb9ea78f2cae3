/**
 * Where each kernel goes in the Kernels canvas, and which weight is under a pixel. Rows are input channels,
 * columns are filters; the first layer is drawn larger. A layer reading a colour image (rgbInput) gets one more row on
 * top: each filter as one RGB picture of its three input channels (row RGB_ROW). Pure, so the hit test is unit tested.
 */
import type { NodeId } from '../engine/graph/types';
import type { KernelSet } from '../engine/train/probes/types';

/** The parts of the engine's KernelSet the layout needs (values layout [kh, kw, in, out]). */
export type KernelData = Pick<
  KernelSet,
  'node' | 'kh' | 'kw' | 'inChannels' | 'filters' | 'values' | 'rgbInput'
>;

/** The channel index of the colour row (each filter's three input channels as one RGB picture). */
export const RGB_ROW = -1;

/** Whether a layer is drawn with the colour row: it reads the RGB image, so its 3 input channels are red, green, blue. */
export const hasColourRow = (k: Pick<KernelData, 'inChannels' | 'rgbInput'>): boolean =>
  k.rgbInput === true && k.inChannels === 3;

export interface KernelBlock {
  readonly node: NodeId;
  readonly index: number;
  readonly top: number;
  /** Height of the caption strip above the block (left blank in the image; labels are DOM). */
  readonly caption: number;
  readonly scale: number;
  readonly gap: number;
  readonly rows: number;
  /** 1 when the block starts with the colour row (RGB_ROW) above its channel rows, else 0. */
  readonly colourRow: 0 | 1;
  /** Filters drawn (at most MAX_COLS). */
  readonly cols: number;
  /** Filters per band: `cols` unless the layout wraps them (see KernelLayoutOptions.minKernelPx). */
  readonly perRow: number;
  /** Bands of filters, one above the other, each `rows` input channels tall. */
  readonly bands: number;
  readonly kh: number;
  readonly kw: number;
  /** Largest |value| in the layer: the colour scale is symmetric around zero. */
  readonly absMax: number;
}

export interface KernelLayout {
  readonly width: number;
  readonly height: number;
  readonly blocks: readonly KernelBlock[];
}

export const MAX_ROWS = 16;
export const MAX_COLS = 32;
const CAPTION = 12;
const LAYER_GAP = 6;

export interface KernelLayoutOptions {
  /**
   * Wrap the filters into bands so each kernel can be shown at least this many pixels wide (the canvas is then zoomed
   * to the panel's width): fewer, bigger kernels per row in a narrow panel. Without it, all filters are in one row.
   */
  readonly minKernelPx?: number;
}

export function valueIndex(
  k: Pick<KernelData, 'kw' | 'inChannels' | 'filters'>,
  ky: number,
  kx: number,
  c: number,
  f: number,
): number {
  return ((ky * k.kw + kx) * k.inChannels + c) * k.filters + f;
}

/** Extra space between two bands of a wrapped layer, so the bands of a many-channel layer read apart. */
const bandGap = (gap: number): number => 2 * gap;

/**
 * Blocks top to bottom. The first layer is drawn at 6 px per tap, the others at 3; a layer wider than `maxWidth`
 * (the panel's width, so the canvas is never shrunk by CSS) steps its zoom down, to 1 px per tap at least. With
 * `minKernelPx`, a layer first wraps its filters into bands of as many as fit `maxWidth` at that size.
 */
export function layoutKernels(
  sets: readonly KernelData[],
  maxWidth = Infinity,
  options: KernelLayoutOptions = {},
): KernelLayout {
  let top = 0;
  let width = 1;
  const blocks: KernelBlock[] = [];
  sets.forEach((k, index) => {
    const gap = index === 0 ? 2 : 1;
    const rows = Math.min(k.inChannels, MAX_ROWS);
    const cols = Math.min(k.filters, MAX_COLS);
    const min = options.minKernelPx;
    const perRow =
      min !== undefined && min > 0 && Number.isFinite(maxWidth)
        ? Math.max(1, Math.min(cols, Math.floor((maxWidth + gap) / (min + gap))))
        : cols;
    const bands = Math.ceil(cols / perRow);
    let scale = index === 0 ? 6 : 3;
    while (scale > 1 && perRow * (k.kw * scale + gap) - gap > maxWidth) scale--;
    let absMax = 0;
    for (let i = 0; i < k.values.length; i++) {
      const a = Math.abs(k.values[i]!);
      if (a > absMax && Number.isFinite(a)) absMax = a;
    }
    const b: KernelBlock = {
      node: k.node,
      index,
      top,
      caption: CAPTION,
      scale,
      gap,
      rows,
      colourRow: hasColourRow(k) ? 1 : 0,
      cols,
      perRow,
      bands,
      kh: k.kh,
      kw: k.kw,
      absMax,
    };
    blocks.push(b);
    width = Math.max(width, perRow * (k.kw * scale + gap) - gap);
    top += CAPTION + bandHeight(b) * bands - bandGap(gap) - gap + LAYER_GAP;
  });
  return { width, height: Math.max(1, top - LAYER_GAP), blocks };
}

/** Height of one band of a block, with the space below it. */
const bandHeight = (b: Pick<KernelBlock, 'rows' | 'colourRow' | 'kh' | 'scale' | 'gap'>): number =>
  (b.colourRow + b.rows) * (b.kh * b.scale + b.gap) + bandGap(b.gap);

/** Top-left pixel of kernel (channel c, filter f) in a block; c = RGB_ROW for the colour row. */
export function cellOrigin(b: KernelBlock, c: number, f: number): { x: number; y: number } {
  const band = Math.floor(f / b.perRow);
  return {
    x: (f % b.perRow) * (b.kw * b.scale + b.gap),
    y: b.top + b.caption + band * bandHeight(b) + (c + b.colourRow) * (b.kh * b.scale + b.gap),
  };
}

export interface KernelHit {
  readonly node: NodeId;
  readonly layer: number;
  readonly filter: number;
  /** The input channel, or RGB_ROW over the colour row. */
  readonly channel: number;
  readonly ky: number;
  readonly kx: number;
  /**
   * The kh×kw weights of this filter for this input channel, row-major; over the colour row, the kh×kw×3 weights of
   * its three input channels (red, green, blue of each tap in turn).
   */
  readonly weights: Float32Array;
  /** L2 norm of the whole filter (all taps, all input channels). */
  readonly norm: number;
}

/** The kernel tap under canvas pixel (x, y), or null over gaps, captions and margins. */
export function kernelAt(
  layout: KernelLayout,
  sets: readonly KernelData[],
  x: number,
  y: number,
): KernelHit | null {
  const px = Math.floor(x);
  const py = Math.floor(y);
  for (const b of layout.blocks) {
    const k = sets[b.index];
    if (!k) continue;
    const by = py - b.top - b.caption;
    const cellH = b.kh * b.scale + b.gap;
    const cellW = b.kw * b.scale + b.gap;
    const band = Math.floor(by / bandHeight(b));
    const ry = by - band * bandHeight(b);
    const col = Math.floor(px / cellW);
    const f = band * b.perRow + col;
    const rowsTall = (b.colourRow + b.rows) * cellH;
    if (by < 0 || band >= b.bands || ry >= rowsTall || px < 0 || col >= b.perRow || f >= b.cols) continue;
    const r = Math.floor(ry / cellH);
    const c = r - b.colourRow;
    const iy = ry - r * cellH;
    const ix = px - col * cellW;
    if (iy >= b.kh * b.scale || ix >= b.kw * b.scale) return null;
    const chans = c === RGB_ROW ? [0, 1, 2] : [c];
    const weights = new Float32Array(k.kh * k.kw * chans.length);
    for (let ky = 0; ky < k.kh; ky++)
      for (let kx = 0; kx < k.kw; kx++)
        chans.forEach((ci, j) => {
          weights[(ky * k.kw + kx) * chans.length + j] = k.values[valueIndex(k, ky, kx, ci, f)]!;
        });
    let sq = 0;
    for (let ky = 0; ky < k.kh; ky++)
      for (let kx = 0; kx < k.kw; kx++)
        for (let ci = 0; ci < k.inChannels; ci++) sq += k.values[valueIndex(k, ky, kx, ci, f)]! ** 2;
    return {
      node: k.node,
      layer: b.index,
      filter: f,
      channel: c,
      ky: Math.floor(iy / b.scale),
      kx: Math.floor(ix / b.scale),
      weights,
      norm: Math.sqrt(sq),
    };
  }
  return null;
}
