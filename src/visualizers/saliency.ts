/**
 * Saliency: the image and, beside it, the image with the map laid over it (one canvas, drawn at the data's size and
 * scaled by CSS), and a colour scale from the map's raw minimum to its maximum. A map value v (0..255) is painted
 * with the inferno colour v, its opacity growing with v, so where the map is low the image shows through.
 */
import { interpolateInferno } from 'd3';
import { buildLut, type Lut } from './colormap';
import { blit, el, makeFrame, type Frame } from './canvas';
import { createFrameScheduler } from './scheduler';
import { scheduledRenderer, type Renderer } from './renderer';

export interface SaliencyData {
  readonly h: number;
  readonly w: number;
  /** h×w×channels uint8 (1: grey, 3: RGB). */
  readonly image: Uint8Array;
  readonly channels: number;
  /** h×w uint8, the map quantised from `min`..`max`. */
  readonly map: Uint8Array;
  readonly min: number;
  readonly max: number;
  /** What the values are, for the scale (e.g. "|∂ logit / ∂ pixel|"). */
  readonly unit: string;
}

export const GAP = 4;
/** Largest opacity of the overlay (at the map's maximum). */
export const MAX_ALPHA = 0.85;

let lut: Lut | null = null;
export function saliencyLut(): Lut {
  lut ??= buildLut(interpolateInferno);
  return lut;
}

/** Grey value of pixel p (the mean of the channels for colour images). */
function grey(d: SaliencyData, p: number): [number, number, number] {
  const c = d.channels;
  if (c === 3) return [d.image[p * 3] ?? 0, d.image[p * 3 + 1] ?? 0, d.image[p * 3 + 2] ?? 0];
  const v = d.image[p * c] ?? 0;
  return [v, v, v];
}

/** RGBA bytes of the picture: the image, a gap, the overlaid map (width 2w + GAP, height h). */
export function composeSaliency(d: SaliencyData, prev: Frame | null = null): Frame {
  const width = 2 * d.w + GAP;
  const f = makeFrame(width, d.h, prev);
  f.bytes.fill(0);
  const table = saliencyLut().rgba;
  for (let y = 0; y < d.h; y++) {
    for (let x = 0; x < d.w; x++) {
      const p = y * d.w + x;
      const [r, g, b] = grey(d, p);
      let o = (y * width + x) * 4;
      f.bytes.set([r, g, b, 255], o);
      const v = d.map[p] ?? 0;
      const a = (MAX_ALPHA * v) / 255;
      o = (y * width + d.w + GAP + x) * 4;
      f.bytes[o] = (1 - a) * r + a * (table[v * 4] as number);
      f.bytes[o + 1] = (1 - a) * g + a * (table[v * 4 + 1] as number);
      f.bytes[o + 2] = (1 - a) * b + a * (table[v * 4 + 2] as number);
      f.bytes[o + 3] = 255;
    }
  }
  return f;
}

/** A number for the scale: few digits, exponent form for very small or large values. */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return '—';
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a < 1e-3 || a >= 1e4 ? v.toExponential(2) : v.toPrecision(3);
}

export function createSaliency(element: HTMLElement): Renderer<SaliencyData> {
  const doc = element.ownerDocument;
  const canvas = el(doc, 'canvas', 'viz-canvas viz-saliency');
  Object.assign(canvas.style, {
    imageRendering: 'pixelated',
    display: 'block',
    width: '100%',
    maxWidth: '480px',
  });
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', 'The image, and the saliency map laid over it');
  const legend = el(doc, 'div', 'viz-saliency-legend');
  const lo = el(doc, 'span', 'viz-legend-min', '');
  const bar = el(doc, 'span', 'viz-legend-bar');
  const hi = el(doc, 'span', 'viz-legend-max', '');
  const unit = el(doc, 'span', 'viz-legend-unit', '');
  const stops = Array.from({ length: 9 }, (_, i) => saliencyLut().css((i * 255) / 8)).join(', ');
  Object.assign(bar.style, {
    display: 'inline-block',
    width: '120px',
    height: '10px',
    margin: '0 6px',
    verticalAlign: 'middle',
    background: `linear-gradient(to right, ${stops})`,
  });
  legend.append(lo, bar, hi, unit);
  element.append(canvas, legend);
  let frame: Frame | null = null;
  let latest: SaliencyData | null = null;
  const scheduler = createFrameScheduler<SaliencyData>((d) => {
    frame = composeSaliency(d, frame);
    blit(canvas, frame);
    lo.textContent = formatValue(d.min);
    hi.textContent = formatValue(d.max);
    unit.textContent = ` ${d.unit}`;
  });
  return scheduledRenderer(
    { ...scheduler, schedule: (d) => ((latest = d), scheduler.schedule(d)) },
    () => latest,
    () => {
      canvas.remove();
      legend.remove();
    },
  );
}
