/**
 * Curves ("Loss"): loss (top) and accuracy (bottom) against step, or against training time, for one or more runs,
 * train solid and validation dashed. Lines go on a canvas after min/max decimation; axes are d3 SVG. Log scale and smoothing are options.
 * GAN runs (points with `gan`) plot D loss and G loss on top and D(x) vs D(G(z)) below, one colour per series.
 * The lower plot only exists where something has values for it: an autoencoder's loss takes the whole height.
 */
import { color, scaleLinear, scaleLog, schemeTableau10, select, type ScaleContinuousNumeric } from 'd3';
import { ctx2d, el, ensureCanvas, observeWidth, sizeCanvas } from './canvas';
import { decimateMinMax, smooth, type XY } from './decimate';
import { createFrameScheduler } from './scheduler';
import { createSvgAxis } from './svgAxis';
import type { Renderer } from './renderer';

export interface CurvePoint {
  readonly step: number;
  /** Training time of the run at this step, seconds (pauses not counted); absent where it was not measured. */
  readonly seconds?: number;
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

/** The colour of the i-th run drawn (the legend beside the chart uses it too). */
export const runColour = (i: number): string => schemeTableau10[i % 10]!;

export interface CurvesData {
  readonly runs: readonly CurveRun[];
  readonly logScale: boolean;
  /** 0 (none) … 0.99. */
  readonly smoothing: number;
  /** The lower plot the caller expects before any run has values for it (a classifier's accuracy, a GAN's D(x)),
   *  so the chart does not change shape at the first point. Omitted: only what the runs hold is plotted. */
  readonly expectLower?: 'accuracy' | 'gan';
  /** What the x axis measures: steps (the default), steps on a log scale, or seconds of training. Points without a
   *  time are left out by time. */
  readonly xAxis?: XAxis;
}

/**
 * 'logStep' spreads out the first steps: 30 steps of L-BFGS take a third of the axis beside 3,000 of SGD, where a
 * linear axis squeezes them into its first pixels.
 */
export type XAxis = 'step' | 'logStep' | 'seconds';

/** A point's place on the x axis: its step, or its training time (NaN where it has none, or a step below 1 on a log
 *  axis). */
export const xOf = (p: CurvePoint, axis: XAxis = 'step'): number =>
  axis === 'seconds' ? (p.seconds ?? Number.NaN) : axis === 'logStep' && !(p.step >= 1) ? Number.NaN : p.step;

/** The x axis's title, with its unit. */
export const xAxisTitle = (axis: XAxis = 'step'): string =>
  axis === 'seconds' ? 'training time (s)' : axis === 'logStep' ? 'step (log scale)' : 'step';

/**
 * The x range of the runs' points: at least one step (or one second) wide, so a single point does not get a
 * zero-width axis with fractional ticks. Time starts at 0 (the run's start), a log axis of steps at step 1.
 */
export function xDomain(runs: readonly CurveRun[], axis: XAxis = 'step'): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const r of runs)
    for (const p of r.points) {
      const x = xOf(p, axis);
      if (!Number.isFinite(x)) continue;
      if (x < min) min = x;
      if (x > max) max = x;
    }
  if (axis === 'seconds') min = 0;
  if (axis === 'logStep') min = 1;
  if (min === Infinity) min = 0;
  return [min, Math.max(min + 1, max)];
}

export interface CurvesOptions {
  /** Take the height of the container (a flex column that gives the chart its room) instead of deriving it from
   *  the width. */
  readonly fillHeight?: boolean;
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

/** Smallest chart in fill mode: two plots of about 30 px. The chart shrinks to what the panel leaves it (a docked
 *  row at 1366×768 with six runs' legend leaves about 140 px) rather than push its x axis out of the panel. */
const MIN_FILL_H = 110;

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

function series(points: readonly CurvePoint[], key: Key, alpha: number, axis: XAxis): XY[] {
  const pts = points.filter((p) => Number.isFinite(seriesValue(p, key)) && Number.isFinite(xOf(p, axis)));
  const ys = smooth(
    pts.map((p) => seriesValue(p, key)!),
    key.startsWith('val') ? 0 : alpha,
  );
  return pts.map((p, i) => ({ x: xOf(p, axis), y: ys[i]! }));
}

/** Min/max decimation into pixel columns: on a log axis the columns are even in log(step), not in step. */
function decimated(pts: readonly XY[], cols: number, x0: number, x1: number, axis: XAxis): XY[] {
  if (axis !== 'logStep') return decimateMinMax(pts, cols, x0, x1);
  const logged = pts.map((p) => ({ x: Math.log10(p.x), y: p.y }));
  return decimateMinMax(logged, cols, Math.log10(x0), Math.log10(x1)).map((p) => ({ x: 10 ** p.x, y: p.y }));
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

/** What the chart shows: the titles of the upper and lower plots; `lower` null = the loss plot alone. */
export interface PlotLayout {
  readonly upper: string;
  readonly lower: string | null;
}

const hasAccuracy = (run: CurveRun): boolean =>
  !isGanRun(run) &&
  run.points.some((p) => Number.isFinite(p.accuracy) || Number.isFinite(p.valAccuracy ?? NaN));

export function plotLayout(runs: readonly CurveRun[], expectLower?: CurvesData['expectLower']): PlotLayout {
  const gan = expectLower === 'gan' || runs.some(isGanRun);
  const other = expectLower === 'accuracy' || runs.some((r) => r.points.length > 0 && !isGanRun(r));
  const accuracy = expectLower === 'accuracy' || runs.some(hasAccuracy);
  const upper = gan && !other ? 'D loss · G loss' : gan ? 'loss · D loss · G loss' : 'loss';
  const lower =
    gan && accuracy ? 'accuracy · D(x) · D(G(z))' : gan ? 'D(x) · D(G(z))' : accuracy ? 'accuracy' : null;
  return { upper, lower };
}

/** How a series is stroked. Validation is sparse and sits on the training curve: thicker, with long dashes, in a
 *  darker (light theme) or lighter (dark theme) shade of the run's colour, over a halo of the background. */
export interface Stroke {
  readonly colour: string;
  readonly width: number;
  readonly dash: readonly number[];
  /** Drawn first, wider, in the background colour, so the dashes stand clear of the lines they cross. */
  readonly halo: number;
}
export const VALIDATION_DASH: readonly number[] = [8, 4];

export function strokeFor(style: SeriesStyle, runColour: string, darkBackground: boolean): Stroke {
  const base = style.colour ?? runColour;
  if (!style.dashed) return { colour: base, width: 1.25, dash: [], halo: 0 };
  const c = color(base);
  const shade = c ? (darkBackground ? c.brighter(0.8) : c.darker(0.8)).formatHex() : base;
  return { colour: shade, width: 2.5, dash: VALIDATION_DASH, halo: 5 };
}

/** Relative luminance of a CSS colour in 0..1 (0.5 when it cannot be read). */
function luminance(css: string): number {
  const c = color(css)?.rgb();
  if (!c) return 0.5;
  return (0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b) / 255;
}

/** Calls back when the element's width or height changes (fill mode sizes the chart to both). */
function observeSize(element: HTMLElement, onSize: () => void): () => void {
  if (typeof ResizeObserver === 'undefined') return () => {};
  let last = '';
  const ro = new ResizeObserver(() => {
    const key = `${element.clientWidth}x${element.clientHeight}`;
    if (key === last) return;
    last = key;
    onSize();
  });
  ro.observe(element);
  return () => ro.disconnect();
}

export function createCurves(element: HTMLElement, options: CurvesOptions = {}): Renderer<CurvesData> {
  const doc = element.ownerDocument;
  const fill = options.fillHeight === true;
  const box = el(doc, 'div', 'viz-curves');
  box.style.position = 'relative';
  if (fill) Object.assign(box.style, { flex: '1 1 0', minHeight: `${MIN_FILL_H}px`, overflow: 'hidden' });
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
  // Axes updated in place (svgAxis.ts); titles, key and legend in `chrome`, rebuilt only when they change.
  const group = (): SVGGElement => {
    const g = doc.createElementNS(svgNs, 'g');
    svg.appendChild(g);
    return g;
  };
  const lossG = group();
  const accG = group();
  const xG = group();
  xG.setAttribute('class', 'viz-curves-x');
  const chrome = group();
  for (const g of [lossG, accG]) g.setAttribute('transform', `translate(${M.l},0)`);
  for (const g of [lossG, accG, xG]) g.setAttribute('font-size', String(FONT));
  const axes = {
    loss: createSvgAxis(lossG, 'left'),
    acc: createSvgAxis(accG, 'left'),
    x: createSvgAxis(xG, 'bottom'),
    xG,
  };
  let lastChrome = '';
  const setAttr = (e: Element, name: string, value: string): void => {
    if (e.getAttribute(name) !== value) e.setAttribute(name, value);
  };
  const readout = el(doc, 'div', 'viz-readout', 'Hover the chart for values.');
  element.append(box, readout);
  let current: CurvesData | null = null;
  let W = FALLBACK_W;
  let H = chartHeight(W);
  let xScale: ScaleContinuousNumeric<number, number> = scaleLinear()
    .domain([0, 1])
    .range([M.l, W - M.r]);
  const setSize = (width: number, height?: number): void => {
    W = Math.max(200, Math.round(width) || FALLBACK_W);
    H =
      fill && height !== undefined && height > 0 ? Math.max(MIN_FILL_H, Math.round(height)) : chartHeight(W);
    const dpr = doc.defaultView?.devicePixelRatio ?? 1;
    sizeCanvas(canvas, Math.round(W * dpr), Math.round(H * dpr));
    canvas.style.height = `${H}px`;
    svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  };
  setSize(box.clientWidth, box.clientHeight);

  const draw = (d: CurvesData): void => {
    current = d;
    const layout = plotLayout(d.runs, d.expectLower);
    const plots = layout.lower === null ? 1 : 2;
    setAttr(canvas, 'aria-label', plots === 1 ? 'Loss curves' : 'Loss and accuracy curves');
    // One or two plots with a title strip above each, between the top margin and the x axis.
    const PH = (H - M.t - M.b - plots * TITLE) / plots;
    const lossTop = M.t + TITLE;
    const axis = d.xAxis ?? 'step';
    // Ranges in one pass over the points (a long run has tens of thousands: no spread arguments).
    const [minStep, maxStep] = xDomain(d.runs, axis);
    let lo = Infinity;
    let hi = -Infinity;
    const see = (v: number | undefined): void => {
      if (v === undefined || !Number.isFinite(v) || (d.logScale && v <= 0)) return;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    };
    for (const r of d.runs)
      for (const p of r.points) {
        if (p.gan) {
          see(p.gan.dLoss);
          see(p.gan.gLoss);
        } else {
          see(p.loss);
          see(p.valLoss);
        }
      }
    xScale = (axis === 'logStep' ? scaleLog() : scaleLinear())
      .domain([minStep, maxStep])
      .range([M.l, W - M.r]);
    const anyGan = d.runs.some(isGanRun);
    if (lo === Infinity) [lo, hi] = [0.01, 1];
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
    const yTicks = PH >= 90 ? 4 : 3;
    axes.loss.update(yLoss, yTicks, d.logScale ? '.0e' : undefined);
    if (layout.lower !== null) axes.acc.update(yAcc, yTicks - 1, '.0%');
    else axes.acc.clear();
    setAttr(axes.xG, 'transform', `translate(0,${H - M.b})`);
    // Steps in SI (2k, 40k); seconds as plain numbers (SI would write half a second as "500m").
    axes.x.update(xScale, Math.max(2, Math.floor((W - M.l - M.r) / 60)), axis === 'seconds' ? '~f' : 's');
    const dark = luminance(doc.defaultView?.getComputedStyle(box).color ?? '') > 0.5;
    const background = (doc.body && doc.defaultView?.getComputedStyle(doc.body).backgroundColor) || '';
    const classifierKey = d.runs.some((r) => r.points.length > 0 && !isGanRun(r));
    // Titles, key and legend change with the layout, the size, the theme or the number of runs: rebuilt only then.
    const chromeKey = JSON.stringify([W, H, layout, classifierKey, anyGan, dark, d.runs.length, axis]);
    if (chromeKey !== lastChrome) {
      lastChrome = chromeKey;
      drawChrome({
        lossTop,
        accTop,
        lower: layout.lower !== null,
        upper: layout.upper,
        lowerTitle: layout.lower,
      });
    }
    function drawChrome(o: {
      lossTop: number;
      accTop: number;
      lower: boolean;
      upper: string;
      lowerTitle: string | null;
    }): void {
      const s = select(chrome);
      s.selectAll('*').remove();
      // Titles sit in the strip above each plot, right of the axis: clear of the top tick ("100%") and of the curves.
      const titleY = (plotTop: number): number => plotTop - 5;
      const title = (plotTop: number, text: string): void => {
        s.append('text')
          .attr('x', M.l + 6)
          .attr('y', titleY(plotTop))
          .attr('font-size', FONT)
          .attr('fill', 'currentColor')
          .text(text);
      };
      title(o.lossTop, o.upper);
      if (o.lowerTitle !== null) title(o.accTop, o.lowerTitle);
      // The x axis's unit, at the right end just above the axis.
      s.append('text')
        .attr('class', 'viz-curves-xtitle')
        .attr('x', W - M.r - 2)
        .attr('y', H - M.b - 4)
        .attr('text-anchor', 'end')
        .attr('font-size', FONT)
        .attr('fill', 'currentColor')
        .text(xAxisTitle(axis));
      if (classifierKey) {
        // Train solid, validation dashed: the key sits in the upper title strip, in the current run's colour.
        const current = runColour(d.runs.length - 1);
        const key = s.append('g').attr('class', 'viz-curves-key').attr('font-size', FONT);
        const y = titleY(o.lossTop) - 4;
        CLASSIFIER_SERIES.slice(0, 2).forEach((st, i) => {
          const k = strokeFor(st, current, dark);
          const x = W - M.r - (i === 0 ? 142 : 84);
          key
            .append('line')
            .attr('x1', x)
            .attr('x2', x + 20)
            .attr('y1', y)
            .attr('y2', y)
            .attr('stroke', k.colour)
            .attr('stroke-width', k.width)
            .attr('stroke-dasharray', k.dash.length ? k.dash.join(' ') : null);
          key
            .append('text')
            .attr('x', x + 24)
            .attr('y', y + 4)
            .attr('fill', 'currentColor')
            .text(i === 0 ? 'train' : 'validation');
        });
      }
      if (anyGan) {
        const legend = s.append('g').attr('class', 'viz-curves-legend').attr('font-size', FONT);
        GAN_SERIES.forEach((st, i) => {
          const y = titleY(st.panel === 'top' ? o.lossTop : o.accTop);
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
    }
    const g = ctx2d(canvas);
    if (!g) return;
    const dpr = canvas.width / W;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, W, H);
    const cols = W - M.l - M.r;
    d.runs.forEach((run, ri) => {
      const colour = runColour(ri);
      // GAN series are coloured per series; older runs fade so the current one reads first.
      g.globalAlpha = isGanRun(run) && ri < d.runs.length - 1 ? 0.35 : 1;
      // Solid lines first, so the dashed validation lines (and their halos) lie on top of them.
      const styles = [...seriesOf(run)].sort((a, b) => Number(a.dashed) - Number(b.dashed));
      for (const st of styles) {
        if (st.panel === 'bottom' && layout.lower === null) continue;
        const y = st.panel === 'top' ? yLoss : yAcc;
        const pts = decimated(series(run.points, st.key, d.smoothing, axis), cols, minStep, maxStep, axis);
        if (pts.length === 0) continue;
        const k = strokeFor(st, colour, dark);
        const path = (): void => {
          g.beginPath();
          pts.forEach((p, i) => {
            const X = xScale(p.x);
            const Y = y(p.y);
            if (i === 0) g.moveTo(X, Y);
            else g.lineTo(X, Y);
          });
          if (pts.length === 1) g.arc(xScale(pts[0]!.x), y(pts[0]!.y), 2, 0, Math.PI * 2);
        };
        if (k.halo > 0 && background) {
          g.strokeStyle = background;
          g.lineWidth = k.halo;
          g.setLineDash([]);
          path();
          g.stroke();
        }
        g.strokeStyle = k.colour;
        g.lineWidth = k.width;
        g.setLineDash(k.dash as number[]);
        path();
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
    const axis = current.xAxis ?? 'step';
    const at = xScale.invert(((e.clientX - r.left) / r.width) * W);
    const parts = current.runs.map((run) => {
      let best: CurvePoint | null = null;
      for (const p of run.points) {
        const x = xOf(p, axis);
        if (Number.isFinite(x) && (!best || Math.abs(x - at) < Math.abs(xOf(best, axis) - at))) best = p;
      }
      if (!best) return `${run.label}: no data`;
      const where =
        axis === 'seconds' ? `step ${best.step} at ${(best.seconds ?? 0).toFixed(1)} s` : `step ${best.step}`;
      const v = (x: number | undefined, pct = false) =>
        x === undefined || !Number.isFinite(x) ? '–' : pct ? `${(x * 100).toFixed(1)}%` : x.toFixed(4);
      if (best.gan) {
        const q = best.gan;
        return `${run.label} ${where}: D loss ${v(q.dLoss)}, G loss ${v(q.gLoss)}, D(x) ${v(q.dReal)}, D(G(z)) ${v(q.dFake)}`;
      }
      if (!hasAccuracy(run))
        return `${run.label} ${where}: loss ${v(best.loss)}, validation loss ${v(best.valLoss)}`;
      return `${run.label} ${where}: loss ${v(best.loss)}, accuracy ${v(best.accuracy, true)}, validation loss ${v(best.valLoss)}, validation accuracy ${v(best.valAccuracy, true)}`;
    });
    readout.textContent = parts.join(' | ');
  };
  canvas.addEventListener('pointermove', onMove);
  const resize = (): void => {
    setSize(box.clientWidth, box.clientHeight);
    if (current) scheduler.schedule(current);
  };
  const unobserve = fill ? observeSize(box, resize) : observeWidth(box, resize);
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
