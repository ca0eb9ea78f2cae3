/**
 * A change that replaces the whole work (the network or GAN pair and the training settings, e.g. opening a share
 * link) recorded as one undo step. The graph history holds only graphs, so the step is kept beside it: Undo takes it
 * when the editor is exactly where the change left it (same graph, same history), and Redo when it is exactly where
 * Undo left it. Elsewhere the step does not apply and undo/redo work on graphs as usual.
 */
import type { Graph } from '../../engine/graph/types';
import type { AppState } from './types';

export interface WorkSnapshot {
  readonly graph: AppState['graph'];
  readonly ganGraphs: AppState['ganGraphs'];
  readonly activeNetwork: AppState['activeNetwork'];
  readonly past: readonly Graph[];
  readonly presetId: string;
  readonly dataset: AppState['dataset'];
  readonly hyper: AppState['hyper'];
  readonly seed: number;
  readonly backendPolicy: AppState['backendPolicy'];
}

export interface Checkpoint {
  readonly before: WorkSnapshot;
  readonly after: WorkSnapshot;
}

export const snapshotOf = (s: AppState): WorkSnapshot => ({
  graph: s.graph,
  ganGraphs: s.ganGraphs,
  activeNetwork: s.activeNetwork,
  past: s.past,
  presetId: s.presetId,
  dataset: s.dataset,
  hyper: s.hyper,
  seed: s.seed,
  backendPolicy: s.backendPolicy,
});

const sameList = (a: readonly Graph[], b: readonly Graph[]): boolean =>
  a === b || (a.length === b.length && a.every((g, i) => g === b[i]));

/** True when the editor shows exactly the snapshot's networks with the snapshot's history. */
export const isAt = (s: AppState, w: WorkSnapshot): boolean =>
  s.graph === w.graph &&
  s.ganGraphs === w.ganGraphs &&
  s.activeNetwork === w.activeNetwork &&
  sameList(s.past, w.past);

/** The state fields that put a snapshot back (the selection is cleared, the future is the caller's). */
export const restoreOf = (w: WorkSnapshot): Partial<AppState> => ({ ...w, selection: [] });

/** Undo across the checkpoint, or null when it does not apply here. */
export function undoCheckpoint(s: AppState): Partial<AppState> | null {
  const cp = s.checkpoint;
  if (!cp || !isAt(s, cp.after)) return null;
  return { ...restoreOf(cp.before), future: [cp.after.graph, ...s.future] };
}

/** Redo across the checkpoint, or null when it does not apply here. */
export function redoCheckpoint(s: AppState): Partial<AppState> | null {
  const cp = s.checkpoint;
  if (!cp || s.future[0] !== cp.after.graph || !isAt(s, cp.before)) return null;
  return { ...restoreOf(cp.after), future: s.future.slice(1) };
}
