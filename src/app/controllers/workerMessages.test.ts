import { describe, expect, it } from 'vitest';
import { asRunId } from '../../workers/protocol';
import { workerMessageEffects, type RunView } from './workerMessages';

const runId = asRunId('run1');
const backend = { name: 'wasm', adapter: 'WASM SIMD', reason: 'fastest', measured: [] } as const;
const view = (over: Partial<RunView> = {}): RunView => ({
  status: 'initializing',
  startWhenReady: false,
  runBatchSize: null,
  sampleCount: 8,
  ...over,
});
const samples = { kind: 'samples', split: 'test', indices: [0, 1, 2, 3, 4, 5, 6, 7] } as const;

describe('worker message effects', () => {
  it('ready: shows the backend and counts, asks for the sample strip and the settings, then the panels', () => {
    const m = { type: 'ready', runId, backend, trainCount: 60000, testCount: 10000 } as const;
    const ready = {
      do: 'patchRun',
      patch: {
        status: 'ready',
        backend,
        preparing: null,
        pretrainSeconds: null,
        datasetProgress: null,
        datasetCounts: { train: 60000, test: 10000 },
      },
    };
    expect(workerMessageEffects(view(), m)).toEqual([
      ready,
      { do: 'probe', request: samples },
      { do: 'flushHyper' },
      { do: 'probeVisible' },
    ]);
    // A run that pretrained its RBM stack first says for how long (the Runs table counts it in its time).
    const pretrained = workerMessageEffects(view(), { ...m, pretrainSeconds: 4.5 })[0];
    expect(pretrained).toEqual({ ...ready, patch: { ...ready.patch, pretrainSeconds: 4.5 } });
  });

  it('ready after Train was pressed: starts instead of probing, settings first', () => {
    const m = { type: 'ready', runId, backend, trainCount: 1, testCount: 1 } as const;
    const effects = workerMessageEffects(view({ startWhenReady: true, sampleCount: 2 }), m);
    expect(effects.slice(1)).toEqual([
      { do: 'probe', request: { kind: 'samples', split: 'test', indices: [0, 1] } },
      { do: 'flushHyper' },
      { do: 'start' },
      { do: 'patchRun', patch: { status: 'running' } },
    ]);
  });

  it('dataset progress and notices go to the store', () => {
    expect(
      workerMessageEffects(view(), { type: 'datasetProgress', runId, loadedBytes: 5, totalBytes: 10 }),
    ).toEqual([{ do: 'patchRun', patch: { datasetProgress: { loaded: 5, total: 10 } } }]);
    expect(workerMessageEffects(view(), { type: 'notice', runId, message: 'Slow backend' })).toEqual([
      { do: 'patchRun', patch: { notice: 'Slow backend' } },
    ]);
  });

  it('metrics become curves and the newest point the counters', () => {
    const p = {
      step: 12,
      epoch: 0,
      examplesPerSec: 900,
      loss: 0.5,
      accuracy: 0.8,
      epochProgress: 0.25,
      learningRate: 0.001,
    };
    expect(workerMessageEffects(view(), { type: 'metrics', runId, points: [{ ...p, step: 11 }, p] })).toEqual(
      [
        { do: 'appendMetrics', runId, points: [{ ...p, step: 11 }, p] },
        { do: 'patchRun', patch: { step: 12, epoch: 0, examplesPerSec: 900, epochProgress: 0.25 } },
      ],
    );
    expect(workerMessageEffects(view(), { type: 'metrics', runId, points: [] })).toEqual([
      { do: 'appendMetrics', runId, points: [] },
    ]);
  });

  it('state: running, paused or ready by the step; a stopped loop probes; an error or a finish stays', () => {
    const state = (running: boolean, step: number) =>
      ({ type: 'state', runId, running, step, epoch: 0 }) as const;
    expect(workerMessageEffects(view({ status: 'ready' }), state(true, 3))).toEqual([
      { do: 'patchRun', patch: { status: 'running', step: 3, epoch: 0 } },
    ]);
    expect(workerMessageEffects(view({ status: 'running' }), state(false, 10))).toEqual([
      { do: 'patchRun', patch: { status: 'paused', step: 10, epoch: 0 } },
      { do: 'probeVisible' },
    ]);
    expect(workerMessageEffects(view({ status: 'running' }), state(false, 0))[0]).toEqual({
      do: 'patchRun',
      patch: { status: 'ready', step: 0, epoch: 0 },
    });
    expect(workerMessageEffects(view({ status: 'finished' }), state(false, 10))[0]).toMatchObject({
      patch: { status: 'finished' },
    });
    expect(workerMessageEffects(view({ status: 'error' }), state(false, 40))).toEqual([]);
  });

  it('finished: the last counters, then the panels', () => {
    expect(
      workerMessageEffects(view({ status: 'running' }), { type: 'finished', runId, step: 9, epoch: 2 }),
    ).toEqual([
      { do: 'patchRun', patch: { status: 'finished', step: 9, epoch: 2, epochProgress: 1 } },
      { do: 'probeVisible' },
    ]);
  });

  it('preparing shows only while the run initializes; the model stage ends the download line', () => {
    const m = (stage: 'backend' | 'model') =>
      ({ type: 'preparing', runId, stage, message: 'Building' }) as const;
    expect(workerMessageEffects(view(), m('backend'))).toEqual([
      { do: 'patchRun', patch: { preparing: 'Building' } },
    ]);
    expect(workerMessageEffects(view(), m('model'))).toEqual([
      { do: 'patchRun', patch: { preparing: 'Building', datasetProgress: null } },
    ]);
    expect(workerMessageEffects(view({ status: 'running' }), m('model'))).toEqual([]);
  });

  it('errors: a failed probe is a notice; a diverging loss pauses; others end the run and its pending start', () => {
    const error = (code: 'probe' | 'diverged' | 'badGraph' | 'notReady' | 'dataset') =>
      ({ type: 'error', runId, code, message: 'Oops' }) as const;
    expect(workerMessageEffects(view(), error('probe'))).toEqual([
      { do: 'patchRun', patch: { notice: 'Oops' } },
    ]);
    expect(workerMessageEffects(view({ status: 'running' }), error('diverged'))).toEqual([
      {
        do: 'patchRun',
        patch: { preparing: null, status: 'paused', error: { code: 'diverged', message: 'Oops' } },
      },
    ]);
    expect(workerMessageEffects(view(), error('badGraph'))).toEqual([
      {
        do: 'patchRun',
        patch: { preparing: null, status: 'error', error: { code: 'badGraph', message: 'Oops' } },
      },
      { do: 'cancelStart' },
    ]);
    expect(workerMessageEffects(view(), error('notReady')).map((e) => e.do)).toEqual(['patchRun']);
    expect(workerMessageEffects(view(), error('dataset'))[0]).toMatchObject({
      patch: { status: 'error', datasetProgress: null },
    });
  });

  it('a refused batch size puts the field back to the one the run still trains at', () => {
    const m = { type: 'error', runId, code: 'batchTooLarge', message: 'Too large' } as const;
    expect(workerMessageEffects(view({ status: 'running', runBatchSize: 32 }), m)).toEqual([
      {
        do: 'patchRun',
        patch: { preparing: null, status: 'paused', error: { code: 'batchTooLarge', message: 'Too large' } },
      },
      { do: 'restoreBatchSize', batchSize: 32 },
    ]);
    expect(workerMessageEffects(view({ status: 'running' }), m).map((e) => e.do)).toEqual(['patchRun']);
  });

  it('probe results are published; exports are answered through the client', () => {
    const result = { kind: 'deadRelu', step: 1, layers: [] } as const;
    expect(workerMessageEffects(view({ status: 'running' }), { type: 'probe', runId, result })).toEqual([
      { do: 'publish', result },
    ]);
    expect(
      workerMessageEffects(view(), { type: 'exported', runId, modelJson: '{}', weights: new ArrayBuffer(4) }),
    ).toEqual([]);
  });
});
