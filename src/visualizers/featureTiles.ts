/**
 * Feature visualization tiles: one small canvas per picture (drawn at the data's size, zoomed by CSS, pixelated), each
 * in a figure with its own label under it and, when the picture is (nearly) uniform, a note that says so — so a grid
 * that wraps 8 + 2 keeps every label under its picture, and a flat white or black tile is explained, not a mystery.
 * A thin border (the theme's border colour) keeps a white tile from merging into a white panel.
 */
import { greysLut } from './colormap';
import { blit, el, makeFrame, type Frame } from './canvas';
import { fillImages } from './pixels';
import { createFrameScheduler } from './scheduler';
import { scheduledRenderer, type Renderer } from './renderer';

export interface FeatureTilesData {
  readonly count: number;
  readonly h: number;
  readonly w: number;
  readonly channels: number;
  /** count × h × w × channels, 0..255, channel-last. */
  readonly pixels: Uint8Array;
  /** One label per picture ("filter 3", "class 7", "start"). */
  readonly labels: readonly string[];
  /** A note per picture (null: none), e.g. why it is flat. */
  readonly notes?: readonly (string | null)[];
}

export interface FeatureTilesOptions {
  /** CSS zoom of each picture (whole number, pixelated); default 3. */
  readonly scale?: number;
  /** Accessible name of the group of pictures. */
  readonly label: string;
}

/** The picture of tile i as RGBA. */
function tileFrame(d: FeatureTilesData, i: number, prev: Frame | null): Frame {
  const f = makeFrame(d.w, d.h, prev);
  const size = d.h * d.w * d.channels;
  const grid = { cols: 1, gap: 0, scale: 1 };
  fillImages(
    f.packed,
    d.w,
    0,
    0,
    d.pixels.subarray(i * size, (i + 1) * size),
    1,
    d.h,
    d.w,
    d.channels,
    grid,
    greysLut().packed,
  );
  return f;
}

interface Tile {
  readonly figure: HTMLElement;
  readonly canvas: HTMLCanvasElement;
  readonly label: HTMLElement;
  readonly note: HTMLElement;
  frame: Frame | null;
}

export function createFeatureTiles(
  element: HTMLElement,
  options: FeatureTilesOptions,
): Renderer<FeatureTilesData> {
  const doc = element.ownerDocument;
  const scale = options.scale ?? 3;
  const box = el(doc, 'div', 'viz-tiles');
  box.setAttribute('role', 'group');
  box.setAttribute('aria-label', options.label);
  element.append(box);
  const tiles: Tile[] = [];
  let current: FeatureTilesData | null = null;

  const tile = (i: number): Tile => {
    const existing = tiles[i];
    if (existing) return existing;
    const figure = el(doc, 'figure', 'viz-tile');
    const canvas = el(doc, 'canvas', 'viz-canvas viz-tile__picture');
    canvas.style.imageRendering = 'pixelated';
    canvas.setAttribute('role', 'img');
    const caption = el(doc, 'figcaption', 'viz-tile__caption');
    const label = el(doc, 'span', 'viz-tile__label');
    const note = el(doc, 'span', 'viz-tile__note');
    caption.append(label, note);
    figure.append(canvas, caption);
    box.append(figure);
    const t: Tile = { figure, canvas, label, note, frame: null };
    tiles[i] = t;
    return t;
  };

  const draw = (d: FeatureTilesData): void => {
    current = d;
    for (let i = 0; i < d.count; i++) {
      const t = tile(i);
      t.frame = tileFrame(d, i, t.frame);
      blit(t.canvas, t.frame);
      t.canvas.style.width = `${d.w * scale}px`;
      const label = d.labels[i] ?? `picture ${i + 1}`;
      const note = d.notes?.[i] ?? null;
      t.label.textContent = label;
      t.note.textContent = note ?? '';
      t.note.hidden = note === null;
      t.canvas.setAttribute('aria-label', note ? `${label}: ${note}` : label);
    }
    // Fewer pictures than before: drop the rest.
    for (const t of tiles.splice(d.count)) t.figure.remove();
  };
  const scheduler = createFrameScheduler(draw);
  return scheduledRenderer(
    scheduler,
    () => current,
    () => box.remove(),
  );
}
