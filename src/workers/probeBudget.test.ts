import { describe, expect, it } from 'vitest';
import { makeProceduralDataset } from '../engine/data/procedural';
import { DEFAULT_GAN_HYPER } from '../engine/gan/ganHyper';
import { presetById } from '../engine/graph/presets';
import type { BatchStats, Trainer, TrainerExtras } from '../engine/train/trainer';
import { asRunId } from './protocol';
import type { ProbeRequest, ProbeResult } from '../engine/train/probes/types';
import {
  estimateCost,
  fitsBudget,
  nextProbe,
  PRIORITY_SHARE,
  recordProbe,
  spentInWindow,
} from './probeBudget';
import { ensureLoop, whenIdle } from './runLoop';
import { testDeps, tinyCnn, HYPER } from './testing';
import { DEFAULT_TUNING, newRun } from './workerState';
import type { ProbeEntry, Run, WorkerDeps } from './workerState';

type Kind = ProbeRequest['kind'];

const dataset = makeProceduralDataset({ seed: 1, train: 64, test: 16 });
const dcgan = presetById('dcgan')?.gan;
if (!dcgan) throw new Error('no dcgan preset');
const GAN: TrainerExtras = { gan: { ...dcgan, hyper: DEFAULT_GAN_HYPER } };

function result(r: ProbeRequest, step: number): ProbeResult {
  const stack = {
    node: 'n' as never,
    h: 1,
    w: 1,
    count: 1,
    data: new Uint8Array(1),
    min: new Float32Array(1),
    max: new Float32Array(1),
  };
  switch (r.kind) {
    case 'ganSamples':
      return {
        kind: 'ganSamples',
        step,
        count: 1,
        h: 1,
        w: 1,
        channels: 1,
        pixels: new Uint8Array(1),
        interpolation: null,
        interpolationSteps: 0,
        diversity: 1,
      };
    case 'kernels':
      return { kind: 'kernels', gradients: r.gradients, step, layers: [] };
    case 'activations':
      return { kind: 'activations', step, input: stack, layers: [] };
    default:
      return { kind: 'deadRelu', step, layers: [] };
  }
}

/**
 * A trainer on a fake clock: each batch (a GAN iteration) takes `batchMs`, each probe `probeMs[kind]`; it records
 * the step at which each probe ran. `afterChunk` runs after every chunk (the panels' polling).
 */
function fakeTrainer(
  clock: { t: number },
  batchMs: number,
  probeMs: Partial<Record<Kind, number>>,
  served: { kind: Kind; step: number; at: number }[],
  afterChunk: () => void,
): Trainer {
  let step = 0;
  return {
    get step() {
      return step;
    },
    epoch: 0,
    epochProgress: 0,
    hyper: { ...HYPER, epochs: 1000 },
    setHyper: () => undefined,
    setFrozen: () => undefined,
    trainBatches: async (n): Promise<BatchStats> => {
      clock.t += n * batchMs;
      step += n;
      afterChunk();
      const f = () => new Float32Array(n).fill(0.5);
      return { losses: f(), accuracies: f(), gan: { dLoss: f(), gLoss: f(), dReal: f(), dFake: f() } };
    },
    evaluate: async () => ({ loss: NaN, accuracy: NaN }),
    probe: async (r) => {
      clock.t += probeMs[r.kind] ?? 10;
      served.push({ kind: r.kind, step, at: clock.t });
      return result(r, step);
    },
    checkpoint: async () => ({ step, weights: [] }),
    restore: () => undefined,
    exportModel: async () => ({ modelJson: '{}', weights: new ArrayBuffer(0) }),
    dispose: () => undefined,
  };
}

function makeRun(trainer: Trainer, extras: TrainerExtras, now = 0): Run {
  return newRun({
    runId: asRunId('budget'),
    graph: extras.gan?.generator ?? tinyCnn(),
    datasetId: 'procedural',
    extras,
    dataset,
    seed: 1,
    trainer,
    deviceLimits: {},
    backend: { name: 'cpu', adapter: 'test', reason: 'test', measured: [] },
    now,
  });
}

/** The most time entries accepted by `include` took in any window of `windowMs` (windows ending where one ends). */
function worstWindow(
  log: readonly ProbeEntry[],
  windowMs: number,
  include: (e: ProbeEntry) => boolean,
): number {
  let worst = 0;
  for (const e of log)
    worst = Math.max(
      worst,
      spentInWindow(
        log.filter((x) => x.end <= e.end),
        e.end,
        windowMs,
        include,
      ),
    );
  return worst;
}

describe('probe budget', () => {
  it('prices a GAN iteration as several network steps', () => {
    const gan = makeRun(
      fakeTrainer({ t: 0 }, 0, {}, [], () => undefined),
      GAN,
    );
    const net = makeRun(
      fakeTrainer({ t: 0 }, 0, {}, [], () => undefined),
      {},
    );
    gan.msPerBatch = net.msPerBatch = 400;
    // kD = kG = 1: an iteration is about 4 network steps of 100 ms; kernels cost half a step, with the safety factor 2.
    expect(estimateCost(gan, { kind: 'kernels', gradients: false })).toBe(100);
    expect(estimateCost(net, { kind: 'kernels', gradients: false })).toBe(400);
  });

  it("an autoencoder's reconstructions go first too: its first probe is a warm-up, then its own lane", () => {
    const run = makeRun(
      fakeTrainer({ t: 0 }, 0, {}, [], () => undefined),
      {},
    );
    run.msPerBatch = 300;
    const recon: ProbeRequest = { kind: 'reconstruct', count: 8 };
    const kernels: ProbeRequest = { kind: 'kernels', gradients: false };
    run.pendingProbes.set('kernels', kernels);
    run.pendingProbes.set('reconstruct', recon);
    expect(nextProbe(run, 300, DEFAULT_TUNING)).toBe(recon);
    run.pendingProbes.delete('reconstruct');
    recordProbe(run, 'reconstruct', recon, 40, 340, true);
    // A classifier-style run has no warm-up for the ordinary kinds: kernels wait for the general budget.
    expect(nextProbe(run, 350, DEFAULT_TUNING)).toBeNull();
    expect(fitsBudget(run, 60, 2400, DEFAULT_TUNING, 'reconstruct')).toBe(true);
  });

  it('serves the first ganSamples at once as a warm-up, then keeps it in a lane of its own', () => {
    const run = makeRun(
      fakeTrainer({ t: 0 }, 0, {}, [], () => undefined),
      GAN,
    );
    run.msPerBatch = 300;
    const samples: ProbeRequest = { kind: 'ganSamples' };
    const kernels: ProbeRequest = { kind: 'kernels', gradients: false };
    run.pendingProbes.set('kernels', kernels);
    run.pendingProbes.set('ganSamples', samples);
    // 300 ms into the loop nothing has earned enough for an unmeasured probe, but the grid's first one goes first.
    expect(nextProbe(run, 300, DEFAULT_TUNING)).toBe(samples);
    run.pendingProbes.delete('ganSamples');
    recordProbe(run, 'ganSamples', samples, 1500, 1800, true); // slow: shader compilation, first allocations
    expect(run.probeLog.at(-1)).toMatchObject({ kind: 'ganSamples', warmup: true });
    // The warm-up's cost, which may include one-off setup, only caps the estimate (2 · 300 / 4 · 0.5 = 75 ms).
    expect(run.probeCost.has('ganSamples')).toBe(false);
    expect(estimateCost(run, samples)).toBe(75);
    // The warm-up counts against neither lane.
    expect(fitsBudget(run, 30, 2100, DEFAULT_TUNING, 'ganSamples')).toBe(true);
    expect(fitsBudget(run, 50, 2100, DEFAULT_TUNING)).toBe(true);
    recordProbe(run, 'ganSamples', samples, 100, 2200, true);
    expect(run.probeCost.get('ganSamples')?.ms).toBe(100);
    // The lane has 10% of the wall time: with 100 ms spent in the last 2 s, another 100 ms fits, a third does not.
    const share = PRIORITY_SHARE.ganSamples ?? 0;
    expect(share).toBeGreaterThan(DEFAULT_TUNING.probeBudget);
    expect(fitsBudget(run, 100, 2300, DEFAULT_TUNING, 'ganSamples')).toBe(true);
    recordProbe(run, 'ganSamples', samples, 100, 2400, true);
    expect(fitsBudget(run, 100, 2500, DEFAULT_TUNING, 'ganSamples')).toBe(false);
    // The grid's probes do not eat the general 3% budget (60 ms per 2 s window)...
    expect(fitsBudget(run, 60, 2500, DEFAULT_TUNING)).toBe(true);
    // ...nor the other kinds the grid's lane (the first kernels probe of a GAN run is a warm-up too).
    recordProbe(run, 'kernels', kernels, 500, 2510, true);
    expect(run.probeLog.at(-1)).toMatchObject({ kind: 'kernels', warmup: true });
    recordProbe(run, 'kernels', kernels, 60, 2560, true);
    expect(fitsBudget(run, 61, 2600, DEFAULT_TUNING)).toBe(false);
    expect(fitsBudget(run, 100, 4300, DEFAULT_TUNING, 'ganSamples')).toBe(true);
  });

  it('serves the first GAN samples right after the first chunk, then regularly, and the other panels soon, within budget', async () => {
    const clock = { t: 0 };
    const served: { kind: Kind; step: number; at: number }[] = [];
    const requests: ProbeRequest[] = [
      { kind: 'kernels', gradients: false },
      { kind: 'activations', sample: { from: 'test', index: 0 } },
      { kind: 'ganSamples', interpolate: { a: 0, b: 63, steps: 16 } },
    ];
    const ask = (r: Run): void => {
      for (const q of requests) r.pendingProbes.set(q.kind, q);
    };
    let run: Run | null = null;
    // A GAN iteration of 250 ms (a 2-core machine without a GPU); the grid costs 80 ms, kernels 15, maps 30.
    const trainer = fakeTrainer(clock, 250, { ganSamples: 80, kernels: 15, activations: 30 }, served, () => {
      if (run) ask(run);
    });
    run = makeRun(trainer, GAN);
    const base = testDeps();
    const deps: WorkerDeps = { ...base, now: () => clock.t, yieldToEventLoop: () => Promise.resolve() };
    ask(run); // the panels asked while the run was being prepared
    run.stepsRemaining = 80; // 20 s of training
    ensureLoop(run, () => undefined, deps);
    await whenIdle(run);

    const grids = served.filter((s) => s.kind === 'ganSamples');
    expect(grids[0]?.step).toBe(1);
    // Then regularly: never more than 2 s of training between two grids, and most polls answered.
    expect(grids.length).toBeGreaterThanOrEqual(12);
    const gaps = grids.slice(1).map((g, i) => g.at - (grids[i]?.at ?? 0));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(2000);
    // Kernels and maps are not starved: their warm-ups come in the next gaps (one probe per gap, the grid's lane
    // first), then they are served within the general budget.
    expect(served[1]).toMatchObject({ kind: 'kernels', step: 2 });
    expect(served.find((s) => s.kind === 'activations')?.step).toBeLessThanOrEqual(5);
    for (const kind of ['kernels', 'activations'] as const)
      expect(served.filter((s) => s.kind === kind).length).toBeGreaterThan(4);
    // Budgets: one warm-up per kind; beyond them the grid's lane at most its share of any 2 s window, the others at
    // most the general 3%.
    expect(run.probeLog.filter((e) => e.warmup === true).map((e) => e.kind)).toEqual([
      'ganSamples',
      'kernels',
      'activations',
    ]);
    const windowMs = DEFAULT_TUNING.probeWindowMs;
    const isGrid = (e: ProbeEntry) => e.kind === 'ganSamples' && e.warmup !== true;
    expect(worstWindow(run.probeLog, windowMs, isGrid)).toBeLessThanOrEqual(
      (PRIORITY_SHARE.ganSamples ?? 0) * windowMs,
    );
    expect(
      worstWindow(run.probeLog, windowMs, (e) => e.kind !== 'ganSamples' && e.warmup !== true),
    ).toBeLessThanOrEqual(DEFAULT_TUNING.probeBudget * windowMs);
  });

  it('warms up every kind once on a GAN run; later probes of the kind use the measured cost', () => {
    const run = makeRun(
      fakeTrainer({ t: 0 }, 0, {}, [], () => undefined),
      GAN,
      1500,
    );
    run.msPerBatch = 500; // maps estimated at 2 · 500 / 4 = 250 ms: 8 s of training at 3%
    const maps: ProbeRequest = { kind: 'activations', sample: { from: 'test', index: 0 } };
    run.pendingProbes.set('activations', maps);
    expect(nextProbe(run, 2000, DEFAULT_TUNING)).toBe(maps);
    recordProbe(run, 'activations', maps, 20, 2020, true);
    expect(run.probeLog.at(-1)).toMatchObject({ kind: 'activations', warmup: true });
    expect(estimateCost(run, maps)).toBe(20);
    expect(nextProbe(run, 2100, DEFAULT_TUNING)).toBeNull(); // 20 ms needs 667 ms of training at 3%
    expect(nextProbe(run, 2200, DEFAULT_TUNING)).toBe(maps);
    recordProbe(run, 'activations', maps, 30, 2230, true);
    expect(run.probeLog.at(-1)?.warmup).toBeUndefined();
    expect(estimateCost(run, maps)).toBe(30);
  });

  it('gives a classifier run no warm-up: its first unmeasured probe waits for the budget', () => {
    const run = makeRun(
      fakeTrainer({ t: 0 }, 0, {}, [], () => undefined),
      {},
    );
    run.msPerBatch = 300;
    run.pendingProbes.set('deadRelu', { kind: 'deadRelu' });
    expect(nextProbe(run, 300, DEFAULT_TUNING)).toBeNull();
    // 2·300 ms estimated: fits once the loop has earned 600 ms at 3%, i.e. after 20 s.
    expect(nextProbe(run, 20_000, DEFAULT_TUNING)).toEqual({ kind: 'deadRelu' });
  });

  it('prices a feature visualization chunk by its iterations: a paused 16-iteration chunk does not price a training 4', () => {
    const run = makeRun(
      fakeTrainer({ t: 0 }, 0, {}, [], () => undefined),
      {},
    );
    run.msPerBatch = 300;
    const chunk = (iterations: number): ProbeRequest => ({
      kind: 'featureVis',
      job: 1,
      target: { mode: 'classes', units: [0, 1] },
      param: 'pixels',
      regularisers: { jitter: true, blur: true, decay: true },
      state: null,
      done: 16,
      iterations,
    });
    recordProbe(run, 'featureVis', chunk(16), 320, 100, false); // while paused
    expect(estimateCost(run, chunk(4))).toBe(80);
    expect(estimateCost(run, chunk(16))).toBe(320);
    run.pendingProbes.set('featureVis', chunk(4));
    // 80 ms fits once the loop has earned it at 3%: after 2.67 s of training, not the 10.7 s 320 ms would need.
    expect(nextProbe(run, 2700, DEFAULT_TUNING)).toMatchObject({ kind: 'featureVis', iterations: 4 });
  });

  it("serves a request the user's action caused at the next gap, before older polls; it counts against the budget", () => {
    const run = makeRun(
      fakeTrainer({ t: 0 }, 0, {}, [], () => undefined),
      {},
    );
    run.msPerBatch = 300;
    const poll: ProbeRequest = { kind: 'deadRelu' };
    const asked: ProbeRequest = {
      kind: 'saliency',
      sample: { from: 'test', index: 0 },
      method: 'gradient',
      classIndex: null,
      layer: null,
    };
    run.pendingProbes.set('deadRelu', poll);
    run.pendingProbes.set('saliency', asked);
    // Without the user's mark neither fits at 300 ms (see above); the older poll would go first once one did.
    expect(nextProbe(run, 300, DEFAULT_TUNING)).toBeNull();
    run.userAsked.add(asked);
    expect(nextProbe(run, 300, DEFAULT_TUNING)).toBe(asked);
    run.pendingProbes.delete('saliency');
    recordProbe(run, 'saliency', asked, 40, 340, true);
    expect(run.probeLog.at(-1)).toEqual({ end: 340, ms: 40, kind: 'saliency' });
    // The poll waits longer than it would have (it fitted at 20 s): the user's 40 ms count in its 20 s window.
    expect(nextProbe(run, 20_000, DEFAULT_TUNING)).toBeNull();
    expect(nextProbe(run, 20_400, DEFAULT_TUNING)).toEqual(poll);
    // A newer request of the same kind from a poll does not inherit the mark.
    const again: ProbeRequest = { ...asked };
    run.pendingProbes.delete('deadRelu');
    run.pendingProbes.set('saliency', again);
    expect(nextProbe(run, 400, DEFAULT_TUNING)).toBeNull();
  });
});
