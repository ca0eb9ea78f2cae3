import { describe, expect, it } from 'vitest';
import type { PersistStorage } from 'zustand/middleware';
import { createAppStore, partialize, type Saved } from '../store';
import { smallCnn } from '../../engine/graph/testGraphs';
import { updateLayer } from '../../engine/graph/edit';
import { DEFAULT_HYPER } from '../../engine/train/hyper';
import type { SharedRun } from '../persistence/shareComparison';
import { declinePendingRuns, trainPendingRuns } from './sharedRuns';
import { createSweepController } from './sweepController';

const noStorage: PersistStorage<Saved> = {
  getItem: () => null,
  setItem: () => undefined,
  removeItem: () => undefined,
};
const graph = smallCnn();
const conv = graph.nodes.find((n) => n.layer.kind === 'conv2d')!;
const runs: SharedRun[] = [
  { name: 'mine', graph, hyper: { ...DEFAULT_HYPER, maxSteps: 40, epochs: 1000 }, dataset: 'mnist', seed: 5 },
  {
    name: 'yours',
    graph: updateLayer(graph, conv.id, { filters: 2 }),
    hyper: { ...DEFAULT_HYPER, learningRate: 0.05 },
    dataset: 'mnist',
    seed: 6,
  },
];

function setup() {
  const store = createAppStore(noStorage);
  const built: { graph: unknown; hyper: unknown; seed: number }[] = [];
  const controller = {
    prepare() {
      const s = store.getState();
      built.push({ graph: s.graph, hyper: s.hyper, seed: s.seed });
      s.patchRun({ status: 'initializing' });
    },
    train() {},
    pause() {},
  };
  return { store, built, sweeper: createSweepController(store, controller) };
}

describe('the runs of a comparison link', () => {
  it('"Train these N runs" trains each with its own network, settings and seed, leaving the user’s work saved', async () => {
    const { store, built, sweeper } = setup();
    const own = store.getState();
    store.getState().setPendingRuns(runs);
    expect(trainPendingRuns(store.getState, sweeper)).toBeNull();
    const s = store.getState();
    expect(s.pendingRuns).toBeNull();
    expect(s.sweep).toMatchObject({ index: 1, total: 2, label: 'mine' });
    expect(s.banner?.message).toMatch(/^Training the 2 shared runs one after another/);
    expect(built).toEqual([{ graph, hyper: runs[0]!.hyper, seed: 5 }]);
    expect(partialize(s)).toMatchObject({ graph: own.graph, hyper: own.hyper, seed: own.seed });
    sweeper.cancel();
    await sweeper.done();
    expect(store.getState().graph).toBe(own.graph);
    expect(store.getState().seed).toBe(own.seed);
  });

  it('waits while a run trains, and "Not now" drops them, changing nothing else', () => {
    const { store, built, sweeper } = setup();
    const own = store.getState();
    store.getState().setPendingRuns(runs);
    store.getState().patchRun({ status: 'running' });
    expect(trainPendingRuns(store.getState, sweeper)).toMatch(/pause it first/);
    expect(store.getState().pendingRuns).toBe(runs);
    declinePendingRuns(store.getState);
    expect(store.getState().pendingRuns).toBeNull();
    expect(store.getState().banner?.message).toBe(
      'The shared runs were not trained; your work is unchanged.',
    );
    expect(built).toHaveLength(0);
    expect(store.getState().graph).toBe(own.graph);
  });
});
