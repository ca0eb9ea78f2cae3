import { describe, expect, it, vi } from 'vitest';
import { createFrameScheduler } from './scheduler';

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
});
