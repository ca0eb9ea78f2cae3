import { describe, expect, it } from 'vitest';
import type { PersistStorage } from 'zustand/middleware';
import { dcganDiscriminator, dcganGenerator } from '../../engine/graph/dcganNetworks';
import { PRESETS } from '../../engine/graph/presets';
import { smallCnn } from '../../engine/graph/testGraphs';
import { createAppStore, type Saved } from '../store/index';
import type { AppState } from '../store/types';
import { onceSettled, storeReactions } from './storeReactions';

const noStorage: PersistStorage<Saved> = {
  getItem: () => null,
  setItem: () => undefined,
  removeItem: () => undefined,
};

/** The reactions to `change` made on a store whose run has the given status and runs its graph. */
function reactionsTo(change: (s: AppState) => void, status: AppState['status'] = 'running') {
  const store = createAppStore(noStorage);
  store.getState().patchRun({ status, runGraph: store.getState().graph });
  const before = store.getState();
  change(before);
  return storeReactions(store.getState(), before);
}

describe('store reactions', () => {
  it('a new preset is a new lesson', () => {
    const other = PRESETS.find((p) => p.id !== createAppStore(noStorage).getState().presetId && !p.gan)!;
    expect(reactionsTo((s) => s.setPreset(other.id))).toEqual([{ do: 'newLesson' }]);
  });

  it('a new dataset or backend rebuilds the run, training if it was', () => {
    expect(reactionsTo((s) => s.setDataset(s.dataset === 'mnist' ? 'procedural' : 'mnist'))).toEqual([
      { do: 'rebuild', start: true },
    ]);
    expect(reactionsTo((s) => s.setBackendPolicy('wasm'), 'paused')).toEqual([
      { do: 'rebuild', start: false },
    ]);
  });

  it('settings and samples reach only a worker with a model', () => {
    expect(reactionsTo((s) => s.setHyper({ learningRate: 0.5 }))).toEqual([{ do: 'flushHyper' }]);
    expect(reactionsTo((s) => s.setSample({ from: 'test', index: 3 }), 'finished')).toEqual([
      { do: 'probeSample' },
    ]);
    expect(reactionsTo((s) => s.setHyper({ learningRate: 0.5 }), 'initializing')).toEqual([]);
    expect(reactionsTo((s) => s.setSample({ from: 'test', index: 3 }), 'error')).toEqual([]);
  });

  it('moving or freezing nodes adopts the graph; a real edit does not', () => {
    const frozen = reactionsTo((s) => {
      const first = s.graph.nodes[1]!;
      s.setGraph({
        ...s.graph,
        nodes: s.graph.nodes.map((n) => (n === first ? { ...n, position: { x: 9, y: 9 }, frozen: true } : n)),
      });
    });
    expect(frozen).toEqual([{ do: 'adoptGraph', freeze: [expect.any(String)], unfreeze: [] }]);
    expect(reactionsTo((s) => s.setGraph(smallCnn()))).toEqual([]);
  });

  it('a run that stopped with an error is prepared again once the network is edited, not when nodes move', () => {
    expect(reactionsTo((s) => s.setGraph(smallCnn()), 'error')).toEqual([{ do: 'retry' }]);
    const moved = (s: AppState) =>
      s.setGraph({ ...s.graph, nodes: s.graph.nodes.map((n) => ({ ...n, position: { x: 1, y: 2 } })) });
    expect(reactionsTo(moved, 'error')).toEqual([]);
    // A stopped run that is not in error keeps waiting for Train.
    expect(reactionsTo((s) => s.setGraph(smallCnn()), 'paused')).toEqual([]);
  });

  it('a GAN that failed to prepare: "Rebuild for 32×32×3" prepares again; switching networks does not', () => {
    const store = createAppStore(noStorage);
    store.getState().setPreset('dcgan');
    store.getState().patchRun({ status: 'error', runGraph: store.getState().graph });
    const gan = store.getState();
    store.getState().replaceNetworks({
      graph: dcganGenerator([32, 32, 3]),
      gan: { generator: dcganGenerator([32, 32, 3]), discriminator: dcganDiscriminator([32, 32, 3]) },
    });
    expect(storeReactions(store.getState(), gan)).toEqual([{ do: 'retry' }]);
    const rebuilt = store.getState();
    store.getState().setActiveNetwork('discriminator');
    expect(storeReactions(store.getState(), rebuilt)).toEqual([]);
  });
});

describe('onceSettled', () => {
  it('runs once after the current updates, starting if any asked to', async () => {
    const runs: boolean[] = [];
    const later = onceSettled((start) => runs.push(start));
    later(false);
    later(true);
    later(false);
    expect(runs).toEqual([]);
    await Promise.resolve();
    expect(runs).toEqual([true]);
    later(false);
    await Promise.resolve();
    expect(runs).toEqual([true, false]);
  });
});
