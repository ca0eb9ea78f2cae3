import { afterEach, describe, expect, it, vi } from 'vitest';
import { asNodeId } from '../../engine/graph/types';
import {
  currentProbeNeeds,
  needKey,
  onProbeNow,
  registerProbeNeed,
  requestProbeNow,
  resetProbeNeeds,
  subscribeProbeNeeds,
  visibleProbeNeeds,
} from './probeNeeds';

afterEach(resetProbeNeeds);

describe('probe needs registry', () => {
  it('dedupes equal needs and drops them on unregister', () => {
    const a = registerProbeNeed({ kind: 'kernels', gradients: false });
    const b = registerProbeNeed({ kind: 'kernels', gradients: false });
    const c = registerProbeNeed({ kind: 'kernels', gradients: true });
    const d = registerProbeNeed({ kind: 'pooling', node: asNodeId('p1') });
    expect(currentProbeNeeds()).toHaveLength(3);
    expect(visibleProbeNeeds()).toEqual(['kernels', 'pooling']);
    a();
    expect(currentProbeNeeds()).toHaveLength(3);
    b();
    c();
    d();
    expect(currentProbeNeeds()).toEqual([]);
  });
  it('notifies subscribers on change, once per real change', () => {
    const cb = vi.fn();
    subscribeProbeNeeds(cb);
    const off = registerProbeNeed({ kind: 'deadRelu' });
    off();
    off();
    expect(cb).toHaveBeenCalledTimes(2);
  });
  it('queues one-shot requests until the controller listens', () => {
    requestProbeNow({ kind: 'samples', split: 'test', indices: [1, 2] });
    const got: string[] = [];
    onProbeNow((r) => got.push(r.kind));
    requestProbeNow({ kind: 'confusion' });
    expect(got).toEqual(['samples', 'confusion']);
  });
  it('keys GAN and reconstruction needs by their parameters', () => {
    const plain = needKey({ kind: 'ganSamples' });
    const ab = needKey({ kind: 'ganSamples', interpolate: { a: 0, b: 63, steps: 16 } });
    const ba = needKey({ kind: 'ganSamples', interpolate: { a: 63, b: 0, steps: 16 } });
    expect(new Set([plain, ab, ba]).size).toBe(3);
    expect(needKey({ kind: 'ganSamples', interpolate: { a: 0, b: 63, steps: 16 } })).toBe(ab);
    expect(needKey({ kind: 'reconstruct', count: 8 })).not.toBe(needKey({ kind: 'reconstruct', count: 4 }));
    const off1 = registerProbeNeed({ kind: 'ganSamples', interpolate: { a: 1, b: 2, steps: 16 } });
    registerProbeNeed({ kind: 'ganSamples', interpolate: { a: 1, b: 2, steps: 16 } });
    registerProbeNeed({ kind: 'reconstruct', count: 8 });
    expect(currentProbeNeeds()).toEqual([
      { kind: 'ganSamples', interpolate: { a: 1, b: 2, steps: 16 } },
      { kind: 'reconstruct', count: 8 },
    ]);
    off1();
    expect(currentProbeNeeds()).toHaveLength(2);
  });
});
