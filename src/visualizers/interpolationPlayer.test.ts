// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createInterpolationPlayer, interpolationFrameAt } from './interpolationPlayer';

describe('interpolationFrameAt', () => {
  it('steps forward then back (ping-pong) at msPerFrame', () => {
    const seq = Array.from({ length: 10 }, (_, k) => interpolationFrameAt(k * 100 + 1, 4, 100));
    expect(seq).toEqual([0, 1, 2, 3, 2, 1, 0, 1, 2, 3]);
  });
  it('stays on frame 0 for one step, before the start, or with bad timing', () => {
    expect(interpolationFrameAt(5000, 1, 100)).toBe(0);
    expect(interpolationFrameAt(-50, 16, 100)).toBe(0);
    expect(interpolationFrameAt(500, 16, 0)).toBe(0);
    expect(interpolationFrameAt(Number.NaN, 16, 100)).toBe(0);
  });
  it('visits every frame of a 16-step path in one sweep', () => {
    const seen = new Set(Array.from({ length: 16 }, (_, k) => interpolationFrameAt(k * 90, 16, 90)));
    expect(seen.size).toBe(16);
  });
});

describe('createInterpolationPlayer', () => {
  afterEach(() => vi.restoreAllMocks());
  it('advances frames in requestAnimationFrame while playing and stops on pause', () => {
    const callbacks: FrameRequestCallback[] = [];
    vi.spyOn(window, 'requestAnimationFrame').mockImplementation((cb) => callbacks.push(cb));
    vi.spyOn(window, 'cancelAnimationFrame').mockImplementation(() => undefined);
    vi.spyOn(window.performance, 'now').mockReturnValue(1000);
    const shown: number[] = [];
    const host = document.createElement('div');
    const p = createInterpolationPlayer(host, { msPerFrame: 100, onFrame: (i) => shown.push(i) });
    p.update({ steps: 3, h: 2, w: 2, pixels: new Uint8Array(12).map((_, i) => i * 20) });
    expect(shown).toEqual([0]);
    p.play();
    expect(p.playing).toBe(true);
    for (const t of [1050, 1150, 1250, 1350, 1450]) callbacks.shift()?.(t);
    expect(shown).toEqual([0, 1, 2, 1, 0]);
    p.pause();
    const queued = callbacks.length;
    callbacks.shift()?.(1550);
    expect(shown).toEqual([0, 1, 2, 1, 0]);
    expect(callbacks.length).toBeLessThanOrEqual(queued);
    p.destroy();
    expect(host.querySelector('canvas')).toBeNull();
  });
});
