import { describe, expect, it, vi } from 'vitest';
import { createFrameQueue, createFrameScheduler } from './scheduler';

/** A frame queue on a hand-driven clock and frame list. */
function manualQueue(budgetMs: number) {
  let t = 0;
  const frames: (() => void)[] = [];
  const queue = createFrameQueue({ requestFrame: (cb) => frames.push(cb), now: () => t, budgetMs });
  return {
    queue,
    advance: (ms: number) => (t += ms),
    /** Runs the next requested frame; false when none was requested. */
    frame: () => {
      const f = frames.shift();
      f?.();
      return f !== undefined;
    },
    requested: () => frames.length,
  };
}

describe('frame scheduler', () => {
  it('draws only the newest of several frames, once', async () => {
    const draw = vi.fn();
    const s = createFrameScheduler<number>(draw);
    s.schedule(1);
    s.schedule(2);
    s.schedule(3);
    await new Promise((r) => setTimeout(r, 40));
    expect(draw).toHaveBeenCalledTimes(1);
    expect(draw).toHaveBeenCalledWith(3);
  });
  it('flush draws now; cancel drops the pending frame', async () => {
    const draw = vi.fn();
    const s = createFrameScheduler<string>(draw);
    s.schedule('a');
    s.flush();
    expect(draw).toHaveBeenCalledWith('a');
    s.schedule('b');
    s.cancel();
    await new Promise((r) => setTimeout(r, 40));
    expect(draw).toHaveBeenCalledTimes(1);
  });

  it('spreads renderers over frames by the drawing budget, the deferred ones first on the next frame', () => {
    const m = manualQueue(8);
    const order: string[] = [];
    const make = (name: string, ms: number) =>
      createFrameScheduler<number>((v) => {
        order.push(`${name}${v}`);
        m.advance(ms);
      }, m.queue);
    const a = make('a', 5);
    const b = make('b', 5);
    const c = make('c', 5);
    a.schedule(1);
    b.schedule(1);
    c.schedule(1);
    expect(m.requested()).toBe(1); // one frame for all
    m.frame();
    expect(order).toEqual(['a1', 'b1']); // 5 ms < 8: b too; 10 ms: c waits
    a.schedule(2); // a comes again behind c
    m.frame();
    expect(order).toEqual(['a1', 'b1', 'c1', 'a2']);
    expect(m.frame()).toBe(false); // nothing left, no frame asked for
  });

  it('draws at least one renderer per frame, however slow, and keeps the newest data of a waiting one', () => {
    const m = manualQueue(8);
    const seen: number[] = [];
    const slow = createFrameScheduler<number>(() => m.advance(50), m.queue);
    const other = createFrameScheduler<number>((v) => seen.push(v), m.queue);
    slow.schedule(0);
    other.schedule(1);
    m.frame();
    expect(seen).toEqual([]);
    other.schedule(2);
    m.frame();
    expect(seen).toEqual([2]);
  });

  it('cancel and flush take a waiting renderer out of the queue', () => {
    const m = manualQueue(0);
    const drawn: string[] = [];
    const a = createFrameScheduler<string>((v) => drawn.push(v), m.queue);
    const b = createFrameScheduler<string>((v) => drawn.push(v), m.queue);
    const c = createFrameScheduler<string>((v) => drawn.push(v), m.queue);
    a.schedule('a');
    b.schedule('b');
    c.schedule('c');
    b.cancel();
    c.flush();
    expect(drawn).toEqual(['c']);
    m.frame();
    expect(drawn).toEqual(['c', 'a']);
    expect(m.frame()).toBe(false);
  });

  it('a renderer that throws does not stop the others', async () => {
    const m = manualQueue(100);
    const errors: unknown[] = [];
    const onError = (e: unknown) => errors.push(e);
    process.on('uncaughtException', onError);
    try {
      const bad = createFrameScheduler<number>(() => {
        throw new Error('broken');
      }, m.queue);
      const good = vi.fn();
      bad.schedule(1);
      createFrameScheduler<number>(good, m.queue).schedule(2);
      m.frame();
      expect(good).toHaveBeenCalledWith(2);
      await new Promise((r) => setTimeout(r, 0));
      expect(String(errors[0])).toMatch(/broken/);
    } finally {
      process.off('uncaughtException', onError);
    }
  });
});
