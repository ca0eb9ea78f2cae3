/**
 * Curves ("Loss"): loss (top) and accuracy (bottom) against step for one or more runs, train solid and validation
 * dashed. Lines go on a canvas after min/max decimation; axes are d3 SVG. Log scale and smoothing are options.
 */
import { axisBottom, axisLeft, scaleLinear, scaleLog, schemeTableau10, select } from 'd3';
import { ctx2d, el, ensureCanvas, sizeCanvas } from './canvas';
import { decimateMinMax, smooth, type XY } from './decimate';
import { createFrameScheduler } from './scheduler';

export interface CurvePoint {
  readonly step: number;
  readonly loss: number;
  readonly accuracy: number;
  readonly valLoss?: number;
  readonly valAccuracy?: number;
}

export interface CurveRun {
  readonly label: string;
  readonly points: readonly CurvePoint[];
}

export interface CurvesData {
  readonly runs: readonly CurveRun[];
  readonly logScale: boolean;
  /** 0 (none) … 0.99. */
  readonly smoothing: number;
}

const W = 560;
const H = 300;
const M = { l: 44, r: 8, t: 8, b: 22 };
const PH = (H - M.t - M.b - 16) / 2;

type Key = 'loss' | 'accuracy' | 'valLoss' | 'valAccuracy';

function series(points: readonly CurvePoint[], key: Key, alpha: number): XY[] {
  const pts = points.filter((p) => p[key] !== undefined && Number.isFinite(p[key]));
  const ys = smooth(pts.map((p) => p[key] as number), key.startsWith('val') ? 0 : alpha);
  return pts.map((p, i) => ({ x: p.step, y: ys[i]! }));
}

export function createCurves(element: HTMLElement): { update(d: CurvesData): void; resize(): void; destroy(): void } {
  const doc = element.ownerDocument;
  const box = el(doc, 'div', 'viz-curves');
  box.style.position = 'relative';
  const canvas = ensureCanvas(box, 'viz-canvas');
  Object.assign(canvas.style, { width: '100%', imageRendering: 'auto', display: 'block' });
  sizeCanvas(canvas, W, H);
  const svgNs = 'http://www.w3.org/2000/svg';
  const svg = doc.createElementNS(svgNs, 'svg');
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  Object.assign(svg.style, { position: 'absolute', left: '0', top: '0', width: '100%', height: '100%', pointerEvents: 'none' });
  box.appendChild(svg);
  const readout = el(doc, 'div', 'viz-readout', 'Hover the chart for values.');
  element.append(box, readout);
  let current: CurvesData | null = null;
  let xScale = scaleLinear().domain([0, 1]).range([M.l, W - M.r]);

  const draw = (d: CurvesData): void => {
    current = d;
    const all = d.runs.flatMap((r) => r.points);
    const maxStep = Math.max(1, ...all.map((p) => p.step));
    const minStep = all.length ? Math.min(...all.map((p) => p.step)) : 0;
    xScale = scaleLinear().domain([minStep, maxStep]).range([M.l, W - M.r]);
    const losses = all.flatMap((p) => [p.loss, p.valLoss ?? NaN]).filter((v) => Number.isFinite(v) && (!d.logScale || v > 0));
    const lo = losses.length ? Math.min(...losses) : 0.01;
    const hi = losses.length ? Math.max(...losses) : 1;
    const yLoss = d.logScale
      ? scaleLog().domain([Math.max(1e-4, lo), Math.max(hi, lo * 1.01, 1e-3)]).range([M.t + PH, M.t]).clamp(true)
      : scaleLinear().domain([0, Math.max(hi, 1e-3)]).range([M.t + PH, M.t]).nice();
    const accTop = M.t + PH + 16;
    const yAcc = scaleLinear().domain([0, 1]).range([accTop + PH, accTop]);
    const s = select(svg);
    s.selectAll('*').remove();
    s.append('g').attr('transform', `translate(${M.l},0)`).call(axisLeft(yLoss).ticks(4, d.logScale ? '.0e' : undefined));
    s.append('g').attr('transform', `translate(${M.l},0)`).call(axisLeft(yAcc).ticks(3, '.0%'));
    s.append('g').attr('transform', `translate(0,${H - M.b})`).call(axisBottom(xScale).ticks(6, 's'));
    s.append('text').attr('x', M.l + 4).attr('y', M.t + 10).attr('font-size', 10).attr('fill', 'currentColor').text('loss');
    s.append('text').attr('x', M.l + 4).attr('y', accTop + 10).attr('font-size', 10).attr('fill', 'currentColor').text('accuracy');
    const g = ctx2d(canvas);
    if (!g) return;
    g.clearRect(0, 0, W, H);
    const cols = W - M.l - M.r;
    d.runs.forEach((run, ri) => {
      const colour = schemeTableau10[ri % 10]!;
      for (const key of ['loss', 'valLoss', 'accuracy', 'valAccuracy'] as const) {
        const y = key === 'loss' || key === 'valLoss' ? yLoss : yAcc;
        const pts = decimateMinMax(series(run.points, key, d.smoothing), cols, minStep, maxStep);
        if (pts.length === 0) continue;
        g.strokeStyle = colour;
        g.lineWidth = key.startsWith('val') ? 2 : 1.25;
        g.setLineDash(key.startsWith('val') ? [5, 3] : []);
        g.beginPath();
        pts.forEach((p, i) => {
          const X = xScale(p.x);
          const Y = y(p.y);
          if (i === 0) g.moveTo(X, Y);
          else g.lineTo(X, Y);
        });
        if (pts.length === 1) g.arc(xScale(pts[0]!.x), y(pts[0]!.y), 2, 0, Math.PI * 2);
        g.stroke();
      }
    });
    g.setLineDash([]);
  };
  const scheduler = createFrameScheduler(draw);
  const onMove = (e: PointerEvent): void => {
    if (!current) return;
    const r = canvas.getBoundingClientRect();
    if (r.width === 0) return;
    const step = xScale.invert(((e.clientX - r.left) / r.width) * W);
    const parts = current.runs.map((run) => {
      let best: CurvePoint | null = null;
      for (const p of run.points) if (!best || Math.abs(p.step - step) < Math.abs(best.step - step)) best = p;
      if (!best) return `${run.label}: no data`;
      const v = (x: number | undefined, pct = false) => (x === undefined || !Number.isFinite(x) ? '–' : pct ? `${(x * 100).toFixed(1)}%` : x.toFixed(4));
      return `${run.label} step ${best.step}: loss ${v(best.loss)}, accuracy ${v(best.accuracy, true)}, validation loss ${v(best.valLoss)}, validation accuracy ${v(best.valAccuracy, true)}`;
    });
    readout.textContent = parts.join(' | ');
  };
  canvas.addEventListener('pointermove', onMove);
  return {
    update: (d) => scheduler.schedule(d),
    resize: () => {
      if (current) scheduler.schedule(current);
    },
    destroy: () => {
      scheduler.cancel();
      canvas.removeEventListener('pointermove', onMove);
      box.remove();
      readout.remove();
    },
  };
}
