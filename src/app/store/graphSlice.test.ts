import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import { createGraphSlice, HISTORY_LIMIT } from './graphSlice';
import type { AppState } from './types';
import type { Graph } from '../../engine/graph/types';
import { asNodeId } from '../../engine/graph/types';
import { defaultLayer } from '../../engine/graph/catalogue';
import { addNode, appendAfter, chain, connect, moveNode, removeNodes } from '../../engine/graph/edit';

/** Only the graph slice is exercised; the other slices' fields are not touched by it. */
function makeStore(): StoreApi<AppState> {
  return createStore<AppState>()((...a) => createGraphSlice(...a) as AppState);
}

const tiny: Graph = chain('classifier', [
  defaultLayer('input'),
  defaultLayer('flatten'),
  { ...defaultLayer('dense'), units: 10 },
]);

describe('graphSlice', () => {
  it('starts from a preset graph with an Input node and an empty history', () => {
    const s = makeStore().getState();
    expect(s.graph.nodes.some((n) => n.layer.kind === 'input')).toBe(true);
    expect(s.past).toEqual([]);
    expect(s.future).toEqual([]);
    expect(s.selection).toEqual([]);
  });

  it('edit records the previous graph; undo and redo walk the history', () => {
    const store = makeStore();
    store.getState().setGraph(tiny, { record: false });
    expect(store.getState().past).toHaveLength(0);

    store.getState().edit((g) => addNode(g, defaultLayer('dropout'), { x: 5, y: 5 }).graph);
    const afterAdd = store.getState().graph;
    expect(afterAdd.nodes).toHaveLength(4);
    expect(store.getState().past).toEqual([tiny]);

    store.getState().undo();
    expect(store.getState().graph).toBe(tiny);
    expect(store.getState().future).toEqual([afterAdd]);

    store.getState().redo();
    expect(store.getState().graph).toBe(afterAdd);
    expect(store.getState().future).toEqual([]);
    expect(store.getState().past).toEqual([tiny]);
  });

  it('a new edit after undo drops the redo branch', () => {
    const store = makeStore();
    store.getState().setGraph(tiny, { record: false });
    store.getState().edit((g) => moveNode(g, g.nodes[0]!.id, { x: 100, y: 100 }));
    store.getState().undo();
    expect(store.getState().future).toHaveLength(1);
    store.getState().edit((g) => moveNode(g, g.nodes[0]!.id, { x: 7, y: 7 }));
    expect(store.getState().future).toHaveLength(0);
    store.getState().redo();
    expect(store.getState().graph.nodes[0]!.position).toEqual({ x: 7, y: 7 });
  });

  it('an edit that returns the same graph leaves no undo step', () => {
    const store = makeStore();
    store.getState().setGraph(tiny, { record: false });
    const [a, b] = tiny.nodes;
    // Already connected: connect() returns the graph unchanged.
    store.getState().edit((g) => connect(g, a!.id, b!.id).graph);
    expect(store.getState().past).toHaveLength(0);
  });

  it(`keeps at most ${HISTORY_LIMIT} undo steps, dropping the oldest`, () => {
    const store = makeStore();
    store.getState().setGraph(tiny, { record: false });
    const id = tiny.nodes[0]!.id;
    for (let i = 1; i <= HISTORY_LIMIT + 5; i++)
      store.getState().edit((g) => moveNode(g, id, { x: i, y: 0 }));
    const { past } = store.getState();
    expect(past).toHaveLength(HISTORY_LIMIT);
    // The oldest kept state is after the 5th move (x = 5); the start and moves 1..4 are gone.
    expect(past[0]!.nodes[0]!.position.x).toBe(5);
    for (let i = 0; i < HISTORY_LIMIT; i++) store.getState().undo();
    expect(store.getState().graph.nodes[0]!.position.x).toBe(5);
    store.getState().undo();
    expect(store.getState().graph.nodes[0]!.position.x).toBe(5);
    expect(store.getState().future).toHaveLength(HISTORY_LIMIT);
  });

  it('undo and redo with an empty history do nothing', () => {
    const store = makeStore();
    const g = store.getState().graph;
    store.getState().undo();
    store.getState().redo();
    expect(store.getState().graph).toBe(g);
  });

  it('drops selected ids that an edit or undo removes', () => {
    const store = makeStore();
    store.getState().setGraph(tiny, { record: false });
    const added = appendAfter(tiny, tiny.nodes[1]!.id, defaultLayer('dropout'));
    store.getState().setGraph(added!.graph);
    store.getState().select([added!.id, tiny.nodes[0]!.id]);
    store.getState().undo();
    expect(store.getState().selection).toEqual([tiny.nodes[0]!.id]);
    store.getState().edit((g) => removeNodes(g, [tiny.nodes[0]!.id]));
    expect(store.getState().selection).toEqual([]);
  });

  it('newGraph leaves one Input node and can be undone', () => {
    const store = makeStore();
    store.getState().setGraph(tiny, { record: false });
    store.getState().newGraph();
    const g = store.getState().graph;
    expect(g.nodes.map((n) => n.layer.kind)).toEqual(['input']);
    expect(g.edges).toEqual([]);
    expect(g.role).toBe('classifier');
    store.getState().undo();
    expect(store.getState().graph).toBe(tiny);
  });

  it('GAN mode: edits go to the active network; switching networks starts a fresh history', () => {
    const store = makeStore();
    const generator = chain('generator', [
      { kind: 'input', source: 'latent', shape: [16] },
      defaultLayer('dense'),
    ]);
    const discriminator = chain('discriminator', [defaultLayer('input'), defaultLayer('flatten')]);
    store.getState().setGanGraphs({ generator, discriminator });
    expect(store.getState().activeNetwork).toBe('generator');
    expect(store.getState().graph).toBe(generator);

    store.getState().edit((g) => addNode(g, defaultLayer('dropout'), { x: 0, y: 0 }).graph);
    expect(store.getState().ganGraphs!.generator.nodes).toHaveLength(3);
    expect(store.getState().ganGraphs!.discriminator).toBe(discriminator);

    store.getState().setActiveNetwork('discriminator');
    expect(store.getState().graph).toBe(discriminator);
    expect(store.getState().past).toEqual([]);
    store.getState().undo();
    expect(store.getState().graph).toBe(discriminator);

    store.getState().setActiveNetwork('generator');
    expect(store.getState().graph.nodes).toHaveLength(3);

    store.getState().setGanGraphs(null, tiny);
    expect(store.getState().activeNetwork).toBe('main');
    expect(store.getState().graph).toBe(tiny);
    store.getState().setActiveNetwork('discriminator');
    expect(store.getState().activeNetwork).toBe('main');
  });

  it('select replaces the selection', () => {
    const store = makeStore();
    store.getState().select([asNodeId('a'), asNodeId('b')]);
    store.getState().select([asNodeId('c')]);
    expect(store.getState().selection).toEqual(['c']);
  });
});
