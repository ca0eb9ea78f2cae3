/**
 * Pooling: a pooling layer's input and output maps side by side (first channels). Hovering an output cell
 * highlights the winning input cell (max, from argmax) or the whole window (average).
 */
import { greysLut } from './colormap';
import { blit, canvasPoint, ctx2d, el, makeFrame, sizeCanvas, type Frame } from './canvas';
import { fillMaps } from './pixels';
import { createFrameScheduler } from './scheduler';
import { scheduledRenderer, type Renderer } from './renderer';

export interface PoolingData {
  readonly input: {
    readonly h: number;
    readonly w: number;
    readonly count: number;
    readonly data: Uint8Array;
  };
  readonly output: {
    readonly h: number;
    readonly w: number;
    readonly count: number;
    readonly data: Uint8Array;
  };
  readonly argmax: Int32Array | null;
  readonly pool: readonly [number, number];
  readonly stride: readonly [number, number];
}

export const POOL_CHANNELS = 4;
const S = 3;
const GAP = 6;

/** Input cells to outline for output cell (c, oy, ox): the argmax cell (max) or the window (average). */
export function poolCells(
  d: PoolingData,
  c: number,
  oy: number,
  ox: number,
): { y: number; x: number; h: number; w: number } {
  const { h: oh, w: ow, count } = d.output;
  if (d.argmax) {
    const i =
      d.argmax.length === oh * ow * count ? d.argmax[c * oh * ow + oy * ow + ox] : d.argmax[oy * ow + ox];
    if (i !== undefined && i >= 0) return { y: Math.floor(i / d.input.w), x: i % d.input.w, h: 1, w: 1 };
  }
  const y = oy * d.stride[0];
  const x = ox * d.stride[1];
  return { y, x, h: Math.min(d.pool[0], d.input.h - y), w: Math.min(d.pool[1], d.input.w - x) };
}

export function createPooling(element: HTMLElement, options: { label?: string } = {}): Renderer<PoolingData> {
  const doc = element.ownerDocument;
  // The box shrinks to the canvas (drawn at 3× already, never stretched past that), so the overlay covers it exactly.
  const box = el(doc, 'div', 'viz-pooling');
  Object.assign(box.style, { position: 'relative', width: 'fit-content', maxWidth: '100%' });
  const base = el(doc, 'canvas', 'viz-canvas');
  const overlay = el(doc, 'canvas', 'viz-overlay');
  for (const c of [base, overlay]) Object.assign(c.style, { imageRendering: 'pixelated', display: 'block' });
  Object.assign(base.style, { maxWidth: '100%', height: 'auto' });
  Object.assign(overlay.style, {
    position: 'absolute',
    left: '0',
    top: '0',
    width: '100%',
    height: '100%',
    pointerEvents: 'none',
  });
  base.setAttribute('role', 'img');
  base.setAttribute('aria-label', 'Pooling input and output maps');
  const readout = el(
    doc,
    'div',
    'viz-readout',
    options.label ?? 'Hover an output cell (right) to see which input cells it came from (left).',
  );
  box.append(base, overlay);
  element.append(box, readout);
  let frame: Frame | null = null;
  let current: PoolingData | null = null;
  const geometry = (d: PoolingData) => {
    const n = Math.min(POOL_CHANNELS, d.input.count, d.output.count);
    const inW = d.input.w * S;
    const outX = inW + GAP * 3;
    const rowH = d.input.h * S + GAP;
    return {
      n,
      inW,
      outX,
      rowH,
      width: outX + d.output.w * S * Math.max(1, Math.floor(d.input.h / Math.max(1, d.output.h))),
      height: n * rowH - GAP,
    };
  };
  const draw = (d: PoolingData): void => {
    current = d;
    const g = geometry(d);
    const outScale = S * Math.max(1, Math.floor(d.input.h / Math.max(1, d.output.h)));
    frame = makeFrame(g.width, Math.max(1, g.height), frame);
    frame.packed.fill(0);
    const lut = greysLut().packed;
    for (let c = 0; c < g.n; c++) {
      fillMaps(
        frame.packed,
        frame.width,
        0,
        c * g.rowH,
        d.input.data.subarray(c * d.input.h * d.input.w),
        1,
        d.input.h,
        d.input.w,
        { cols: 1, gap: 0, scale: S },
        lut,
      );
      fillMaps(
        frame.packed,
        frame.width,
        g.outX,
        c * g.rowH,
        d.output.data.subarray(c * d.output.h * d.output.w),
        1,
        d.output.h,
        d.output.w,
        { cols: 1, gap: 0, scale: outScale },
        lut,
      );
    }
    blit(base, frame);
    sizeCanvas(overlay, frame.width, frame.height);
  };
  const scheduler = createFrameScheduler(draw);
  const onMove = (e: PointerEvent): void => {
    if (!current) return;
    const d = current;
    const g = geometry(d);
    const outScale = S * Math.max(1, Math.floor(d.input.h / Math.max(1, d.output.h)));
    const p = canvasPoint(base, e.clientX, e.clientY);
    const gc = ctx2d(overlay);
    if (!p || !gc) return;
    gc.clearRect(0, 0, overlay.width, overlay.height);
    const c = Math.floor(p.y / g.rowH);
    const oy = Math.floor((p.y - c * g.rowH) / outScale);
    const ox = Math.floor((p.x - g.outX) / outScale);
    if (c >= g.n || ox < 0 || ox >= d.output.w || oy < 0 || oy >= d.output.h) return;
    const cell = poolCells(d, c, oy, ox);
    gc.strokeStyle = 'rgb(255, 80, 40)';
    gc.lineWidth = 2;
    gc.strokeRect(g.outX + ox * outScale + 1, c * g.rowH + oy * outScale + 1, outScale - 2, outScale - 2);
    gc.strokeRect(cell.x * S + 1, c * g.rowH + cell.y * S + 1, cell.w * S - 2, cell.h * S - 2);
    readout.textContent = `channel ${c + 1}, output (${oy}, ${ox}) ← ${d.argmax ? `max at input (${cell.y}, ${cell.x})` : `mean of input rows ${cell.y}–${cell.y + cell.h - 1}, columns ${cell.x}–${cell.x + cell.w - 1}`}`;
  };
  base.addEventListener('pointermove', onMove);
  return scheduledRenderer(
    scheduler,
    () => current,
    () => {
      base.removeEventListener('pointermove', onMove);
      box.remove();
      readout.remove();
    },
  );
}
