/** A run whose loss diverges (finite, but stuck or exploding) pauses, and the client hears why with its code. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { tinyMlp } from '../engine/train/testGraphs';
import { STUCK_STEPS } from '../engine/train/divergence';
import { handleMessage } from './handleMessage';
import { isPausingError } from './errors';
import { asRunId } from './protocol';
import { whenIdle } from './runLoop';
import { HYPER, initMsg, ofType, recorder, testDeps } from './testing';
import { createWorkerState } from './workerState';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('divergence pause', () => {
  it('learning rate 10: the run pauses with code "diverged", a remedy, and can be resumed after a change', async () => {
    const state = createWorkerState();
    const { posted, post } = recorder();
    const deps = testDeps();
    const r = asRunId('lr10');
    await handleMessage(
      state,
      initMsg(r, tinyMlp(), { ...HYPER, optimizer: 'adam', learningRate: 10 }),
      post,
      deps,
    );
    await handleMessage(state, { type: 'start', runId: r }, post, deps);
    if (state.run) await whenIdle(state.run);
    const errors = ofType(posted, 'error');
    expect(errors.map((e) => e.code)).toEqual(['diverged']);
    expect(errors[0]?.runId).toBe('lr10');
    expect(errors[0]?.message).toMatch(/stuck at step \d+/);
    expect(errors[0]?.message).toContain('try 1.00');
    expect(isPausingError('diverged')).toBe(true);
    // Paused, not ended: the loop stopped, the model is still there and the metrics up to the pause were sent.
    expect(state.run?.running).toBe(false);
    expect(state.run?.finished).toBe(false);
    expect(ofType(posted, 'state').at(-1)?.running).toBe(false);
    const step = state.run?.trainer.step ?? 0;
    expect(step).toBeGreaterThanOrEqual(STUCK_STEPS);
    expect(ofType(posted, 'metrics').length).toBeGreaterThan(0);

    // The remedy goes in through setHyper (clipping on, a lower rate) and the same run trains on.
    await handleMessage(
      state,
      { type: 'setHyper', runId: r, patch: { clipNorm: 1, learningRate: 1 } },
      post,
      deps,
    );
    expect(state.run?.trainer.hyper).toMatchObject({ clipNorm: 1, learningRate: 1 });
    await handleMessage(state, { type: 'step', runId: r, batches: 5 }, post, deps);
    if (state.run) await whenIdle(state.run);
    expect(state.run?.trainer.step).toBe(step + 5);
    await handleMessage(state, { type: 'dispose', runId: r }, post, deps);
  });
});
