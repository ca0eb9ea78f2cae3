/**
 * Draw in requestAnimationFrame, newest frame wins: `schedule(data)` keeps only the latest data and draws it once
 * on the next animation frame. Falls back to a timer where there is no requestAnimationFrame (Node tests).
 */
export interface FrameScheduler<T> {
  schedule(data: T): void;
  /** Draws the pending data now (tests, resize). */
  flush(): void;
  cancel(): void;
}

export function createFrameScheduler<T>(draw: (data: T) => void): FrameScheduler<T> {
  let pending: { data: T } | null = null;
  let handle: number | ReturnType<typeof setTimeout> | null = null;
  const raf = typeof requestAnimationFrame === 'function';
  const run = (): void => {
    handle = null;
    const p = pending;
    pending = null;
    if (p) draw(p.data);
  };
  return {
    schedule(data) {
      pending = { data };
      if (handle !== null) return;
      handle = raf ? requestAnimationFrame(run) : setTimeout(run, 16);
    },
    flush() {
      if (handle !== null) {
        if (raf) cancelAnimationFrame(handle as number);
        else clearTimeout(handle as ReturnType<typeof setTimeout>);
      }
      run();
    },
    cancel() {
      if (handle !== null) {
        if (raf) cancelAnimationFrame(handle as number);
        else clearTimeout(handle as ReturnType<typeof setTimeout>);
      }
      handle = null;
      pending = null;
    },
  };
}
