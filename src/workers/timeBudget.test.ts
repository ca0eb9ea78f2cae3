/**
 * A time limit (`maxSeconds`, a sweep's seconds budget) ends a run once its training time reaches it, the way a step
 * limit does: a fake clock, so the figures do not depend on how busy the machine is.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Trainer } from '../engine/train/trainer';
import { withBudget } from '../engine/runs/sweepBudget';
import { handleMessage } from './handleMessage';
import { asRunId } from './protocol';
import { whenIdle } from './runLoop';
import { HYPER, initMsg, ofType, recorder, testDeps, tinyCnn } from './testing';
import { createWorkerState, type WorkerDeps, type WorkerState } from './workerState';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const idle = async (s: WorkerState): Promise<void> => {
  if (s.run) await whenIdle(s.run);
};

/** Each batch takes `msPerBatch` of the fake clock; nothing else moves it. */
function clocked(deps: WorkerDeps, clock: { t: number }, msPerBatch: number): WorkerDeps {
  return {
    ...deps,
    now: () => clock.t,
    createTrainer: (o) => {
      const t = deps.createTrainer(o);
      return Object.assign(Object.create(t) as Trainer, {
        trainBatches: async (n: number) => {
          clock.t += n * msPerBatch;
          return t.trainBatches(n);
        },
        dispose: () => t.dispose(),
      });
    },
  };
}

describe('time limit', () => {
  it('finishes the run when its training time reaches the budget, within a batch', async () => {
    const clock = { t: 0 };
    const state = createWorkerState();
    const { posted, post } = recorder();
    const deps = clocked(testDeps(), clock, 10);
    const r = asRunId('seconds');
    const hyper = withBudget({ ...HYPER, validateEvery: 0 }, { unit: 'seconds', amount: 1 });
    await handleMessage(state, initMsg(r, tinyCnn(), hyper), post, deps);
    await handleMessage(state, { type: 'start', runId: r }, post, deps);
    await idle(state);
    const finished = ofType(posted, 'finished');
    expect(finished).toHaveLength(1);
    // 1 s at 10 ms a batch: 100 batches (the chunk is cut to the time left, so not a whole chunk more).
    expect(finished[0]?.step).toBeGreaterThanOrEqual(100);
    expect(finished[0]?.step).toBeLessThanOrEqual(101);
    const points = ofType(posted, 'metrics').flatMap((m) => m.points);
    const last = points.at(-1);
    expect(last?.seconds).toBeCloseTo((finished[0]?.step ?? 0) * 0.01, 6);
    // Each point carries the training time up to its step, growing.
    const secs = points.map((p) => p.seconds ?? NaN);
    expect(secs.every((s, i) => i === 0 || s > (secs[i - 1] ?? 0))).toBe(true);
    await handleMessage(state, { type: 'dispose', runId: r }, post, deps);
  });

  it('does not count paused time', async () => {
    const clock = { t: 0 };
    const state = createWorkerState();
    const { posted, post } = recorder();
    const deps = clocked(testDeps(), clock, 100);
    const r = asRunId('paused');
    const hyper = withBudget({ ...HYPER, validateEvery: 0 }, { unit: 'seconds', amount: 2 });
    await handleMessage(state, initMsg(r, tinyCnn(), hyper), post, deps);
    // Three bursts of 5 batches with a minute of pause between them: 1.5 s of training in over 2 minutes.
    for (let i = 0; i < 3; i++) {
      await handleMessage(state, { type: 'step', runId: r, batches: 5 }, post, deps);
      await idle(state);
      clock.t += 60_000;
    }
    expect(ofType(posted, 'finished')).toEqual([]);
    expect(state.run?.trainer.step).toBe(15);
    await handleMessage(state, { type: 'start', runId: r }, post, deps);
    await idle(state);
    expect(ofType(posted, 'finished').map((m) => m.step)).toEqual([20]);
    expect(state.run?.trainMs).toBe(2000);
    await handleMessage(state, { type: 'dispose', runId: r }, post, deps);
  });

  it('a reset starts the training time again', async () => {
    const clock = { t: 0 };
    const state = createWorkerState();
    const { post } = recorder();
    const deps = clocked(testDeps(), clock, 100);
    const r = asRunId('reset');
    const hyper = withBudget({ ...HYPER, validateEvery: 0 }, { unit: 'seconds', amount: 1 });
    await handleMessage(state, initMsg(r, tinyCnn(), hyper), post, deps);
    await handleMessage(state, { type: 'step', runId: r, batches: 4 }, post, deps);
    await idle(state);
    expect(state.run?.trainMs).toBe(400);
    await handleMessage(state, { type: 'reset', runId: r }, post, deps);
    expect(state.run?.trainMs).toBe(0);
    await handleMessage(state, { type: 'dispose', runId: r }, post, deps);
  });
});
