/**
 * A colour run through the worker's message handler: a user dataset (here the procedural set at 32×32×3) is read,
 * the graph is validated against its shape, a small 32×32×3 CNN trains, and its probes come back in colour.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeProceduralDataset } from '../engine/data/procedural';
import { chain } from '../engine/graph/edit';
import { L } from '../engine/graph/layerBuilders';
import type { Graph } from '../engine/graph/types';
import { handleMessage } from './handleMessage';
import { asRunId, type ToWorker } from './protocol';
import { whenIdle } from './runLoop';
import { HYPER, initMsg, ofType, recorder, testDeps, tinyCnn } from './testing';
import { createWorkerState } from './workerState';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const S = 32;
const rgbCnn = chain('classifier', [
  L.image([S, S, 3]),
  L.conv(4, 3, { stride: 2 }),
  L.maxPool(),
  L.flatten(),
  L.dense(10, 'softmax'),
]);
const deps = () =>
  testDeps({
    loadDataset: (_id, seed, onProgress) => {
      const d = makeProceduralDataset({ seed, train: 256, test: 64, size: S, channels: 3 });
      onProgress(d.train.images.byteLength, d.train.images.byteLength);
      return Promise.resolve(d);
    },
  });
/** An init for the user dataset 'user-rgb-32' (the loader above answers it with the colour set). */
function initRgb(runId: string, graph: Graph): ToWorker {
  const m = initMsg(runId, graph, HYPER);
  if (m.type !== 'init') throw new Error('init');
  return { ...m, dataset: 'user-rgb-32' };
}

describe('a 32×32×3 run in the worker', () => {
  it('trains (the loss falls) and answers kernels, maps and samples in colour; a 28×28×1 graph is refused', async () => {
    const baseline = tf.memory().numTensors;
    const { posted, post } = recorder();
    const d = deps();
    const state = createWorkerState();

    await handleMessage(state, initRgb('grey', tinyCnn()), post, d);
    expect(ofType(posted, 'error')[0]).toMatchObject({ code: 'badGraph' });
    expect(ofType(posted, 'error')[0]?.message).toContain('32×32×3');

    const r = asRunId('rgb');
    await handleMessage(state, initRgb(r, rgbCnn), post, d);
    expect(ofType(posted, 'ready').map((m) => [m.runId, m.trainCount])).toEqual([['rgb', 256]]);
    await handleMessage(state, { type: 'step', runId: r, batches: 30 }, post, d);
    if (state.run) await whenIdle(state.run);
    const losses = ofType(posted, 'metrics').flatMap((m) => m.points.map((p) => p.loss));
    expect(losses).toHaveLength(30);
    const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
    const [first, last] = [mean(losses.slice(0, 8)), mean(losses.slice(-8))];
    console.log(`32×32×3 CNN in the worker: loss ${first.toFixed(3)} → ${last.toFixed(3)} over 30 steps`);
    expect(last).toBeLessThan(first - 0.1);

    for (const request of [
      { kind: 'kernels', gradients: false },
      { kind: 'activations', sample: { from: 'test', index: 0 } },
      { kind: 'samples', split: 'test', indices: [0, 1] },
    ] as const)
      await handleMessage(state, { type: 'probe', runId: r, request }, post, d);
    const results = ofType(posted, 'probe').map((m) => m.result);
    const k = results.find((x) => x.kind === 'kernels');
    const a = results.find((x) => x.kind === 'activations');
    const s = results.find((x) => x.kind === 'samples');
    if (k?.kind !== 'kernels' || a?.kind !== 'activations' || s?.kind !== 'samples')
      throw new Error('probes');
    expect(k.layers[0]).toMatchObject({ inChannels: 3, filters: 4, rgbInput: true });
    expect(a.input.rgb?.length).toBe(S * S * 3);
    expect([s.h, s.w, s.channels, s.pixels.length]).toEqual([S, S, 3, 2 * S * S * 3]);

    await handleMessage(state, { type: 'dispose', runId: r }, post, d);
    expect(tf.memory().numTensors).toBe(baseline);
  });
});
