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
/** Lets the answers in flight settle (queued requests then go). */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
afterEach(() => {
  probes?.dispose();
  vi.useRealTimers();
});

function setup(needs: ProbeNeed[], status: AppState['status'] = 'ready') {
  const store = createAppStore(noStorage);
  store.getState().patchRun({ status });
  const bus = createFrameBus();
  const sent: ProbeRequest[] = [];
  /** Kinds sent as asked by the user. */
  const byUser: ProbeRequest['kind'][] = [];
  const result: ProbeResult = { kind: 'deadRelu', step: 1, layers: [] };
  let needsChanged = (): void => undefined;
  let probeNow = (_: ProbeRequest, _user: boolean): void => undefined;
  probes = createPanelProbes({
    getState: store.getState,
    probe: (req, user) => {
      sent.push(req);
      if (user) byUser.push(req.kind);
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
    byUser,
    result,
    probes,
    needsChanged: () => needsChanged(),
    probeNow: (r: ProbeRequest, user = false) => probeNow(r, user),
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

  it("marks as the user's only the needs a change added, the sample's kinds on a sample change, and one-shots asked so", async () => {
    const needs: ProbeNeed[] = [
      { kind: 'deadRelu' },
      { kind: 'adversarial', method: 'fgsm', epsilon: 0.1 },
      { kind: 'adversarialSearch' },
    ];
    const { sent, byUser, needsChanged, probes, probeNow } = setup(needs, 'running');
    // The user moves the ε slider: its panel's need is replaced (removed, then added).
    needs.splice(1, 1);
    needsChanged();
    needs.push({ kind: 'adversarial', method: 'fgsm', epsilon: 0.2 });
    needsChanged();
    expect(sent.map((r) => r.kind)).toContain('adversarial');
    expect(byUser).toEqual(['adversarial']);
    await settle();
    byUser.length = 0;
    probes.sampleChanged();
    await settle();
    expect(byUser.sort()).toEqual(['adversarial', 'adversarialSearch']);
    await settle();
    byUser.length = 0;
    probeNow({ kind: 'deadRelu' }, true);
    probeNow({ kind: 'health' });
    expect(byUser).toEqual(['deadRelu']);
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
