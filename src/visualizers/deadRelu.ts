/**
 * Dead ReLU: per ReLU layer the dead fraction now (bars, left) and over steps (lines, right), on one canvas.
 * The 50 % warning line is dashed; bars above it are red.
 */
import { schemeTableau10 } from 'd3';
import { ctx2d, el, ensureCanvas, sizeCanvas } from './canvas';
import { createFrameScheduler } from './scheduler';
import { scheduledRenderer, type Renderer } from './renderer';

export interface DeadReluData {
  /** `node` (short) labels the bars; `label` (long) the text readout. */
  readonly layers: readonly {
    readonly node: string;
    readonly label: string;
    readonly deadFraction: number;
  }[];
  /** Earlier values: per step, one fraction per layer (same order). */
  readonly history: readonly { readonly step: number; readonly fractions: readonly number[] }[];
}

// Drawn near the size a panel shows it at (≥ 320 px wide), so the 10 px labels stay readable.
const W = 340;
const H = 150;
const BAR_W = 150;
const LABEL_W = 66;
const PCT_W = 28;
const WARN = '#d62728';
/** Series colours without Tableau's red, which would read as the >50 % warning. */
const SERIES = schemeTableau10.filter((c) => c.toLowerCase() !== '#e15759');
const colour = (i: number): string => SERIES[i % SERIES.length]!;

/** Text cut with an ellipsis to fit `width` pixels. */
function fitText(g: CanvasRenderingContext2D, text: string, width: number): string {
  if (g.measureText(text).width <= width) return text;
  let t = text;
  while (t.length > 1 && g.measureText(`${t}…`).width > width) t = t.slice(0, -1);
  return `${t}…`;
}

export function createDeadRelu(element: HTMLElement | HTMLCanvasElement): Renderer<DeadReluData> {
  const canvas = ensureCanvas(element, 'viz-canvas viz-deadrelu');
  canvas.style.width = '100%';
  canvas.style.imageRendering = 'auto';
  sizeCanvas(canvas, W, H);
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', 'Dead ReLU fractions');
  const host = element instanceof HTMLCanvasElement ? (element.parentElement ?? element) : element;
  const legend = el(element.ownerDocument, 'div', 'viz-readout');
  host.appendChild(legend);
  let current: DeadReluData | null = null;
  const draw = (d: DeadReluData): void => {
    current = d;
    const g = ctx2d(canvas);
    // One unbreakable item per layer, so a line wraps between layers, never inside "activation_2 (activation)".
    if (d.layers.length === 0) legend.textContent = 'No ReLU layers.';
    else
      legend.replaceChildren(
        ...d.layers.flatMap((l, i) => {
          const item = el(
            element.ownerDocument,
            'span',
            'viz-nowrap',
            `${l.label}: ${(l.deadFraction * 100).toFixed(0)}% dead`,
          );
          return i === 0 ? [item] : [element.ownerDocument.createTextNode(' · '), item];
        }),
      );
    if (!g) return;
    g.clearRect(0, 0, W, H);
    g.font = '10px sans-serif';
    const n = Math.max(1, d.layers.length);
    const rowH = Math.min(24, (H - 10) / n);
    g.textBaseline = 'middle';
    const track = BAR_W - LABEL_W - PCT_W;
    d.layers.forEach((l, i) => {
      const y = 5 + i * rowH;
      const f = Math.max(0, Math.min(1, l.deadFraction));
      g.fillStyle = '#8884';
      g.fillRect(LABEL_W, y, track, rowH - 4);
      g.fillStyle = f > 0.5 ? WARN : colour(i);
      g.fillRect(LABEL_W, y, track * f, rowH - 4);
      g.fillStyle = '#888';
      g.fillText(fitText(g, l.node, LABEL_W - 4), 2, y + (rowH - 4) / 2);
      g.fillText(`${Math.round(f * 100)}%`, LABEL_W + track + 3, y + (rowH - 4) / 2);
    });
    g.textBaseline = 'alphabetic';
    const x0 = BAR_W + 10;
    const pw = W - x0 - 4;
    const ph = H - 20; // room under the plot for the step labels
    g.strokeStyle = '#8886';
    g.strokeRect(x0, 5, pw, ph);
    g.setLineDash([4, 3]);
    g.beginPath();
    g.moveTo(x0, 5 + ph / 2);
    g.lineTo(x0 + pw, 5 + ph / 2);
    g.stroke();
    g.setLineDash([]);
    const hs = d.history;
    if (hs.length > 0) {
      const s0 = hs[0]!.step;
      const s1 = Math.max(s0 + 1, hs[hs.length - 1]!.step);
      for (let li = 0; li < d.layers.length; li++) {
        g.strokeStyle = colour(li);
        g.lineWidth = 1.5;
        g.beginPath();
        hs.forEach((h, k) => {
          const v = h.fractions[li] ?? 0;
          const x = x0 + ((h.step - s0) / (s1 - s0)) * pw;
          const y = 5 + ph * (1 - v);
          if (k === 0) g.moveTo(x, y);
          else g.lineTo(x, y);
        });
        g.stroke();
      }
      g.fillStyle = '#888';
      g.fillText(`step ${s0}`, x0 + 2, H - 3);
      g.textAlign = 'right';
      g.fillText(`${hs[hs.length - 1]!.step}`, x0 + pw, H - 3);
      g.textAlign = 'left';
    }
  };
  const scheduler = createFrameScheduler(draw);
  return scheduledRenderer(
    scheduler,
    () => current,
    () => {
      legend.remove();
      if (!(element instanceof HTMLCanvasElement)) canvas.remove();
    },
  );
}
