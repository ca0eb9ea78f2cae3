/**
 * The edited network, the selection and undo/redo.
 *
 * `graph` is always the network the editor shows. For GAN presets `ganGraphs` holds both networks and
 * `activeNetwork` names the one in `graph`; every change to `graph` is written back into `ganGraphs`.
 * The undo history belongs to the network being edited: switching networks starts a fresh history.
 */
import type { StateCreator } from 'zustand';
import type { Graph, NodeId } from '../../engine/graph/types';
import { GRAPH_VERSION, asNodeId } from '../../engine/graph/types';
import { defaultLayer } from '../../engine/graph/catalogue';
import type { AppState, GraphSlice } from './types';
import { DEFAULT_PRESET_ID, PRESETS } from '../../engine/graph/presets';
import { redoCheckpoint, snapshotOf, undoCheckpoint } from './checkpoint';

/** How many steps undo remembers. */
export const HISTORY_LIMIT = 100;

type GraphState = Pick<GraphSlice, 'graph' | 'ganGraphs' | 'activeNetwork' | 'selection' | 'past' | 'future'>;

/** `past` plus one entry, dropping the oldest beyond HISTORY_LIMIT. */
function pushCapped(past: readonly Graph[], g: Graph): readonly Graph[] {
  const next = [...past, g];
  return next.length > HISTORY_LIMIT ? next.slice(next.length - HISTORY_LIMIT) : next;
}

/** Write the active graph back into ganGraphs when a GAN network is being edited. */
function withGan(s: GraphState, graph: Graph): Pick<GraphState, 'graph' | 'ganGraphs'> {
  if (!s.ganGraphs || s.activeNetwork === 'main') return { graph, ganGraphs: s.ganGraphs };
  return { graph, ganGraphs: { ...s.ganGraphs, [s.activeNetwork]: graph } };
}

/** Keep only selected ids that still exist in `graph`. */
function keepSelection(selection: readonly NodeId[], graph: Graph): readonly NodeId[] {
  if (selection.length === 0) return selection;
  const ids = new Set(graph.nodes.map((n) => n.id));
  const kept = selection.filter((id) => ids.has(id));
  return kept.length === selection.length ? selection : kept;
}

/** A graph with a single Input node (the "New graph" starting point), keeping the role and input of `like`. */
export function emptyGraph(like: Graph): Graph {
  const input = like.nodes.find((n) => n.layer.kind === 'input')?.layer ?? defaultLayer('input');
  return {
    version: GRAPH_VERSION,
    role: like.role,
    nodes: [{ id: asNodeId('input_1'), layer: input, position: { x: 0, y: 0 }, frozen: false }],
    edges: [],
  };
}

/** The default preset's network(s): what the editor shows on first load. */
function initialGraphs(): Pick<GraphState, 'graph' | 'ganGraphs'> {
  const preset = PRESETS.find((p) => p.id === DEFAULT_PRESET_ID) ?? PRESETS[0];
  if (!preset) throw new Error('No presets defined');
  const gan = preset.gan
    ? { generator: preset.gan.generator, discriminator: preset.gan.discriminator }
    : null;
  return { graph: gan ? gan.generator : preset.graph, ganGraphs: gan };
}

export const createGraphSlice: StateCreator<AppState, [], [], GraphSlice> = (set, get) => {
  const start = initialGraphs();
  const slice: GraphSlice = {
    graph: start.graph,
    ganGraphs: start.ganGraphs,
    activeNetwork: start.ganGraphs ? 'generator' : 'main',
    selection: [],
    past: [],
    future: [],
    checkpoint: null,

    setGraph(graph, opts) {
      set((s) => {
        if (graph === s.graph) return {};
        const record = opts?.record ?? true;
        return {
          ...withGan(s, graph),
          selection: keepSelection(s.selection, graph),
          past: record ? pushCapped(s.past, s.graph) : s.past,
          future: record ? [] : s.future,
        };
      });
    },

    edit(fn) {
      const before = get().graph;
      const after = fn(before);
      // Edits that change nothing (e.g. connecting an already connected pair) leave no undo step.
      if (after === before) return;
      get().setGraph(after);
    },

    undo() {
      set((s) => {
        const across = undoCheckpoint(s);
        if (across) return across;
        const prev = s.past[s.past.length - 1];
        if (!prev) return {};
        return {
          ...withGan(s, prev),
          selection: keepSelection(s.selection, prev),
          past: s.past.slice(0, -1),
          future: [s.graph, ...s.future],
        };
      });
    },

    redo() {
      set((s) => {
        const across = redoCheckpoint(s);
        if (across) return across;
        const next = s.future[0];
        if (!next) return {};
        return {
          ...withGan(s, next),
          selection: keepSelection(s.selection, next),
          past: pushCapped(s.past, s.graph),
          future: s.future.slice(1),
        };
      });
    },

    replaceWork(apply) {
      const before = snapshotOf(get());
      apply();
      const s = get();
      // Loading a GAN pair (or leaving one) starts a fresh history: the step back to `before` is still offered.
      const past = s.past.length > 0 ? s.past : [before.graph];
      set({ past, future: [], checkpoint: { before, after: { ...snapshotOf(s), past } } });
    },

    select(ids) {
      set({ selection: [...ids] });
    },

    newGraph() {
      get().edit((g) => emptyGraph(g));
      set({ selection: [] });
    },

    setGanGraphs(gan, main) {
      set((s) => ({
        ganGraphs: gan,
        activeNetwork: gan ? 'generator' : 'main',
        graph: gan ? gan.generator : (main ?? s.graph),
        selection: [],
        past: [],
        future: [],
      }));
    },

    setActiveNetwork(n) {
      set((s) => {
        if (n === s.activeNetwork) return {};
        if (n === 'main') return s.ganGraphs ? {} : { activeNetwork: n };
        if (!s.ganGraphs) return {};
        return { activeNetwork: n, graph: s.ganGraphs[n], selection: [], past: [], future: [] };
      });
    },

    replaceNetworks(networks) {
      const s = get();
      const gan = networks.gan;
      // One graph for one graph: an ordinary edit, undone like any other.
      if (!gan && !s.ganGraphs) {
        get().setGraph(networks.graph);
        return;
      }
      const tab = s.activeNetwork;
      get().replaceWork(() => {
        get().setGanGraphs(
          gan ? { generator: gan.generator, discriminator: gan.discriminator } : null,
          networks.graph,
        );
        if (gan && tab === 'discriminator') get().setActiveNetwork(tab);
      });
    },
  };
  return slice;
};
