import { afterEach, describe, expect, it } from 'vitest';
import type { PersistStorage } from 'zustand/middleware';
import { createAppStore, type Saved } from '../store/index';
import { createFrameBus } from '../frames/frameBus';
import { asRunId, type FromWorker, type RunId } from '../../workers/protocol';
import type { ProbeRequest, ProbeResult } from '../../engine/train/probes/types';
import type { ProbeNeed } from './probeScheduler';
import { DEFAULT_HYPER } from '../../engine/train/hyper';
import {
  continueNotice,
  continuePatch,
  createTrainingController,
  type ControllerClient,
  type TrainingController,
} from './trainingController';
import { smallCnn } from '../../engine/graph/testGraphs';
import { PRESETS } from '../../engine/graph/presets';
import { selectGraphChangedSinceRun } from '../store/selectors';
import { makeUserDataset } from '../../workers/userDatasets/testing';

const noStorage: PersistStorage<Saved> = {
  getItem: () => null,
  setItem: () => undefined,
  removeItem: () => undefined,
};

function fakeClient() {
  const calls: string[] = [];
  const listeners = new Set<(m: FromWorker) => void>();
  const probes: ProbeRequest[] = [];
  let n = 0;
  const client: ControllerClient = {
    init: () => {
      calls.push('init');
      return asRunId(`run${++n}`);
    },
    start: () => void calls.push('start'),
    pause: () => void calls.push('pause'),
    step: (b) => void calls.push(`step ${b}`),
    setHyper: (p) => void calls.push(`setHyper ${JSON.stringify(p)}`),
    freeze: (nodes, f) => void calls.push(`freeze ${nodes.join(',')} ${f}`),
    probe: (req) => {
      probes.push(req);
      const result: ProbeResult =
        req.kind === 'samples'
          ? {
              kind: 'samples',
              split: 'test',
              indices: [...req.indices],
              labels: new Uint8Array(req.indices.length),
              pixels: new Uint8Array(784 * req.indices.length),
              h: 28,
              w: 28,
              channels: 1,
            }
          : { kind: 'deadRelu', step: 1, layers: [] };
      return Promise.resolve(result);
    },
    preview: () => Promise.reject(new Error('not used here')),
    exportModel: () => Promise.resolve({ modelJson: '{}', weights: new ArrayBuffer(4) }),
    reset: () => void calls.push('reset'),
    dispose: () => void calls.push('dispose'),
    on: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  const emit = (m: FromWorker) => listeners.forEach((l) => l(m));
  return { client, calls, probes, emit, runId: (): RunId => asRunId(`run${n}`) };
}

const backend = { name: 'wasm', adapter: 'WASM SIMD', reason: 'fastest', measured: [] } as const;
let ctl: TrainingController | null = null;
afterEach(() => ctl?.dispose());

function setup(needs: ProbeNeed[] = []) {
  const store = createAppStore(noStorage);
  const bus = createFrameBus();
  const fake = fakeClient();
  const needListeners = new Set<() => void>();
  const needsChanged = () => needListeners.forEach((l) => l());
  ctl = createTrainingController({
    store,
    client: fake.client,
    bus,
    probeNeeds: () => needs,
    onProbeNeedsChange: (cb) => {
      needListeners.add(cb);
      return () => needListeners.delete(cb);
    },
    pollMs: 10_000,
  });
  return { store, bus, ...fake, ctl, needsChanged };
}

/** Lets the fake client's resolved probes run their callbacks. */
const settle = () => new Promise<void>((r) => setTimeout(r, 0));

describe('training controller', () => {
  it('Train inits, shows dataset progress and counts, then starts when ready', async () => {
    const { store, calls, emit, runId, ctl, bus } = setup();
    ctl.train();
    expect(calls).toEqual(['init']);
    expect(store.getState().status).toBe('initializing');
    emit({ type: 'datasetProgress', runId: runId(), loadedBytes: 5, totalBytes: 10 });
    expect(store.getState().datasetProgress).toEqual({ loaded: 5, total: 10 });
    emit({ type: 'ready', runId: runId(), backend, trainCount: 60000, testCount: 10000 });
    expect(store.getState().datasetCounts).toEqual({ train: 60000, test: 10000 });
    expect(store.getState().datasetProgress).toBeNull();
    expect(store.getState().backend?.name).toBe('wasm');
    expect(calls).toEqual(['init', 'start']);
    expect(store.getState().status).toBe('running');
    await Promise.resolve();
    expect(bus.latest('samples')?.indices.length).toBe(8);
  });

  it('asks for no probe before the model is ready, then for what the panels need', async () => {
    const { store, probes, emit, runId, ctl, needsChanged } = setup([{ kind: 'deadRelu' }]);
    ctl.prepare();
    expect(store.getState().status).toBe('initializing');
    needsChanged(); // a panel scrolls into view while the dataset loads
    store.getState().setSample({ from: 'test', index: 3 });
    await settle();
    expect(probes).toEqual([]);
    emit({ type: 'ready', runId: runId(), backend, trainCount: 1, testCount: 1 });
    await settle();
    expect(probes.map((p) => p.kind).sort()).toEqual(['deadRelu', 'samples']);
  });

  it('drops messages of old runs', () => {
    const { store, emit, ctl } = setup();
    ctl.prepare();
    emit({ type: 'datasetProgress', runId: asRunId('stale'), loadedBytes: 1, totalBytes: 2 });
    expect(store.getState().datasetProgress).toBeNull();
  });

  it('turns metrics into curves and counters', () => {
    const { store, emit, runId, ctl } = setup();
    ctl.prepare();
    const p = {
      step: 12,
      epoch: 0,
      examplesPerSec: 900,
      loss: 0.5,
      accuracy: 0.8,
      epochProgress: 0.25,
      learningRate: 0.001,
    };
    emit({ type: 'metrics', runId: runId(), points: [p] });
    expect(store.getState().runs.at(-1)?.points).toEqual([p]);
    expect(store.getState()).toMatchObject({ step: 12, examplesPerSec: 900, epochProgress: 0.25 });
  });

  it('sends live hyperparameter changes and does not re-init for them', () => {
    const { store, calls, emit, runId, ctl } = setup();
    ctl.train();
    emit({ type: 'ready', runId: runId(), backend, trainCount: 1, testCount: 1 });
    store.getState().setHyper({ learningRate: 0.1 });
    expect(calls.at(-1)).toBe('setHyper {"learningRate":0.1}');
    ctl.pause();
    ctl.train();
    expect(calls.filter((c) => c === 'init')).toHaveLength(1);
  });

  it('needs a restart after a real graph edit, but not after moving or freezing nodes', () => {
    const { store, calls, emit, runId, ctl } = setup();
    ctl.train();
    emit({ type: 'ready', runId: runId(), backend, trainCount: 1, testCount: 1 });
    const g = store.getState().graph;
    const first = g.nodes[1]!;
    store.getState().setGraph({
      ...g,
      nodes: g.nodes.map((n) => (n === first ? { ...n, position: { x: 9, y: 9 }, frozen: true } : n)),
    });
    expect(store.getState().runGraph).toBe(store.getState().graph);
    expect(calls.at(-1)).toBe(`freeze ${first.id} true`);
    store.getState().setGraph(smallCnn());
    expect(store.getState().runGraph).not.toBe(store.getState().graph);
    ctl.restartWithNewGraph();
    expect(calls.filter((c) => c === 'init')).toHaveLength(2);
    expect(store.getState().runGraph).toBe(store.getState().graph);
  });

  it('re-inits when the dataset changes', async () => {
    const { store, calls, ctl } = setup();
    ctl.prepare();
    store.getState().setDataset(store.getState().dataset === 'mnist' ? 'procedural' : 'mnist');
    await settle();
    expect(calls.filter((c) => c === 'init')).toHaveLength(2);
  });

  it('images removed from the chosen dataset while a run is paused: Train or Step makes a new run on them, and says so', () => {
    const { store, calls, emit, runId, ctl } = setup();
    const meta = makeUserDataset({ id: 'user-a', name: 'Leaves' }).meta;
    store.getState().setUserDatasets([meta]);
    store.getState().setDataset('user-a');
    ctl.train();
    emit({ type: 'ready', runId: runId(), backend, trainCount: 8, testCount: 2 });
    emit({ type: 'state', runId: runId(), running: false, step: 30, epoch: 0 });
    expect(store.getState().status).toBe('paused');
    store.getState().upsertUserDataset({ ...meta, name: 'Trees' }); // a rename keeps the images
    ctl.train();
    expect(calls.filter((c) => c === 'init')).toHaveLength(1);
    ctl.pause();
    emit({ type: 'state', runId: runId(), running: false, step: 40, epoch: 0 });
    store.getState().upsertUserDataset({ ...meta, name: 'Trees', revision: 1 }); // the gallery removed images
    expect(store.getState().status).toBe('paused'); // nothing restarts until the user asks
    ctl.step(1);
    expect(calls.filter((c) => c === 'init')).toHaveLength(2);
    expect(store.getState().status).toBe('initializing');
    expect(store.getState().datasetCounts).toBeNull();
    expect(store.getState().notice).toBe(
      'The images of “Trees” changed since the last run, so a new run started on the changed set.',
    );
  });

  it('a preset switch stops the run and prepares the new preset once, with its graph; panels clear', async () => {
    const { store, calls, emit, runId, ctl, bus } = setup();
    ctl.train();
    emit({ type: 'ready', runId: runId(), backend, trainCount: 1, testCount: 1 });
    emit({ type: 'state', runId: runId(), running: true, step: 5, epoch: 0 });
    bus.publish({ kind: 'deadRelu', step: 5, layers: [] });
    const other = PRESETS.find((p) => p.dataset !== store.getState().dataset && !p.gan)!;
    const before = calls.length;
    store.getState().setPreset(other.id);
    await settle();
    expect(calls.filter((c) => c === 'init')).toHaveLength(2);
    expect(store.getState().runGraph).toBe(store.getState().graph);
    expect(store.getState().status).toBe('initializing');
    expect(bus.latest('deadRelu')).toBeUndefined();
    expect(selectGraphChangedSinceRun(store.getState())).toBe(false);
    expect(calls.slice(before)).toEqual(['init']);
    expect(store.getState().runs.map((r) => r.runId)).toEqual([runId()]);
  });

  it('says the run keeps an old network only while it is training', () => {
    const { store, emit, runId, ctl } = setup();
    ctl.train();
    emit({ type: 'ready', runId: runId(), backend, trainCount: 1, testCount: 1 });
    store.getState().setGraph(smallCnn());
    expect(selectGraphChangedSinceRun(store.getState())).toBe(true);
    ctl.pause();
    expect(selectGraphChangedSinceRun(store.getState())).toBe(false);
  });

  it('a run stopped by an error stays stopped when the loop reports its end; Train builds a new run', () => {
    const { store, calls, emit, runId, ctl } = setup();
    ctl.train();
    emit({ type: 'ready', runId: runId(), backend, trainCount: 1, testCount: 1 });
    emit({
      type: 'error',
      runId: runId(),
      code: 'badGraph',
      message: 'The output has 5 units but training uses 3 labels',
    });
    emit({ type: 'state', runId: runId(), running: false, step: 40, epoch: 0 });
    expect(store.getState().status).toBe('error');
    ctl.train();
    expect(calls.filter((c) => c === 'init')).toHaveLength(2);
  });

  it('a diverging loss pauses the run and keeps its message; Train resumes the same run', () => {
    const { store, calls, emit, runId, ctl } = setup();
    ctl.train();
    emit({ type: 'ready', runId: runId(), backend, trainCount: 1, testCount: 1 });
    const message = 'Training is stuck at step 51: … Lower the learning rate (now 10.0, try 1.00)';
    emit({ type: 'error', runId: runId(), code: 'diverged', message });
    emit({ type: 'state', runId: runId(), running: false, step: 55, epoch: 0 });
    expect(store.getState().status).toBe('paused');
    expect(store.getState().error).toEqual({ code: 'diverged', message });
    store.getState().setHyper({ clipNorm: 1 });
    ctl.train();
    expect(calls.filter((c) => c === 'init')).toHaveLength(1);
    expect(calls).toContain('setHyper {"clipNorm":1}');
    expect(calls.at(-1)).toBe('start');
    expect(store.getState().error).toBeNull();
  });

  it('shows errors and lets Train try again', () => {
    const { store, calls, emit, runId, ctl } = setup();
    ctl.train();
    emit({ type: 'error', runId: runId(), code: 'badGraph', message: 'Dense needs a flat input' });
    expect(store.getState().status).toBe('error');
    expect(store.getState().error?.message).toMatch(/flat/);
    expect(calls).not.toContain('start');
    ctl.train();
    expect(calls.filter((c) => c === 'init')).toHaveLength(2);
  });

  it('a network the worker refused is prepared again once edited, so its message never outlives it', async () => {
    const { store, calls, emit, runId, ctl } = setup();
    ctl.prepare();
    emit({ type: 'error', runId: runId(), code: 'badGraph', message: 'this Input expects 28×28×1' });
    expect(store.getState().error?.message).toMatch(/28×28×1/);
    store.getState().setGraph(smallCnn());
    await settle();
    expect(calls.filter((c) => c === 'init')).toHaveLength(2);
    expect(store.getState()).toMatchObject({ status: 'initializing', error: null });
    expect(calls).not.toContain('start');
  });

  it('steps, then probes what the visible panels need once the step ends', async () => {
    const { store, calls, emit, runId, ctl, probes, bus } = setup([
      { kind: 'deadRelu' },
      { kind: 'activations' },
    ]);
    ctl.prepare();
    emit({ type: 'ready', runId: runId(), backend, trainCount: 1, testCount: 1 });
    await Promise.resolve();
    probes.length = 0;
    ctl.step(10);
    expect(calls.at(-1)).toBe('step 10');
    emit({ type: 'state', runId: runId(), running: true, step: 0, epoch: 0 });
    emit({ type: 'state', runId: runId(), running: false, step: 10, epoch: 0 });
    expect(store.getState().status).toBe('paused');
    expect(probes.map((p) => p.kind)).toEqual(['deadRelu', 'activations']);
    expect(probes[1]).toEqual({ kind: 'activations', sample: { from: 'test', index: 0 } });
    await Promise.resolve();
    expect(bus.latest('deadRelu')).toBeDefined();
  });

  it('sends the hyperparameters changed while the worker initializes once it is ready, before starting', () => {
    const { store, calls, emit, runId, ctl } = setup();
    ctl.train();
    store.getState().setHyper({ epochs: 50 });
    expect(calls).toEqual(['init']);
    emit({ type: 'ready', runId: runId(), backend, trainCount: 1, testCount: 1 });
    expect(calls).toEqual(['init', 'setHyper {"epochs":50}', 'start']);
  });

  it('probes the sample-based panels at once when the sample changes, newest sample winning', async () => {
    const { store, emit, runId, ctl, probes } = setup([
      { kind: 'kernels', gradients: false },
      { kind: 'predict' },
    ]);
    ctl.prepare();
    emit({ type: 'ready', runId: runId(), backend, trainCount: 1, testCount: 10 });
    await settle();
    probes.length = 0;
    store.getState().setSample({ from: 'test', index: 3 });
    store.getState().setSample({ from: 'test', index: 4 });
    store.getState().setSample({ from: 'test', index: 5 });
    expect(probes).toEqual([{ kind: 'predict', sample: { from: 'test', index: 3 } }]);
    await settle();
    expect(probes).toEqual([
      { kind: 'predict', sample: { from: 'test', index: 3 } },
      { kind: 'predict', sample: { from: 'test', index: 5 } },
    ]);
  });

  it('probes a panel that appears while the run is not training', async () => {
    const needs: ProbeNeed[] = [];
    const { emit, runId, ctl, probes, needsChanged } = setup(needs);
    needsChanged(); // before any run: nothing to probe
    expect(probes).toEqual([]);
    ctl.prepare();
    emit({ type: 'ready', runId: runId(), backend, trainCount: 1, testCount: 1 });
    await settle();
    probes.length = 0;
    needs.push({ kind: 'deadRelu' });
    needsChanged();
    expect(probes.map((p) => p.kind)).toEqual(['deadRelu']);
  });

  it('resets the counters and starts a fresh curve', () => {
    const { store, calls, emit, runId, ctl } = setup();
    ctl.train();
    emit({ type: 'ready', runId: runId(), backend, trainCount: 1, testCount: 1 });
    emit({ type: 'state', runId: runId(), running: true, step: 50, epoch: 1 });
    ctl.reset();
    expect(calls.at(-1)).toBe('reset');
    expect(store.getState()).toMatchObject({ step: 0, epoch: 0, status: 'ready' });
    expect(store.getState().runs.at(-1)?.points).toEqual([]);
  });

  it("Reset while training: the old model's last messages do not reach the fresh curve or the counters", () => {
    const { store, emit, runId, ctl } = setup();
    ctl.train();
    emit({ type: 'ready', runId: runId(), backend, trainCount: 1, testCount: 1 });
    emit({ type: 'state', runId: runId(), running: true, step: 50, epoch: 1 });
    ctl.reset();
    // The loop flushes its last points and reports its end before the worker answers the reset.
    const p = {
      step: 52,
      epoch: 1,
      loss: 0.5,
      accuracy: 0.8,
      examplesPerSec: 100,
      epochProgress: 0.1,
      learningRate: 0.001,
    };
    emit({ type: 'metrics', runId: runId(), points: [p] });
    emit({ type: 'state', runId: runId(), running: false, step: 52, epoch: 1 });
    expect(store.getState()).toMatchObject({ step: 0, status: 'ready' });
    expect(store.getState().runs.at(-1)?.points).toEqual([]);
    emit({ type: 'state', runId: runId(), running: false, step: 0, epoch: 0 });
    // From the worker's answer on, the fresh model's messages count again.
    ctl.train();
    emit({ type: 'metrics', runId: runId(), points: [{ ...p, step: 1, epoch: 0 }] });
    expect(store.getState().runs.at(-1)?.points).toHaveLength(1);
    expect(store.getState().step).toBe(1);
  });
});

describe('continuePatch (Train after a run finished)', () => {
  it('a run stopped at its time limit trains as many seconds again', () => {
    const h = { ...DEFAULT_HYPER, epochs: 1000, maxSeconds: 10 };
    const s = { hyper: h, step: 3000, epoch: 50 };
    expect(continuePatch(s, 10.02)).toEqual({ maxSeconds: 21 });
    expect(continueNotice(s, { maxSeconds: 21 })).toMatch(/^Training on to 21 s of training time/);
  });

  const h = { ...DEFAULT_HYPER, epochs: 2 };
  it('adds an epoch when the epochs are done', () => {
    expect(continuePatch({ hyper: h, step: 100, epoch: 2 })).toEqual({ epochs: 3 });
  });
  it('moves a step limit that stopped the run before its epochs up by its own size, and says so', () => {
    const s = { hyper: { ...h, maxSteps: 50 }, step: 50, epoch: 1 };
    expect(continuePatch(s)).toEqual({ maxSteps: 100 });
    expect(continueNotice(s, continuePatch(s))).toMatch(
      /^Training on to step 100 \("Stop at step" moved up by 50\)/,
    );
    expect(continueNotice({ hyper: h, step: 9 }, { epochs: 3 })).toBeNull();
  });
  it('moves the limit and adds an epoch when both were reached', () => {
    expect(continuePatch({ hyper: { ...h, maxSteps: 50 }, step: 50, epoch: 2 })).toEqual({
      maxSteps: 100,
      epochs: 3,
    });
  });
});
