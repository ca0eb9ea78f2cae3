import { describe, expect, it } from 'vitest';
import { createFrameBus } from './frameBus';

describe('frame bus', () => {
  it('keeps the newest frame per kind; clear forgets them and tells the onClear listeners', () => {
    const bus = createFrameBus();
    const seen: number[] = [];
    bus.subscribe('deadRelu', (f) => seen.push(f.step));
    bus.publish({ kind: 'deadRelu', step: 1, layers: [] });
    bus.publish({ kind: 'deadRelu', step: 2, layers: [] });
    expect(seen).toEqual([1, 2]);
    expect(bus.latest('deadRelu')?.step).toBe(2);
    let cleared = 0;
    const off = bus.onClear(() => cleared++);
    bus.clear();
    expect(bus.latest('deadRelu')).toBeUndefined();
    expect(cleared).toBe(1);
    off();
    bus.clear();
    expect(cleared).toBe(1);
  });
});
