/**
 * Main-thread wrapper around the training worker. No TF.js here (type imports only): the app imports this file and
 * TF.js stays in the worker chunk. Every init starts a new run id; messages of older runs are dropped.
 */
import type { GanHyper } from '../engine/gan/ganHyper';
import type { NodeId } from '../engine/graph/types';
import type { Hyper } from '../engine/train/hyper';
import type { FromWorker, RunId, ToWorker } from './protocol';
import type { ProbeRequest, ProbeResult } from '../engine/train/probes/types';
import { isPausingError } from './errors';
import { asRunId } from './protocol';

type InitMessage = Extract<ToWorker, { type: 'init' }>;

/** The init message's fields but the run id (the client makes a new one); the backend policy defaults to 'auto'. */
export type InitArgs = Omit<InitMessage, 'type' | 'runId' | 'backend'> & {
  readonly backend?: InitMessage['backend'];
};

export interface TrainingClient {
  readonly runId: RunId | null;
  init(args: InitArgs): RunId;
  start(): void;
  pause(): void;
  step(batches: number): void;
  setHyper(patch: Partial<Hyper>, gan?: Partial<GanHyper>): void;
  freeze(nodes: readonly NodeId[], frozen: boolean): void;
  /**
   * Resolves with the next probe result of the same kind for the current run; rejects if the run ends or fails
   * first. Results carry no request id, so every pending call of a kind gets that kind's next result; the page
   * sends one per kind at a time (app/controllers/probeScheduler.ts).
   */
  probe(request: ProbeRequest): Promise<ProbeResult>;
  exportModel(): Promise<{ modelJson: string; weights: ArrayBuffer }>;
  reset(): void;
  /** Frees the run's tensors; the worker stays for the next init. */
  dispose(): void;
  /** Ends the worker. */
  terminate(): void;
  on(listener: (msg: FromWorker) => void): () => void;
}

interface Waiter<T> {
  readonly match: (m: FromWorker) => T | undefined;
  readonly resolve: (v: T) => void;
  readonly reject: (e: Error) => void;
}

const defaultFactory = (): Worker =>
  new Worker(new URL('./training.worker.ts', import.meta.url), { type: 'module', name: 'training' });

let counter = 0;
const newRunId = (): RunId => asRunId(`run-${Date.now().toString(36)}-${(counter++).toString(36)}`);

export function createTrainingClient(opts: { workerFactory?: () => Worker } = {}): TrainingClient {
  const worker = (opts.workerFactory ?? defaultFactory)();
  const listeners = new Set<(msg: FromWorker) => void>();
  let waiters: Waiter<unknown>[] = [];
  let runId: RunId | null = null;

  const failWaiters = (why: string): void => {
    const old = waiters;
    waiters = [];
    for (const w of old) w.reject(new Error(why));
  };

  worker.onmessage = (e: MessageEvent<FromWorker>) => {
    const msg = e.data;
    if (msg.runId !== runId) return;
    for (const w of [...waiters]) {
      const v = w.match(msg);
      if (v !== undefined) {
        waiters = waiters.filter((x) => x !== w);
        w.resolve(v);
      }
    }
    if (msg.type === 'error' && !isPausingError(msg.code)) failWaiters(msg.message);
    for (const l of [...listeners]) l(msg);
  };
  worker.onerror = (e: ErrorEvent) => {
    const message = `The training worker crashed: ${e.message}`;
    failWaiters(message);
    if (runId) for (const l of [...listeners]) l({ type: 'error', runId, code: 'internal', message });
  };

  const send = (msg: ToWorker, transfer: Transferable[] = []): void => worker.postMessage(msg, transfer);
  const current = (): RunId => {
    if (!runId) throw new Error('TrainingClient: call init() first');
    return runId;
  };
  const wait = <T>(match: (m: FromWorker) => T | undefined): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      waiters.push({ match, resolve: resolve as (v: unknown) => void, reject });
    });

  return {
    get runId() {
      return runId;
    },
    init(args) {
      failWaiters('A new run started.');
      runId = newRunId();
      send({ ...args, type: 'init', runId, backend: args.backend ?? 'auto' });
      return runId;
    },
    start: () => send({ type: 'start', runId: current() }),
    pause: () => send({ type: 'pause', runId: current() }),
    step: (batches) => send({ type: 'step', runId: current(), batches }),
    setHyper: (patch, gan) => send({ type: 'setHyper', runId: current(), patch, ...(gan ? { gan } : {}) }),
    freeze: (nodes, frozen) => send({ type: 'freeze', runId: current(), nodes, frozen }),
    probe(request) {
      const id = current();
      const p = wait((m) => (m.type === 'probe' && m.result.kind === request.kind ? m.result : undefined));
      send({ type: 'probe', runId: id, request });
      return p;
    },
    exportModel() {
      const id = current();
      const p = wait((m) =>
        m.type === 'exported' ? { modelJson: m.modelJson, weights: m.weights } : undefined,
      );
      send({ type: 'export', runId: id });
      return p;
    },
    reset: () => send({ type: 'reset', runId: current() }),
    dispose() {
      if (!runId) return;
      send({ type: 'dispose', runId });
      failWaiters('The run was disposed.');
      runId = null;
    },
    terminate() {
      failWaiters('The worker was terminated.');
      worker.terminate();
      runId = null;
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
