/**
 * The Convolution step picture: one canvas (the painted frame from convStepPaint.ts, one putImageData) with the
 * numbers written into its cells, and the arithmetic as text lines below it (sum, + bias, → activation).
 */
import { blit, ctx2d, el, type Frame } from './canvas';
import { paintConvStep, type ConvStepView } from './convStepPaint';
import { createFrameScheduler } from './scheduler';
import { scheduledRenderer, type Renderer } from './renderer';

export interface ConvStepData {
  readonly view: ConvStepView;
  /** The arithmetic in words, one line each. */
  readonly lines: readonly string[];
}

export function createConvStep(
  element: HTMLElement,
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

  const draw = (d: ConvStepData): void => {
    current = d;
    const p = paintConvStep(d.view, frame);
    frame = p.frame;
    blit(canvas, p.frame);
    const g = ctx2d(canvas);
    if (g && typeof g.fillText === 'function') {
      g.font = '10px system-ui, sans-serif';
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
    text.replaceChildren(...d.lines.map((line) => el(doc, 'div', 'viz-caption', line)));
  };
  const scheduler = createFrameScheduler(draw);
  return {
    ...scheduledRenderer(
      scheduler,
      () => current,
      () => box.remove(),
    ),
    canvas,
  };
}
