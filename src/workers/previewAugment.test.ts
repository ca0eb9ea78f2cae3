/** The augmentation preview without a run ('preview' message), through handleMessage. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_AUGMENT } from '../engine/data/augment';
import type { DatasetId } from '../engine/data/types';
import { makeProceduralDataset } from '../engine/data/procedural';
import { createDatasetCache } from './datasetCache';
import { handleMessage } from './handleMessage';
import { asRunId, type ToWorker } from './protocol';
import { initMsg, ofType, recorder, testDeps } from './testing';
import { makeUserDataset, memoryUserDatasetStore } from './userDatasets/testing';
import { createWorkerState } from './workerState';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const SHIFT = { ...DEFAULT_AUGMENT, shift: 4, flip: true };
const previewMsg = (id: string, dataset: DatasetId = 'procedural') =>
  ({
    type: 'preview',
    runId: asRunId(id),
    dataset,
    seed: 7,
    request: { kind: 'augmentPreview', index: 0, augment: SHIFT, seed: 3 },
  }) as const satisfies ToWorker;

describe('augmentation preview without a run', () => {
  it('before any run: the first training image and 8 changed copies, under the preview’s own id', async () => {
    const { posted, post, transfers } = recorder();
    const state = createWorkerState();
    await handleMessage(state, previewMsg('preview-1'), post, testDeps());
    expect(ofType(posted, 'error')).toEqual([]);
    const [msg] = ofType(posted, 'probe');
    expect(msg?.runId).toBe('preview-1');
    const r = msg?.result;
    if (r?.kind !== 'augmentPreview') throw new Error(`no preview: ${r?.kind}`);
    expect([r.count, r.h, r.w, r.channels, r.index]).toEqual([9, 28, 28, 1, 0]);
    // testDeps loads the procedural set of the message's seed: the first tile is its first training image.
    const first = makeProceduralDataset({ seed: 7, train: 256, test: 64 }).train.images.subarray(0, 784);
    expect(r.pixels.subarray(0, 784)).toEqual(first);
    const changed = [1, 2, 3, 4, 5, 6, 7, 8].filter((k) =>
      r.pixels.subarray(k * 784, (k + 1) * 784).some((v, i) => v !== first[i]),
    );
    expect(changed.length).toBeGreaterThanOrEqual(6);
    expect(transfers[0]).toEqual([r.pixels.buffer]);
    expect(state.run).toBeNull(); // no run was made
  });

  it('never transfers the cached dataset’s own buffer away', async () => {
    const { posted, post, transfers } = recorder();
    const dataset = makeProceduralDataset({ seed: 7, train: 4, test: 2 });
    const deps = testDeps({ loadDataset: () => Promise.resolve(dataset) });
    await handleMessage(createWorkerState(), previewMsg('preview-2'), post, deps);
    expect(ofType(posted, 'probe')).toHaveLength(1);
    expect(transfers.flat()).not.toContain(dataset.train.images.buffer);
  });

  it('a user dataset is read from the store; one that is gone is an error under the preview’s id', async () => {
    const store = memoryUserDatasetStore();
    const { meta, data } = makeUserDataset({ id: 'user-rgb', shape: [32, 32, 3], classes: 3, count: 12 });
    await store.put(meta, data);
    const loadDataset = createDatasetCache({
      loadBuiltin: () => Promise.reject(new Error('not used')),
      openStore: () => Promise.resolve(store),
    });
    const deps = testDeps({ loadDataset });
    const { posted, post } = recorder();
    const state = createWorkerState();
    await handleMessage(state, previewMsg('preview-3', 'user-rgb'), post, deps);
    const r = ofType(posted, 'probe')[0]?.result;
    expect(r?.kind === 'augmentPreview' && [r.h, r.w, r.channels]).toEqual([32, 32, 3]);
    await store.remove('user-rgb');
    await handleMessage(state, previewMsg('preview-4', 'user-rgb'), post, deps);
    expect(ofType(posted, 'error')).toEqual([
      {
        type: 'error',
        runId: 'preview-4',
        code: 'dataset',
        message: expect.stringContaining('is not in this browser any more'),
      },
    ]);
  });

  it('beside a run: the run stays as it was and hears nothing', async () => {
    const { posted, post } = recorder();
    const deps = testDeps();
    const state = createWorkerState();
    const r = asRunId('run-1');
    await handleMessage(state, initMsg(r), post, deps);
    const run = state.run;
    expect(run).not.toBeNull();
    const before = posted.length;
    await handleMessage(state, previewMsg('preview-5'), post, deps);
    expect(state.run).toBe(run);
    expect(state.currentRunId).toBe(r);
    expect(posted.slice(before).map((m) => [m.type, m.runId])).toEqual([['probe', 'preview-5']]);
    await handleMessage(state, { type: 'dispose', runId: r }, post, deps);
  });
});
