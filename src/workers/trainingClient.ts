/**
 * Main-thread wrapper around the training worker. No TF.js here (type imports only): the app imports this file and
 * TF.js stays in the worker chunk. Every init starts a new run id; messages of older runs are dropped.
 */
import type { GanHyper } from '../engine/gan/ganHyper';
import type { RbmHyper } from '../engine/rbm/rbmHyper';
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

type PreviewMessage = Extract<ToWorker, { type: 'preview' }>;
export type PreviewArgs = Omit<PreviewMessage, 'type' | 'runId'>;

export interface TrainingClient {
  readonly runId: RunId | null;
  init(args: InitArgs): RunId;
  start(): void;
  pause(): void;
  step(batches: number): void;
  setHyper(patch: Partial<Hyper>, gan?: Partial<GanHyper>, rbm?: Partial<RbmHyper>): void;
  freeze(nodes: readonly NodeId[], frozen: boolean): void;
  /**
   * Resolves with the next probe result of the same kind for the current run; rejects if the run ends or fails
   * first. Results carry no request id, so every pending call of a kind gets that kind's next result; the page
   * sends one per kind at a time (app/controllers/probeScheduler.ts). `user`: the user's own action asked for it
   * (served at the next gap while training: workers/probeBudget.ts).
   */
  probe(request: ProbeRequest, user?: boolean): Promise<ProbeResult>;
  /**
   * The augmentation preview of `dataset` without a run (it works before any run exists): resolves with its result,
   * rejects when the dataset cannot be loaded or the worker ends. Each call has its own id; runs are not affected.
   */
  preview(args: PreviewArgs): Promise<ProbeResult>;
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
const newId = (prefix: string): RunId =>
  asRunId(`${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`);
const newRunId = (): RunId => newId('run');

export function createTrainingClient(opts: { workerFactory?: () => Worker } = {}): TrainingClient {
  const worker = (opts.workerFactory ?? defaultFactory)();
  const listeners = new Set<(msg: FromWorker) => void>();
  let waiters: Waiter<unknown>[] = [];
  let runId: RunId | null = null;
  /** Previews waiting for their answer, by their own ids (not run ids: a new run does not cancel them). */
  const previews = new Map<RunId, Omit<Waiter<ProbeResult>, 'match'>>();

  const failWaiters = (why: string): void => {
    const old = waiters;
    waiters = [];
    for (const w of old) w.reject(new Error(why));
  };
  const failPreviews = (why: string): void => {
    const old = [...previews.values()];
    previews.clear();
    for (const p of old) p.reject(new Error(why));
  };

  worker.onmessage = (e: MessageEvent<FromWorker>) => {
    const msg = e.data;
    const preview = previews.get(msg.runId);
    if (preview) {
      if (msg.type === 'probe') preview.resolve(msg.result);
      else if (msg.type === 'error') preview.reject(new Error(msg.message));
      else return;
      previews.delete(msg.runId);
      return;
    }
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
    failPreviews(message);
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
    setHyper: (patch, gan, rbm) =>
      send({ type: 'setHyper', runId: current(), patch, ...(gan ? { gan } : {}), ...(rbm ? { rbm } : {}) }),
    freeze: (nodes, frozen) => send({ type: 'freeze', runId: current(), nodes, frozen }),
    probe(request, user = false) {
      const id = current();
      const p = wait((m) => (m.type === 'probe' && m.result.kind === request.kind ? m.result : undefined));
      send({ type: 'probe', runId: id, request, ...(user ? { user } : {}) });
      return p;
    },
    preview(args) {
      const id = newId('preview');
      const p = new Promise<ProbeResult>((resolve, reject) => previews.set(id, { resolve, reject }));
      send({ ...args, type: 'preview', runId: id });
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
      failPreviews('The worker was terminated.');
      worker.terminate();
      runId = null;
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
