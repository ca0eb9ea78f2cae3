/** A comparison link never touches the work: its runs wait for the user; a bad one says why in a banner. */
import { describe, expect, it } from 'vitest';
import type { PersistStorage } from 'zustand/middleware';
import { deflateSync, strToU8 } from 'fflate';
import { createAppStore, type Saved } from '../store/index';
import { smallCnn } from '../../engine/graph/testGraphs';
import { updateLayer } from '../../engine/graph/edit';
import { DEFAULT_HYPER } from '../../engine/train/hyper';
import { toBase64Url } from './base64url';
import { encodeComparison, type SharedRun } from './shareComparison';
import { applyLocation } from './startup';

const noStorage: PersistStorage<Saved> = {
  getItem: () => null,
  setItem: () => undefined,
  removeItem: () => undefined,
};
const graph = smallCnn();
const conv = graph.nodes.find((n) => n.layer.kind === 'conv2d')!;
const runs: SharedRun[] = [
  { name: 'kernel 3', graph, hyper: DEFAULT_HYPER, dataset: 'procedural', seed: 5 },
  {
    name: 'kernel 5',
    graph: updateLayer(graph, conv.id, { kernel: [5, 5] }),
    hyper: DEFAULT_HYPER,
    dataset: 'procedural',
    seed: 5,
  },
];

describe('opening a comparison link', () => {
  it('keeps the work as it is, over the default too, and offers the runs', () => {
    for (const own of [false, true]) {
      const store = createAppStore(noStorage);
      if (own) store.getState().setPreset('lenet5');
      const before = store.getState();
      expect(
        applyLocation(store.getState, { hash: encodeComparison(runs), search: '' }, store.getInitialState()),
      ).toBe(false);
      const s = store.getState();
      expect([s.graph, s.hyper, s.dataset, s.seed, s.presetId, s.past]).toEqual([
        before.graph,
        before.hyper,
        before.dataset,
        before.seed,
        before.presetId,
        before.past,
      ]);
      expect(s.pendingRuns).toEqual(runs);
      expect(s.pendingShare).toBeNull();
      expect(s.banner).toBeNull();
    }
  });

  it('a bad comparison link says why in a banner and offers nothing', () => {
    const store = createAppStore(noStorage);
    const hash = `#s=v1.${toBase64Url(deflateSync(strToU8(JSON.stringify({ v: 1, comparison: [runs[0]] }))))}`;
    applyLocation(store.getState, { hash, search: '' }, store.getInitialState());
    expect(store.getState().pendingRuns).toBeNull();
    expect(store.getState().banner).toMatchObject({
      kind: 'error',
      message:
        'The shared comparison could not be opened: a comparison link holds 2 or 3 runs. Your own work is unchanged.',
    });
  });

  it('a comparison link from a later version is named as such', () => {
    const store = createAppStore(noStorage);
    applyLocation(store.getState, { hash: encodeComparison(runs).replace('v1.', 'v2.'), search: '' });
    expect(store.getState().pendingRuns).toBeNull();
    expect(store.getState().banner?.message).toMatch(
      /^The shared link could not be opened: the link's format "v2"/,
    );
  });
});
