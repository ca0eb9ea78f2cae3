/**
 * GAN and autoencoder presets on a user dataset of another shape (issue 14): choosing the preset with the dataset
 * chosen builds it for the dataset's images; changing the dataset under a loaded preset offers "Rebuild for …",
 * which swaps in all of its networks with the settings kept, as one step that Undo takes back.
 */
import { describe, expect, it } from 'vitest';
import type { PersistStorage } from 'zustand/middleware';
import { outputNode } from '../../engine/graph/graphUtils';
import type { GraphFix } from '../../engine/graph/issues';
import { inferShapes } from '../../engine/graph/shapes';
import type { Graph } from '../../engine/graph/types';
import { updateLayer } from '../../engine/graph/edit';
import { presetById } from '../../engine/graph/presets';
import { makeUserDataset } from '../../workers/userDatasets/testing';
import { analysisOf, workNetworks } from '../graphView/useGraphAnalysis';
import { datasetShapeOf } from '../graphView/validationContext';
import { createAppStore, type Saved } from './index';
import type { AppState } from './types';

const rgb = makeUserDataset({ id: 'user-rgb', shape: [32, 32, 3], classes: 2 }).meta;
const noStorage: PersistStorage<Saved> = {
  getItem: () => null,
  setItem: () => undefined,
  removeItem: () => undefined,
};
const outOf = (g: Graph) => inferShapes(g).get(outputNode(g)!)?.output;

function storeWithRgb() {
  const store = createAppStore(noStorage);
  store.getState().setUserDatasets([rgb]);
  return store;
}

/** The rebuild fix the editor's validation offers for the shown network, as the inspector would list it. */
function rebuildFix(s: AppState): Extract<GraphFix, { kind: 'rebuild' }> | undefined {
  const a = analysisOf(s.graph, s.hyper.labelSubset, datasetShapeOf(s.dataset, s.userDatasets), {
    id: s.presetId,
    networks: workNetworks(s.graph, s.ganGraphs),
  });
  for (const i of a.issues) for (const f of i.fixes) if (f.kind === 'rebuild') return f;
  return undefined;
}

describe('presets on a 32×32×3 user dataset', () => {
  it('choosing DCGAN or an autoencoder with the dataset chosen keeps it and builds for 32×32×3', () => {
    const store = storeWithRgb();
    store.getState().setDataset('user-rgb');
    store.getState().setPreset('dcgan');
    let s = store.getState();
    expect(s.dataset).toBe('user-rgb');
    expect(outOf(s.ganGraphs!.generator)).toEqual([32, 32, 3]);
    expect(s.ganGraphs!.discriminator.nodes[0]?.layer).toMatchObject({ shape: [32, 32, 3] });
    expect(rebuildFix(s)).toBeUndefined();
    store.getState().setPreset('denoising-autoencoder');
    s = store.getState();
    expect(s.dataset).toBe('user-rgb');
    expect(outOf(s.graph)).toEqual([32, 32, 3]);
    // A classifier preset still brings its own dataset.
    store.getState().setPreset('notes-small');
    expect(store.getState().dataset).toBe('mnist');
  });

  it('a DCGAN loaded before the dataset changes: the fix swaps both networks, keeps the settings, and Undo restores', () => {
    const store = storeWithRgb();
    store.getState().setPreset('dcgan');
    store.getState().setHyper({ learningRate: 0.0005 });
    store.getState().setGanHyper({ kD: 2 });
    // A hand edit in the discriminator, then the user looks at the generator and picks the colour set.
    store.getState().setActiveNetwork('discriminator');
    const conv = store.getState().graph.nodes.find((n) => n.layer.kind === 'conv2d')!;
    store.getState().edit((g) => updateLayer(g, conv.id, { filters: 24 }));
    store.getState().setActiveNetwork('generator');
    store.getState().setDataset('user-rgb');
    const before = store.getState();
    const fix = rebuildFix(before);
    expect(fix?.label).toBe('Rebuild for 32×32×3');

    store.getState().replaceNetworks(fix!.networks);
    const after = store.getState();
    expect(after.activeNetwork).toBe('generator');
    expect(outOf(after.graph)).toEqual([32, 32, 3]);
    expect(after.ganGraphs).toEqual(fix!.networks.gan);
    expect([after.dataset, after.presetId, after.hyper, after.ganHyper, after.seed]).toEqual([
      'user-rgb',
      'dcgan',
      before.hyper,
      before.ganHyper,
      before.seed,
    ]);
    expect(rebuildFix(after)).toBeUndefined();

    store.getState().undo();
    const undone = store.getState();
    expect(undone.ganGraphs).toBe(before.ganGraphs);
    expect(undone.graph).toBe(before.graph);
    expect(undone.ganGraphs!.discriminator.nodes.find((n) => n.id === conv.id)?.layer).toMatchObject({
      filters: 24,
    });
    store.getState().redo();
    expect(store.getState().ganGraphs).toEqual(fix!.networks.gan);
  });

  it('from the discriminator tab the rebuild keeps that tab', () => {
    const store = storeWithRgb();
    store.getState().setPreset('dcgan-fashion');
    store.getState().setDataset('user-rgb');
    store.getState().setActiveNetwork('discriminator');
    const fix = rebuildFix(store.getState());
    store.getState().replaceNetworks(fix!.networks);
    const s = store.getState();
    expect(s.activeNetwork).toBe('discriminator');
    expect(s.graph).toBe(fix!.networks.gan!.discriminator);
  });

  it('an autoencoder: the fix is one edit on the graph, undone like any other', () => {
    const store = storeWithRgb();
    store.getState().setPreset('autoencoder');
    const original = store.getState().graph;
    store.getState().setDataset('user-rgb');
    const fix = rebuildFix(store.getState());
    expect(fix?.label).toBe('Rebuild for 32×32×3');
    store.getState().replaceNetworks(fix!.networks);
    expect(outOf(store.getState().graph)).toEqual([32, 32, 3]);
    expect(store.getState().ganGraphs).toBeNull();
    store.getState().undo();
    expect(store.getState().graph).toBe(original);
    expect(presetById('autoencoder')?.graph).toBe(original);
  });
});
