/**
 * Time-lapse of earlier sample grids: the last few grids at distinct training steps, as small thumbnails (each image
 * halved) in one strip canvas, oldest on the left. History keeping and downsampling are pure and unit-tested.
 */
import { blit, el, ensureCanvas, makeFrame, observeWidth, zoomToFit, type Frame } from './canvas';
import { greysLut } from './colormap';
import { fillImages, gridSize } from './pixels';

export interface LapseGrid {
  readonly step: number;
  readonly count: number;
  readonly h: number;
  readonly w: number;
  /** 1 (default): grey; 3: colour, RGB interleaved. */
  readonly channels?: number;
  /** count × h × w × channels, 0..255, channel-last. */
  readonly pixels: Uint8Array;
}

/** Appends an item unless one at the same step is already kept; keeps the last `keep`. Returns a new array. */
export function pushDistinct<T extends { readonly step: number }>(
  history: readonly T[],
  item: T,
  keep: number,
): T[] {
  if (keep <= 0) return [];
  if (history.some((h) => h.step === item.step)) return history.slice(-keep);
  return [...history, item].slice(-keep);
}

/** Halves every image of a stack (channel-last, `c` channels) with a 2×2 box average per channel (odd edges dropped). */
export function downsample2(
  pixels: Uint8Array,
  count: number,
  h: number,
  w: number,
  c = 1,
): { h: number; w: number; pixels: Uint8Array } {
  const h2 = Math.max(1, h >> 1);
  const w2 = Math.max(1, w >> 1);
  if (h < 2 || w < 2) return { h, w, pixels: pixels.slice(0, count * h * w * c) };
  const out = new Uint8Array(count * h2 * w2 * c);
  const row = w * c;
  for (let m = 0; m < count; m++) {
    const src = m * h * row;
    const dst = m * h2 * w2 * c;
    for (let y = 0; y < h2; y++)
      for (let x = 0; x < w2; x++)
        for (let k = 0; k < c; k++) {
          const p = src + 2 * y * row + 2 * x * c + k;
          out[dst + (y * w2 + x) * c + k] =
            (pixels[p]! + pixels[p + c]! + pixels[p + row]! + pixels[p + row + c]! + 2) >> 2;
        }
  }
  return { h: h2, w: w2, pixels: out };
}

interface Thumb {
  readonly step: number;
  readonly count: number;
  readonly h: number;
  readonly w: number;
  readonly channels: number;
  readonly pixels: Uint8Array;
}

export interface TimeLapseStrip {
  /** Offers a grid; kept when its step is new. */
  push(g: LapseGrid): void;
  /** Steps currently shown, oldest first. */
  steps(): number[];
  clear(): void;
  destroy(): void;
}

export function createTimeLapseStrip(
  element: HTMLElement,
  options: { keep?: number; cols?: number } = {},
): TimeLapseStrip {
  const doc = element.ownerDocument;
  const canvas = ensureCanvas(element, 'viz-canvas viz-timelapse');
  canvas.setAttribute('role', 'img');
  const caption = el(doc, 'div', 'viz-readout');
  element.appendChild(caption);
  const keep = options.keep ?? 8;
  let history: Thumb[] = [];
  let frame: Frame | null = null;
  const GAP = 4;

  const render = (): void => {
    const lut = greysLut().packed;
    const sizes = history.map((t) =>
      gridSize(t.count, t.h, t.w, { cols: options.cols ?? Math.ceil(Math.sqrt(t.count)), gap: 1, scale: 1 }),
    );
    // Thumbnails 1:1, wrapped into as many per row as the host's width holds (oldest top left), never shrunk.
    const cellW = Math.max(1, ...sizes.map((s) => s.width));
    const cellH = Math.max(1, ...sizes.map((s) => s.height));
    const perRow = Math.max(
      1,
      Math.min(history.length, Math.floor((element.clientWidth + GAP) / (cellW + GAP)) || history.length),
    );
    const rows = Math.max(1, Math.ceil(history.length / perRow));
    const width = history.length ? perRow * (cellW + GAP) - GAP : 1;
    const height = history.length ? rows * (cellH + GAP) - GAP : 1;
    frame = makeFrame(width, height, frame);
    frame.packed.fill(0);
    history.forEach((t, i) => {
      const x0 = (i % perRow) * (cellW + GAP);
      const y0 = Math.floor(i / perRow) * (cellH + GAP);
      fillImages(
        frame!.packed,
        width,
        x0,
        y0,
        t.pixels,
        t.count,
        t.h,
        t.w,
        t.channels,
        { cols: options.cols ?? Math.ceil(Math.sqrt(t.count)), gap: 1, scale: 1 },
        lut,
      );
    });
    blit(canvas, frame);
    zoomToFit(canvas, element, 2);
    const label = history.length
      ? `Time-lapse, steps ${history.map((t) => t.step).join(', ')} (oldest left)`
      : 'Time-lapse: no earlier grids yet';
    canvas.setAttribute('aria-label', label);
    caption.textContent = history.length ? `steps: ${history.map((t) => t.step).join(' → ')}` : '';
  };

  const unobserve = observeWidth(element, () => {
    if (history.length) render();
  });
  return {
    push(g) {
      if (history.some((t) => t.step === g.step)) return;
      const channels = g.channels ?? 1;
      const small = downsample2(g.pixels, g.count, g.h, g.w, channels);
      history = pushDistinct(history, { step: g.step, count: g.count, channels, ...small }, keep);
      render();
    },
    steps: () => history.map((t) => t.step),
    clear() {
      history = [];
      render();
    },
    destroy() {
      unobserve();
      caption.remove();
      canvas.remove();
    },
  };
}
