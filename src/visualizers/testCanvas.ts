/**
 * Test helper (jsdom has no canvas): a 2-D context that keeps what a renderer puts with putImageData, so a test reads
 * the real pixels of a canvas. Call captureCanvases() in a test (or beforeEach) and vi.restoreAllMocks() and
 * vi.unstubAllGlobals() after it.
 */
import { vi } from 'vitest';

class FakeImageData {
  constructor(
    readonly data: Uint8ClampedArray,
    readonly width: number,
    readonly height: number,
  ) {}
}

export interface CanvasCapture {
  /** The RGBA bytes at canvas pixel (x, y) as last put, or undefined if nothing was put. */
  rgbaAt(c: HTMLCanvasElement, x: number, y: number): number[] | undefined;
}

export function captureCanvases(): CanvasCapture {
  const drawn = new WeakMap<HTMLCanvasElement, FakeImageData>();
  vi.stubGlobal('ImageData', FakeImageData);
  const context = (canvas: HTMLCanvasElement) =>
    ({
      putImageData: (img: FakeImageData) =>
        drawn.set(canvas, new FakeImageData(img.data.slice(), img.width, img.height)),
      clearRect: () => undefined,
      fillRect: () => undefined,
      strokeRect: () => undefined,
    }) as unknown as CanvasRenderingContext2D;
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (this: HTMLCanvasElement) {
    return context(this);
  } as unknown as HTMLCanvasElement['getContext']);
  return {
    rgbaAt(c, x, y) {
      const img = drawn.get(c);
      if (!img || x < 0 || y < 0 || x >= img.width || y >= img.height) return undefined;
      const o = (y * img.width + x) * 4;
      return [...img.data.subarray(o, o + 4)];
    },
  };
}

/** Resolves after the next animation frame (renderers draw in requestAnimationFrame, newest data wins). */
export const nextFrame = (): Promise<void> =>
  new Promise((resolve) =>
    typeof requestAnimationFrame === 'function'
      ? requestAnimationFrame(() => resolve())
      : setTimeout(resolve, 20),
  );
