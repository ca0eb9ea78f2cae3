/**
 * Activation maps: the input thumbnail (in colour when the stack carries RGB bytes) and every channel of every layer,
 * laid out by layer (greys: black = low).
 * Clicking a map pixel calls back with (node, channel, y, x); the caller computes the receptive field and hands
 * the windows back through `highlight`, drawn as outlines on overlay canvases (input and maps).
 */
import type { NodeId } from '../engine/graph/types';
import type { MapStack } from '../engine/train/probes/types';
import { greysLut } from './colormap';
import { blit, canvasPoint, ctx2d, el, makeFrame, sizeCanvas, type Frame } from './canvas';
import { layoutMaps, mapAt, mapRect, type MapLayout } from './mapLayout';
import { fillImages, fillMaps } from './pixels';
import { createFrameScheduler } from './scheduler';
import { syncCaptions } from './captions';
import { scheduledRenderer, type Renderer } from './renderer';

/** The parts of the engine's MapStack the maps need. */
export type MapStackData = Pick<MapStack, 'node' | 'h' | 'w' | 'count' | 'data' | 'rgb'>;

export interface ActivationData {
  readonly input: MapStackData;
  readonly layers: readonly MapStackData[];
}

export interface HighlightWindow {
  readonly node: NodeId;
  readonly y0: number;
  readonly y1: number;
  readonly x0: number;
  readonly x1: number;
}

export interface ActivationMapsOptions {
  readonly label?: (node: string) => string;
  readonly onPick?: (node: NodeId, channel: number, y: number, x: number) => void;
}

export interface ActivationMaps extends Renderer<ActivationData> {
  /** Outlines: windows on the input node go on the thumbnail, others on every map of their layer. */
  highlight(
    picked: { node: NodeId; channel: number; y: number; x: number } | null,
    windows: readonly HighlightWindow[],
  ): void;
}

/** Zoom of the input thumbnail: about 112 px across (28 → 4×, 32 → 4×, 64 → 2×). */
export const inputScale = (h: number, w: number): number => Math.max(1, Math.round(112 / Math.max(h, w, 1)));

/**
 * Draws the input thumbnail: the RGB bytes in colour when the stack has them, else its first map in greys (a colour
 * image without RGB bytes, e.g. from an older record, shows its red channel).
 */
export function drawInputThumbnail(frame: Frame, i: MapStackData, scale: number, lut: Uint32Array): void {
  const g = { cols: 1, gap: 0, scale };
  if (i.rgb && i.rgb.length === i.h * i.w * 3)
    fillImages(frame.packed, frame.width, 0, 0, i.rgb, 1, i.h, i.w, 3, g, lut);
  else fillMaps(frame.packed, frame.width, 0, 0, i.data, Math.min(1, i.count), i.h, i.w, g, lut);
}

const layered = (
  doc: Document,
  cls: string,
): { box: HTMLDivElement; base: HTMLCanvasElement; overlay: HTMLCanvasElement } => {
  const box = el(doc, 'div', cls);
  box.style.position = 'relative';
  const base = el(doc, 'canvas', 'viz-canvas');
  const overlay = el(doc, 'canvas', 'viz-overlay');
  for (const c of [base, overlay]) {
    c.style.imageRendering = 'pixelated';
    c.style.width = '100%';
    c.style.display = 'block';
  }
  Object.assign(overlay.style, {
    position: 'absolute',
    left: '0',
    top: '0',
    height: '100%',
    pointerEvents: 'none',
  });
  box.append(base, overlay);
  return { box, base, overlay };
};

export function createActivationMaps(
  element: HTMLElement | HTMLCanvasElement,
  options: ActivationMapsOptions = {},
): ActivationMaps {
  const host = element instanceof HTMLCanvasElement ? (element.parentElement ?? element) : element;
  const doc = element.ownerDocument;
  const wrap = el(doc, 'div', 'viz-activations');
  const side = el(doc, 'div', 'viz-input');
  const input = layered(doc, 'viz-input-stack');
  input.base.setAttribute('role', 'img');
  input.base.setAttribute('aria-label', 'Input image');
  input.overlay.setAttribute('data-role', 'input-overlay');
  side.append(el(doc, 'div', 'viz-caption', 'Input'), input.box);
  const maps = layered(doc, 'viz-maps-stack');
  maps.base.setAttribute('role', 'img');
  maps.base.setAttribute('aria-label', 'Feature maps by layer');
  maps.overlay.setAttribute('data-role', 'maps-overlay');
  const captions = el(doc, 'div', 'viz-captions');
  maps.box.appendChild(captions);
  const readout = el(doc, 'div', 'viz-readout', 'Click a pixel of a map to see where it looks in the input.');
  readout.setAttribute('aria-live', 'polite');
  const main = el(doc, 'div', 'viz-maps');
  main.append(maps.box, readout);
  wrap.append(side, main);
  host.appendChild(wrap);

  let inFrame: Frame | null = null;
  let mapFrame: Frame | null = null;
  let layout: MapLayout | null = null;
  let current: ActivationData | null = null;
  let lastHighlight: Parameters<ActivationMaps['highlight']> | null = null;

  const drawOverlay = (): void => {
    if (!layout || !current) return;
    sizeCanvas(input.overlay, input.base.width, input.base.height);
    sizeCanvas(maps.overlay, maps.base.width, maps.base.height);
    const gi = ctx2d(input.overlay);
    const gm = ctx2d(maps.overlay);
    gi?.clearRect(0, 0, input.overlay.width, input.overlay.height);
    gm?.clearRect(0, 0, maps.overlay.width, maps.overlay.height);
    if (!lastHighlight) return;
    const [picked, windows] = lastHighlight;
    for (const w of windows) {
      if (w.node === current.input.node && gi) {
        gi.fillStyle = 'rgba(255, 80, 40, 0.35)';
        gi.strokeStyle = 'rgb(255, 80, 40)';
        gi.lineWidth = 2;
        const s = inputScale(current.input.h, current.input.w);
        const r = {
          x: w.x0 * s,
          y: w.y0 * s,
          w: (w.x1 - w.x0 + 1) * s,
          h: (w.y1 - w.y0 + 1) * s,
        };
        gi.fillRect(r.x, r.y, r.w, r.h);
        gi.strokeRect(r.x + 1, r.y + 1, r.w - 2, r.h - 2);
        continue;
      }
      const b = layout.blocks.find((x) => x.node === w.node);
      if (!b || !gm) continue;
      gm.strokeStyle = 'rgba(255, 140, 0, 0.9)';
      gm.lineWidth = 1;
      for (let c = 0; c < b.count; c++) {
        const r = mapRect(b, c, w.y0, w.y1, w.x0, w.x1);
        gm.strokeRect(r.x + 0.5, r.y + 0.5, r.w - 1, r.h - 1);
      }
    }
    if (picked && gm) {
      const b = layout.blocks.find((x) => x.node === picked.node);
      if (b) {
        const r = mapRect(b, picked.channel, picked.y, picked.y, picked.x, picked.x);
        gm.fillStyle = 'rgb(255, 40, 40)';
        gm.fillRect(r.x, r.y, r.w, r.h);
      }
    }
  };

  const draw = (d: ActivationData): void => {
    current = d;
    const lut = greysLut().packed;
    const i = d.input;
    const scale = inputScale(i.h, i.w);
    inFrame = makeFrame(i.w * scale, i.h * scale, inFrame);
    drawInputThumbnail(inFrame, i, scale, lut);
    blit(input.base, inFrame);
    layout = layoutMaps(d.layers);
    mapFrame = makeFrame(layout.width, layout.height, mapFrame);
    mapFrame.packed.fill(0);
    for (const b of layout.blocks) {
      const s = d.layers[b.index]!;
      fillMaps(mapFrame.packed, mapFrame.width, 0, b.top + b.caption, s.data, s.count, s.h, s.w, b.grid, lut);
    }
    blit(maps.base, mapFrame);
    const L = layout;
    syncCaptions(
      captions,
      L.blocks.map((b) => ({
        text: `${options.label?.(b.node) ?? b.node} · ${b.h}×${b.w}×${b.count}`,
        top: `${(b.top / L.height) * 100}%`,
      })),
      () => {
        const c = el(doc, 'div', 'viz-caption');
        Object.assign(c.style, { position: 'absolute', left: '0' });
        return c;
      },
    );
    drawOverlay();
  };
  const scheduler = createFrameScheduler(draw);

  const onClick = (e: MouseEvent): void => {
    if (!layout) return;
    const p = canvasPoint(maps.base, e.clientX, e.clientY);
    const hit = p ? mapAt(layout, p.x, p.y) : null;
    if (!hit) return;
    readout.textContent = `${options.label?.(hit.node) ?? hit.node}, channel ${hit.channel + 1}, pixel (${hit.y}, ${hit.x})`;
    options.onPick?.(hit.node, hit.channel, hit.y, hit.x);
  };
  maps.base.addEventListener('click', onClick);

  return {
    ...scheduledRenderer(
      scheduler,
      () => current,
      () => {
        maps.base.removeEventListener('click', onClick);
        wrap.remove();
      },
    ),
    highlight: (picked, windows) => {
      lastHighlight = [picked, windows];
      drawOverlay();
    },
  };
}
