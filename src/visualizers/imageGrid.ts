/**
 * A grid of small uint8 images (GAN samples, a confusion cell's images), drawn like a MapStack, plus an optional
 * time-lapse strip of earlier grids (one canvas, newest on the right).
 */
import { greysLut } from './colormap';
import {
  blit,
  canvasPoint,
  el,
  ensureCanvas,
  makeFrame,
  observeWidth,
  zoomToFit,
  type Frame,
} from './canvas';
import { fillImages, gridSize, tileOrigin } from './pixels';
import { createFrameScheduler } from './scheduler';
import type { Renderer } from './renderer';

export interface ImageGridData {
  readonly count: number;
  readonly h: number;
  readonly w: number;
  /** 1 (default): grey; 3: colour, RGB interleaved. */
  readonly channels?: number;
  /** count × h × w × channels, 0..255, channel-last. */
  readonly pixels: Uint8Array;
  readonly cols?: number;
  /** Caption under each image (e.g. labels). */
  readonly captions?: readonly string[];
  /** Tiles to outline (1 px inside the tile's edge), e.g. the picked ends of a latent interpolation. */
  readonly outlines?: readonly { readonly index: number; readonly colour: number }[];
}

export interface ImageGridOptions {
  /** Keep this many earlier grids in a strip (0 = no strip). */
  readonly timeLapse?: number;
  /** Take a time-lapse snapshot every n updates. */
  readonly timeLapseEvery?: number;
  /**
   * Largest zoom. The grid is drawn 1:1 (1 px gaps) and shown at the largest whole-number zoom up to this that fits
   * the host's width, so the gaps stay even; default 4.
   */
  readonly scale?: number;
  readonly onPick?: (index: number) => void;
}

export function createImageGrid(
  element: HTMLElement | HTMLCanvasElement,
  options: ImageGridOptions = {},
): Renderer<ImageGridData> {
  const canvas = ensureCanvas(element, 'viz-canvas viz-grid');
  canvas.style.imageRendering = 'pixelated';
  const maxZoom = options.scale ?? 4;
  const host = element instanceof HTMLCanvasElement ? (element.parentElement ?? element) : element;
  const doc = element.ownerDocument;
  const captions = el(doc, 'div', 'viz-readout');
  host.appendChild(captions);
  const keep = options.timeLapse ?? 0;
  let strip: HTMLCanvasElement | null = null;
  if (keep > 0) {
    strip = el(doc, 'canvas', 'viz-canvas viz-timelapse');
    strip.setAttribute('aria-label', 'Time-lapse of earlier samples');
    strip.style.imageRendering = 'pixelated';
    host.appendChild(strip);
  }
  const history: Frame[] = [];
  let frame: Frame | null = null;
  let stripFrame: Frame | null = null;
  let updates = 0;
  let current: ImageGridData | null = null;
  let grid = { cols: 8, gap: 1, scale: 1 };
  const fit = (): void => {
    zoomToFit(canvas, host, maxZoom);
    if (strip) zoomToFit(strip, host, maxZoom);
  };

  const draw = (d: ImageGridData): void => {
    current = d;
    grid = { cols: d.cols ?? Math.ceil(Math.sqrt(d.count)), gap: 1, scale: 1 };
    const { width, height } = gridSize(d.count, d.h, d.w, grid);
    frame = makeFrame(width, height, frame);
    frame.packed.fill(0);
    fillImages(
      frame.packed,
      width,
      0,
      0,
      d.pixels,
      d.count,
      d.h,
      d.w,
      d.channels ?? 1,
      grid,
      greysLut().packed,
    );
    for (const o of d.outlines ?? [])
      if (o.index >= 0 && o.index < d.count)
        outlineTile(
          frame.packed,
          width,
          tileOrigin(o.index, d.h, d.w, grid),
          d.w * grid.scale,
          d.h * grid.scale,
          o.colour,
        );
    blit(canvas, frame);
    captions.textContent = d.captions ? d.captions.join(' · ') : '';
    if (strip && updates++ % (options.timeLapseEvery ?? 5) === 0) {
      history.push({ ...frame, bytes: frame.bytes.slice(), packed: new Uint32Array(0) });
      if (history.length > keep) history.shift();
      const w = history.reduce((a, f) => a + f.width + 2, 0);
      const h = Math.max(...history.map((f) => f.height));
      stripFrame = makeFrame(w, h, stripFrame);
      stripFrame.packed.fill(0);
      let x0 = 0;
      for (const f of history) {
        const src = new Uint32Array(f.bytes.buffer);
        for (let y = 0; y < f.height; y++)
          stripFrame.packed.set(src.subarray(y * f.width, (y + 1) * f.width), y * w + x0);
        x0 += f.width + 2;
      }
      blit(strip, stripFrame);
    }
    fit();
  };
  const scheduler = createFrameScheduler(draw);
  const onClick = (e: MouseEvent): void => {
    if (!current || !options.onPick) return;
    const p = canvasPoint(canvas, e.clientX, e.clientY);
    if (!p) return;
    for (let i = 0; i < current.count; i++) {
      const o = tileOrigin(i, current.h, current.w, grid);
      if (
        p.x >= o.x &&
        p.y >= o.y &&
        p.x < o.x + current.w * grid.scale &&
        p.y < o.y + current.h * grid.scale
      )
        return options.onPick(i);
    }
  };
  canvas.addEventListener('click', onClick);
  const unobserve = observeWidth(host, fit);
  return {
    update: (d) => scheduler.schedule(d),
    resize: fit,
    destroy: () => {
      unobserve();
      scheduler.cancel();
      canvas.removeEventListener('click', onClick);
      captions.remove();
      strip?.remove();
      if (!(element instanceof HTMLCanvasElement)) canvas.remove();
    },
  };
}

/** Draws a 1 px rectangle just inside a tile of tw×th pixels at `o`. */
export function outlineTile(
  dst: Uint32Array,
  width: number,
  o: { x: number; y: number },
  tw: number,
  th: number,
  colour: number,
): void {
  for (let x = 0; x < tw; x++) {
    dst[o.y * width + o.x + x] = colour;
    dst[(o.y + th - 1) * width + o.x + x] = colour;
  }
  for (let y = 0; y < th; y++) {
    dst[(o.y + y) * width + o.x] = colour;
    dst[(o.y + y) * width + o.x + tw - 1] = colour;
  }
}
