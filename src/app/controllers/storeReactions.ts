/**
 * What a store change does to the current run, as a plain function of the state after and before it: the
 * training controller carries out the reactions in order (only while a run exists).
 */
import type { NodeId } from '../../engine/graph/types';
import type { AppState } from '../store/types';
import { frozenChanges, sameNetwork } from './probeRequests';

/** Statuses in which the worker has a model (to probe, or to take settings). */
export const PROBEABLE: ReadonlySet<AppState['status']> = new Set(['ready', 'running', 'paused', 'finished']);

export type Reaction =
  /** A new preset is a new lesson: the old curves go and the new network is prepared, untrained. */
  | { readonly do: 'newLesson' }
  /** The dataset or the backend changed: a new run, training if the old one was. */
  | { readonly do: 'rebuild'; readonly start: boolean }
  /**
   * The run stopped with an error (a network the worker refused, say) and the network was then edited: prepare
   * again, so the training bar speaks of the network in the editor, not of the one that failed.
   */
  | { readonly do: 'retry' }
  /** Send the settings that changed. */
  | { readonly do: 'flushHyper' }
  /** Same network, other positions or frozen flags: the run adopts the graph; the worker hears what froze. */
  | { readonly do: 'adoptGraph'; readonly freeze: readonly NodeId[]; readonly unfreeze: readonly NodeId[] }
  /** A new test image or stroke on the draw pad: the sample-based panels follow at once, training or not. */
  | { readonly do: 'probeSample' };

export function storeReactions(s: AppState, prev: AppState): Reaction[] {
  if (s.presetId !== prev.presetId) return [{ do: 'newLesson' }];
  if (s.dataset !== prev.dataset || s.backendPolicy !== prev.backendPolicy)
    return [{ do: 'rebuild', start: s.status === 'running' }];
  if (s.status === 'error' && networkEdited(s, prev)) return [{ do: 'retry' }];
  // Only a worker with a model takes settings or probes; an init that failed or has not finished gets the
  // settings with the next init.
  if (!PROBEABLE.has(s.status)) return [];
  const reactions: Reaction[] = [];
  if (s.hyper !== prev.hyper || s.ganHyper !== prev.ganHyper || s.rbmHyper !== prev.rbmHyper)
    reactions.push({ do: 'flushHyper' });
  if (s.graph !== prev.graph && s.runGraph && s.graph !== s.runGraph && sameNetwork(s.graph, s.runGraph))
    reactions.push({ do: 'adoptGraph', ...frozenChanges(s.runGraph, s.graph) });
  if (s.sample !== prev.sample) reactions.push({ do: 'probeSample' });
  return reactions;
}

/** The layers or connections of the work's network (both of a GAN's) changed; moves and freezing do not count. */
function networkEdited(s: AppState, prev: AppState): boolean {
  if (s.graph === prev.graph && s.ganGraphs === prev.ganGraphs) return false;
  const [a, b] = [s.ganGraphs, prev.ganGraphs];
  // A GAN's editor shows one of its networks: switching between them changes `graph` but edits nothing.
  if (a || b) {
    if (!a || !b) return true;
    return !sameNetwork(a.generator, b.generator) || !sameNetwork(a.discriminator, b.discriminator);
  }
  return !sameNetwork(s.graph, prev.graph);
}

/**
 * Makes `init` run once after the current store update settles, starting if any call asked to: a preset sets its
 * dataset and settings, then its graph, in separate updates; initializing on the first would build the old graph
 * and then build again.
 */
export function onceSettled(init: (start: boolean) => void): (start: boolean) => void {
  let pending: { start: boolean } | null = null;
  return (start) => {
    if (pending) {
      pending.start ||= start;
      return;
    }
    pending = { start };
    queueMicrotask(() => {
      const p = pending;
      pending = null;
      if (p) init(p.start);
    });
  };
}
