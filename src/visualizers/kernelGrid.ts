/**
 * Kernels: every conv layer's filters (rows = input channels, columns = filters), diverging colours centred on
 * zero per layer, with a legend. A layer reading a colour image has a first row of colour pictures, one per filter
 * (rgbKernel.ts). One canvas, one putImageData per frame; layer captions and the hover readout are DOM.
 */
import { divergingIndex, divergingLut } from './colormap';
import {
  blit,
  canvasPoint,
  el,
  ensureCanvas,
  makeFrame,
  observeWidth,
  zoomToFit,
  type Frame,
} from './canvas';
import {
  cellOrigin,
  kernelAt,
  layoutKernels,
  RGB_ROW,
  type KernelData,
  type KernelHit,
  type KernelLayout,
} from './kernelLayout';
import { packRgb, packRgbFast } from './pixels';
import { rgbFilterImage } from './rgbKernel';
import { createFrameScheduler } from './scheduler';
import { syncCaptions } from './captions';
import type { Renderer } from './renderer';

export interface KernelGridOptions {
  /** Layer caption for a node id (e.g. "conv1 5×5"). */
  readonly label?: (node: string) => string;
  readonly onHover?: (hit: KernelHit | null) => void;
  /** Wrap the filters so each kernel is shown at least this wide (see KernelLayoutOptions). */
  readonly minKernelPx?: number;
}

export interface KernelGridData {
  readonly gradients: boolean;
  readonly layers: readonly KernelData[];
}

export type KernelGrid = Renderer<KernelGridData>;

const fmt = (v: number): string => (Math.abs(v) >= 0.01 || v === 0 ? v.toFixed(3) : v.toExponential(1));

export function drawKernels(frame: Frame, layout: KernelLayout, sets: readonly KernelData[]): void {
  const lut = divergingLut().packed;
  frame.packed.fill(packRgb(255, 255, 255) & 0x00ffffff); // transparent
  for (const b of layout.blocks) {
    const k = sets[b.index]!;
    if (b.colourRow === 1)
      for (let f = 0; f < b.cols; f++) {
        const o = cellOrigin(b, RGB_ROW, f);
        const rgb = rgbFilterImage(k, f);
        for (let ky = 0; ky < b.kh; ky++)
          for (let kx = 0; kx < b.kw; kx++) {
            const i = (ky * b.kw + kx) * 3;
            const colour = packRgbFast(rgb[i]!, rgb[i + 1]!, rgb[i + 2]!);
            for (let dy = 0; dy < b.scale; dy++) {
              const row = (o.y + ky * b.scale + dy) * frame.width + o.x + kx * b.scale;
              for (let dx = 0; dx < b.scale; dx++) frame.packed[row + dx] = colour;
            }
          }
      }
    for (let c = 0; c < b.rows; c++)
      for (let f = 0; f < b.cols; f++) {
        const o = cellOrigin(b, c, f);
        for (let ky = 0; ky < b.kh; ky++)
          for (let kx = 0; kx < b.kw; kx++) {
            const colour =
              lut[
                divergingIndex(k.values[((ky * k.kw + kx) * k.inChannels + c) * k.filters + f]!, b.absMax)
              ]!;
            for (let dy = 0; dy < b.scale; dy++) {
              const row = (o.y + ky * b.scale + dy) * frame.width + o.x + kx * b.scale;
              for (let dx = 0; dx < b.scale; dx++) frame.packed[row + dx] = colour;
            }
          }
      }
  }
}

export function createKernelGrid(
  element: HTMLElement | HTMLCanvasElement,
  options: KernelGridOptions = {},
): KernelGrid {
  const host = element instanceof HTMLCanvasElement ? (element.parentElement ?? element) : element;
  const doc = element.ownerDocument;
  const wrap = el(doc, 'div', 'viz-kernels');
  wrap.style.position = 'relative';
  const legend = el(doc, 'div', 'viz-legend');
  const stage = el(doc, 'div', 'viz-stage');
  stage.style.position = 'relative';
  const canvas = ensureCanvas(element instanceof HTMLCanvasElement ? element : stage, 'viz-canvas');
  if (element instanceof HTMLCanvasElement) stage.appendChild(canvas);
  canvas.style.display = 'block';
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', 'Kernel grid');
  const captions = el(doc, 'div', 'viz-captions');
  const readout = el(doc, 'div', 'viz-readout', 'Hover a kernel to see its weights.');
  readout.setAttribute('aria-live', 'polite');
  stage.appendChild(captions);
  wrap.append(legend, stage, readout);
  host.appendChild(wrap);

  const legendBar = doc.createElement('canvas');
  legendBar.width = 256;
  legendBar.height = 1;
  legendBar.className = 'viz-legend-bar';
  legendBar.setAttribute('role', 'img');
  legendBar.setAttribute('aria-label', 'Colour legend: blue negative, white zero, red positive');
  const legendText = el(doc, 'span', 'viz-legend-text');
  legend.append(legendBar, legendText);
  const lf = makeFrame(256, 1);
  lf.packed.set(divergingLut().packed);
  blit(legendBar, lf);

  let frame: Frame | null = null;
  let layout: KernelLayout | null = null;
  let data: KernelGridData | null = null;

  const draw = (d: KernelGridData): void => {
    data = d;
    // Drawn to fit the panel, then shown at a whole-number zoom so the 1-px gaps between kernels stay even.
    layout = layoutKernels(
      d.layers,
      stage.clientWidth > 0 ? stage.clientWidth : Infinity,
      options.minKernelPx === undefined ? {} : { minKernelPx: options.minKernelPx },
    );
    frame = makeFrame(layout.width, layout.height, frame);
    drawKernels(frame, layout, d.layers);
    blit(canvas, frame);
    zoomToFit(canvas, stage);
    const what = d.gradients ? 'gradient' : 'weight';
    const first = layout.blocks[0];
    const legend = first
      ? `blue = negative ${what}, white = 0, red = positive (scale ±max per layer; first layer ±${fmt(first.absMax)})`
      : 'No convolution layers.';
    if (legendText.textContent !== legend) legendText.textContent = legend;
    const L = layout;
    syncCaptions(
      captions,
      L.blocks.map((b) => {
        const text = `${options.label?.(b.node) ?? b.node} · ${b.kh}×${b.kw} · ±${fmt(b.absMax)}${b.colourRow ? ' · top row RGB, grey = 0' : ''}`;
        return {
          text,
          title:
            text +
            (b.colourRow
              ? `. Top row: each filter's red, green and blue ${what}s as one colour picture, scaled per filter.`
              : ''),
          top: `${(b.top / L.height) * 100}%`,
        };
      }),
      () => {
        const c = el(doc, 'div', 'viz-caption');
        // One line, cut with an ellipsis in a narrow panel, so a long caption never covers the kernels below it.
        Object.assign(c.style, {
          position: 'absolute',
          left: '0',
          right: '0',
          whiteSpace: 'nowrap',
          overflow: 'hidden',
          textOverflow: 'ellipsis',
        });
        return c;
      },
    );
  };
  const scheduler = createFrameScheduler(draw);

  const onMove = (e: PointerEvent): void => {
    if (!layout || !data) return;
    const p = canvasPoint(canvas, e.clientX, e.clientY);
    const hit = p ? kernelAt(layout, data.layers, p.x, p.y) : null;
    options.onHover?.(hit);
    if (!hit) return;
    const k = data.layers[hit.layer]!;
    const rgb = hit.channel === RGB_ROW;
    const tap = (i: number): string =>
      rgb ? Array.from(hit.weights.slice(i * 3, i * 3 + 3), fmt).join('/') : fmt(hit.weights[i]!);
    const rows: string[] = [];
    for (let y = 0; y < k.kh; y++)
      rows.push(Array.from({ length: k.kw }, (_, x) => tap(y * k.kw + x)).join('  '));
    const where = rgb ? 'colour (red/green/blue)' : `input channel ${hit.channel + 1}`;
    readout.textContent = `${options.label?.(hit.node) ?? hit.node} filter ${hit.filter + 1}, ${where} · ${data.gradients ? 'gradient' : 'weight'} norm ${fmt(hit.norm)}\n${rows.join('\n')}`;
  };
  canvas.addEventListener('pointermove', onMove);
  const resize = (): void => {
    if (data) scheduler.schedule(data);
  };
  const unobserve = observeWidth(stage, resize);

  return {
    update: (d) => scheduler.schedule(d),
    resize,
    destroy: () => {
      unobserve();
      scheduler.cancel();
      canvas.removeEventListener('pointermove', onMove);
      wrap.remove();
    },
  };
}
