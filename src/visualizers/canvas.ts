/** Small DOM helpers shared by the renderers: one canvas sized to the data, drawn with one putImageData. */

export function ensureCanvas(element: HTMLElement | HTMLCanvasElement, className: string): HTMLCanvasElement {
  if (element instanceof HTMLCanvasElement) return element;
  const c = element.ownerDocument.createElement('canvas');
  c.className = className;
  c.style.imageRendering = 'pixelated';
  element.appendChild(c);
  return c;
}

export function sizeCanvas(c: HTMLCanvasElement, width: number, height: number): void {
  if (c.width !== width) c.width = width;
  if (c.height !== height) c.height = height;
}

/** Safe 2-D context: null where the environment has no canvas (jsdom). */
export function ctx2d(c: HTMLCanvasElement): CanvasRenderingContext2D | null {
  try {
    return c.getContext('2d');
  } catch {
    return null;
  }
}

/** A reusable image buffer with a packed Uint32 view. */
export interface Frame {
  readonly width: number;
  readonly height: number;
  readonly bytes: Uint8ClampedArray<ArrayBuffer>;
  readonly packed: Uint32Array;
}

export function makeFrame(width: number, height: number, prev?: Frame | null): Frame {
  if (prev && prev.width === width && prev.height === height) return prev;
  const bytes = new Uint8ClampedArray(width * height * 4);
  return { width, height, bytes, packed: new Uint32Array(bytes.buffer) };
}

/** One putImageData of the frame onto the canvas (resized to the frame). */
export function blit(c: HTMLCanvasElement, f: Frame): void {
  sizeCanvas(c, f.width, f.height);
  const g = ctx2d(c);
  if (!g || typeof ImageData === 'undefined') return;
  g.putImageData(new ImageData(f.bytes, f.width, f.height), 0, 0);
}

/** Canvas pixel under a pointer event, whatever the CSS scaling. */
export function canvasPoint(
  c: HTMLCanvasElement,
  clientX: number,
  clientY: number,
): { x: number; y: number } | null {
  const r = c.getBoundingClientRect();
  if (r.width === 0 || r.height === 0) return null;
  return { x: ((clientX - r.left) / r.width) * c.width, y: ((clientY - r.top) / r.height) * c.height };
}

export function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const e = doc.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * Largest whole-number zoom (≥ 1, ≤ max) at which `width` canvas pixels fit in `avail` CSS pixels. Pixelated canvases
 * are shown only at whole zooms so every gap between tiles stays the same number of screen pixels.
 */
export function wholeZoom(width: number, avail: number, max = 8): number {
  if (!(width > 0) || !(avail > 0)) return 1;
  return Math.max(1, Math.min(max, Math.floor(avail / width)));
}

/**
 * Shows a pixelated canvas at a whole-number zoom that fits its host's width (1:1 when even that is too wide; a
 * `max-width: 100%` then keeps it inside the panel). Height follows from the aspect ratio.
 */
export function zoomToFit(c: HTMLCanvasElement, host: HTMLElement, max = 8): void {
  const k = wholeZoom(c.width, host.clientWidth, max);
  const w = `${c.width * k}px`;
  if (c.style.width !== w) c.style.width = w;
  c.style.height = 'auto';
  c.style.maxWidth = '100%';
}

/**
 * Calls `onWidth` when the element's content width changes (not its height, so a renderer that resizes its own
 * canvas does not call itself again). Returns the disconnect function; a no-op where there is no ResizeObserver.
 */
export function observeWidth(element: HTMLElement, onWidth: (width: number) => void): () => void {
  if (typeof ResizeObserver === 'undefined') return () => {};
  let last = -1;
  const ro = new ResizeObserver((entries) => {
    const w = Math.round(entries[entries.length - 1]?.contentRect.width ?? element.clientWidth);
    if (w === last) return;
    last = w;
    onWidth(w);
  });
  ro.observe(element);
  return () => ro.disconnect();
}
