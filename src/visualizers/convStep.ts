/**
 * The Convolution step picture: one canvas (the painted frame from convStepPaint.ts, one putImageData) with the
 * numbers written into its cells (12 px: unscaled for a 3×3 kernel in a two-column panel at 1366 px), and the
 * arithmetic as text lines below it (sum, + bias, → activation). A click on the input map reports its input cell.
 */
import { blit, ctx2d, el, type Frame } from './canvas';
import { mapCellAt, paintConvStep, type ConvStepView, type MapPlace } from './convStepPaint';
import { createFrameScheduler } from './scheduler';
import { scheduledRenderer, type Renderer } from './renderer';

export interface ConvStepData {
  readonly view: ConvStepView;
  /** The arithmetic in words, one line each. */
  readonly lines: readonly string[];
}

export interface ConvStepOptions {
  /** A click on the input map: the input row and column (0-based), or null off the image (on the padding). */
  readonly onInputClick?: (cell: { y: number; x: number } | null) => void;
}

export function createConvStep(
  element: HTMLElement,
  opts: ConvStepOptions = {},
): Renderer<ConvStepData> & { readonly canvas: HTMLCanvasElement } {
  const doc = element.ownerDocument;
  const box = el(doc, 'div', 'viz-conv-step');
  const canvas = el(doc, 'canvas', 'viz-canvas');
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', 'The window, the weights and their products');
  Object.assign(canvas.style, { display: 'block', maxWidth: '100%', height: 'auto' });
  const text = el(doc, 'div', 'viz-readout');
  text.setAttribute('aria-live', 'polite');
  box.append(canvas, text);
  element.appendChild(box);
  let frame: Frame | null = null;
  let current: ConvStepData | null = null;
  let map: MapPlace | null = null;
  const onClick = (e: MouseEvent): void => {
    if (!map || !opts.onInputClick) return;
    const r = canvas.getBoundingClientRect();
    if (r.width <= 0 || r.height <= 0) return;
    const px = ((e.clientX - r.left) / r.width) * canvas.width;
    const py = ((e.clientY - r.top) / r.height) * canvas.height;
    const inMap = px >= map.x && py >= map.y && px < map.x + map.width && py < map.y + map.height;
    if (inMap) opts.onInputClick(mapCellAt(map, px, py));
  };
  canvas.addEventListener('click', onClick);

  const draw = (d: ConvStepData): void => {
    current = d;
    const p = paintConvStep(d.view, frame);
    frame = p.frame;
    map = p.map;
    canvas.style.cursor = p.map && opts.onInputClick ? 'crosshair' : '';
    blit(canvas, p.frame);
    const g = ctx2d(canvas);
    if (g && typeof g.fillText === 'function') {
      g.font = '12px system-ui, sans-serif';
      g.textAlign = 'center';
      g.textBaseline = 'middle';
      for (const l of p.labels) {
        g.fillStyle = l.dark ? '#111' : '#fff';
        g.fillText(l.text, l.x + l.w / 2, l.y + l.h / 2, l.w - 2);
      }
      g.textAlign = 'left';
      g.textBaseline = 'top';
      g.fillStyle = '#333';
      for (const c of p.captions) g.fillText(c.text, c.x, c.y + 1);
    }
    text.replaceChildren(...d.lines.map((line) => el(doc, 'div', 'viz-step-line', line)));
  };
  const scheduler = createFrameScheduler(draw);
  return {
    ...scheduledRenderer(
      scheduler,
      () => current,
      () => {
        canvas.removeEventListener('click', onClick);
        box.remove();
      },
    ),
    canvas,
  };
}
