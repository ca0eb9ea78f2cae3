/**
 * Page side of the preparation worker (issue 14), like trainingClient.ts: `prepare` sends the files and answers with
 * the job's outcome ('done' with the stored meta, 'failed' with a sentence and the skipped files, or 'cancelled'), and
 * a `cancel` that stops it between files. The worker starts on the first job; a crashed worker fails the jobs it had
 * and the next job starts a fresh one.
 */
import type { PrepareOptions } from '../engine/data/userDataset';
import type { FromPrepare, PrepareItem, ToPrepare } from './userDatasets/types';

export type PrepareOutcome = Extract<FromPrepare, { type: 'done' | 'failed' | 'cancelled' }>;

export interface PrepareJob {
  /** Resolves once, with the outcome; never rejects. */
  readonly done: Promise<PrepareOutcome>;
  cancel(): void;
}

export interface PrepareClient {
  /** `onProgress(done, total)`: files looked at so far, at most every ~100 ms. */
  prepare(
    name: string,
    items: readonly PrepareItem[],
    options: PrepareOptions,
    onProgress?: (done: number, total: number) => void,
  ): PrepareJob;
  /** Ends the worker; jobs still running resolve as cancelled. */
  terminate(): void;
}

interface Pending {
  readonly resolve: (o: PrepareOutcome) => void;
  readonly onProgress: ((done: number, total: number) => void) | undefined;
}

const defaultFactory = (): Worker =>
  new Worker(new URL('./prepare.worker.ts', import.meta.url), { type: 'module', name: 'prepare' });

export function createPrepareClient(opts: { workerFactory?: () => Worker } = {}): PrepareClient {
  const factory = opts.workerFactory ?? defaultFactory;
  const pending = new Map<number, Pending>();
  let worker: Worker | null = null;
  let nextJob = 1;

  const settleAll = (outcome: (job: number) => PrepareOutcome): void => {
    const jobs = [...pending];
    pending.clear();
    for (const [job, p] of jobs) p.resolve(outcome(job));
  };

  const start = (): Worker => {
    const w = factory();
    w.onmessage = (e: MessageEvent<FromPrepare>) => {
      const msg = e.data;
      const p = pending.get(msg.job);
      if (!p) return;
      if (msg.type === 'progress') return p.onProgress?.(msg.done, msg.total);
      pending.delete(msg.job);
      p.resolve(msg);
    };
    w.onerror = (e: ErrorEvent) => {
      e.preventDefault?.();
      w.terminate();
      if (worker === w) worker = null;
      const message = `Preparing the images stopped: the worker crashed (${e.message || 'no reason given'}).`;
      settleAll((job) => ({ type: 'failed', job, message, skipped: [] }));
    };
    return w;
  };

  const send = (msg: ToPrepare): void => {
    worker ??= start();
    worker.postMessage(msg);
  };

  return {
    prepare(name, items, options, onProgress) {
      const job = nextJob++;
      const done = new Promise<PrepareOutcome>((resolve) => pending.set(job, { resolve, onProgress }));
      send({ type: 'prepare', job, name, items, options });
      return {
        done,
        cancel: () => {
          if (pending.has(job)) send({ type: 'cancel', job });
        },
      };
    },
    terminate() {
      worker?.terminate();
      worker = null;
      settleAll((job) => ({ type: 'cancelled', job }));
    },
  };
}
