/**
 * One run of a sweep, from its start until it ends: the sweep controller starts a variant's run and waits here until
 * it finishes (and its record has its picture), fails, or something the user did interrupts the sweep: Reset, a new
 * lesson, an edit of the network, or a new run replacing it (a new dataset or backend, "Restart with the new graph").
 * Pause is not an interruption: the run waits, and Train goes on with it. The run's record is named after the variant.
 */
import type { Graph } from '../../engine/graph/types';
import type { RunRecord } from '../../engine/runs/record';
import type { AppState } from '../store/types';
import { sameNetwork } from './probeRequests';
import type { TrainingController } from './trainingController';

export interface SweepStore {
  getState(): AppState;
  subscribe(listener: (s: AppState, prev: AppState) => void): () => void;
  setState(partial: Partial<AppState>): void;
}

/** What ended a sweep early, other than its Cancel. */
export type Interruption = 'reset' | 'lesson' | 'edit' | 'replaced';

export type Outcome =
  | { readonly ended: 'finished' }
  | { readonly ended: 'error'; readonly reason: string }
  | { readonly ended: 'cancelled' }
  | { readonly ended: 'interrupted'; readonly why: Interruption };

/** How long a finished run may wait for its record's picture before the next run starts (which would cancel it). */
export const SNAPSHOT_WAIT_MS = 5000;

export interface RunWatch {
  readonly outcome: Promise<Outcome>;
  /** Ends the wait at once (the sweep's Cancel). */
  cancel(): void;
}

/**
 * Starts a run of `graph` (already in the store with its settings) and watches it. `label` names its record.
 * `snapshotWaitMs` bounds the wait for the record's picture once the run finished.
 */
export function runVariant(
  store: SweepStore,
  controller: Pick<TrainingController, 'prepare' | 'train'>,
  variant: { readonly label: string; readonly graph: Graph },
  snapshotWaitMs = SNAPSHOT_WAIT_MS,
): RunWatch {
  let cancel: () => void = () => undefined;
  const outcome = new Promise<Outcome>((resolve) => {
    const presetId = store.getState().presetId;
    let recordId: string | null = null;
    let settled = false;
    let trained = false;
    /** Once the run finished: its record at that moment (the recorder adds the picture to a new copy of it). */
    let awaiting: { readonly record: RunRecord } | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;

    // Started before listening: until the new run exists, liveRecordId still names the previous run's record.
    controller.prepare();
    controller.train();
    const runId = store.getState().runId;

    const interruption = (s: AppState): Interruption | null => {
      if (s.presetId !== presetId) return 'lesson';
      if (!sameNetwork(s.graph, variant.graph)) return 'edit';
      if (s.runId !== runId) return 'replaced';
      // Reset puts a run that had trained back to step 0 (a run being prepared is at step 0 too, untrained).
      if (trained && s.step === 0 && (s.status === 'ready' || s.status === 'idle')) return 'reset';
      return null;
    };
    const check = (s: AppState): void => {
      if (settled) return;
      const why = interruption(s);
      if (why) return finish({ ended: 'interrupted', why });
      if (s.step > 0) trained = true;
      recordId ??= s.liveRecordId;
      const found = recordId === null ? undefined : s.records.find((x) => x.id === recordId);
      if (found && found.name !== variant.label) s.renameRecord(found.id, variant.label);
      const record = found && store.getState().records.find((x) => x.id === found.id);
      if (awaiting) {
        // A picture taken at an earlier pause does not count (a rename or pin meanwhile keeps that same picture):
        // the one of the run's end is awaited. (When the end picture fails too, the record keeps the same value
        // and the wait runs to snapshotWaitMs.)
        if (!record || (record.snapshot !== undefined && record.snapshot !== awaiting.record.snapshot))
          finish({ ended: 'finished' });
        return;
      }
      if (s.status === 'finished') {
        // The recorder asks the worker for the run's picture now; the next run would cancel that request.
        if (!record) return finish({ ended: 'finished' });
        awaiting = { record };
        timer = setTimeout(() => finish({ ended: 'finished' }), snapshotWaitMs);
      } else if (s.status === 'error' || (s.status === 'paused' && s.error !== null)) {
        // A run that stopped itself (a diverging loss, a batch too large) fails its variant; the sweep goes on.
        finish({ ended: 'error', reason: s.error?.message ?? 'the run stopped with an error.' });
      }
    };
    const finish = (o: Outcome): void => {
      settled = true;
      off();
      if (timer !== null) clearTimeout(timer);
      resolve(o);
    };
    // Always the latest state: a listener called for an earlier update (around nested updates) sees an older one.
    const off = store.subscribe(() => check(store.getState()));
    cancel = () => {
      if (!settled) finish({ ended: 'cancelled' });
    };
    check(store.getState());
  });
  return { outcome, cancel: () => cancel() };
}
