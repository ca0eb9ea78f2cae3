/**
 * A classifier run with RBM pretraining through the worker's message handler: the leading Dense + sigmoid layers are
 * pretrained before 'ready' (the status says which layer), the run then fine-tunes by backprop from those weights,
 * its time includes the pretraining, and Reset goes back to the pretrained weights, not to a random init.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { chain } from '../engine/graph/edit';
import { L } from '../engine/graph/layerBuilders';
import { handleMessage } from './handleMessage';
import { whenIdle } from './runLoop';
import { HYPER, initMsg, ofType, recorder, testDeps } from './testing';
import { createWorkerState } from './workerState';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const net = () =>
  chain('classifier', [
    L.image([28, 28, 1]),
    L.flatten(),
    L.dense(16, 'sigmoid'),
    L.dense(8, 'sigmoid'),
    L.dense(10, 'softmax'),
  ]);

async function firstKernel(state: ReturnType<typeof createWorkerState>): Promise<Float32Array> {
  const cp = await state.run!.trainer.checkpoint();
  return cp.weights.find((w) => w.name.endsWith('/kernel'))!.values;
}

describe('a pretrained classifier run in the worker', () => {
  it('pretrains layer by layer before ready, then trains by backprop from the RBM weights', async () => {
    const baseline = tf.memory().numTensors;
    const { posted, post } = recorder();
    const d = testDeps();
    const state = createWorkerState();
    const init = initMsg('dbn', net(), { ...HYPER, rbmPretrainEpochs: 2 });
    await handleMessage(state, init, post, d);
    expect(ofType(posted, 'error')).toEqual([]);
    const messages = ofType(posted, 'preparing')
      .filter((m) => m.stage === 'pretrain')
      .map((m) => m.message);
    expect(messages).toEqual(['Pretraining layer 1 of 2…', 'Pretraining layer 2 of 2…']);
    const ready = ofType(posted, 'ready');
    expect(ready).toHaveLength(1);
    const pretrainSeconds = ready[0]!.pretrainSeconds ?? 0;
    expect(pretrainSeconds).toBeGreaterThan(0);
    const pretrained = await firstKernel(state);

    await handleMessage(state, { type: 'step', runId: init.runId, batches: 20 }, post, d);
    if (state.run) await whenIdle(state.run);
    expect(ofType(posted, 'error')).toEqual([]);
    const points = ofType(posted, 'metrics').flatMap((m) => m.points);
    expect(points).toHaveLength(20);
    for (const p of points) expect(Number.isFinite(p.loss)).toBe(true);
    // The run's clock started at the pretraining's seconds.
    expect(points[0]!.seconds).toBeGreaterThanOrEqual(pretrainSeconds);
    // Backprop moved the pretrained weights; Reset brings them back.
    expect(await firstKernel(state)).not.toEqual(pretrained);
    await handleMessage(state, { type: 'reset', runId: init.runId }, post, d);
    expect(await firstKernel(state)).toEqual(pretrained);

    await handleMessage(state, { type: 'dispose', runId: init.runId }, post, d);
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('without pretraining (0) starts from the usual init and says nothing about pretraining', async () => {
    const { posted, post } = recorder();
    const d = testDeps();
    const runs = [];
    for (const epochs of [0, 1]) {
      const state = createWorkerState();
      const init = initMsg(`dbn-${epochs}`, net(), { ...HYPER, rbmPretrainEpochs: epochs });
      await handleMessage(state, init, post, d);
      runs.push(await firstKernel(state));
      await handleMessage(state, { type: 'dispose', runId: init.runId }, post, d);
    }
    const off = createWorkerState();
    const plain = initMsg('plain', net(), HYPER);
    await handleMessage(off, plain, post, d);
    // Off equals the usual init of the same seed; pretrained differs from it.
    expect(runs[0]).toEqual(await firstKernel(off));
    expect(runs[1]).not.toEqual(runs[0]);
    await handleMessage(off, { type: 'dispose', runId: plain.runId }, post, d);
    const readies = ofType(posted, 'ready');
    expect(readies.map((r) => r.pretrainSeconds !== undefined)).toEqual([false, true, false]);
    expect(ofType(posted, 'preparing').filter((m) => m.stage === 'pretrain')).toHaveLength(2);
  });
});
