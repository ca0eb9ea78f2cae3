/** L-BFGS and conjugate gradient through the worker: they train, and a model over their budget is refused in words. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { chain } from '../engine/graph/edit';
import { L } from '../engine/graph/layerBuilders';
import { handleMessage } from './handleMessage';
import { isPausingError } from './errors';
import { asRunId } from './protocol';
import { stepsPerEpoch, whenIdle } from './runLoop';
import { HYPER, initMsg, ofType, recorder, testDeps } from './testing';
import { createWorkerState } from './workerState';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const logistic = () => chain('classifier', [L.image(), L.flatten(), L.dense(10, 'softmax')]);
/** 784·256 + 256 + 2,570 = 203,530 parameters: over the 200,000 budget. */
const wide = () =>
  chain('classifier', [L.image(), L.flatten(), L.dense(256, 'relu'), L.dense(10, 'softmax')]);

describe('second-order optimizers in the worker', () => {
  it.each(['lbfgs', 'cg'] as const)(
    '%s: steps train logistic regression, metrics carry a falling loss',
    async (optimizer) => {
      const state = createWorkerState();
      const { posted, post } = recorder();
      const deps = testDeps();
      const r = asRunId(optimizer);
      await handleMessage(
        state,
        initMsg(r, logistic(), { ...HYPER, optimizer, secondOrderBatch: 256 }),
        post,
        deps,
      );
      expect(ofType(posted, 'error')).toEqual([]);
      expect(stepsPerEpoch(state.run!)).toBe(1); // 256 examples per step: the whole procedural training set
      await handleMessage(state, { type: 'step', runId: r, batches: 6 }, post, deps);
      await whenIdle(state.run!);
      expect(state.run?.trainer.step).toBe(6);
      const losses = ofType(posted, 'metrics').flatMap((m) => m.points.map((p) => p.loss));
      expect(losses.length).toBe(6);
      expect(losses[5]).toBeLessThan((losses[0] as number) * 0.8);
      await handleMessage(state, { type: 'dispose', runId: r }, post, deps);
    },
  );

  it('refuses a model over 200,000 trainable parameters at init, naming its count (tooLarge)', async () => {
    const state = createWorkerState();
    const { posted, post } = recorder();
    const deps = testDeps();
    const r = asRunId('wide');
    await handleMessage(state, initMsg(r, wide(), { ...HYPER, optimizer: 'lbfgs' }), post, deps);
    const errors = ofType(posted, 'error');
    expect(errors.map((e) => e.code)).toEqual(['tooLarge']);
    expect(errors[0]?.message).toMatch(
      /^L-BFGS is for small models: it trains at most 200,000 parameters, and this model has 203,530/,
    );
    expect(state.run).toBeNull();
  });

  it('a switch to conjugate gradient mid-run on a large model pauses the run (model kept); back to Adam it trains on', async () => {
    const state = createWorkerState();
    const { posted, post } = recorder();
    const deps = testDeps();
    const r = asRunId('switch');
    await handleMessage(state, initMsg(r, wide(), { ...HYPER, optimizer: 'adam' }), post, deps);
    await handleMessage(state, { type: 'step', runId: r, batches: 2 }, post, deps);
    await whenIdle(state.run!);
    await handleMessage(state, { type: 'setHyper', runId: r, patch: { optimizer: 'cg' } }, post, deps);
    await handleMessage(state, { type: 'start', runId: r }, post, deps);
    await whenIdle(state.run!);
    const errors = ofType(posted, 'error');
    expect(errors.map((e) => e.code)).toEqual(['tooManyParameters']);
    expect(errors[0]?.message).toContain('Conjugate gradient is for small models');
    expect(errors[0]?.message).toContain('203,530');
    expect(isPausingError('tooManyParameters')).toBe(true);
    expect(state.run?.running).toBe(false);
    expect(state.run?.trainer.step).toBe(2);
    await handleMessage(state, { type: 'setHyper', runId: r, patch: { optimizer: 'adam' } }, post, deps);
    await handleMessage(state, { type: 'step', runId: r, batches: 1 }, post, deps);
    await whenIdle(state.run!);
    expect(state.run?.trainer.step).toBe(3);
    await handleMessage(state, { type: 'dispose', runId: r }, post, deps);
  });
});
