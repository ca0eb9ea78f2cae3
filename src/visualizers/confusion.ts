/**
 * Confusion matrix: rows = true class, columns = predicted; cell colour = share of the row, count as text.
 * Clicking a cell calls back with (true, predicted). `confusionCellAt` is the pure click → cell mapping.
 */
import { viridisLut } from './colormap';
import { canvasPoint, ctx2d, el, ensureCanvas, sizeCanvas } from './canvas';
import { createFrameScheduler } from './scheduler';
import { scheduledRenderer, type Renderer } from './renderer';

export const CELL = 28;
export const MARGIN = 18;

export interface ConfusionData {
  readonly classes: number;
  readonly matrix: Int32Array;
  readonly names?: readonly string[];
}

export function confusionCellAt(
  classes: number,
  x: number,
  y: number,
  cell = CELL,
  margin = MARGIN,
): { row: number; col: number } | null {
  const col = Math.floor((x - margin) / cell);
  const row = Math.floor((y - margin) / cell);
  if (x < margin || y < margin || col >= classes || row >= classes) return null;
  return { row, col };
}

export interface ConfusionOptions {
  readonly onCell?: (trueClass: number, predicted: number) => void;
}

export function createConfusion(
  element: HTMLElement | HTMLCanvasElement,
  options: ConfusionOptions = {},
): Renderer<ConfusionData> {
  const canvas = ensureCanvas(element, 'viz-canvas viz-confusion');
  canvas.style.imageRendering = 'auto';
  canvas.style.maxWidth = '100%';
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', 'Confusion matrix cells: rows true class, columns predicted');
  const host = element instanceof HTMLCanvasElement ? (element.parentElement ?? element) : element;
  const note = el(
    element.ownerDocument,
    'div',
    'viz-readout',
    'Rows: true class. Columns: predicted. Click a cell to see its images.',
  );
  host.appendChild(note);
  let current: ConfusionData | null = null;
  const lut = viridisLut();
  const draw = (d: ConfusionData): void => {
    current = d;
    const n = d.classes;
    const size = MARGIN + n * CELL;
    sizeCanvas(canvas, size, size);
    const g = ctx2d(canvas);
    if (!g) return;
    g.clearRect(0, 0, size, size);
    g.font = '10px sans-serif';
    g.textAlign = 'center';
    g.textBaseline = 'middle';
    for (let r = 0; r < n; r++) {
      let sum = 0;
      for (let c = 0; c < n; c++) sum += d.matrix[r * n + c]!;
      g.fillStyle = '#888';
      const name = d.names?.[r] ?? String(r);
      g.fillText(name.slice(0, 3), MARGIN / 2, MARGIN + r * CELL + CELL / 2);
      g.fillText(name.slice(0, 3), MARGIN + r * CELL + CELL / 2, MARGIN / 2);
      for (let c = 0; c < n; c++) {
        const v = d.matrix[r * n + c]!;
        const share = sum > 0 ? v / sum : 0;
        const idx = Math.round(share * 255);
        g.fillStyle = lut.css(idx);
        g.fillRect(MARGIN + c * CELL, MARGIN + r * CELL, CELL - 1, CELL - 1);
        if (v > 0) {
          g.fillStyle = idx > 150 ? '#000' : '#fff';
          g.fillText(String(v), MARGIN + c * CELL + CELL / 2, MARGIN + r * CELL + CELL / 2);
        }
      }
    }
  };
  const scheduler = createFrameScheduler(draw);
  const onClick = (e: MouseEvent): void => {
    if (!current) return;
    const p = canvasPoint(canvas, e.clientX, e.clientY);
    const hit = p ? confusionCellAt(current.classes, p.x, p.y) : null;
    if (hit) options.onCell?.(hit.row, hit.col);
  };
  canvas.addEventListener('click', onClick);
  return scheduledRenderer(
    scheduler,
    () => current,
    () => {
      canvas.removeEventListener('click', onClick);
      note.remove();
      if (!(element instanceof HTMLCanvasElement)) canvas.remove();
    },
  );
}
