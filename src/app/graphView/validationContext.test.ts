import { describe, expect, it } from 'vitest';
import type { PersistStorage } from 'zustand/middleware';
import { applyFix } from '../../engine/graph/fixes';
import { smallCnn } from '../../engine/graph/testGraphs';
import { makeUserDataset } from '../../workers/userDatasets/testing';
import { createAppStore, type Saved } from '../store';
import { analysisOf, selectChosenUserDataset } from './useGraphAnalysis';
import { datasetShapeOf, SHIPPED_DATASET, validationContext } from './validationContext';

const rgb = makeUserDataset({ id: 'user-rgb', shape: [32, 32, 3], classes: 3 }).meta;
const noStorage: PersistStorage<Saved> = {
  getItem: () => null,
  setItem: () => undefined,
  removeItem: () => undefined,
};

describe('validation against the chosen dataset', () => {
  it('takes a user dataset’s shape and classes; the shipped sets (and a missing user set) are 28×28×1 with 10', () => {
    expect(datasetShapeOf('user-rgb', [rgb])).toEqual({ shape: [32, 32, 3], classes: 3 });
    expect(datasetShapeOf('mnist', [rgb])).toBe(SHIPPED_DATASET);
    expect(datasetShapeOf('user-gone', [rgb])).toBe(SHIPPED_DATASET);
    expect(validationContext([1, 2])).toEqual({ imageShape: [28, 28, 1], classes: 10, labelSubset: [1, 2] });
  });

  it('a 32×32×3 user dataset flags the 28×28×1 Input, and the validator’s fix makes it fit', () => {
    const graph = smallCnn();
    const input = graph.nodes.find((n) => n.layer.kind === 'input')!;
    expect(analysisOf(graph, []).byNode.get(input.id)).toBeUndefined();
    const shape = datasetShapeOf('user-rgb', [rgb]);
    const issues = analysisOf(graph, [], shape).byNode.get(input.id) ?? [];
    expect(issues.map((i) => [i.code, i.message])).toEqual([
      ['inputShapeMismatch', "The dataset's images are 32×32×3, but this Input expects 28×28×1."],
    ]);
    const fix = issues[0]!.fixes[0]!;
    expect(fix.label).toBe('shape 32×32×3');
    const fixed = applyFix(graph, fix);
    const after = analysisOf(fixed, [], shape);
    expect(after.byNode.get(input.id)).toBeUndefined();
    expect(after.info.get(input.id)?.output).toEqual([32, 32, 3]);
    // The 10-unit head does not fit 3 classes.
    expect(after.issues.some((i) => /3 classes/.test(i.message))).toBe(true);
    // The same graph object under the shipped shape again is analysed afresh, not taken from the cache.
    expect(analysisOf(graph, []).byNode.get(input.id)).toBeUndefined();
  });

  it('the editor’s selector gives the chosen user dataset, the same object while nothing changes', () => {
    const store = createAppStore(noStorage);
    store.getState().setUserDatasets([rgb]);
    expect(selectChosenUserDataset(store.getState())).toBeUndefined();
    store.getState().setDataset('user-rgb');
    const a = selectChosenUserDataset(store.getState());
    expect(a?.shape).toEqual([32, 32, 3]);
    store.getState().setSeed(5);
    expect(selectChosenUserDataset(store.getState())).toBe(a);
  });
});
