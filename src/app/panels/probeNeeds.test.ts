import { afterEach, describe, expect, it, vi } from 'vitest';
import { asNodeId } from '../../engine/graph/types';
import {
  currentProbeNeeds,
  onProbeNow,
  registerProbeNeed,
  requestProbeNow,
  resetProbeNeeds,
  subscribeProbeNeeds,
} from './probeNeeds';

afterEach(resetProbeNeeds);

describe('probe needs registry', () => {
  it('keeps every need, equal ones too (the probe scheduler dedupes), and drops them on unregister', () => {
    const a = registerProbeNeed({ kind: 'kernels', gradients: false });
    const b = registerProbeNeed({ kind: 'kernels', gradients: false });
    const c = registerProbeNeed({ kind: 'kernels', gradients: true });
    const d = registerProbeNeed({ kind: 'pooling', node: asNodeId('p1') });
    expect(currentProbeNeeds().map((n) => n.kind)).toEqual(['kernels', 'kernels', 'kernels', 'pooling']);
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
});
