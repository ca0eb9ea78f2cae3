/**
 * Latent interpolation playback: `steps` images along slerp(z_a, z_b) shown one at a time on a small canvas, stepped
 * in requestAnimationFrame, back and forth (ping-pong) so the loop has no jump. The frame index is a pure function of
 * the elapsed time, so it is tested without a browser.
 */
import { blit, ensureCanvas, makeFrame, type Frame } from './canvas';
import { greysLut } from './colormap';
import { fillImages } from './pixels';

/** Frame shown `elapsedMs` after play started: 0, 1, …, steps−1, steps−2, …, 1, 0, 1, … */
export function interpolationFrameAt(elapsedMs: number, steps: number, msPerFrame: number): number {
  if (steps <= 1 || !(elapsedMs > 0) || !(msPerFrame > 0)) return 0;
  const period = 2 * (steps - 1);
  const t = Math.floor(elapsedMs / msPerFrame) % period;
  return t < steps ? t : period - t;
}

export interface InterpolationData {
  readonly steps: number;
  readonly h: number;
  readonly w: number;
  /** 1 (default): grey; 3: colour, RGB interleaved. */
  readonly channels?: number;
  /** steps × h × w × channels, 0..255, channel-last. */
  readonly pixels: Uint8Array;
}

export interface InterpolationPlayerOptions {
  readonly msPerFrame?: number;
  readonly scale?: number;
  /** Called with the index whenever a different frame is drawn (for a readout). */
  readonly onFrame?: (index: number, steps: number) => void;
}

export interface InterpolationPlayer {
  update(d: InterpolationData | null): void;
  play(): void;
  pause(): void;
  readonly playing: boolean;
  destroy(): void;
}

export function createInterpolationPlayer(
  element: HTMLElement | HTMLCanvasElement,
  options: InterpolationPlayerOptions = {},
): InterpolationPlayer {
  const canvas = ensureCanvas(element, 'viz-canvas viz-interpolation');
  canvas.style.imageRendering = 'pixelated';
  const win = element.ownerDocument.defaultView;
  const msPerFrame = options.msPerFrame ?? 90;
  const scale = options.scale ?? 1;
  let data: InterpolationData | null = null;
  let frame: Frame | null = null;
  let shown = -1;
  let playing = false;
  let started = 0;
  let handle: number | null = null;

  const draw = (index: number): void => {
    if (!data || data.steps === 0) return;
    const i = Math.min(index, data.steps - 1);
    const channels = data.channels ?? 1;
    const size = data.h * data.w * channels;
    frame = makeFrame(data.w * scale, data.h * scale, frame);
    fillImages(
      frame.packed,
      frame.width,
      0,
      0,
      data.pixels.subarray(i * size, (i + 1) * size),
      1,
      data.h,
      data.w,
      channels,
      { cols: 1, gap: 0, scale },
      greysLut().packed,
    );
    blit(canvas, frame);
    if (i !== shown) options.onFrame?.(i, data.steps);
    shown = i;
  };
  const tick = (now: number): void => {
    handle = null;
    if (!playing) return;
    if (data) {
      const i = interpolationFrameAt(now - started, data.steps, msPerFrame);
      if (i !== shown) draw(i);
    }
    handle = win?.requestAnimationFrame(tick) ?? null;
  };
  const stop = (): void => {
    if (handle !== null) win?.cancelAnimationFrame(handle);
    handle = null;
  };

  return {
    update(d) {
      data = d;
      // New frames keep the current position; a paused player redraws it with the new pixels.
      if (d) draw(Math.max(0, shown));
    },
    play() {
      if (playing) return;
      playing = true;
      started = (win?.performance.now() ?? 0) - Math.max(0, shown) * msPerFrame;
      handle = win?.requestAnimationFrame(tick) ?? null;
    },
    pause() {
      playing = false;
      stop();
    },
    get playing() {
      return playing;
    },
    destroy() {
      playing = false;
      stop();
      if (!(element instanceof HTMLCanvasElement)) canvas.remove();
    },
  };
}
