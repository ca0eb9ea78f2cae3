import { describe, expect, it } from 'vitest';
import type { PersistStorage, StorageValue } from 'zustand/middleware';
import { createAppStore, type Saved } from './index';
import { PRESETS } from '../../engine/graph/presets';
import { selectGraphChangedSinceRun, selectLastValidation } from './selectors';
import { asRunId } from '../../workers/protocol';
import type { MetricPoint } from '../../engine/train/metricPoint';
import { smallCnn } from '../../engine/graph/testGraphs';

function memoryStorage(initial?: StorageValue<Saved>) {
  const data = new Map<string, StorageValue<Saved>>();
  if (initial) data.set('cnn-playground', initial);
  const storage: PersistStorage<Saved> = {
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, JSON.parse(JSON.stringify(v)) as StorageValue<Saved>),
    removeItem: (k) => void data.delete(k),
  };
  return { data, storage };
}

const point = (step: number): MetricPoint => ({
  step,
  epoch: 0,
  examplesPerSec: 100,
  loss: 1 / step,
  accuracy: 0.5,
  epochProgress: step / 100,
  learningRate: 0.01,
});

describe('app store', () => {
  it('writes the autosave only when a saved field changes, not on run counters', () => {
    const mem = memoryStorage();
    let writes = 0;
    const counting: PersistStorage<Saved> = {
      ...mem.storage,
      setItem: (k, v) => {
        writes++;
        return mem.storage.setItem(k, v);
      },
    };
    const s = createAppStore(counting);
    s.getState().setHyper({ learningRate: 0.02 });
    const after = writes;
    expect(after).toBeGreaterThan(0);
    for (let i = 0; i < 20; i++) s.getState().patchRun({ step: i, examplesPerSec: 100 + i });
    expect(writes).toBe(after);
    s.getState().setSeed(9);
    expect(writes).toBe(after + 1);
  });

  it('autosaves the graph and settings, and a new store restores them', () => {
    const mem = memoryStorage();
    const a = createAppStore(mem.storage);
    const g = smallCnn();
    a.getState().setGraph(g);
    a.getState().setHyper({ learningRate: 0.05 });
    a.getState().setSeed(7);
    a.getState().setTheme('dark');
    a.getState().setDockSize(5000);
    const saved = mem.data.get('cnn-playground');
    expect(saved?.state).not.toHaveProperty('status');
    expect(saved?.state).not.toHaveProperty('past');
    const b = createAppStore(mem.storage);
    expect(b.getState().graph).toEqual(g);
    expect(b.getState().hyper.learningRate).toBe(0.05);
    expect(b.getState().seed).toBe(7);
    expect(b.getState().theme).toBe('dark');
    expect(b.getState().dockSize).toBe(640);
  });

  it('keeps the defaults and reports it when the saved graph is corrupt', () => {
    const good = createAppStore(memoryStorage().storage).getState();
    const mem = memoryStorage({ version: 1, state: { ...good, graph: { nodes: 'no' } } as unknown as Saved });
    const s = createAppStore(mem.storage).getState();
    expect(s.graph).toEqual(good.graph);
    expect(s.banner?.message).toMatch(/could not be restored/);
  });

  it('refuses saved settings out of range', () => {
    const good = createAppStore(memoryStorage().storage).getState();
    const mem = memoryStorage({
      version: 1,
      state: { ...good, hyper: { ...good.hyper, batchSize: -4 } } as unknown as Saved,
    });
    expect(createAppStore(mem.storage).getState().hyper.batchSize).toBe(good.hyper.batchSize);
  });

  it('loads a preset: graph, dataset and hyperparameters', () => {
    const s = createAppStore(memoryStorage().storage);
    const target = PRESETS.find((p) => !p.gan && p.id !== s.getState().presetId)!;
    s.getState().setPreset(target.id);
    expect(s.getState().graph).toBe(target.graph);
    expect(s.getState().dataset).toBe(target.dataset);
    expect(s.getState().hyper).toEqual(target.hyper);
    const gan = PRESETS.find((p) => p.gan);
    if (gan) {
      s.getState().setPreset(gan.id);
      expect(s.getState().ganGraphs).not.toBeNull();
      s.getState().setPreset(target.id);
      expect(s.getState().ganGraphs).toBeNull();
      expect(s.getState().graph).toBe(target.graph);
    }
  });

  it('appends metrics per run and bounds the number of runs', () => {
    const s = createAppStore(memoryStorage().storage);
    const r1 = asRunId('r1');
    s.getState().startMetricsRun(r1, 'first');
    s.getState().appendMetrics(r1, [point(1), point(2)]);
    s.getState().appendMetrics(r1, [point(3)]);
    expect(s.getState().runs[0]?.points.map((p) => p.step)).toEqual([1, 2, 3]);
    for (let i = 2; i < 10; i++) s.getState().startMetricsRun(asRunId(`r${i}`), `run ${i}`);
    expect(s.getState().runs.length).toBeLessThanOrEqual(4);
    expect(s.getState().runs.at(-1)?.runId).toBe('r9');
  });

  it("reads the current run's latest validation, none before the first", () => {
    const s = createAppStore(memoryStorage().storage);
    const r = asRunId('v');
    s.getState().patchRun({ runId: r });
    s.getState().startMetricsRun(r, 'v');
    s.getState().appendMetrics(r, [point(1)]);
    expect(selectLastValidation(s.getState())).toBeNull();
    s.getState().appendMetrics(r, [{ ...point(2), valLoss: 0.5, valAccuracy: 0.9 }, point(3)]);
    expect(selectLastValidation(s.getState())).toEqual({ loss: 0.5, accuracy: 0.9 });
  });

  it('knows when the edited graph differs from the running one', () => {
    const s = createAppStore(memoryStorage().storage);
    s.getState().patchRun({ status: 'running', runId: asRunId('x'), runGraph: s.getState().graph });
    expect(selectGraphChangedSinceRun(s.getState())).toBe(false);
    s.getState().setGraph(smallCnn());
    expect(selectGraphChangedSinceRun(s.getState())).toBe(true);
  });

  it('toggles panels', () => {
    const s = createAppStore(memoryStorage().storage);
    s.getState().togglePanel('Kernels');
    expect(s.getState().collapsedPanels).toEqual(['Kernels']);
    s.getState().togglePanel('Kernels');
    expect(s.getState().collapsedPanels).toEqual([]);
  });
});
