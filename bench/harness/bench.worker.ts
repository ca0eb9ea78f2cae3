/// <reference lib="webworker" />
/** Benchmark worker: runs the bare trainOnBatch baseline (bareLoop.ts) on a chosen backend. Used by the harness page. */
import { loadDataset } from '../../src/engine/data/loader';
import type { Dataset, DatasetId } from '../../src/engine/data/types';
import type { Graph } from '../../src/engine/graph/types';
import type { OptimizerId } from '../../src/engine/train/hyper';
import { bareTrainOnBatch } from './bareLoop';
import type { BackendName } from '../../src/engine/backend/types';
import { createTfBackendEnv } from '../../src/workers/tfBackends';

declare const self: DedicatedWorkerGlobalScope;

export interface BareRequest {
  readonly backend: BackendName;
  readonly graph: Graph;
  readonly dataset: DatasetId;
  readonly batchSize: number;
  readonly optimizer: OptimizerId;
  readonly learningRate: number;
  readonly crop: number | null;
  readonly seconds: number;
}
export type BareReply =
  | {
      readonly ok: true;
      readonly examplesPerSec: number;
      readonly steps: number;
      readonly lastLoss: number;
      readonly adapter: string;
    }
  | { readonly ok: false; readonly error: string };

const env = createTfBackendEnv();
const probed = env.probe();
const baseUrl = new URL(import.meta.env.BASE_URL, self.location.origin).href;
const datasets = new Map<DatasetId, Promise<Dataset>>();

self.onmessage = async (e: MessageEvent<BareRequest>) => {
  const r = e.data;
  try {
    const probes = await probed;
    const probe = probes.find((p) => p.name === r.backend);
    if (!probe?.available || !(await env.activate(r.backend)))
      throw new Error(`${r.backend} is not available (${probe?.adapter ?? 'unknown'})`);
    let d = datasets.get(r.dataset);
    if (!d) datasets.set(r.dataset, (d = loadDataset(r.dataset, { baseUrl })));
    const res = await bareTrainOnBatch({
      ...r,
      dataset: await d,
      warmupSteps: 3,
      now: () => performance.now(),
    });
    self.postMessage({ ok: true, ...res, adapter: probe.adapter } satisfies BareReply);
  } catch (err) {
    self.postMessage({
      ok: false,
      error: err instanceof Error ? err.message : String(err),
    } satisfies BareReply);
  }
};
