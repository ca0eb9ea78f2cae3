import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { chain } from '../engine/graph/edit';
import { L } from '../engine/graph/layerBuilders';
import { NonFiniteError } from '../engine/train/trainer';
import type { Trainer } from '../engine/train/trainer';
import { disposeRun, handleMessage } from './handleMessage';
import { asRunId } from './protocol';
import { whenIdle } from './runLoop';
import { HYPER, cpuEnv, initMsg, ofType, recorder, testDeps, tinyCnn } from './testing';
import { createWorkerState, noteArrival } from './workerState';
import type { WorkerState } from './workerState';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const idle = async (s: WorkerState): Promise<void> => {
  if (s.run) await whenIdle(s.run);
};

describe('handleMessage', () => {
  it('an init waiting on its download gives way at once to a newer init (the user switched dataset)', async () => {
    const { posted, post } = recorder();
    let release: () => void = () => undefined;
    const slow = new Promise<void>((r) => (release = r));
    const base = testDeps();
    const deps = {
      ...base,
      loadDataset: async (...a: Parameters<typeof base.loadDataset>) => {
        if (a[0] === 'mnist') await slow; // a big download that has not finished
        return base.loadDataset(...a);
      },
    };
    const state = createWorkerState();
    const a = { ...initMsg('old'), dataset: 'mnist' as const };
    const b = initMsg('new');
    noteArrival(state, a);
    const first = handleMessage(state, a, post, deps);
    noteArrival(state, b);
    await first; // returns although the mnist download is still pending
    await handleMessage(state, b, post, deps);
    expect(ofType(posted, 'ready').map((m) => m.runId)).toEqual(['new']);
    expect(ofType(posted, 'error')).toEqual([]);
    release();
    await handleMessage(state, { type: 'dispose', runId: asRunId('new') }, post, deps);
  });

  it('a five-way head trains on a five-label subset, then on the other five; a subset that does not fit is refused', async () => {
    const head5 = chain('classifier', [
      L.image(),
      L.conv(2, 3, { stride: 2 }),
      L.flatten(),
      L.dense(5, 'softmax'),
    ]);
    const { posted, post } = recorder();
    const deps = testDeps();
    const state = createWorkerState();
    await handleMessage(state, initMsg('t0', head5, HYPER), post, deps);
    expect(ofType(posted, 'error')[0]?.message).toContain('5 units but the data has 10 classes');
    const r = asRunId('t1');
    await handleMessage(state, initMsg(r, head5, { ...HYPER, labelSubset: [0, 1, 2, 3, 4] }), post, deps);
    expect(ofType(posted, 'ready').length).toBe(1);
    await handleMessage(state, { type: 'step', runId: r, batches: 3 }, post, deps);
    await idle(state);
    await handleMessage(
      state,
      { type: 'setHyper', runId: r, patch: { labelSubset: [5, 6, 7, 8, 9] } },
      post,
      deps,
    );
    await handleMessage(state, { type: 'step', runId: r, batches: 3 }, post, deps);
    await idle(state);
    const points = ofType(posted, 'metrics').flatMap((m) => m.points);
    expect(points.length).toBe(6);
    expect(points.every((p) => Number.isFinite(p.loss))).toBe(true);
    expect(ofType(posted, 'error').length).toBe(1);
    await handleMessage(state, { type: 'setHyper', runId: r, patch: { labelSubset: [0, 1, 2] } }, post, deps);
    expect(ofType(posted, 'error')[1]).toMatchObject({ code: 'badGraph' });
    expect(state.run?.trainer.hyper.labelSubset).toEqual([5, 6, 7, 8, 9]);
    await handleMessage(state, { type: 'dispose', runId: r }, post, deps);
  });

  it('auto times several candidates within the budget, saying which one it measures', async () => {
    // Two names for the cpu backend, so Node has something to compare.
    const env = {
      ...cpuEnv,
      probe: async () => [
        { name: 'webgl' as const, available: true, adapter: 'fake GPU' },
        { name: 'cpu' as const, available: true, adapter: 'CPU' },
      ],
      activate: async () => tf.setBackend('cpu'),
    };
    const { posted, post } = recorder();
    const deps = testDeps({ env });
    const state = createWorkerState();
    const r = asRunId('m1');
    await handleMessage(state, initMsg(r), post, deps);
    const ready = ofType(posted, 'ready')[0];
    expect(ofType(posted, 'preparing').map((m) => m.message)).toEqual([
      'Measuring backends: WebGL (1/2)…',
      'Measuring backends: CPU (2/2)…',
      'Building the model…',
    ]);
    // Without WASM the CPU is a candidate: both are timed.
    expect(ready?.backend.measured.map((m) => m.examplesPerSec !== null)).toEqual([true, true]);
    expect(ready?.backend.reason).toMatch(/^fastest of 2 measured: (webgl|cpu) [\d,]+ ex\/s vs/);
    await handleMessage(state, { type: 'dispose', runId: r }, post, deps);
  });

  it('init → step → probe → setHyper → reset → dispose, and frees every tensor', async () => {
    const baseline = tf.memory().numTensors;
    const state = createWorkerState();
    const { posted, post, transfers } = recorder();
    const deps = testDeps();
    const r = asRunId('r1');
    await handleMessage(state, initMsg(r), post, deps);
    const ready = ofType(posted, 'ready')[0];
    expect(ready?.backend.name).toBe('cpu');
    expect(ready?.backend.reason).toBe('cpu: the only backend available here');
    expect(ofType(posted, 'preparing').map((m) => m.message)).toEqual([
      'Starting CPU…',
      'Building the model…',
    ]);
    expect(ready?.trainCount).toBe(256);
    expect(ofType(posted, 'datasetProgress').length).toBeGreaterThan(0);

    await handleMessage(state, { type: 'step', runId: r, batches: 12 }, post, deps);
    await idle(state);
    const points = ofType(posted, 'metrics').flatMap((m) => m.points);
    expect(points.map((p) => p.step)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(points.every((p) => Number.isFinite(p.loss) && p.examplesPerSec > 0)).toBe(true);
    expect(ofType(posted, 'state').at(-1)).toMatchObject({ running: false, step: 12 });

    await handleMessage(
      state,
      { type: 'probe', runId: r, request: { kind: 'kernels', gradients: false } },
      post,
      deps,
    );
    const probe = ofType(posted, 'probe')[0];
    expect(probe?.result.kind).toBe('kernels');
    if (probe?.result.kind !== 'kernels') throw new Error('no kernels');
    const k = probe.result.layers[0];
    expect(k?.values.length).toBe(3 * 3 * 1 * 2);
    expect(transfers[posted.indexOf(probe)]).toContain(k?.values.buffer);

    await handleMessage(
      state,
      { type: 'setHyper', runId: r, patch: { learningRate: 0.05, optimizer: 'sgd' } },
      post,
      deps,
    );
    expect(state.run?.trainer.hyper).toMatchObject({ learningRate: 0.05, optimizer: 'sgd' });
    await handleMessage(state, { type: 'step', runId: r, batches: 2 }, post, deps);
    await idle(state);
    expect(ofType(posted, 'metrics').at(-1)?.points.at(-1)?.learningRate).toBe(0.05);

    await handleMessage(state, { type: 'reset', runId: r }, post, deps);
    expect(state.run?.trainer.step).toBe(0);
    expect(state.run?.trainer.hyper.learningRate).toBe(0.05);

    await handleMessage(state, { type: 'dispose', runId: r }, post, deps);
    expect(state.run).toBeNull();
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('same seed gives the same loss curve after reset', async () => {
    const state = createWorkerState();
    const { posted, post } = recorder();
    const deps = testDeps();
    const r = asRunId('seed');
    await handleMessage(state, initMsg(r), post, deps);
    const curve = async (): Promise<number[]> => {
      posted.length = 0;
      await handleMessage(state, { type: 'step', runId: r, batches: 5 }, post, deps);
      await idle(state);
      return ofType(posted, 'metrics').flatMap((m) => m.points.map((p) => p.loss));
    };
    const a = await curve();
    await handleMessage(state, { type: 'reset', runId: r }, post, deps);
    const b = await curve();
    expect(b).toEqual(a);
    expect(a[0]).not.toBe(a[4]);
    await handleMessage(state, { type: 'dispose', runId: r }, post, deps);
  });

  it('ignores messages for another run and answers only with the current run id', async () => {
    const state = createWorkerState();
    const { posted, post } = recorder();
    const deps = testDeps();
    await handleMessage(state, initMsg('old'), post, deps);
    await handleMessage(state, initMsg('new'), post, deps);
    const before = posted.length;
    await handleMessage(state, { type: 'step', runId: asRunId('old'), batches: 3 }, post, deps);
    await idle(state);
    expect(posted.length).toBe(before);
    expect(state.run?.trainer.step).toBe(0);
    await handleMessage(state, { type: 'step', runId: asRunId('new'), batches: 3 }, post, deps);
    await idle(state);
    expect(posted.slice(before).every((m) => m.runId === 'new')).toBe(true);
    expect(state.run?.trainer.step).toBe(3);
    await handleMessage(state, { type: 'dispose', runId: asRunId('new') }, post, deps);
  });

  it('pauses and posts nonFinite when the loss blows up', async () => {
    const state = createWorkerState();
    const { posted, post } = recorder();
    const base = testDeps();
    const deps = {
      ...base,
      createTrainer: (o: Parameters<typeof base.createTrainer>[0]): Trainer => {
        const t = base.createTrainer(o);
        return Object.assign(Object.create(t) as Trainer, {
          trainBatches: async (n: number) => {
            if (t.step >= 3)
              throw new NonFiniteError(
                null,
                'Loss became NaN at step 4 in node "dense_1": lower the learning rate.',
              );
            return t.trainBatches(Math.min(n, 3 - t.step));
          },
          dispose: () => t.dispose(),
        });
      },
    };
    const r = asRunId('nan');
    await handleMessage(state, initMsg(r), post, deps);
    await handleMessage(state, { type: 'start', runId: r }, post, deps);
    await idle(state);
    const err = ofType(posted, 'error')[0];
    expect(err).toMatchObject({ code: 'nonFinite', runId: 'nan' });
    expect(err?.message).toContain('lower the learning rate');
    expect(state.run?.running).toBe(false);
    expect(ofType(posted, 'state').at(-1)?.running).toBe(false);
    await handleMessage(state, { type: 'dispose', runId: r }, post, deps);
  });

  // Softmax cross-entropy clips its input, so a merely huge rate keeps the loss finite; an infinite one makes the
  // weights (and then the loss) NaN within a few steps.
  it('a real NaN (infinite learning rate) is caught by the trainer and reported', async () => {
    const state = createWorkerState();
    const { posted, post } = recorder();
    const deps = testDeps();
    const r = asRunId('nan2');
    await handleMessage(
      state,
      initMsg(r, tinyCnn(), { ...HYPER, optimizer: 'sgd', learningRate: Infinity }),
      post,
      deps,
    );
    await handleMessage(state, { type: 'step', runId: r, batches: 50 }, post, deps);
    await idle(state);
    expect(ofType(posted, 'error').map((e) => e.code)).toEqual(['nonFinite']);
    await handleMessage(state, { type: 'dispose', runId: r }, post, deps);
  });

  it('refuses a model too large before allocating anything', async () => {
    const baseline = tf.memory().numTensors;
    const state = createWorkerState();
    const { posted, post } = recorder();
    let loaded = false;
    const deps = testDeps({
      memoryBudgetBytes: 2 ** 20,
      loadDataset: () => {
        loaded = true;
        return Promise.reject(new Error('should not load'));
      },
    });
    const big = tinyCnn();
    const graph = {
      ...big,
      nodes: big.nodes.map((n) =>
        n.layer.kind === 'conv2d' ? { ...n, layer: { ...n.layer, filters: 512 } } : n,
      ),
    };
    await handleMessage(state, initMsg('big', graph), post, deps);
    expect(ofType(posted, 'error')[0]).toMatchObject({ code: 'tooLarge', runId: 'big' });
    expect(ofType(posted, 'error')[0]?.message).toMatch(/needs about \d+ MB .* limit here is 1 MB/);
    expect(loaded).toBe(false);
    expect(state.run).toBeNull();
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('reports validation errors as badGraph', async () => {
    const state = createWorkerState();
    const { posted, post } = recorder();
    const deps = testDeps({
      validate: (g) => [
        {
          code: 'noOutput',
          node: g.nodes[0]?.id,
          severity: 'error',
          message: 'The graph has no output.',
          fixes: [],
        },
      ],
    });
    await handleMessage(state, initMsg('bad'), post, deps);
    expect(ofType(posted, 'error')).toEqual([
      { type: 'error', runId: 'bad', code: 'badGraph', message: 'The graph has no output.' },
    ]);
  });

  it('validates every validateEvery steps and finishes after hyper.epochs', async () => {
    const state = createWorkerState();
    const { posted, post } = recorder();
    const deps = testDeps({}, { train: 64, test: 32 });
    const r = asRunId('fin');
    // 64 examples / batch 16 = 4 steps per epoch, 2 epochs = 8 steps; validation at 3, 6 and the epoch ends (4, 8).
    await handleMessage(state, initMsg(r, tinyCnn(), { ...HYPER, epochs: 2, validateEvery: 3 }), post, deps);
    await handleMessage(state, { type: 'start', runId: r }, post, deps);
    await idle(state);
    expect(ofType(posted, 'finished')).toEqual([{ type: 'finished', runId: 'fin', step: 8, epoch: 2 }]);
    const points = ofType(posted, 'metrics').flatMap((m) => m.points);
    expect(points.filter((p) => p.valLoss !== undefined).map((p) => p.step)).toEqual([3, 4, 6, 8]);
    await handleMessage(state, { type: 'dispose', runId: r }, post, deps);
  });

  it('finishes at hyper.maxSteps with a full validation, and goes on when the limit is lifted', async () => {
    const state = createWorkerState();
    const { posted, post } = recorder();
    const deps = testDeps({}, { train: 64, test: 32 });
    const r = asRunId('lim');
    // 4 steps per epoch, 3 epochs = 12 steps, but the limit is step 6 (mid-epoch: chunks must stop there).
    await handleMessage(
      state,
      initMsg(r, tinyCnn(), { ...HYPER, epochs: 3, validateEvery: 0, maxSteps: 6 }),
      post,
      deps,
    );
    await handleMessage(state, { type: 'start', runId: r }, post, deps);
    await idle(state);
    expect(ofType(posted, 'finished')).toEqual([{ type: 'finished', runId: 'lim', step: 6, epoch: 1 }]);
    const points = ofType(posted, 'metrics').flatMap((m) => m.points);
    // The epoch end (4) and the step limit (6) validate on the whole test split.
    expect(points.filter((p) => p.valFull === true).map((p) => p.step)).toEqual([4, 6]);
    await handleMessage(state, { type: 'setHyper', runId: r, patch: { maxSteps: 0 } }, post, deps);
    await handleMessage(state, { type: 'start', runId: r }, post, deps);
    await idle(state);
    expect(ofType(posted, 'finished').at(-1)).toMatchObject({ step: 12, epoch: 3 });
    await handleMessage(state, { type: 'dispose', runId: r }, post, deps);
  });

  it('disposeRun is idempotent', async () => {
    const state = createWorkerState();
    const { post } = recorder();
    await handleMessage(state, initMsg('d'), post, testDeps());
    const run = state.run;
    if (!run) throw new Error('no run');
    await disposeRun(run);
    await disposeRun(run);
    expect(run.disposed).toBe(true);
  });
});
