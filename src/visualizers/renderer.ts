/**
 * What a panel renderer's factory returns (createKernelGrid(canvas, opts) and the others): `update` takes the newest
 * data, `resize` redraws for the element's new size, `destroy` removes what the renderer added and stops its
 * listeners. Renderers with more to offer (highlight, play) extend it.
 */
import type { FrameScheduler } from './scheduler';

export interface Renderer<D> {
  update(d: D): void;
  resize(): void;
  destroy(): void;
}

/**
 * The tail of a renderer that draws through a frame scheduler (newest frame wins): update schedules the data,
 * resize draws the latest data again, destroy drops a pending frame and then tears down.
 */
export function scheduledRenderer<D>(
  scheduler: FrameScheduler<D>,
  latest: () => D | null,
  teardown: () => void,
): Renderer<D> {
  return {
    update: (d) => scheduler.schedule(d),
    resize: () => {
      const d = latest();
      if (d) scheduler.schedule(d);
    },
    destroy: () => {
      scheduler.cancel();
      teardown();
    },
  };
}
