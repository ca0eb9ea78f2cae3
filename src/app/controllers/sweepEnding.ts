/**
 * What the end of a sweep puts back, and what it says. A sweep that ran to its end, or was cancelled, puts the user's
 * own network and settings back. One the user interrupted keeps what the user just did:
 * - a new lesson stays in the editor, with its settings;
 * - an edit of the network stays (it was made on the variant then training), with the user's own settings;
 * - a dataset the user picked mid-sweep stays.
 * Undo then goes back to the user's own network, not to a variant: the variants never enter the undo history.
 */
import { assertNever } from '../../engine/assertNever';
import type { Graph } from '../../engine/graph/types';
import type { DatasetId } from '../../engine/data/types';
import type { Hyper } from '../../engine/train/hyper';
import type { AppState } from '../store/types';
import type { Interruption, SweepStore } from './sweepRun';

/** The user's own work when the sweep started. */
export interface Work {
  readonly graph: Graph;
  readonly hyper: Hyper;
  readonly dataset: DatasetId;
  readonly seed: number;
}

/** How a sweep ended: on its own (null), by its Cancel, or interrupted by the user while `label` trained. */
export type Ending =
  null | { readonly why: 'cancel' } | { readonly why: Interruption; readonly label: string };

/** The history with each variant the sweep showed replaced by the user's own network. */
function historyWithout(s: AppState, variants: ReadonlySet<Graph>, own: Graph): Partial<AppState> {
  const swap = (gs: readonly Graph[]): readonly Graph[] => gs.map((g) => (variants.has(g) ? own : g));
  const checkpoint = s.checkpoint && variants.has(s.checkpoint.before.graph) ? null : s.checkpoint;
  return { past: swap(s.past), future: swap(s.future), checkpoint };
}

/**
 * Puts back what the ending calls for; returns the sentence that says how the sweep ended (null when it ran to its
 * end). `variants` are the graphs the sweep put in the editor, `lastDataset` the dataset it last set.
 */
export function endSweep(
  store: SweepStore,
  ending: Ending,
  original: Work,
  variants: ReadonlySet<Graph>,
  lastDataset: DatasetId,
): string | null {
  const s = store.getState();
  const why = ending?.why ?? null;
  const userDataset = s.dataset !== lastDataset;
  if (why !== 'lesson') {
    if (!userDataset && s.dataset !== original.dataset) s.setDataset(original.dataset);
    s.setHyper(original.hyper);
  }
  if (s.seed !== original.seed) s.setSeed(original.seed);
  if (why === 'lesson' || why === 'edit')
    store.setState(historyWithout(store.getState(), variants, original.graph));
  else s.setGraph(original.graph, { record: false });
  const back = userDataset
    ? 'Your own network and settings are back, with the dataset you picked.'
    : 'Your own network and settings are back.';
  if (ending === null) return null;
  switch (ending.why) {
    case 'cancel':
      return `Sweep cancelled. ${back}`;
    case 'reset':
      return `Sweep cancelled: you pressed Reset. ${back}`;
    case 'replaced':
      return `Sweep cancelled: the run of "${ending.label}" was restarted (a new dataset, backend or network). ${back}`;
    case 'lesson':
      return 'Sweep cancelled: you chose a new lesson, which stays in the editor. Undo goes back to your own network.';
    case 'edit':
      return `Sweep cancelled: you edited the network while "${ending.label}" trained. Your edit stays in the editor, with your own settings; Undo goes back to your own network.`;
    default:
      return assertNever(ending);
  }
}
