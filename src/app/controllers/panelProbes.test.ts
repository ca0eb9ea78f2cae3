import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PersistStorage } from 'zustand/middleware';
import type { ProbeRequest, ProbeResult } from '../../engine/train/probes/types';
import { createFrameBus } from '../frames/frameBus';
import { createAppStore, type Saved } from '../store/index';
import type { AppState } from '../store/types';
import { createPanelProbes, type PanelProbes } from './panelProbes';
import type { ProbeNeed } from './probeScheduler';

const noStorage: PersistStorage<Saved> = {
  getItem: () => null,
  setItem: () => undefined,
  removeItem: () => undefined,
};

let probes: PanelProbes | null = null;
afterEach(() => {
  probes?.dispose();
  vi.useRealTimers();
});

function setup(needs: ProbeNeed[], status: AppState['status'] = 'ready') {
  const store = createAppStore(noStorage);
  store.getState().patchRun({ status });
  const bus = createFrameBus();
  const sent: ProbeRequest[] = [];
  const result: ProbeResult = { kind: 'deadRelu', step: 1, layers: [] };
  let needsChanged = (): void => undefined;
  let probeNow = (_: ProbeRequest): void => undefined;
  probes = createPanelProbes({
    getState: store.getState,
    probe: (req) => {
      sent.push(req);
      return Promise.resolve(result);
    },
    bus,
    hasRun: () => true,
    probeNeeds: () => needs,
    onProbeNeedsChange: (cb) => {
      needsChanged = cb;
      return () => undefined;
    },
    onProbeNow: (cb) => {
      probeNow = cb;
      return () => undefined;
    },
    pollMs: 100,
  });
  return {
    store,
    bus,
    sent,
    result,
    probes,
    needsChanged: () => needsChanged(),
    probeNow: (r: ProbeRequest) => probeNow(r),
  };
}

describe('panel probes', () => {
  it('polls what the panels need while training, once per need', () => {
    vi.useFakeTimers();
    const { sent, store } = setup([{ kind: 'deadRelu' }, { kind: 'deadRelu' }, { kind: 'health' }], 'paused');
    vi.advanceTimersByTime(100);
    expect(sent).toEqual([]);
    store.getState().patchRun({ status: 'running' });
    vi.advanceTimersByTime(100);
    expect(sent.map((r) => r.kind)).toEqual(['deadRelu', 'health']);
  });

  it('a sample change asks only for the sample-based panels, with the sample', () => {
    const { sent, store, probes } = setup([{ kind: 'deadRelu' }, { kind: 'predict' }]);
    store.getState().setSample({ from: 'test', index: 4 });
    probes.sampleChanged();
    expect(sent).toEqual([{ kind: 'predict', sample: { from: 'test', index: 4 } }]);
  });

  it('a panel that appears gets a frame at once, but not before the model is built', () => {
    const building = setup([{ kind: 'deadRelu' }], 'initializing');
    building.needsChanged();
    expect(building.sent).toEqual([]);
    probes?.dispose();
    const ready = setup([{ kind: 'deadRelu' }]);
    ready.needsChanged();
    expect(ready.sent).toEqual([{ kind: 'deadRelu' }]);
  });

  it('publishes a result once when it comes both as an answer and as a message', async () => {
    const { bus, result, probeNow } = setup([]);
    const frames: ProbeResult[] = [];
    bus.subscribe('deadRelu', (f) => frames.push(f));
    probeNow({ kind: 'deadRelu' });
    probes?.publish(result);
    await Promise.resolve();
    expect(frames).toEqual([result]);
  });
});
