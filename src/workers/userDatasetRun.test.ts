/** A run on a user's own dataset, through handleMessage: checked against that dataset's shape and classes. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { chain } from '../engine/graph/edit';
import { L } from '../engine/graph/layerBuilders';
import { createDatasetCache } from './datasetCache';
import { handleMessage } from './handleMessage';
import { asRunId, type RunId, type ToWorker } from './protocol';
import { whenIdle } from './runLoop';
import { initMsg, ofType, recorder, testDeps, tinyCnn } from './testing';
import { makeUserDataset, memoryUserDatasetStore } from './userDatasets/testing';
import { createWorkerState } from './workerState';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** input 32×32×3 → conv 3×3×4 stride 2 → maxPool 2 → flatten → dense 3 softmax. */
const rgbCnn = () =>
  chain('classifier', [
    { kind: 'input', source: 'dataset', shape: [32, 32, 3] },
    L.conv(4, 3, { stride: 2, padding: 'valid' }),
    { kind: 'maxPool2d', pool: [2, 2], stride: [2, 2], padding: 'valid' },
    { kind: 'flatten' },
    L.dense(3, 'softmax'),
  ]);

const userInit = (runId: RunId | string, graph = rgbCnn()): ToWorker => ({
  ...(initMsg(runId, graph) as Extract<ToWorker, { type: 'init' }>),
  dataset: 'user-rgb',
});

async function setup() {
  const store = memoryUserDatasetStore();
  const { meta, data } = makeUserDataset({ id: 'user-rgb', shape: [32, 32, 3], classes: 3, count: 60 });
  await store.put(meta, data);
  const loadDataset = createDatasetCache({
    loadBuiltin: () => Promise.reject(new Error('a user dataset is never downloaded')),
    openStore: () => Promise.resolve(store),
  });
  return { store, deps: testDeps({ loadDataset }), state: createWorkerState(), ...recorder() };
}

describe('a run on a user dataset', () => {
  it('a 32×32×3 three-class dataset trains a CNN whose input is 32×32×3', async () => {
    const { deps, state, posted, post } = await setup();
    const r = asRunId('rgb');
    await handleMessage(state, userInit(r), post, deps);
    expect(ofType(posted, 'error')).toEqual([]);
    expect(ofType(posted, 'ready')[0]).toMatchObject({ trainCount: 48, testCount: 12 });
    await handleMessage(state, { type: 'step', runId: r, batches: 3 }, post, deps);
    if (state.run) await whenIdle(state.run);
    const points = ofType(posted, 'metrics').flatMap((m) => m.points);
    expect(points.length).toBe(3);
    expect(points.every((p) => Number.isFinite(p.loss))).toBe(true);
    await handleMessage(state, { type: 'dispose', runId: r }, post, deps);
  });

  it('refuses a 28×28×1 graph on it with the validator’s message', async () => {
    const { deps, state, posted, post } = await setup();
    await handleMessage(state, userInit('grey', tinyCnn()), post, deps);
    const errors = ofType(posted, 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.code).toBe('badGraph');
    expect(errors[0]?.message).toContain("The dataset's images are 32×32×3, but this Input expects 28×28×1.");
    expect(ofType(posted, 'ready')).toEqual([]);
    expect(state.run).toBeNull();
  });

  it('says the dataset is gone when this browser no longer has it', async () => {
    const { deps, state, posted, post, store } = await setup();
    await store.remove('user-rgb');
    await handleMessage(state, userInit('gone'), post, deps);
    expect(ofType(posted, 'error')).toEqual([
      {
        type: 'error',
        runId: 'gone',
        code: 'dataset',
        message: expect.stringMatching(
          /^The dataset user-rgb is not in this browser any more .*Choose another dataset\.$/,
        ),
      },
    ]);
  });
});
