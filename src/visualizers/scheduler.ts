/**
 * Draw in requestAnimationFrame, newest frame wins: `schedule(data)` keeps only the latest data and draws it once
 * on a coming animation frame. Falls back to a timer where there is no requestAnimationFrame (Node tests).
 *
 * All schedulers share one frame queue: a frame draws the waiting renderers oldest first until FRAME_BUDGET_MS of
 * drawing is spent (always at least one), and the rest draw on the next frame, first. Several panels updating at
 * once (a probe answer, a metrics batch) so cost one short task per frame instead of one long one on a loaded
 * machine (issue 16: no main-thread task over 50 ms while training).
 */
export interface FrameScheduler<T> {
  schedule(data: T): void;
  /** Draws the pending data now (tests, resize). */
  flush(): void;
  cancel(): void;
}

/** Drawing time a frame spends before leaving the other waiting renderers to the next frame. */
export const FRAME_BUDGET_MS = 6;

interface Job {
  run(): void;
}

export interface FrameQueue {
  add(job: Job): void;
  remove(job: Job): void;
}

export interface FrameQueueOptions {
  readonly requestFrame: (cb: () => void) => void;
  readonly now: () => number;
  readonly budgetMs: number;
}

export function createFrameQueue(o: FrameQueueOptions): FrameQueue {
  const waiting: Job[] = [];
  let requested = false;
  const frame = (): void => {
    requested = false;
    const start = o.now();
    let drawn = 0;
    while (waiting.length > 0 && (drawn === 0 || o.now() - start < o.budgetMs)) {
      const job = waiting.shift() as Job;
      drawn++;
      try {
        job.run();
      } catch (e) {
        // One renderer's failure is reported as its own error; the others still draw.
        queueMicrotask(() => {
          throw e;
        });
      }
    }
    if (waiting.length > 0) request();
  };
  const request = (): void => {
    if (requested) return;
    requested = true;
    o.requestFrame(frame);
  };
  return {
    add(job) {
      if (!waiting.includes(job)) waiting.push(job);
      request();
    },
    remove(job) {
      const i = waiting.indexOf(job);
      if (i >= 0) waiting.splice(i, 1);
    },
  };
}

const raf = typeof requestAnimationFrame === 'function';
const sharedQueue = createFrameQueue({
  requestFrame: (cb) => (raf ? requestAnimationFrame(cb) : setTimeout(cb, 16)),
  now: () => (typeof performance !== 'undefined' ? performance.now() : Date.now()),
  budgetMs: FRAME_BUDGET_MS,
});

export function createFrameScheduler<T>(
  draw: (data: T) => void,
  queue: FrameQueue = sharedQueue,
): FrameScheduler<T> {
  let pending: { data: T } | null = null;
  const job: Job = {
    run() {
      const p = pending;
      pending = null;
      if (p) draw(p.data);
    },
  };
  return {
    schedule(data) {
      pending = { data };
      queue.add(job);
    },
    flush() {
      queue.remove(job);
      job.run();
    },
    cancel() {
      queue.remove(job);
      pending = null;
    },
  };
}
