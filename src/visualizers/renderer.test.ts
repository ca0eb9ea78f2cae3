import { describe, expect, it } from 'vitest';
import { scheduledRenderer } from './renderer';
import type { FrameScheduler } from './scheduler';

function fakeScheduler() {
  const log: string[] = [];
  const scheduler: FrameScheduler<number> = {
    schedule: (d) => log.push(`schedule ${d}`),
    flush: () => log.push('flush'),
    cancel: () => log.push('cancel'),
  };
  return { log, scheduler };
}

describe('scheduledRenderer', () => {
  it('update schedules the data; resize draws the latest data again, or nothing before the first', () => {
    const { log, scheduler } = fakeScheduler();
    let latest: number | null = null;
    const r = scheduledRenderer(
      scheduler,
      () => latest,
      () => log.push('teardown'),
    );
    r.resize();
    expect(log).toEqual([]);
    r.update(3);
    latest = 3;
    r.resize();
    expect(log).toEqual(['schedule 3', 'schedule 3']);
  });

  it('destroy drops the pending frame before tearing down', () => {
    const { log, scheduler } = fakeScheduler();
    const r = scheduledRenderer(
      scheduler,
      () => 1,
      () => log.push('teardown'),
    );
    r.destroy();
    expect(log).toEqual(['cancel', 'teardown']);
  });
});
