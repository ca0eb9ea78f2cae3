/**
 * The runs of a comparison link (persistence/shareComparison.ts), waiting in `pendingRuns`: "Train these N runs"
 * trains them one after another as a sweep of explicit variants, each with its own network, settings, dataset and
 * seed, named as in the link; the user's own work is untouched and comes back at the end, as after any sweep.
 */
import type { AppState } from '../store/types';
import type { SweepController } from './sweepController';

/** Starts the pending runs as a sweep; returns the reason when it cannot (they stay pending then). */
export function trainPendingRuns(get: () => AppState, sweeper: SweepController): string | null {
  const runs = get().pendingRuns;
  if (!runs) return null;
  const s = get();
  // (A run that is only being prepared, as on page load, is simply replaced by the first shared run.)
  if (s.status === 'running') return 'A run is training: pause it first, then train the shared runs.';
  const reason = sweeper.start({
    variants: runs.map((r) => ({
      label: r.name,
      graph: r.graph,
      hyper: r.hyper,
      dataset: r.dataset,
      seed: r.seed,
    })),
  });
  if (reason !== null) return reason;
  get().setPendingRuns(null);
  get().setBanner({
    kind: 'info',
    message: `Training the ${runs.length} shared runs one after another: each appears in the Runs panel when it ends, then your own network and settings come back.`,
  });
  return null;
}

/** "Not now": the runs are dropped, nothing else changes. */
export function declinePendingRuns(get: () => AppState): void {
  get().setPendingRuns(null);
  get().setBanner({ kind: 'info', message: 'The shared runs were not trained; your work is unchanged.' });
}
