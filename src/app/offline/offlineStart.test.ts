import { afterEach, describe, expect, it, vi } from 'vitest';
import { whenSettled, type SettleStore } from './offlineStart';

afterEach(() => vi.useRealTimers());

function fakeStore(initial: { datasetCounts: { train: number; test: number } | null; status: string }) {
  let state = initial;
  const listeners = new Set<() => void>();
  const store: SettleStore = {
    getState: () => state as ReturnType<SettleStore['getState']>,
    subscribe: (l) => (listeners.add(l), () => void listeners.delete(l)),
  };
  const set = (s: typeof state) => {
    state = s;
    for (const l of listeners) l();
  };
  return { store, set, listeners };
}

describe('whenSettled', () => {
  it('waits for the first dataset, then runs once and stops listening', () => {
    const s = fakeStore({ datasetCounts: null, status: 'initializing' });
    const then = vi.fn();
    whenSettled(s.store, 30_000, then);
    expect(then).not.toHaveBeenCalled();
    s.set({ datasetCounts: { train: 60000, test: 10000 }, status: 'ready' });
    s.set({ datasetCounts: { train: 60000, test: 10000 }, status: 'running' });
    expect(then).toHaveBeenCalledTimes(1);
    expect(s.listeners.size).toBe(0);
  });

  it('runs at once when already settled, on a failed load, or after the time limit', () => {
    vi.useFakeTimers();
    const done = vi.fn();
    whenSettled(fakeStore({ datasetCounts: { train: 1, test: 1 }, status: 'ready' }).store, 30_000, done);
    expect(done).toHaveBeenCalledTimes(1);
    const failed = fakeStore({ datasetCounts: null, status: 'initializing' });
    const onFail = vi.fn();
    whenSettled(failed.store, 30_000, onFail);
    failed.set({ datasetCounts: null, status: 'error' });
    expect(onFail).toHaveBeenCalledTimes(1);
    const slow = vi.fn();
    whenSettled(fakeStore({ datasetCounts: null, status: 'initializing' }).store, 30_000, slow);
    vi.advanceTimersByTime(29_999);
    expect(slow).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(slow).toHaveBeenCalledTimes(1);
  });
});
