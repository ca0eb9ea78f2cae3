/// <reference lib="webworker" />
/**
 * The training worker: a thin message switch over handleMessage, which owns the run loop. Messages are handled one
 * at a time in arrival order; a started loop keeps training between messages.
 */
import { loadDataset } from '../engine/data/loader';
import { createDatasetCache } from './datasetCache';
import { createWorkerDeps } from './engineDeps';
import { handleMessage } from './handleMessage';
import { SerialQueue } from './mutex';
import type { FromWorker, ToWorker } from './protocol';
import { createTfBackendEnv, deviceLimits } from './tfBackends';
import { createWorkerState, noteArrival } from './workerState';
import { openUserDatasetStore } from './userDatasets/store';
import { createYield } from './yieldToEventLoop';

declare const self: DedicatedWorkerGlobalScope;

const baseUrl = new URL(import.meta.env.BASE_URL, self.location.origin).href;

/** Decoded datasets stay in memory between runs; a user's own datasets come from this browser's IndexedDB. */
const cachedDataset = createDatasetCache({
  loadBuiltin: (id, seed, onProgress) =>
    loadDataset(id, {
      baseUrl,
      procedural: { seed, train: 6000, test: 1000 },
      onProgress: (p) => onProgress(p.loadedBytes, p.totalBytes),
    }),
  openStore: () => openUserDatasetStore(),
});

const deps = createWorkerDeps({
  env: createTfBackendEnv(),
  loadDataset: cachedDataset,
  deviceLimits,
  yieldToEventLoop: createYield(),
});

const state = createWorkerState();
const queue = new SerialQueue();
const post = (msg: FromWorker, transfer: Transferable[] = []): void => self.postMessage(msg, transfer);

self.onmessage = (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  noteArrival(state, msg);
  const failed = (err: unknown): void =>
    post({
      type: 'error',
      runId: msg.runId,
      code: 'internal',
      message: err instanceof Error ? err.message : String(err),
    });
  // A preview touches no run and no tensor: it does not wait behind an init that is measuring backends.
  if (msg.type === 'preview') void handleMessage(state, msg, post, deps).catch(failed);
  else void queue.push(() => handleMessage(state, msg, post, deps), failed);
};
