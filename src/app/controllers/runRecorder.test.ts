import { describe, expect, it } from 'vitest';
import type { PersistStorage } from 'zustand/middleware';
import { createAppStore, type Saved } from '../store';
import type { AppState } from '../store/types';
import type { Graph } from '../../engine/graph/types';
import { updateLayer } from '../../engine/graph/edit';
import { presetById } from '../../engine/graph/presets';
import { makeRunRecord, type RunRecord, type RunSnapshot } from '../../engine/runs/record';
import { asNodeId } from '../../engine/graph/types';
import { point } from '../../engine/runs/testPoints';
import type { MetricPoint } from '../../engine/train/metricPoint';
import { asRunId, type RunId } from '../../workers/protocol';
import { memoryRunStore } from '../persistence/runStoreMemory';
import { nextRunName, SAVE_EVERY_MS, startRunRecorder, type RecordSink } from './runRecorder';

const noStorage: PersistStorage<Saved> = {
  getItem: () => null,
  setItem: () => undefined,
  removeItem: () => undefined,
};

/** The memory store, counting the calls the recorder makes; `failPut` makes every put reject with that message. */
function fakeSink(opts: { cap?: number; failPut?: string } = {}) {
  const inner = memoryRunStore<RunRecord>(opts.cap ?? 200);
  const calls = { put: [] as string[], remove: [] as string[] };
  const sink: RecordSink & { readonly inner: typeof inner } = {
    inner,
    persistent: true,
    error: null,
    list: () => inner.list(),
    put(r) {
      calls.put.push(r.id);
      return opts.failPut ? Promise.reject(new Error(opts.failPut)) : inner.put(r);
    },
    remove(id) {
      calls.remove.push(id);
      return inner.remove(id);
    },
  };
  return { sink, calls };
}

const batch = (from: number, n: number, extra: Partial<MetricPoint> = {}): MetricPoint[] =>
  Array.from({ length: n }, (_, i) => point(from + i, { examplesPerSec: 200, ...extra }));

/** A store driven the way trainingController and workerMessages drive it. */
function harness(sinkOpts: Parameters<typeof fakeSink>[0] = {}) {
  const store = createAppStore(noStorage);
  const clock = { t: 1_000 };
  const { sink, calls } = fakeSink(sinkOpts);
  const get = (): AppState => store.getState();
  let step = 0;
  const drive = {
    /** Train pressed: init (new runId, the current graph), ready, running. */
    init(runId: RunId) {
      get().patchRun({ status: 'initializing', runId, runGraph: get().graph, backend: null, step: 0 });
      get().startMetricsRun(runId, `${runId} · adam 0.001`);
      get().patchRun({
        status: 'ready',
        backend: { name: 'wasm', adapter: 'WASM SIMD', reason: 'chosen', measured: [] },
      });
      get().patchRun({ status: 'running' });
      step = 0;
    },
    metrics(runId: RunId, n: number, extra: Partial<MetricPoint> = {}) {
      get().appendMetrics(runId, batch(step + 1, n, extra));
      step += n;
      get().patchRun({ step });
    },
    status(status: AppState['status']) {
      get().patchRun({ status });
    },
    /** Reset: status ready, then a new, empty metrics entry for the same runId. */
    reset(runId: RunId) {
      get().patchRun({ status: 'ready', step: 0 });
      get().startMetricsRun(runId, `${runId} (reset)`);
      step = 0;
    },
    editConv(kernel: number) {
      const conv = get().graph.nodes.find((n) => n.layer.kind === 'conv2d')!.id;
      get().setGraph(updateLayer(get().graph, conv, { kernel: [kernel, kernel] }));
      return conv;
    },
  };
  return { store, get, clock, sink, calls, drive };
}

describe('nextRunName', () => {
  it('is one more than the largest "Run N", ignoring renamed runs', () => {
    expect(nextRunName([])).toBe('Run 1');
    expect(nextRunName([{ name: 'Run 2' }, { name: 'wide kernels' }, { name: 'Run 9' }])).toBe('Run 10');
  });
});

describe('startRunRecorder', () => {
  it('records a run once, saves it when it finishes, and names the change in the next run', async () => {
    const h = harness();
    const rec = startRunRecorder(h.store, h.sink, () => h.clock.t);
    await rec.flush();
    const a = asRunId('a');
    h.drive.init(a);
    expect(h.get().records).toEqual([]);
    h.drive.metrics(a, 10, { valAccuracy: 0.4, valLoss: 1.5 });
    h.drive.metrics(a, 10, { valAccuracy: 0.7, valLoss: 0.9 });
    // Tracked from its first metrics, but not saved until it stops (less than SAVE_EVERY_MS has passed).
    expect(h.get().liveRecordId).not.toBeNull();
    expect(h.get().records).toEqual([]);
    h.clock.t += 2_000;
    h.drive.status('finished');
    await rec.flush();
    expect(h.get().records).toHaveLength(1);
    const first = h.get().records[0]!;
    expect(first).toMatchObject({
      name: 'Run 1',
      steps: 20,
      backend: 'wasm',
      bestValAccuracy: 0.7,
      wallTimeMs: 2_000,
      changes: ['first run'],
    });
    expect(first.graph).toBe(h.get().runGraph);
    expect(await h.sink.inner.list()).toEqual([first]);

    // A new network: a new runId. The first run is saved once more as it gives way; the second is a new record.
    const conv = h.drive.editConv(5);
    const b = asRunId('b');
    h.drive.init(b);
    expect(h.get().liveRecordId).toBeNull();
    h.drive.metrics(b, 5);
    h.drive.status('paused');
    await rec.flush();
    const records = h.get().records;
    expect(records.map((r) => r.name)).toEqual(['Run 1', 'Run 2']);
    expect(records[1]!.changes).toEqual([`${conv} kernel 3 → 5`]);
    expect(records[1]!.params - records[0]!.params).toBe(5 * 5 * 8 - 3 * 3 * 8);
    expect(h.get().liveRecordId).toBe(records[1]!.id);
    expect((await h.sink.inner.list()).map((r) => r.id)).toEqual(records.map((r) => r.id));
    rec.stop();
  });

  it('makes Reset (a new empty entry for the same runId) start a new record, saving the old one', async () => {
    const h = harness();
    const rec = startRunRecorder(h.store, h.sink, () => h.clock.t);
    const a = asRunId('a');
    h.drive.init(a);
    h.drive.metrics(a, 8);
    h.drive.status('paused');
    await rec.flush();
    expect(h.calls.put).toHaveLength(1);
    h.drive.metrics(a, 4); // resumed: the same run, the same record
    h.drive.reset(a);
    await rec.flush();
    expect(h.get().records).toHaveLength(1);
    expect(h.get().records[0]!.steps).toBe(12);
    h.drive.status('running');
    h.drive.metrics(a, 3);
    h.drive.status('finished');
    await rec.flush();
    const records = h.get().records;
    expect(records.map((r) => [r.name, r.steps])).toEqual([
      ['Run 1', 12],
      ['Run 2', 3],
    ]);
    expect(records[1]!.changes).toEqual(['no change']);
    expect(new Set(records.map((r) => r.id)).size).toBe(2);
    expect(await h.sink.inner.count()).toBe(2);
  });

  it('saves every SAVE_EVERY_MS while training, and survives many batches without re-entering itself', async () => {
    const h = harness();
    let updates = 0;
    h.store.subscribe(() => updates++);
    const rec = startRunRecorder(h.store, h.sink, () => h.clock.t);
    const a = asRunId('a');
    h.drive.init(a);
    for (let i = 0; i < 400; i++) {
      h.drive.metrics(a, 5);
      h.clock.t += 100;
    }
    await rec.flush();
    // 400 batches over 40 s: a save each 5 s (each put is the same record), never one per batch.
    const expected = Math.floor(40_000 / SAVE_EVERY_MS);
    expect(h.calls.put.length).toBeGreaterThanOrEqual(expected - 1);
    expect(h.calls.put.length).toBeLessThanOrEqual(expected + 1);
    expect(new Set(h.calls.put).size).toBe(1);
    expect(h.get().records).toHaveLength(1);
    expect(h.get().records[0]!.steps).toBeGreaterThan(1_900);
    // Two store updates per batch, plus one per save: no cascade of updates.
    expect(updates).toBeLessThan(2 * 400 + 4 + 3 * (expected + 1) + 10);
    rec.stop();
  });

  it('lists the saved records at start, and numbers and compares the next run after them', async () => {
    const h = harness();
    const graph: Graph = h.get().graph;
    const old = makeRunRecord({
      id: 'run-1-0',
      name: 'Run 4',
      createdAt: 1,
      graph,
      dataset: h.get().dataset,
      hyper: h.get().hyper,
      seed: h.get().seed,
      backend: 'webgl',
      points: batch(1, 3),
      wallTimeMs: 10,
      changes: ['first run'],
    });
    await h.sink.inner.put(old);
    const rec = startRunRecorder(h.store, h.sink, () => h.clock.t);
    expect(h.get().labStorage).toEqual({ persistent: true, message: null });
    await rec.flush();
    expect(h.get().records).toEqual([{ ...old, snapshot: null }]);
    h.get().setHyper({ learningRate: 0.01 });
    const a = asRunId('a');
    h.drive.init(a);
    h.drive.metrics(a, 2);
    h.drive.status('finished');
    await rec.flush();
    expect(h.get().records.map((r) => r.name)).toEqual(['Run 4', 'Run 5']);
    expect(h.get().records[1]!.changes).toEqual([`learning rate ${old.hyper.learningRate} → 0.01`]);
  });

  it('sends renames, pins and deletes made in the store to the sink', async () => {
    const h = harness();
    const rec = startRunRecorder(h.store, h.sink, () => h.clock.t);
    const a = asRunId('a');
    h.drive.init(a);
    h.drive.metrics(a, 4);
    h.drive.status('paused');
    await rec.flush();
    const id = h.get().records[0]!.id;
    h.get().renameRecord(id, 'baseline');
    await rec.flush();
    expect((await h.sink.inner.list()).map((r) => r.name)).toEqual(['baseline']);
    // A later save of the same run keeps the user's name.
    h.drive.status('running');
    h.drive.metrics(a, 2);
    h.drive.status('paused');
    await rec.flush();
    expect((await h.sink.inner.list()).map((r) => [r.name, r.steps])).toEqual([['baseline', 6]]);
    // A pin reaches the sink too (the cap never drops a pinned run).
    h.get().setRecordPinned(id, true);
    await rec.flush();
    expect((await h.sink.inner.list()).map((r) => r.pinned)).toEqual([true]);
    h.get().removeRecord(id);
    await rec.flush();
    expect(h.calls.remove).toEqual([id]);
    expect(await h.sink.inner.count()).toBe(0);
  });

  it('says the runs are kept only until reload when a put rejects', async () => {
    const h = harness({ failPut: "The browser's storage is full: quota exceeded." });
    const rec = startRunRecorder(h.store, h.sink, () => h.clock.t);
    const a = asRunId('a');
    h.drive.init(a);
    h.drive.metrics(a, 4);
    h.drive.status('finished');
    await rec.flush();
    expect(h.get().records).toHaveLength(1); // still in the store, for this session
    expect(h.get().labStorage).toEqual({
      persistent: false,
      message: "The browser's storage is full: quota exceeded.",
    });
  });

  it('takes over a sink that is not persistent, with its reason', async () => {
    const h = harness();
    const sink = memoryRunStore<RunRecord>(10, 'site data is blocked');
    const rec = startRunRecorder(h.store, sink, () => h.clock.t);
    await rec.flush();
    expect(h.get().labStorage).toEqual({ persistent: false, message: 'site data is blocked' });
  });

  it('removes the records the cap dropped from the store, with a banner', async () => {
    const h = harness({ cap: 1 });
    const rec = startRunRecorder(h.store, h.sink, () => h.clock.t);
    const a = asRunId('a');
    h.drive.init(a);
    h.drive.metrics(a, 3);
    h.drive.status('finished');
    await rec.flush();
    const firstId = h.get().records[0]!.id;
    expect(h.get().banner).toBeNull();
    h.get().setRunSelected(firstId, true);
    h.clock.t += 1_000;
    const b = asRunId('b');
    h.drive.init(b);
    h.drive.metrics(b, 3);
    h.drive.status('finished');
    await rec.flush();
    expect(h.get().records.map((r) => r.name)).toEqual(['Run 2']);
    expect(h.get().selectedRunIds).toEqual([]);
    expect(h.get().banner).toMatchObject({
      kind: 'info',
      message: expect.stringMatching(/oldest run was removed/),
    });
    expect((await h.sink.inner.list()).map((r) => r.name)).toEqual(['Run 2']);
  });

  it('records GAN runs with both networks and the GAN settings, and names what changed between two', async () => {
    const h = harness();
    const pair = presetById('dcgan')!.gan!;
    h.get().setGanGraphs({ generator: pair.generator, discriminator: pair.discriminator });
    const rec = startRunRecorder(h.store, h.sink, () => h.clock.t);
    const a = asRunId('a');
    h.drive.init(a);
    h.drive.metrics(a, 5, { accuracy: NaN, gan: { dLoss: 1.3, gLoss: 0.8, dReal: 0.6, dFake: 0.4 } });
    expect(h.get().liveRecordId).not.toBeNull();
    h.drive.status('finished');
    await rec.flush();
    expect(h.get().records).toHaveLength(1);
    const first = h.get().records[0]!;
    expect(first.gan).toEqual({ generator: pair.generator, discriminator: pair.discriminator });
    expect(first.ganHyper).toEqual(h.get().ganHyper);
    const alone = (g: Graph) =>
      makeRunRecord({ ...first, graph: g, gan: null, points: [], changes: [], wallTimeMs: 0 });
    expect(first.params).toBe(alone(pair.generator).params + alone(pair.discriminator).params);
    expect(first.curves.gan?.dLoss).toEqual([1.3, 1.3, 1.3, 1.3, 1.3]);
    expect(first.bestValAccuracy).toBeNull();
    expect(first.changes).toEqual(['first run']);
    expect(await h.sink.inner.list()).toEqual([first]);

    // Another GAN run with a lower D learning rate: a new record that says so.
    h.get().setGanHyper({ lrD: 0.0001 });
    h.get().setGanGraphs({ ...h.get().ganGraphs! }); // a new pair object: the controller would re-init
    const b = asRunId('b');
    h.drive.init(b);
    h.drive.metrics(b, 3, { accuracy: NaN, gan: { dLoss: 1, gLoss: 1, dReal: 0.5, dFake: 0.5 } });
    h.drive.status('paused');
    await rec.flush();
    expect(h.get().records.map((r) => r.name)).toEqual(['Run 1', 'Run 2']);
    expect(h.get().records[1]!.changes).toEqual(['D learning rate 0.001 → 0.0001']);
    expect(h.get().records[1]!.ganHyper?.lrD).toBe(0.0001);
    rec.stop();
  });

  it('stops listening on stop()', async () => {
    const h = harness();
    const rec = startRunRecorder(h.store, h.sink, () => h.clock.t);
    rec.stop();
    const a = asRunId('a');
    h.drive.init(a);
    h.drive.metrics(a, 5);
    h.drive.status('finished');
    await rec.flush();
    expect(h.get().records).toEqual([]);
  });
});

describe('run pictures (snapshots)', () => {
  const shot = (step: number, v = 1): RunSnapshot => ({
    step,
    sampleIndex: 0,
    kernels: {
      node: asNodeId('conv2d_1'),
      kh: 1,
      kw: 1,
      inChannels: 1,
      filters: 1,
      values: Float32Array.from([v]),
    },
    input: {
      node: asNodeId('input'),
      h: 1,
      w: 1,
      count: 1,
      data: Uint8Array.from([v]),
      min: Float32Array.from([0]),
      max: Float32Array.from([1]),
    },
    layers: [],
  });
  /** A snapshot source whose answers the test hands out. */
  function source() {
    const waiting: ((s: RunSnapshot | null) => void)[] = [];
    const fn = () => new Promise<RunSnapshot | null>((res) => waiting.push(res));
    return { fn, waiting };
  }
  const settle = () => new Promise((r) => setTimeout(r, 0));

  it('asks for a picture when the run pauses or finishes, keeps it in the record and the database', async () => {
    const h = harness();
    const src = source();
    const rec = startRunRecorder(h.store, h.sink, () => h.clock.t, src.fn);
    const a = asRunId('a');
    h.drive.init(a);
    h.drive.metrics(a, 10);
    expect(src.waiting).toHaveLength(0);
    h.drive.status('paused');
    await rec.flush();
    expect(src.waiting).toHaveLength(1);
    expect(h.get().records[0]!.snapshot).toBeUndefined();
    src.waiting[0]!(shot(10, 7));
    await settle();
    await rec.flush();
    expect(h.get().records[0]!.snapshot?.kernels?.values[0]).toBe(7);
    expect((await h.sink.inner.list())[0]!.snapshot?.kernels?.values[0]).toBe(7);
    // Training again: the periodic saves keep the last picture until the next stop brings a new one.
    h.drive.status('running');
    h.clock.t += SAVE_EVERY_MS + 1;
    h.drive.metrics(a, 5);
    await rec.flush();
    expect(h.get().records[0]!.steps).toBe(15);
    expect(h.get().records[0]!.snapshot?.kernels?.values[0]).toBe(7);
    h.drive.status('finished');
    await rec.flush();
    src.waiting[1]!(shot(15, 9));
    await settle();
    await rec.flush();
    expect(h.get().records[0]!.snapshot?.kernels?.values[0]).toBe(9);
    rec.stop();
  });

  it("keeps a GAN run's picture: its fixed-noise samples", async () => {
    const h = harness();
    const pair = presetById('dcgan')!.gan!;
    h.get().setGanGraphs({ generator: pair.generator, discriminator: pair.discriminator });
    const src = source();
    const rec = startRunRecorder(h.store, h.sink, () => h.clock.t, src.fn);
    const a = asRunId('a');
    h.drive.init(a);
    h.drive.metrics(a, 4, { gan: { dLoss: 1, gLoss: 1, dReal: 0.5, dFake: 0.5 } });
    h.drive.status('paused');
    await rec.flush();
    expect(src.waiting).toHaveLength(1);
    const samples = { count: 1, h: 2, w: 2, pixels: Uint8Array.from([1, 2, 3, 4]) };
    src.waiting[0]!({ step: 4, sampleIndex: 0, kernels: null, layers: [], samples });
    await settle();
    await rec.flush();
    expect(h.get().records[0]!.snapshot?.samples).toEqual(samples);
    expect((await h.sink.inner.list())[0]!.snapshot?.samples?.pixels).toEqual(samples.pixels);
    rec.stop();
  });

  it('refuses a picture of a reset model (an earlier step) and marks the record as having none', async () => {
    const h = harness();
    const src = source();
    const rec = startRunRecorder(h.store, h.sink, () => h.clock.t, src.fn);
    const a = asRunId('a');
    h.drive.init(a);
    h.drive.metrics(a, 10);
    h.drive.status('finished');
    h.drive.reset(a);
    src.waiting[0]!(shot(0));
    await settle();
    await rec.flush();
    expect(h.get().records[0]!.snapshot).toBeNull();
    rec.stop();
  });

  it('a failed request, an error stop and Reset give no picture; records from an earlier visit have none', async () => {
    const h = harness();
    const old = makeRunRecord({
      id: 'old',
      name: 'Run 1',
      createdAt: 1,
      graph: h.get().graph,
      dataset: 'mnist',
      hyper: h.get().hyper,
      seed: 1,
      backend: 'wasm',
      points: batch(1, 3),
      wallTimeMs: 10,
      changes: [],
    });
    await h.sink.inner.put(old);
    let asked = 0;
    const rec = startRunRecorder(
      h.store,
      h.sink,
      () => h.clock.t,
      () => {
        asked++;
        return Promise.reject(new Error('A new run started.'));
      },
    );
    await rec.flush();
    expect(h.get().records[0]!.snapshot).toBeNull();
    const a = asRunId('a');
    h.drive.init(a);
    h.drive.metrics(a, 4);
    h.drive.status('error');
    h.drive.status('running');
    h.drive.status('ready');
    expect(asked).toBe(0);
    h.drive.status('running');
    h.drive.status('paused');
    await settle();
    await rec.flush();
    expect(asked).toBe(1);
    expect(h.get().records[1]!.snapshot).toBeNull();
    rec.stop();
  });
});

describe('runs that end while paused', () => {
  it('Step up to the step limit from a pause: the run is saved at its end and pictured', async () => {
    const h = harness();
    let asked = 0;
    const rec = startRunRecorder(
      h.store,
      h.sink,
      () => h.clock.t,
      () => {
        asked++;
        return Promise.resolve(null);
      },
    );
    const a = asRunId('a');
    h.drive.init(a);
    h.drive.metrics(a, 95, { valAccuracy: 0.5 });
    h.drive.status('paused');
    await rec.flush();
    expect(h.get().records[0]!.steps).toBe(95);
    expect(asked).toBe(1);
    // Step ×10 while paused: the points come in, then the run finishes at its limit.
    h.drive.metrics(a, 5, { valAccuracy: 0.9, valFull: true });
    await rec.flush();
    expect(h.get().records[0]!.steps).toBe(100);
    h.drive.status('finished');
    await rec.flush();
    expect(h.get().records[0]!.bestValAccuracy).toBe(0.9);
    expect((await h.sink.inner.list())[0]!.steps).toBe(100);
    expect(asked).toBe(2);
    rec.stop();
  });
});

describe('a run’s time', () => {
  it('counts the time spent training, not the pauses', async () => {
    const h = harness();
    const rec = startRunRecorder(h.store, h.sink, () => h.clock.t);
    const a = asRunId('a');
    h.drive.init(a);
    h.drive.metrics(a, 5);
    h.clock.t += 1_000;
    h.drive.status('paused');
    h.clock.t += 60_000; // a coffee break
    h.drive.status('running');
    h.clock.t += 2_000;
    h.drive.metrics(a, 5);
    h.drive.status('finished');
    await rec.flush();
    expect(h.get().records[0]!.wallTimeMs).toBe(3_000);
    rec.stop();
  });
});

describe('deleting the current run’s record', () => {
  it('is final: the record is not written again when the run stops or gives way', async () => {
    const h = harness();
    const rec = startRunRecorder(h.store, h.sink, () => h.clock.t);
    const a = asRunId('a');
    h.drive.init(a);
    h.drive.metrics(a, 10);
    h.drive.status('finished');
    await rec.flush();
    const id = h.get().records[0]!.id;
    h.get().removeRecord(id);
    await rec.flush();
    expect(h.get().records).toEqual([]);
    // The next run replaces it: the deleted one must not come back (in the store or the database).
    h.drive.editConv(5);
    const b = asRunId('b');
    h.drive.init(b);
    h.drive.metrics(b, 5);
    h.drive.status('finished');
    await rec.flush();
    expect(h.get().records.map((r) => r.name)).toEqual(['Run 1']);
    expect((await h.sink.inner.list()).map((r) => r.id)).not.toContain(id);
    rec.stop();
  });
});

describe('Train after a run finished', () => {
  it('keeps the finished run’s record as it ended and records the continued training as a new run', async () => {
    const h = harness();
    const rec = startRunRecorder(h.store, h.sink, () => h.clock.t);
    const a = asRunId('a');
    h.drive.init(a);
    h.drive.metrics(a, 20, { valAccuracy: 0.3, valFull: true });
    h.drive.status('finished');
    await rec.flush();
    // Train: the step limit moves up (continuePatch), the same run goes on.
    h.get().setHyper({ maxSteps: 40 });
    h.drive.status('running');
    h.drive.metrics(a, 20, { valAccuracy: 0.8, valFull: true });
    h.drive.status('finished');
    await rec.flush();
    const records = h.get().records;
    expect(records.map((r) => [r.name, r.steps, r.bestValAccuracy])).toEqual([
      ['Run 1', 20, 0.3],
      ['Run 2', 40, 0.8],
    ]);
    expect(records[1]!.changes).toEqual(['budget 1 epoch → 40 steps']);
    expect(await h.sink.inner.count()).toBe(2);
    rec.stop();
  });
});

describe('a run that never trained a step', () => {
  it('is not recorded: the old model’s last metrics arriving after Reset make no "Run 2"', async () => {
    const h = harness();
    const rec = startRunRecorder(h.store, h.sink, () => h.clock.t);
    const a = asRunId('a');
    h.drive.init(a);
    h.drive.metrics(a, 30);
    h.drive.reset(a);
    // The worker's loop flushes its last points and reports its end before it answers the reset (step 0, ready).
    h.drive.metrics(a, 2);
    h.drive.status('paused');
    h.get().patchRun({ status: 'ready', step: 0 });
    await rec.flush();
    expect(h.get().records.map((r) => [r.name, r.steps])).toEqual([['Run 1', 30]]);
    expect(h.get().liveRecordId).toBeNull();
    expect(await h.sink.inner.count()).toBe(1);
    rec.stop();
  });

  it('every run that trained is kept: Train and an immediate Pause, Step, and Train after Reset', async () => {
    const h = harness();
    const rec = startRunRecorder(h.store, h.sink, () => h.clock.t);
    const a = asRunId('a');
    h.drive.init(a);
    h.drive.status('paused'); // paused before the first chunk's points came
    h.drive.metrics(a, 3);
    await rec.flush();
    h.drive.reset(a);
    // Step from a fresh model: the worker says it runs, then the points, then the loop's end.
    h.drive.status('running');
    h.drive.metrics(a, 10);
    h.drive.status('paused');
    h.drive.reset(a);
    h.drive.status('running');
    h.drive.metrics(a, 7);
    h.drive.status('finished');
    await rec.flush();
    expect(h.get().records.map((r) => [r.name, r.steps])).toEqual([
      ['Run 1', 3],
      ['Run 2', 10],
      ['Run 3', 7],
    ]);
    expect(await h.sink.inner.count()).toBe(3);
    rec.stop();
  });

  it('counts a run’s RBM pretraining (before it was ready) in its time, and says how much of it', async () => {
    const h = harness();
    const rec = startRunRecorder(h.store, h.sink, () => h.clock.t);
    await rec.flush();
    const a = asRunId('a');
    h.drive.init(a);
    h.get().patchRun({ pretrainSeconds: 4.5 });
    h.drive.metrics(a, 10, { valAccuracy: 0.5, valLoss: 1 });
    h.clock.t += 2_000;
    h.drive.status('finished');
    await rec.flush();
    expect(h.get().records[0]).toMatchObject({ wallTimeMs: 6_500, pretrainMs: 4_500 });
    // Train after it finished goes on from the same weights: the next record does not count the pretraining again.
    h.drive.status('running');
    h.drive.metrics(a, 5);
    h.clock.t += 1_000;
    h.drive.status('finished');
    await rec.flush();
    expect(h.get().records[1]).toMatchObject({ wallTimeMs: 1_000 });
    expect(h.get().records[1]!.pretrainMs).toBeUndefined();
    // A run without pretraining has no pretrainMs.
    h.drive.editConv(5);
    const b = asRunId('b');
    h.drive.init(b);
    h.get().patchRun({ pretrainSeconds: null });
    h.drive.metrics(b, 5);
    h.clock.t += 1_000;
    h.drive.status('finished');
    await rec.flush();
    expect(h.get().records[2]!.wallTimeMs).toBe(1_000);
    expect(h.get().records[2]!.pretrainMs).toBeUndefined();
    rec.stop();
  });
});
