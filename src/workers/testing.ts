/**
 * Test helpers: WorkerDeps on the tfjs cpu backend with the procedural dataset, a tiny CNN, and a recording post.
 * Used by the Node unit tests only (imports @tensorflow/tfjs-node-free cpu backend through @tensorflow/tfjs).
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendEnv } from '../engine/backend/select';
import { makeProceduralDataset } from '../engine/data/procedural';
import { chain } from '../engine/graph/edit';
import { L } from '../engine/graph/layerBuilders';
import type { Graph } from '../engine/graph/types';
import { DEFAULT_HYPER } from '../engine/train/hyper';
import type { Hyper } from '../engine/train/hyper';
import { createWorkerDeps } from './engineDeps';
import type { DepsParts } from './engineDeps';
import type { FromWorker, RunId, ToWorker } from './protocol';
import { asRunId } from './protocol';
import type { WorkerDeps } from './workerState';

export const cpuEnv: BackendEnv = {
  deviceKey: 'node',
  probe: () => Promise.resolve([{ name: 'cpu', available: true, adapter: 'CPU (Node)' }]),
  activate: async (name) => name === 'cpu' && (await tf.setBackend('cpu')),
};

/** input 28×28×1 → conv 3×3×2 stride 2 relu → maxPool 2 → flatten → dense 10 softmax (~0.8k params). */
export function tinyCnn(): Graph {
  return chain('classifier', [
    { kind: 'input', source: 'dataset', shape: [28, 28, 1] },
    L.conv(2, 3, { stride: 2, padding: 'valid' }),
    { kind: 'maxPool2d', pool: [2, 2], stride: [2, 2], padding: 'valid' },
    { kind: 'flatten' },
    { kind: 'dense', units: 10, activation: 'softmax', useBias: true, initializer: 'glorotUniform' },
  ]);
}

export function testDeps(over: Partial<DepsParts> = {}, sizes = { train: 256, test: 64 }): WorkerDeps {
  return createWorkerDeps({
    env: cpuEnv,
    loadDataset: (_id, seed, onProgress) => {
      const d = makeProceduralDataset({ seed, ...sizes });
      onProgress(d.train.images.byteLength, d.train.images.byteLength);
      return Promise.resolve(d);
    },
    yieldToEventLoop: () => new Promise((r) => setImmediate(r)),
    ...over,
  });
}

export const HYPER: Hyper = {
  ...DEFAULT_HYPER,
  batchSize: 16,
  learningRate: 0.01,
  validateEvery: 0,
  epochs: 100,
};

export function recorder(): {
  posted: FromWorker[];
  post: (m: FromWorker, t?: Transferable[]) => void;
  transfers: Transferable[][];
} {
  const posted: FromWorker[] = [];
  const transfers: Transferable[][] = [];
  return {
    posted,
    transfers,
    post: (m, t) => {
      posted.push(m);
      transfers.push(t ?? []);
    },
  };
}

export function initMsg(runId: RunId | string, graph: Graph = tinyCnn(), hyper: Hyper = HYPER): ToWorker {
  return {
    type: 'init',
    runId: asRunId(String(runId)),
    graph,
    dataset: 'procedural',
    hyper,
    seed: 7,
    backend: 'auto',
  };
}

export const ofType = <T extends FromWorker['type']>(
  posted: readonly FromWorker[],
  type: T,
): Extract<FromWorker, { type: T }>[] =>
  posted.filter((m): m is Extract<FromWorker, { type: T }> => m.type === type);
