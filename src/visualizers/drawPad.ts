/**
 * Draw pad: a 280×280 canvas for mouse, touch or pen (pointer events), thick round strokes; on each stroke the
 * drawing is centred and scaled like MNIST into 28×28 and handed to `onChange`.
 */
import { ctx2d, canvasPoint, ensureCanvas, sizeCanvas } from './canvas';
import { centreLikeMnist } from './centreLikeMnist';

export const PAD = 280;

export interface DrawPad {
  clear(): void;
  resize(): void;
  destroy(): void;
}

export function createDrawPad(
  element: HTMLElement | HTMLCanvasElement,
  options: { onChange: (pixels: Uint8Array) => void },
): DrawPad {
  const canvas = ensureCanvas(element, 'viz-canvas viz-drawpad');
  sizeCanvas(canvas, PAD, PAD);
  Object.assign(canvas.style, {
    touchAction: 'none',
    background: '#000',
    width: '100%',
    maxWidth: `${PAD}px`,
    imageRendering: 'auto',
  });
  let last: { x: number; y: number } | null = null;
  let lastEmit = 0;
  const emit = (): void => {
    const g = ctx2d(canvas);
    if (!g) return;
    const rgba = g.getImageData(0, 0, PAD, PAD).data;
    const grey = new Uint8Array(PAD * PAD);
    for (let i = 0; i < grey.length; i++) grey[i] = rgba[i * 4]!;
    options.onChange(centreLikeMnist(grey, PAD, PAD));
  };
  const line = (a: { x: number; y: number }, b: { x: number; y: number }): void => {
    const g = ctx2d(canvas);
    if (!g) return;
    g.strokeStyle = '#fff';
    g.lineWidth = 22;
    g.lineCap = 'round';
    g.lineJoin = 'round';
    g.beginPath();
    g.moveTo(a.x, a.y);
    g.lineTo(b.x, b.y);
    g.stroke();
  };
  const down = (e: PointerEvent): void => {
    canvas.setPointerCapture?.(e.pointerId);
    last = canvasPoint(canvas, e.clientX, e.clientY);
    if (last) line(last, last);
  };
  const move = (e: PointerEvent): void => {
    if (!last) return;
    const p = canvasPoint(canvas, e.clientX, e.clientY);
    if (!p) return;
    line(last, p);
    last = p;
    const now = performance.now();
    if (now - lastEmit > 120) {
      lastEmit = now;
      emit();
    }
  };
  const up = (): void => {
    if (!last) return;
    last = null;
    emit();
  };
  canvas.addEventListener('pointerdown', down);
  canvas.addEventListener('pointermove', move);
  canvas.addEventListener('pointerup', up);
  canvas.addEventListener('pointercancel', up);
  const clear = (): void => {
    const g = ctx2d(canvas);
    if (!g) return;
    g.fillStyle = '#000';
    g.fillRect(0, 0, PAD, PAD);
  };
  clear();
  return {
    clear,
    resize() {},
    destroy() {
      canvas.removeEventListener('pointerdown', down);
      canvas.removeEventListener('pointermove', move);
      canvas.removeEventListener('pointerup', up);
      canvas.removeEventListener('pointercancel', up);
      if (!(element instanceof HTMLCanvasElement)) canvas.remove();
    },
  };
}
