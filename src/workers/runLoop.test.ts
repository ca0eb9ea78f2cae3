import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { chain } from '../engine/graph/edit';
import type { Trainer } from '../engine/train/trainer';
import { handleMessage } from './handleMessage';
import { asRunId } from './protocol';
import { adaptChunk, whenIdle } from './runLoop';
import { HYPER, initMsg, ofType, recorder, testDeps, tinyCnn } from './testing';
import { CONFUSION_STEPS, spentInWindow } from './probeBudget';
import { DEFAULT_TUNING, createWorkerState } from './workerState';
import type { Post, ProbeEntry, WorkerDeps, WorkerState } from './workerState';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const idle = async (s: WorkerState): Promise<void> => {
  if (s.run) await whenIdle(s.run);
};

type ProbeReq = Parameters<Trainer['probe']>[0];

/** A trainer whose batches take `msPerBatch` of a fake clock, and probes `probeMs` (or a cost per request). */
function slowTrainer(
  deps: WorkerDeps,
  clock: { t: number },
  msPerBatch: number,
  probeMs: number | ((r: ProbeReq) => number),
): WorkerDeps {
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
        probe: async (r: ProbeReq) => {
          clock.t += typeof probeMs === 'number' ? probeMs : probeMs(r);
          return t.probe(r);
        },
        dispose: () => t.dispose(),
      });
    },
  };
}

/** The most probe time in any window of `windowMs` (the maximum is reached by a window ending where a probe ends). */
function worstWindow(log: readonly ProbeEntry[], windowMs: number): number {
  let worst = 0;
  for (const e of log)
    worst = Math.max(
      worst,
      spentInWindow(
        log.filter((x) => x.end <= e.end),
        e.end,
        windowMs,
      ),
    );
  return worst;
}

/** Asks for `requests` again and again (as visible panels do) until the run's loop stops; returns how often. */
async function keepAsking(
  state: WorkerState,
  r: ReturnType<typeof asRunId>,
  requests: readonly ProbeReq[],
  post: Post,
  deps: WorkerDeps,
): Promise<number> {
  let asked = 0;
  while (state.run?.loop) {
    for (const request of requests)
      await handleMessage(state, { type: 'probe', runId: r, request }, post, deps);
    asked++;
    await new Promise((res) => setImmediate(res));
  }
  return asked;
}

describe('run loop', () => {
  it('keeps the tensor count flat over 5,000 steps', async () => {
    const graph = chain('classifier', [
      { kind: 'input', source: 'dataset', shape: [28, 28, 1] },
      { kind: 'flatten' },
      { kind: 'dense', units: 10, activation: 'softmax', useBias: true, initializer: 'glorotUniform' },
    ]);
    const state = createWorkerState();
    const { posted, post } = recorder();
    const deps = testDeps({}, { train: 64, test: 16 });
    const r = asRunId('long');
    await handleMessage(
      state,
      initMsg(r, graph, { ...HYPER, batchSize: 4, optimizer: 'sgd', validateEvery: 2500, epochs: 1000 }),
      post,
      deps,
    );
    await handleMessage(state, { type: 'step', runId: r, batches: 500 }, post, deps);
    await idle(state);
    const counts: number[] = [];
    for (let i = 1; i < 10; i++) {
      await handleMessage(state, { type: 'step', runId: r, batches: 500 }, post, deps);
      await idle(state);
      counts.push(tf.memory().numTensors);
    }
    expect(state.run?.trainer.step).toBe(5_000);
    expect(new Set(counts).size).toBe(1);
    expect(ofType(posted, 'error')).toEqual([]);
    await handleMessage(state, { type: 'dispose', runId: r }, post, deps);
  }, 150_000);

  it('pause stops a running loop between chunks', async () => {
    const state = createWorkerState();
    const { posted, post } = recorder();
    const deps = testDeps();
    const r = asRunId('p');
    await handleMessage(state, initMsg(r), post, deps);
    await handleMessage(state, { type: 'start', runId: r }, post, deps);
    expect(ofType(posted, 'state').at(-1)?.running).toBe(true);
    await new Promise((res) => setTimeout(res, 150));
    await handleMessage(state, { type: 'pause', runId: r }, post, deps);
    await idle(state);
    const stepAtPause = state.run?.trainer.step ?? 0;
    expect(stepAtPause).toBeGreaterThan(0);
    await new Promise((res) => setTimeout(res, 50));
    expect(state.run?.trainer.step).toBe(stepAtPause);
    expect(ofType(posted, 'state').at(-1)).toMatchObject({ running: false, step: stepAtPause });
    await handleMessage(state, { type: 'dispose', runId: r }, post, deps);
  });

  it('keeps probes within their share of the wall time while training, and serves the rest after pause', async () => {
    const clock = { t: 0 };
    const state = createWorkerState();
    const { posted, post } = recorder();
    const deps = slowTrainer(testDeps(), clock, 20, 20);
    const r = asRunId('budget');
    await handleMessage(state, initMsg(r), post, deps);
    await handleMessage(state, { type: 'step', runId: r, batches: 150 }, post, deps);
    // Ask for a probe again and again while 150 batches (3,000 fake ms) train.
    const asked = await keepAsking(state, r, [{ kind: 'deadRelu' }], post, deps);
    const run = state.run;
    if (!run) throw new Error('no run');
    expect(asked).toBeGreaterThan(10);
    const served = ofType(posted, 'probe').length;
    expect(run.probeLog.length).toBeGreaterThan(1);
    expect(served).toBeLessThan(asked);
    // 3% of 3,000 ms is 90 ms: at most 4 probes of 20 ms while training (+ the one that may run after the loop).
    expect(run.probeLog.reduce((a, e) => a + e.ms, 0)).toBeLessThanOrEqual(
      DEFAULT_TUNING.probeBudget * run.wallMs + 20,
    );
    expect(worstWindow(run.probeLog, DEFAULT_TUNING.probeWindowMs)).toBeLessThanOrEqual(
      DEFAULT_TUNING.probeBudget * DEFAULT_TUNING.probeWindowMs,
    );
    await handleMessage(state, { type: 'dispose', runId: r }, post, deps);
  });

  it('does not let the first, not yet measured, expensive probe exceed the budget over a window', async () => {
    // Batches of 16 take 20 ms; a confusion probe costs 10 ms plus a forward pass per example (a third of a training
    // example's cost), so over the whole 1,000-example pool it would take ~260 ms on the 600-example test split: 7× a 2 s window's 60 ms allowance.
    const clock = { t: 0 };
    const state = createWorkerState();
    const { posted, post } = recorder();
    const forwardMs = 20 / 16 / 3;
    const cost = (q: ProbeReq): number => (q.kind === 'confusion' ? 10 + forwardMs * (q.limit ?? 1000) : 5);
    const deps = slowTrainer(testDeps({}, { train: 256, test: 600 }), clock, 20, cost);
    const r = asRunId('first');
    await handleMessage(state, initMsg(r), post, deps);
    await handleMessage(state, { type: 'step', runId: r, batches: 400 }, post, deps);
    await keepAsking(state, r, [{ kind: 'confusion' }, { kind: 'deadRelu' }], post, deps);
    const run = state.run;
    if (!run) throw new Error('no run');
    const served = ofType(posted, 'probe').map((m) => m.result.kind);
    expect(served).toContain('confusion');
    expect(served).toContain('deadRelu');
    expect(run.probeLog.length).toBeGreaterThan(2);
    const allowance = DEFAULT_TUNING.probeBudget * DEFAULT_TUNING.probeWindowMs;
    expect(worstWindow(run.probeLog, DEFAULT_TUNING.probeWindowMs)).toBeLessThanOrEqual(allowance);
    // The confusion probe ran on fewer examples while training (its cost was capped), never the whole pool.
    const confusions = ofType(posted, 'probe').flatMap((m) =>
      m.result.kind === 'confusion' ? [m.result] : [],
    );
    const examples = (m: Int32Array): number => m.reduce((a, b) => a + b, 0);
    expect(examples(confusions[0]?.matrix ?? new Int32Array())).toBe(CONFUSION_STEPS[0]);
    await handleMessage(state, { type: 'dispose', runId: r }, post, deps);
  });

  it('falls back to another backend mid-run from the latest checkpoint and says so', async () => {
    const state = createWorkerState();
    const { posted, post } = recorder();
    const base = testDeps({ tuning: { checkpointMs: 0 } });
    let broken = true;
    const deps: WorkerDeps = {
      ...base,
      fallbackBackend: async () => 'cpu',
      createTrainer: (o) => {
        const t = base.createTrainer(o);
        return Object.assign(Object.create(t) as Trainer, {
          trainBatches: async (n: number) => {
            if (broken && t.step >= 4) {
              broken = false;
              throw new Error('GPU device was lost');
            }
            return t.trainBatches(Math.min(n, 4));
          },
          dispose: () => t.dispose(),
        });
      },
    };
    const r = asRunId('fb');
    await handleMessage(state, initMsg(r), post, deps);
    await handleMessage(state, { type: 'step', runId: r, batches: 8 }, post, deps);
    await idle(state);
    const notice = ofType(posted, 'notice')[0];
    expect(notice?.message).toMatch(
      /The cpu backend failed \(GPU device was lost\); continuing on cpu from the checkpoint at step \d+\./,
    );
    expect(state.run?.backend.reason).toMatch(/fell back from cpu/);
    expect(ofType(posted, 'error')).toEqual([]);
    await handleMessage(state, { type: 'dispose', runId: r }, post, deps);
  });

  it('adapts the chunk size towards the target duration, at most doubling', () => {
    expect(adaptChunk(1, 5, DEFAULT_TUNING)).toBe(2);
    expect(adaptChunk(8, 300, DEFAULT_TUNING)).toBe(2);
    expect(adaptChunk(10, 75, DEFAULT_TUNING)).toBe(10);
    expect(adaptChunk(1, 1000, DEFAULT_TUNING)).toBe(1);
    expect(adaptChunk(1500, 1, DEFAULT_TUNING)).toBe(DEFAULT_TUNING.maxChunk);
  });

  it('trains again at once when Train comes while the probes asked before a pause are served', async () => {
    // The probes asked during the last chunk run after the loop stops: here a kernels probe that waits for the
    // test, then a confusion probe that does not end until the test lets it (on WebGPU one ran for minutes).
    let kernelsStarted: () => void = () => undefined;
    const inKernels = new Promise<void>((res) => (kernelsStarted = res));
    let releaseKernels: () => void = () => undefined;
    const kernelsGate = new Promise<void>((res) => (releaseKernels = res));
    let releaseConfusion: () => void = () => undefined;
    const confusionGate = new Promise<void>((res) => (releaseConfusion = res));
    const base = testDeps();
    const deps: WorkerDeps = {
      ...base,
      createTrainer: (o) => {
        const t = base.createTrainer(o);
        return Object.assign(Object.create(t) as Trainer, {
          trainBatches: (n: number) => t.trainBatches(n),
          probe: async (req: ProbeReq) => {
            if (req.kind === 'kernels') {
              kernelsStarted();
              await kernelsGate;
            }
            if (req.kind === 'confusion') await confusionGate;
            return t.probe(req);
          },
          dispose: () => t.dispose(),
        });
      },
    };
    const state = createWorkerState();
    const { posted, post } = recorder();
    const r = asRunId('resume');
    await handleMessage(state, initMsg(r), post, deps);
    await handleMessage(state, { type: 'step', runId: r, batches: 1 }, post, deps);
    for (const request of [{ kind: 'kernels', gradients: false }, { kind: 'confusion' }] as const)
      await handleMessage(state, { type: 'probe', runId: r, request }, post, deps);
    await inKernels;
    const stepAtPause = state.run?.trainer.step ?? 0;
    expect(stepAtPause).toBe(1);
    await handleMessage(state, { type: 'start', runId: r }, post, deps);
    releaseKernels();
    const t0 = Date.now();
    while ((state.run?.trainer.step ?? 0) <= stepAtPause + 2 && Date.now() - t0 < 20_000)
      await new Promise((res) => setTimeout(res, 20));
    expect(state.run?.trainer.step).toBeGreaterThan(stepAtPause + 2);
    // The stopped loop's last word must not say "paused": it started again.
    expect(ofType(posted, 'state').every((m) => m.running)).toBe(true);
    releaseConfusion();
    await handleMessage(state, { type: 'pause', runId: r }, post, deps);
    await idle(state);
    expect(ofType(posted, 'error')).toEqual([]);
    await handleMessage(state, { type: 'dispose', runId: r }, post, deps);
  }, 60_000);

  it('posts metrics in batches, not per step', async () => {
    const state = createWorkerState();
    const { posted, post } = recorder();
    // A fake clock (5 ms a batch): the count of flushes must not depend on how busy the machine is.
    const clock = { t: 0 };
    const deps = slowTrainer(testDeps(), clock, 5, 0);
    const r = asRunId('batch');
    await handleMessage(state, initMsg(r, tinyCnn(), HYPER), post, deps);
    await handleMessage(state, { type: 'step', runId: r, batches: 60 }, post, deps);
    await idle(state);
    const msgs = ofType(posted, 'metrics');
    expect(msgs.flatMap((m) => m.points)).toHaveLength(60);
    // 60 batches = 300 ms of the clock; points are flushed every DEFAULT_TUNING.flushMs and at the end.
    expect(msgs.length).toBeLessThanOrEqual(Math.ceil((60 * 5) / DEFAULT_TUNING.flushMs) + 2);
    await handleMessage(state, { type: 'dispose', runId: r }, post, deps);
  });
});
