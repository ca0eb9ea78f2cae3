/**
 * Pixels of the Convolution step picture, without the DOM: the layer's input map with the window (and the next
 * window, one stride on) outlined and the padding drawn as a striped border, then small grids of the window, the
 * weights and their products (conv; below the map, so the numbers need no shrinking at 1366 px), the window with its
 * winner (pooling) or the top inputs × weights (dense). Padded input cells are striped and read 0; the weights there
 * are the real trained ones (their product is 0).
 * The renderer (convStep.ts) blits the frame and writes the numbers on top.
 */
import type { ConvCell } from '../engine/inspect/convCell';
import type { PoolCell } from '../engine/inspect/poolCell';
import type { DenseUnit } from '../engine/inspect/denseUnit';
import type { FloatMap } from '../engine/inspect/window';
import { divergingIndex, divergingLut, greysLut } from './colormap';
import { makeFrame, type Frame } from './canvas';
import { fmt } from './stepNumber';

export type ConvStepView =
  | {
      readonly kind: 'conv';
      readonly input: FloatMap;
      readonly cell: ConvCell;
      readonly stride: readonly [number, number];
      readonly pad: {
        readonly top: number;
        readonly left: number;
        readonly bottom: number;
        readonly right: number;
      };
      /** Channels drawn as grids (the sum uses all of them). */
      readonly channels: number;
    }
  | {
      readonly kind: 'pool';
      readonly input: FloatMap;
      readonly cell: PoolCell;
      readonly stride: readonly [number, number];
      readonly pad: {
        readonly top: number;
        readonly left: number;
        readonly bottom: number;
        readonly right: number;
      };
    }
  | { readonly kind: 'dense'; readonly unit: DenseUnit };

/** A grid cell's rectangle and the number to print in it. */
export interface Label {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly text: string;
  /** Dark text on light cells. */
  readonly dark: boolean;
}

export interface Painted {
  readonly frame: Frame;
  readonly labels: readonly Label[];
  /** Captions above the grids: text and position. */
  readonly captions: readonly { readonly x: number; readonly y: number; readonly text: string }[];
  /** Where the input map lies (conv and pooling), to turn a click into an input row and column. */
  readonly map: MapPlace | null;
}

export interface MapPlace {
  readonly x: number;
  readonly y: number;
  /** Pixels per input cell. */
  readonly scale: number;
  readonly padTop: number;
  readonly padLeft: number;
  readonly h: number;
  readonly w: number;
  /** The map's size in pixels, padding included. */
  readonly width: number;
  readonly height: number;
}

/** The input row and column (0-based) under frame pixel (px, py); null off the image (padding or outside). */
export function mapCellAt(m: MapPlace, px: number, py: number): { y: number; x: number } | null {
  const y = Math.floor((py - m.y) / m.scale) - m.padTop;
  const x = Math.floor((px - m.x) / m.scale) - m.padLeft;
  return y >= 0 && x >= 0 && y < m.h && x < m.w ? { y, x } : null;
}

export const CELL = 46;
const GAP = 14;
export const CAPTION = 18;
const MAP_PX = 150;

const rgba = (r: number, g: number, b: number): number =>
  new Uint32Array(new Uint8ClampedArray([r, g, b, 255]).buffer)[0] as number;
const WINDOW = rgba(255, 80, 40);
const NEXT = rgba(255, 190, 60);
const WINNER = rgba(230, 0, 60);
const PAD_A = rgba(200, 200, 200);
const PAD_B = rgba(150, 150, 150);
const BG = rgba(255, 255, 255);

function fill(f: Frame, x: number, y: number, w: number, h: number, c: number): void {
  const x0 = Math.max(0, Math.floor(x));
  const y0 = Math.max(0, Math.floor(y));
  const x1 = Math.min(f.width, Math.floor(x + w));
  const y1 = Math.min(f.height, Math.floor(y + h));
  for (let yy = y0; yy < y1; yy++) f.packed.fill(c, yy * f.width + x0, yy * f.width + x1);
}

function outline(f: Frame, x: number, y: number, w: number, h: number, c: number, t = 2): void {
  fill(f, x, y, w, t, c);
  fill(f, x, y + h - t, w, t, c);
  fill(f, x, y, t, h, c);
  fill(f, x + w - t, y, t, h, c);
}

/** Diagonal stripes: a padded (zero) cell. */
function stripes(f: Frame, x: number, y: number, w: number, h: number): void {
  for (let yy = 0; yy < h; yy++)
    for (let xx = 0; xx < w; xx++) {
      const px = Math.floor(x) + xx;
      const py = Math.floor(y) + yy;
      if (px >= 0 && py >= 0 && px < f.width && py < f.height)
        f.packed[py * f.width + px] = (xx + yy) % 6 < 3 ? PAD_A : PAD_B;
    }
}

function range(values: ArrayLike<number>): { lo: number; hi: number; abs: number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return { lo, hi, abs: Math.max(Math.abs(lo), Math.abs(hi)) };
}

type Pad = { readonly top: number; readonly left: number; readonly bottom: number; readonly right: number };

/** The input map (channel 0) inside its padding, with this window and the next one outlined. Returns its width. */
function paintMap(
  f: Frame,
  input: FloatMap,
  pad: Pad,
  win: { y: number; x: number; h: number; w: number },
  stride: readonly [number, number],
  y0: number,
): number {
  const H = input.h + pad.top + pad.bottom;
  const W = input.w + pad.left + pad.right;
  const s = Math.max(2, Math.floor(MAP_PX / Math.max(H, W)));
  const r = range(Array.from({ length: input.h * input.w }, (_, i) => input.values[i * input.c] as number));
  const lut = greysLut().packed;
  const span = r.hi - r.lo;
  stripes(f, 0, y0, W * s, H * s);
  for (let y = 0; y < input.h; y++)
    for (let x = 0; x < input.w; x++) {
      const v = input.values[(y * input.w + x) * input.c] as number;
      const i = span > 0 ? Math.round(((v - r.lo) / span) * 255) : 0;
      fill(f, (x + pad.left) * s, y0 + (y + pad.top) * s, s, s, lut[i] as number);
    }
  // The next window to the right (one stride on), then this one on top.
  const nx = win.x + stride[1];
  if (nx + win.w <= input.w + pad.right)
    outline(f, (nx + pad.left) * s, y0 + (win.y + pad.top) * s, win.w * s, win.h * s, NEXT, 1);
  outline(f, (win.x + pad.left) * s, y0 + (win.y + pad.top) * s, win.w * s, win.h * s, WINDOW);
  return W * s;
}

/** A kh×kw grid of values at (x, y): colour by `colour(v)`, a number per cell; stripes and 0 where `padded`. */
function paintGrid(
  f: Frame,
  labels: Label[],
  x: number,
  y: number,
  kh: number,
  kw: number,
  value: (t: number) => number,
  colour: (v: number) => { c: number; dark: boolean },
  padded?: Uint8Array,
): void {
  for (let ky = 0; ky < kh; ky++)
    for (let kx = 0; kx < kw; kx++) {
      const t = ky * kw + kx;
      const cx = x + kx * CELL;
      const cy = y + ky * CELL;
      const v = value(t);
      if (padded?.[t]) {
        stripes(f, cx, cy, CELL - 1, CELL - 1);
        labels.push({ x: cx, y: cy, w: CELL - 1, h: CELL - 1, text: '0', dark: true });
        continue;
      }
      const { c, dark } = colour(v);
      fill(f, cx, cy, CELL - 1, CELL - 1, c);
      labels.push({ x: cx, y: cy, w: CELL - 1, h: CELL - 1, text: fmt(v), dark });
    }
}

const diverging = (abs: number) => (v: number) => {
  const i = divergingIndex(v, abs);
  return { c: divergingLut().packed[i] as number, dark: i > 60 && i < 195 };
};
const greys = (lo: number, hi: number) => (v: number) => {
  const i = hi > lo ? Math.round(((v - lo) / (hi - lo)) * 255) : 128;
  return { c: greysLut().packed[i] as number, dark: i > 140 };
};

export function paintConvStep(view: ConvStepView, prev: Frame | null = null): Painted {
  const labels: Label[] = [];
  const captions: { x: number; y: number; text: string }[] = [];
  if (view.kind === 'dense') {
    const u = view.unit;
    const rows = u.top.length;
    const f = makeFrame(3 * (CELL * 2 + GAP), CAPTION + Math.max(1, rows) * CELL, prev);
    f.packed.fill(BG);
    const abs = range(u.top.flatMap((c) => [c.product, c.weight])).abs;
    const vr = range(u.top.map((c) => c.value));
    ['input value', '× weight', '= product'].forEach((text, i) =>
      captions.push({ x: i * (CELL * 2 + GAP), y: 0, text }),
    );
    u.top.forEach((c, r) => {
      const y = CAPTION + r * CELL;
      const cols = [
        { v: c.value, col: greys(Math.min(0, vr.lo), vr.hi)(c.value) },
        { v: c.weight, col: diverging(abs)(c.weight) },
        { v: c.product, col: diverging(abs)(c.product) },
      ];
      cols.forEach(({ v, col }, i) => {
        const x = i * (CELL * 2 + GAP);
        fill(f, x, y, CELL * 2 - 1, CELL - 1, col.c);
        labels.push({ x, y, w: CELL * 2 - 1, h: CELL - 1, text: fmt(v), dark: col.dark });
      });
    });
    return { frame: f, labels, captions, map: null };
  }
  const { input, pad, stride } = view;
  const H = input.h + pad.top + pad.bottom;
  const W = input.w + pad.left + pad.right;
  const s = Math.max(2, Math.floor(MAP_PX / Math.max(H, W)));
  const mapW = W * s;
  const place = (x: number, y: number): MapPlace => ({
    x,
    y,
    scale: s,
    padTop: pad.top,
    padLeft: pad.left,
    h: input.h,
    w: input.w,
    width: mapW,
    height: H * s,
  });
  if (view.kind === 'pool') {
    const c = view.cell;
    const gridX = mapW + GAP;
    const f = makeFrame(gridX + c.pw * CELL, CAPTION + Math.max(H * s, c.ph * CELL), prev);
    f.packed.fill(BG);
    const win = { y: c.rows[0] as number, x: c.cols[0] as number, h: c.ph, w: c.pw };
    paintMap(f, { ...input, values: channelOf(input, c.channel) }, pad, win, stride, CAPTION);
    captions.push(
      { x: 0, y: 0, text: `input, channel ${c.channel + 1}` },
      { x: gridX, y: 0, text: 'window' },
    );
    const r = range(c.window);
    paintGrid(
      f,
      labels,
      gridX,
      CAPTION,
      c.ph,
      c.pw,
      (t) => c.window[t] as number,
      greys(r.lo, r.hi),
      c.padded,
    );
    if (c.winner >= 0)
      outline(
        f,
        gridX + (c.winner % c.pw) * CELL,
        CAPTION + Math.floor(c.winner / c.pw) * CELL,
        CELL - 1,
        CELL - 1,
        WINNER,
        3,
      );
    return { frame: f, labels, captions, map: place(0, CAPTION) };
  }
  const c = view.cell;
  const shown = Math.max(1, Math.min(view.channels, c.c));
  const gridW = c.kw * CELL;
  const gridH = c.kh * CELL;
  const gridY = CAPTION + H * s + GAP + CAPTION;
  const width = Math.max(mapW, 3 * gridW + 2 * GAP);
  const height = gridY + shown * (gridH + CAPTION) - CAPTION;
  const f = makeFrame(width, height, prev);
  f.packed.fill(BG);
  const win = {
    y: c.rows[0] as number,
    x: c.cols[0] as number,
    h: (c.rows[c.kh - 1] as number) - (c.rows[0] as number) + 1,
    w: (c.cols[c.kw - 1] as number) - (c.cols[0] as number) + 1,
  };
  paintMap(f, input, pad, win, stride, CAPTION);
  captions.push({ x: 0, y: 0, text: 'input (channel 1)' });
  const wr = range(c.weights);
  const pr = range(c.products);
  const xr = range(c.window);
  const at = (a: Float32Array, ch: number) => (t: number) => a[t * c.c + ch] as number;
  for (let ch = 0; ch < shown; ch++) {
    const y = gridY + ch * (gridH + CAPTION);
    const names = [c.c === 1 ? 'input window' : `window, channel ${ch + 1}`, '× weights', '= products'];
    [c.window, c.weights, c.products].forEach((arr, i) => {
      const x = i * (gridW + GAP);
      captions.push({ x, y: y - CAPTION, text: names[i] as string });
      const colour = i === 0 ? greys(Math.min(0, xr.lo), xr.hi) : diverging(i === 1 ? wr.abs : pr.abs);
      // Only the input is padding (zeros); the weights there are real and their products 0.
      paintGrid(f, labels, x, y, c.kh, c.kw, at(arr, ch), colour, i === 0 ? c.padded : undefined);
    });
  }
  return { frame: f, labels, captions, map: place(0, CAPTION) };
}

function channelOf(input: FloatMap, ch: number): Float32Array {
  const out = new Float32Array(input.h * input.w * input.c);
  for (let p = 0; p < input.h * input.w; p++) out[p * input.c] = input.values[p * input.c + ch] as number;
  return out;
}
