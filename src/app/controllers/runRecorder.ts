/**
 * The run recorder: every run (one press of Train until Reset or a new network) becomes a RunRecord in the store and
 * in IndexedDB. A run is tracked from its first metrics; its record is written when it pauses, finishes, stops with
 * an error, gives way to the next run, and every few seconds while it trains, so a reload loses at most that much.
 * The settings are the ones the run started with. GAN runs are recorded the same way, with both networks and the
 * GAN settings (they have no validation accuracy; their D and G curves are kept).
 *
 * When a run pauses or finishes, the recorder asks for its picture (the first kernels and one fixed test image's
 * activation maps, or a GAN's fixed-noise samples: RunSnapshot) and adds it to the record: null when none can be had
 * (the model changed first).
 */
import type { RunId } from '../../workers/protocol';
import type { RunRecord, RunSnapshot } from '../../engine/runs/record';
import { makeRunRecord } from '../../engine/runs/record';
import { describeChanges, type RunSettings } from '../../engine/runs/changes';
import type { AppState } from '../store/types';

/** The part of the run store (persistence/runStore.ts) the recorder uses. */
export interface RecordSink {
  readonly persistent: boolean;
  readonly error?: string | null;
  list(): Promise<RunRecord[]>;
  put(record: RunRecord): Promise<{ dropped: RunRecord[] }>;
  remove(id: string): Promise<void>;
}

interface StoreLike {
  getState(): AppState;
  subscribe(listener: (s: AppState, prev: AppState) => void): () => void;
}

interface Tracked {
  readonly runId: RunId;
  readonly id: string;
  readonly createdAt: number;
  readonly settings: RunSettings;
  readonly backend: string | null;
  readonly name: string;
  readonly changes: readonly string[];
  /** Time spent training (pauses do not count): the finished spells, and the start of the current one. */
  activeMs: number;
  runningSince: number | null;
  /** The user deleted its record while it was still the current run: it is not written again. */
  deleted: boolean;
  /** Of activeMs, the RBM pretraining before the run was ready. */
  readonly pretrainMs: number;
}

/** The run's training time so far (its wall time without the pauses). */
const trainedMs = (t: Tracked, at: number): number =>
  t.activeMs + (t.runningSince === null ? 0 : at - t.runningSince);

/** Asks the worker for the current model's picture (trainingController.snapshot); null when there is no model. */
export type SnapshotSource = () => Promise<RunSnapshot | null>;

/** Saving while a run trains: at most this often. */
export const SAVE_EVERY_MS = 5000;

const STOPPED: ReadonlySet<AppState['status']> = new Set(['paused', 'finished', 'error', 'ready']);
/** Stops after which the model is the run's own (not reset, not broken): the picture is taken then. */
const PICTURED: ReadonlySet<AppState['status']> = new Set(['paused', 'finished']);

/** 'Run N' with N one more than the largest used so far. */
export function nextRunName(records: readonly Pick<RunRecord, 'name'>[]): string {
  const used = records
    .map((r) => /^Run (\d+)$/.exec(r.name)?.[1])
    .filter((x): x is string => x !== undefined);
  return `Run ${Math.max(0, ...used.map(Number)) + 1}`;
}

export function startRunRecorder(
  store: StoreLike,
  sink: RecordSink,
  now: () => number = Date.now,
  snapshot?: SnapshotSource,
): { stop(): void; flush(): Promise<void> } {
  let tracked: Tracked | null = null;
  let lastSave = 0;
  let pending: Promise<void> = Promise.resolve();
  let counter = 0;
  /** True while a save updates the store (the listener then only follows renames and deletes). */
  let saving = false;
  /** The latest curve entry has been running since it began (see the listener). */
  let entryTrained = false;

  const s0 = store.getState();
  s0.setLabStorage({ persistent: sink.persistent, message: sink.error ?? null });
  pending = sink
    .list()
    // A record without a picture from an earlier visit will never get one (its model is gone).
    .then((records) =>
      store
        .getState()
        .setRecords([
          ...records.map((r) => (r.snapshot === undefined ? { ...r, snapshot: null } : r)),
          ...store.getState().records,
        ]),
    )
    .catch((e: unknown) =>
      store
        .getState()
        .setLabStorage({ persistent: false, message: e instanceof Error ? e.message : String(e) }),
    );

  /** The run whose RBM pretraining a record has counted already. */
  let pretrainedRun: RunId | null = null;

  function begin(s: AppState, runId: RunId): Tracked | null {
    if (s.runGraph === null) return null;
    const settings: RunSettings = {
      graph: s.runGraph,
      hyper: s.hyper,
      dataset: s.dataset,
      labelSubset: s.hyper.labelSubset,
      seed: s.seed,
      ...(s.ganGraphs ? { gan: s.ganGraphs, ganHyper: s.ganHyper } : {}),
    };
    const prev = s.records[s.records.length - 1];
    const pretrainMs = s.pretrainSeconds !== null && pretrainedRun !== runId ? s.pretrainSeconds * 1000 : 0;
    if (pretrainMs > 0) pretrainedRun = runId;
    const createdAt = now();
    return {
      runId,
      id: `run-${createdAt}-${counter++}`,
      createdAt,
      settings,
      backend: s.backend?.name ?? null,
      name: nextRunName(s.records),
      changes: describeChanges(prev ?? null, settings),
      // RBM pretraining ran before 'ready' (not while 'running'): it is part of the run's time all the same, once
      // (Train after it finished, or Reset, goes on from the same pretrained weights without pretraining again).
      activeMs: pretrainMs,
      pretrainMs,
      deleted: false,
      runningSince: s.status === 'running' ? createdAt : null,
    };
  }

  function save(s: AppState, t: Tracked): void {
    if (t.deleted) return;
    const entry = s.runs.find((r) => r.runId === t.runId);
    if (!entry || entry.points.length === 0) return;
    const record = makeRunRecord({
      id: t.id,
      name: t.name,
      createdAt: t.createdAt,
      ...t.settings,
      backend: s.backend?.name ?? t.backend,
      points: entry.points,
      wallTimeMs: trainedMs(t, now()),
      ...(t.pretrainMs > 0 ? { pretrainMs: t.pretrainMs } : {}),
      changes: t.changes,
    });
    lastSave = now();
    s.upsertRecord(record);
    const stored = store.getState().records.find((r) => r.id === record.id) ?? record;
    pending = pending
      .then(() => sink.put(stored))
      .then(({ dropped }) => {
        for (const d of dropped) store.getState().removeRecord(d.id);
        if (dropped.length > 0)
          store.getState().setBanner({
            kind: 'info',
            message: `The oldest ${dropped.length === 1 ? 'run was' : `${dropped.length} runs were`} removed to keep the list to its limit; pin a run to keep it.`,
          });
      })
      .catch((e: unknown) =>
        store.getState().setLabStorage({
          persistent: false,
          message: e instanceof Error ? e.message : String(e),
        }),
      );
  }

  /** Writes a record the store holds again (after its picture came). */
  function persist(id: string): void {
    const r = store.getState().records.find((x) => x.id === id);
    if (r)
      pending = pending
        .then(() => sink.put(r).then(() => undefined))
        .catch((e: unknown) =>
          store.getState().setLabStorage({
            persistent: false,
            message: `a run's picture could not be saved: ${e instanceof Error ? e.message : String(e)}`,
          }),
        );
  }

  /** Asks for the picture of the run `t` at its stop at step `step`; a picture of a later model state is fine. */
  function picture(t: Tracked, step: number): void {
    if (!snapshot) return;
    const attach = (shot: RunSnapshot | null): void => {
      const s = store.getState();
      const r = s.records.find((x) => x.id === t.id);
      if (!r) return;
      // A reset model (step 0) or another run's model is not this run's picture.
      const fits = shot !== null && shot.step >= step;
      if (!fits && r.snapshot) return; // keep the picture of an earlier stop
      s.upsertRecord({ ...r, snapshot: fits ? shot : null });
      persist(t.id);
    };
    snapshot().then(attach, () => attach(null));
  }

  const unsubscribe = store.subscribe((s, prev) => {
    // Records the user renamed or deleted: the store leads, the database follows.
    if (s.records !== prev.records) {
      for (const old of prev.records) {
        const cur = s.records.find((r) => r.id === old.id);
        if (!cur) {
          pending = pending.then(() => sink.remove(old.id)).catch(() => undefined);
          if (tracked?.id === old.id) tracked.deleted = true;
        } else if (cur !== old && (cur.name !== old.name || cur.pinned !== old.pinned))
          pending = pending.then(() => sink.put(cur).then(() => undefined)).catch(() => undefined);
      }
    }
    const latest = s.runs[s.runs.length - 1];
    const prevLatest = prev.runs[prev.runs.length - 1];
    const hasPoints = latest !== undefined && latest.points.length > 0;
    // A run is one that trained: its curve's entry was running (Train, or Step, which the worker reports as
    // running) at some point since the entry began. Points that land in a fresh entry while nothing trains are no
    // run of their own: the old model's last metrics arriving just after Reset made a "Run 2 · no change · 0 s".
    const entryBegan =
      latest !== prevLatest && (!latest || latest.points.length === 0 || latest.runId !== prevLatest?.runId);
    if (entryBegan) entryTrained = s.status === 'running';
    else if (s.status === 'running') entryTrained = true;
    // The tracked run gave way to another: a new network (another runId), Reset (a new, empty entry for the same
    // runId) or a new lesson (no entries). Its last state is in `prev`.
    if (tracked && (!latest || latest.runId !== tracked.runId || latest.points.length === 0)) {
      // Cleared before saving: saving updates the store, which calls this listener again.
      const done = tracked;
      tracked = null;
      save(prev, done);
      store.getState().setLiveRecordId(null);
    }
    // Train after the run finished is a new press of Train: the finished run's record stays as it ended, and the
    // continued training is a record of its own (its curves start from the same model's history).
    if (tracked && prev.status === 'finished' && s.status === 'running') {
      tracked = null;
      store.getState().setLiveRecordId(null);
    }
    if (!tracked && hasPoints && latest && entryTrained) {
      tracked = begin(s, latest.runId);
      if (tracked) store.getState().setLiveRecordId(tracked.id);
    }
    if (!tracked) return;
    if (s.status === 'running' && tracked.runningSince === null) tracked.runningSince = now();
    else if (s.status !== 'running' && tracked.runningSince !== null) {
      tracked.activeMs += now() - tracked.runningSince;
      tracked.runningSince = null;
    }
    // Finishing counts as a stop even from a pause (Step up to a step limit finishes a paused run).
    const stopped =
      STOPPED.has(s.status) &&
      (!STOPPED.has(prev.status) || (s.status === 'finished' && prev.status !== 'finished'));
    // New points while not training (Step, the last points after a pause): saved at once.
    const stepped =
      STOPPED.has(s.status) &&
      latest !== undefined &&
      prevLatest?.runId === latest.runId &&
      latest.points !== prevLatest.points &&
      latest.points.length > 0;
    if (saving) return;
    if (
      stopped ||
      stepped ||
      (s.status === 'running' && now() - lastSave >= SAVE_EVERY_MS && s.runs !== prev.runs)
    ) {
      saving = true;
      try {
        save(s, tracked);
      } finally {
        saving = false;
      }
      if (stopped && PICTURED.has(s.status)) picture(tracked, s.step);
    }
  });

  return {
    stop: unsubscribe,
    flush: () => pending,
  };
}
