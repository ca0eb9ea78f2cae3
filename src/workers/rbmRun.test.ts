/**
 * An RBM run through the worker's message handler: the RBM preset's picture graph with RBM settings trains by CD
 * (reconstruction error as the loss, pseudo-likelihood on some points), takes new RBM settings mid-run, and answers
 * the filters-and-dreams probe and reconstructions.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { presetById } from '../engine/graph/presets';
import { handleMessage } from './handleMessage';
import { asRunId, type ToWorker } from './protocol';
import { whenIdle } from './runLoop';
import { initMsg, ofType, recorder, testDeps } from './testing';
import { createWorkerState } from './workerState';
import { decimate } from './metrics';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('an RBM run in the worker', () => {
  it('trains by CD, reports reconstruction error and pseudo-likelihood, takes settings and answers its probes', async () => {
    const preset = presetById('rbm');
    if (!preset?.rbm) throw new Error('no RBM preset');
    const baseline = tf.memory().numTensors;
    const { posted, post } = recorder();
    const d = testDeps();
    const state = createWorkerState();
    const r = asRunId('rbm');
    const base = initMsg(r, preset.graph, { ...preset.hyper, batchSize: 16, validateEvery: 0, epochs: 100 });
    if (base.type !== 'init') throw new Error('init');
    const init: ToWorker = { ...base, rbm: { hidden: 16, hyper: preset.rbm } };
    await handleMessage(state, init, post, d);
    expect(ofType(posted, 'error')).toEqual([]);
    expect(ofType(posted, 'ready')).toHaveLength(1);
    await handleMessage(state, { type: 'step', runId: r, batches: 20 }, post, d);
    if (state.run) await whenIdle(state.run);
    const points = ofType(posted, 'metrics').flatMap((m) => m.points);
    expect(points).toHaveLength(20);
    for (const p of points) expect(p.loss).toBeGreaterThan(0);
    const pl = points.filter((p) => p.rbm !== undefined);
    expect(pl.length).toBeGreaterThan(0);
    for (const p of pl) expect(p.rbm?.pseudoLikelihood).toBeLessThan(0);
    // Decimating keeps a group's pseudo-likelihood even when its last point has none.
    const withPl = points.findIndex((p) => p.rbm !== undefined);
    const withRbm = points[withPl];
    if (!withRbm) throw new Error('no pseudo-likelihood point');
    const { rbm: _pl, ...without } = withRbm;
    const group = [withRbm, { ...without, step: 99 }];
    expect(decimate(group, 1)[0]?.rbm).toBeDefined();

    await handleMessage(
      state,
      { type: 'setHyper', runId: r, patch: {}, rbm: { persistent: true, k: 2 } },
      post,
      d,
    );
    await handleMessage(state, { type: 'step', runId: r, batches: 3 }, post, d);
    if (state.run) await whenIdle(state.run);
    expect(ofType(posted, 'error')).toEqual([]);

    for (const request of [
      { kind: 'rbm', dreamSteps: 3 },
      { kind: 'reconstruct', count: 4 },
    ] as const)
      await handleMessage(state, { type: 'probe', runId: r, request }, post, d);
    const results = ofType(posted, 'probe').map((m) => m.result);
    const rbm = results.find((x) => x.kind === 'rbm');
    if (rbm?.kind !== 'rbm') throw new Error('no rbm probe result');
    expect(rbm).toMatchObject({ hidden: 16, h: 28, w: 28, channels: 1, dreams: 16, dreamStep: 3, step: 23 });
    expect(results.some((x) => x.kind === 'reconstruct')).toBe(true);
    await handleMessage(state, { type: 'dispose', runId: r }, post, d);
    expect(tf.memory().numTensors).toBe(baseline);
  });
});
