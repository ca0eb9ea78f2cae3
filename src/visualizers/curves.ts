/**
 * Curves ("Loss"): loss (top) and accuracy (bottom) against step for one or more runs, train solid and validation
 * dashed. Lines go on a canvas after min/max decimation; axes are d3 SVG. Log scale and smoothing are options.
 * GAN runs (points with `gan`) plot D loss and G loss on top and D(x) vs D(G(z)) below, one colour per series.
 */
import { axisBottom, axisLeft, scaleLinear, scaleLog, schemeTableau10, select } from 'd3';
import { ctx2d, el, ensureCanvas, observeWidth, sizeCanvas } from './canvas';
import { decimateMinMax, smooth, type XY } from './decimate';
import { createFrameScheduler } from './scheduler';

export interface CurvePoint {
  readonly step: number;
  readonly loss: number;
  readonly accuracy: number;
  readonly valLoss?: number;
  readonly valAccuracy?: number;
  readonly gan?: {
    readonly dLoss: number;
    readonly gLoss: number;
    readonly dReal: number;
    readonly dFake: number;
  };
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

/**
 * Drawn at the size it is shown (CSS pixels × devicePixelRatio), so text stays at its font size: width from the
 * container, height from the width within [MIN_H, MAX_H]. Each plot has a title strip above it, clear of the ticks.
 */
const M = { l: 44, r: 10, t: 2, b: 24 };
const TITLE = 16;
const FONT = 11;
const MIN_H = 220;
const MAX_H = 340;
const FALLBACK_W = 320;

/** Chart height for a container width. */
export function chartHeight(width: number): number {
  return Math.round(Math.max(MIN_H, Math.min(MAX_H, width * 0.66)));
}

type Key = 'loss' | 'accuracy' | 'valLoss' | 'valAccuracy' | 'dLoss' | 'gLoss' | 'dReal' | 'dFake';

/** The value of a series at a point, or undefined where the point has none. */
export function seriesValue(p: CurvePoint, key: Key): number | undefined {
  switch (key) {
    case 'dLoss':
    case 'gLoss':
    case 'dReal':
    case 'dFake':
      return p.gan?.[key];
    default:
      return p[key];
  }
}

function series(points: readonly CurvePoint[], key: Key, alpha: number): XY[] {
  const pts = points.filter((p) => Number.isFinite(seriesValue(p, key)));
  const ys = smooth(
    pts.map((p) => seriesValue(p, key)!),
    key.startsWith('val') ? 0 : alpha,
  );
  return pts.map((p, i) => ({ x: p.step, y: ys[i]! }));
}

export const isGanRun = (run: CurveRun): boolean => run.points.some((p) => p.gan !== undefined);

/** What a run plots: top (loss scale) and bottom (0..1) series with their style. `colour` null = the run's colour. */
export interface SeriesStyle {
  readonly key: Key;
  readonly label: string;
  readonly panel: 'top' | 'bottom';
  readonly colour: string | null;
  readonly dashed: boolean;
}

const CLASSIFIER_SERIES: readonly SeriesStyle[] = [
  { key: 'loss', label: 'loss', panel: 'top', colour: null, dashed: false },
  { key: 'valLoss', label: 'validation loss', panel: 'top', colour: null, dashed: true },
  { key: 'accuracy', label: 'accuracy', panel: 'bottom', colour: null, dashed: false },
  { key: 'valAccuracy', label: 'validation accuracy', panel: 'bottom', colour: null, dashed: true },
];
export const GAN_SERIES: readonly SeriesStyle[] = [
  { key: 'dLoss', label: 'D loss', panel: 'top', colour: '#4e79a7', dashed: false },
  { key: 'gLoss', label: 'G loss', panel: 'top', colour: '#f28e2b', dashed: false },
  { key: 'dReal', label: 'D(x)', panel: 'bottom', colour: '#59a14f', dashed: false },
  { key: 'dFake', label: 'D(G(z))', panel: 'bottom', colour: '#e15759', dashed: false },
];

export function seriesOf(run: CurveRun): readonly SeriesStyle[] {
  return isGanRun(run) ? GAN_SERIES : CLASSIFIER_SERIES;
}

export function createCurves(element: HTMLElement): {
  update(d: CurvesData): void;
  resize(): void;
  destroy(): void;
} {
  const doc = element.ownerDocument;
  const box = el(doc, 'div', 'viz-curves');
  box.style.position = 'relative';
  const canvas = ensureCanvas(box, 'viz-canvas');
  Object.assign(canvas.style, { width: '100%', imageRendering: 'auto', display: 'block' });
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', 'Loss and accuracy curves');
  const svgNs = 'http://www.w3.org/2000/svg';
  const svg = doc.createElementNS(svgNs, 'svg');
  Object.assign(svg.style, {
    position: 'absolute',
    left: '0',
    top: '0',
    width: '100%',
    height: '100%',
    pointerEvents: 'none',
  });
  box.appendChild(svg);
  const readout = el(doc, 'div', 'viz-readout', 'Hover the chart for values.');
  element.append(box, readout);
  let current: CurvesData | null = null;
  let W = FALLBACK_W;
  let H = chartHeight(W);
  let xScale = scaleLinear()
    .domain([0, 1])
    .range([M.l, W - M.r]);
  const setSize = (width: number): void => {
    W = Math.max(200, Math.round(width) || FALLBACK_W);
    H = chartHeight(W);
    const dpr = doc.defaultView?.devicePixelRatio ?? 1;
    sizeCanvas(canvas, Math.round(W * dpr), Math.round(H * dpr));
    canvas.style.height = `${H}px`;
    svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  };
  setSize(box.clientWidth);

  const draw = (d: CurvesData): void => {
    current = d;
    // Two plots with a title strip above each, between the top margin and the x axis.
    const PH = (H - M.t - M.b - 2 * TITLE) / 2;
    const lossTop = M.t + TITLE;
    const all = d.runs.flatMap((r) => r.points);
    const maxStep = Math.max(1, ...all.map((p) => p.step));
    const minStep = all.length ? Math.min(...all.map((p) => p.step)) : 0;
    xScale = scaleLinear()
      .domain([minStep, maxStep])
      .range([M.l, W - M.r]);
    const losses = all
      .flatMap((p) => (p.gan ? [p.gan.dLoss, p.gan.gLoss] : [p.loss, p.valLoss ?? NaN]))
      .filter((v) => Number.isFinite(v) && (!d.logScale || v > 0));
    const anyGan = d.runs.some(isGanRun);
    const anyClassifier = d.runs.some((r) => r.points.length > 0 && !isGanRun(r));
    const lo = losses.length ? Math.min(...losses) : 0.01;
    const hi = losses.length ? Math.max(...losses) : 1;
    const yLoss = d.logScale
      ? scaleLog()
          .domain([Math.max(1e-4, lo), Math.max(hi, lo * 1.01, 1e-3)])
          .range([lossTop + PH, lossTop])
          .clamp(true)
      : scaleLinear()
          .domain([0, Math.max(hi, 1e-3)])
          .range([lossTop + PH, lossTop])
          .nice();
    const accTop = lossTop + PH + TITLE;
    const yAcc = scaleLinear()
      .domain([0, 1])
      .range([accTop + PH, accTop]);
    const s = select(svg);
    s.selectAll('*').remove();
    const yTicks = PH >= 90 ? 4 : 3;
    s.append('g')
      .attr('transform', `translate(${M.l},0)`)
      .call(axisLeft(yLoss).ticks(yTicks, d.logScale ? '.0e' : undefined))
      .attr('font-size', FONT);
    s.append('g')
      .attr('transform', `translate(${M.l},0)`)
      .call(axisLeft(yAcc).ticks(yTicks - 1, '.0%'))
      .attr('font-size', FONT);
    const xTicks = Math.max(2, Math.floor((W - M.l - M.r) / 60));
    s.append('g')
      .attr('transform', `translate(0,${H - M.b})`)
      .call(axisBottom(xScale).ticks(xTicks, 's'))
      .attr('font-size', FONT);
    const topLabel =
      anyGan && !anyClassifier ? 'D loss · G loss' : anyGan ? 'loss · D loss · G loss' : 'loss';
    const bottomLabel =
      anyGan && !anyClassifier ? 'D(x) · D(G(z))' : anyGan ? 'accuracy · D(x) · D(G(z))' : 'accuracy';
    // Titles sit in the strip above each plot, right of the axis: clear of the top tick ("100%") and of the curves.
    const titleY = (plotTop: number): number => plotTop - 5;
    s.append('text')
      .attr('x', M.l + 6)
      .attr('y', titleY(lossTop))
      .attr('font-size', FONT)
      .attr('fill', 'currentColor')
      .text(topLabel);
    s.append('text')
      .attr('x', M.l + 6)
      .attr('y', titleY(accTop))
      .attr('font-size', FONT)
      .attr('fill', 'currentColor')
      .text(bottomLabel);
    if (anyGan) {
      const legend = s.append('g').attr('class', 'viz-curves-legend').attr('font-size', FONT);
      GAN_SERIES.forEach((st, i) => {
        const y = titleY(st.panel === 'top' ? lossTop : accTop);
        const x = W - M.r - 64 * (2 - (i % 2));
        legend
          .append('rect')
          .attr('x', x)
          .attr('y', y - 5)
          .attr('width', 10)
          .attr('height', 3)
          .attr('fill', st.colour ?? 'currentColor');
        legend
          .append('text')
          .attr('x', x + 13)
          .attr('y', y)
          .attr('fill', 'currentColor')
          .text(st.label);
      });
    }
    const g = ctx2d(canvas);
    if (!g) return;
    const dpr = canvas.width / W;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, W, H);
    const cols = W - M.l - M.r;
    d.runs.forEach((run, ri) => {
      const runColour = schemeTableau10[ri % 10]!;
      // GAN series are coloured per series; older runs fade so the current one reads first.
      g.globalAlpha = isGanRun(run) && ri < d.runs.length - 1 ? 0.35 : 1;
      for (const st of seriesOf(run)) {
        const y = st.panel === 'top' ? yLoss : yAcc;
        const pts = decimateMinMax(series(run.points, st.key, d.smoothing), cols, minStep, maxStep);
        if (pts.length === 0) continue;
        g.strokeStyle = st.colour ?? runColour;
        g.lineWidth = st.dashed ? 2 : 1.25;
        g.setLineDash(st.dashed ? [5, 3] : []);
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
    g.globalAlpha = 1;
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
      const v = (x: number | undefined, pct = false) =>
        x === undefined || !Number.isFinite(x) ? '–' : pct ? `${(x * 100).toFixed(1)}%` : x.toFixed(4);
      if (best.gan) {
        const q = best.gan;
        return `${run.label} step ${best.step}: D loss ${v(q.dLoss)}, G loss ${v(q.gLoss)}, D(x) ${v(q.dReal)}, D(G(z)) ${v(q.dFake)}`;
      }
      return `${run.label} step ${best.step}: loss ${v(best.loss)}, accuracy ${v(best.accuracy, true)}, validation loss ${v(best.valLoss)}, validation accuracy ${v(best.valAccuracy, true)}`;
    });
    readout.textContent = parts.join(' | ');
  };
  canvas.addEventListener('pointermove', onMove);
  const resize = (): void => {
    setSize(box.clientWidth);
    if (current) scheduler.schedule(current);
  };
  const unobserve = observeWidth(box, resize);
  return {
    update: (d) => scheduler.schedule(d),
    resize,
    destroy: () => {
      unobserve();
      scheduler.cancel();
      canvas.removeEventListener('pointermove', onMove);
      box.remove();
      readout.remove();
    },
  };
}
