/**
 * Saliency: the image and, beside it, the image with the map laid over it (one canvas, drawn at the data's size and
 * scaled by CSS), and a colour scale from 0 (magnitudes) or the map's raw minimum (signed maps) to its maximum. A map value v (0..255) is painted
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
  /**
   * The map is a magnitude (never negative): the scale reads 0..max and the colours are re-based on 0, so a map
   * whose smallest value is 7e-5 is not painted as if that were the bottom of the scale. Signed maps leave it unset
   * and keep their honest min..max.
   */
  readonly fromZero?: boolean;
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

/** The scale's ends: 0..max for a magnitude (`fromZero`), else the map's own min..max. */
export function scaleRange(d: Pick<SaliencyData, 'min' | 'max' | 'fromZero'>): { lo: number; hi: number } {
  return d.fromZero === true && d.min >= 0 ? { lo: 0, hi: d.max } : { lo: d.min, hi: d.max };
}

/** The 256 colour indices of the map's quantised values v (from min..max) on the scale lo..hi. */
export function rebase(d: Pick<SaliencyData, 'min' | 'max' | 'fromZero'>): Uint8Array {
  const { lo, hi } = scaleRange(d);
  const out = new Uint8Array(256);
  for (let v = 0; v < 256; v++) {
    const value = d.min + (v / 255) * (d.max - d.min);
    out[v] = hi > lo ? Math.round((255 * Math.min(hi, Math.max(lo, value)) - 255 * lo) / (hi - lo)) : v;
  }
  return out;
}

/** RGBA bytes of the picture: the image, a gap, the overlaid map (width 2w + GAP, height h). */
export function composeSaliency(d: SaliencyData, prev: Frame | null = null): Frame {
  const width = 2 * d.w + GAP;
  const f = makeFrame(width, d.h, prev);
  f.bytes.fill(0);
  const table = saliencyLut().rgba;
  const index = rebase(d);
  for (let y = 0; y < d.h; y++) {
    for (let x = 0; x < d.w; x++) {
      const p = y * d.w + x;
      const [r, g, b] = grey(d, p);
      let o = (y * width + x) * 4;
      f.bytes.set([r, g, b, 255], o);
      const v = index[d.map[p] ?? 0] as number;
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

const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

/**
 * A number for the scale: three significant digits; very small or large values as "7.39 × 10⁻⁵" (a power of ten a
 * student reads, not a programmer's "7.39e-5").
 */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return '—';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1e4) return v.toPrecision(3);
  const [mantissa, exponent] = v.toExponential(2).split('e') as [string, string];
  const power = String(Number(exponent))
    .split('')
    .map((ch) => SUPERSCRIPT[ch] ?? ch)
    .join('');
  return `${mantissa} × 10${power}`;
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
    const range = scaleRange(d);
    lo.textContent = formatValue(range.lo);
    hi.textContent = formatValue(range.hi);
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
