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
export function canvasPoint(c: HTMLCanvasElement, clientX: number, clientY: number): { x: number; y: number } | null {
  const r = c.getBoundingClientRect();
  if (r.width === 0 || r.height === 0) return null;
  return { x: ((clientX - r.left) / r.width) * c.width, y: ((clientY - r.top) / r.height) * c.height };
}

export function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = doc.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}
