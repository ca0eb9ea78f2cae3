/**
 * "Import model" through the controller: the run of the imported network gets the weights in its init, as one
 * init after the store's reactions (a dataset switch); later runs of the same network get them again; an edited
 * network, or an architecture-only import, does not.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { PersistStorage } from 'zustand/middleware';
import { createAppStore, type Saved } from '../store/index';
import { createFrameBus } from '../frames/frameBus';
import { asRunId, type FromWorker } from '../../workers/protocol';
import type { InitArgs } from '../../workers/trainingClient';
import {
  createTrainingController,
  type ControllerClient,
  type TrainingController,
} from './trainingController';
import { smallCnn } from '../../engine/graph/testGraphs';
import { updateLayer } from '../../engine/graph/edit';
import type { ImportedWeight } from '../../engine/import/types';

const noStorage: PersistStorage<Saved> = {
  getItem: () => null,
  setItem: () => undefined,
  removeItem: () => undefined,
};

let ctl: TrainingController | null = null;
afterEach(() => ctl?.dispose());

function setup() {
  const inits: InitArgs[] = [];
  const listeners = new Set<(m: FromWorker) => void>();
  const client = {
    init: (args: InitArgs) => {
      inits.push(args);
      return asRunId(`run${inits.length}`);
    },
    probe: () => new Promise(() => undefined),
    on: (l: (m: FromWorker) => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    dispose: () => undefined,
    setHyper: () => undefined,
  } as unknown as ControllerClient;
  const store = createAppStore(noStorage);
  ctl = createTrainingController({
    store,
    client,
    bus: createFrameBus(),
    probeNeeds: () => [],
    pollMs: 10_000,
  });
  return { store, inits, ctl };
}

const flush = () => new Promise<void>((r) => queueMicrotask(r));
const weights: ImportedWeight[] = [{ name: 'conv2d_1/kernel', shape: [1], values: new Float32Array([0.5]) }];

describe('importing a model', () => {
  it('prepares one run of the imported network with its weights, also after a dataset switch', async () => {
    const { store, inits, ctl } = setup();
    ctl.prepare();
    const graph = smallCnn();
    store.getState().replaceNetworks({ graph });
    store.getState().setDataset('fashion-mnist');
    ctl.startImported(graph, weights);
    await flush();
    expect(inits).toHaveLength(2);
    expect(inits[1]?.graph).toBe(graph);
    expect(inits[1]?.dataset).toBe('fashion-mnist');
    expect(inits[1]?.weights).toBe(weights);

    // A later run of the same network (another dataset) starts from them again.
    store.getState().setDataset('mnist');
    await flush();
    expect(inits).toHaveLength(3);
    expect(inits[2]?.weights).toBe(weights);
  });

  it('an edited network or an architecture-only import trains from fresh weights', async () => {
    const { store, inits, ctl } = setup();
    ctl.prepare();
    const graph = smallCnn();
    store.getState().replaceNetworks({ graph });
    ctl.startImported(graph, weights);
    await flush();
    expect(inits.at(-1)?.weights).toBe(weights);

    const conv = graph.nodes.find((n) => n.layer.kind === 'conv2d');
    store.getState().setGraph(updateLayer(graph, conv!.id, { filters: 6 }));
    ctl.restartWithNewGraph();
    expect(inits.at(-1)?.weights).toBeUndefined();

    ctl.startImported(store.getState().graph, null);
    await flush();
    expect(inits.at(-1)?.weights).toBeUndefined();
    expect(inits).toHaveLength(4);
  });
});
