/**
 * An imported model's run (init with `weights`): the model starts from the imported weights, Reset goes back to
 * them after training moved them, and a set that does not fit the graph refuses the run in plain words.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectedWeights } from '../engine/import/matchWeights';
import type { ImportedWeight } from '../engine/import/types';
import { handleMessage } from './handleMessage';
import { asRunId, type ToWorker } from './protocol';
import { whenIdle } from './runLoop';
import { initMsg, ofType, recorder, testDeps, tinyCnn } from './testing';
import { createWorkerState } from './workerState';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const graph = tinyCnn();
/** Every weight of the tiny CNN filled with its own pattern (no initializer draws these). */
const weights: ImportedWeight[] = expectedWeights(graph).map((e, k) => {
  const n = e.shape.reduce((a, b) => a * b, 1);
  return {
    name: `${e.node}/${e.weight}`,
    shape: e.shape,
    values: Float32Array.from({ length: n }, (_, i) => ((i % 7) - 3) / (10 + k)),
  };
});
/** The tiny CNN's init message carrying `w`. */
function importedInit(runId: string, w: readonly ImportedWeight[]): ToWorker {
  const msg = initMsg(runId, graph);
  if (msg.type !== 'init') throw new Error('initMsg');
  return { ...msg, weights: w };
}
const byName = (cp: { weights: readonly { name: string; values: Float32Array }[] }) =>
  Object.fromEntries(cp.weights.map((w) => [w.name, Array.from(w.values)]));

describe('a run of an imported model', () => {
  it('starts from the imported weights, and Reset goes back to them', async () => {
    const { posted, post } = recorder();
    const deps = testDeps();
    const state = createWorkerState();
    const runId = asRunId('imported');
    await handleMessage(state, importedInit(runId, weights), post, deps);
    expect(ofType(posted, 'error')).toEqual([]);
    const run = state.run;
    if (!run) throw new Error('no run');
    const want = byName({ weights });
    expect(byName(await run.trainer.checkpoint())).toEqual(want);

    await handleMessage(state, { type: 'step', runId, batches: 3 }, post, deps);
    await whenIdle(run);
    expect(byName(await run.trainer.checkpoint())).not.toEqual(want);

    await handleMessage(state, { type: 'reset', runId }, post, deps);
    expect(byName(await run.trainer.checkpoint())).toEqual(want);
    expect(run.checkpoint?.weights).toBe(weights);
    await handleMessage(state, { type: 'dispose', runId }, post, deps);
  });

  it('weights that do not fit the network refuse the run', async () => {
    const { posted, post } = recorder();
    const state = createWorkerState();
    const wrong = weights.map((w, i) => (i === 0 ? { ...w, shape: [1, ...w.shape] } : w));
    await handleMessage(state, importedInit('bad', wrong), post, testDeps());
    const [error] = ofType(posted, 'error');
    expect(error?.code).toBe('badGraph');
    expect(error?.message).toMatch(/^The imported weights do not fit this network/);
    expect(state.run).toBeNull();
    expect(ofType(posted, 'ready')).toEqual([]);
  });
});
