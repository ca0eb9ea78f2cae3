/**
 * timeToAccuracy against the real worker code in-process (handleMessage on the cpu backend, procedural data, a tiny
 * CNN; the deps activate it): segments end on the step budget with a whole-test-split validation, and the clock stops at the first one at or
 * above the target.
 */
import { describe, expect, it } from 'vitest';
import { handleMessage } from '../../src/workers/handleMessage';
import { SerialQueue } from '../../src/workers/mutex';
import type { FromWorker, ToWorker } from '../../src/workers/protocol';
import { HYPER, testDeps, tinyCnn } from '../../src/workers/testing';
import { createTrainingClient } from '../../src/workers/trainingClient';
import { createWorkerState, noteArrival } from '../../src/workers/workerState';
import { timeToAccuracy } from './timeToAccuracy';

const TEST_COUNT = 64;

/** A Worker whose messages go through the real handleMessage, one at a time, as training.worker.ts does. */
function inProcessWorker(sent: ToWorker[]): Worker {
  const deps = testDeps({}, { train: 256, test: TEST_COUNT });
  const state = createWorkerState();
  const queue = new SerialQueue();
  const w = {
    onmessage: null as ((e: MessageEvent<FromWorker>) => void) | null,
    onerror: null,
    postMessage: (msg: ToWorker) => {
      sent.push(msg);
      noteArrival(state, msg);
      void queue.push(
        () => handleMessage(state, msg, (m) => w.onmessage?.({ data: m } as MessageEvent<FromWorker>), deps),
        () => undefined,
      );
    },
    terminate: () => undefined,
  };
  return w as unknown as Worker;
}

const run = (sent: ToWorker[], target: number, capSeconds = 60) =>
  timeToAccuracy(createTrainingClient({ workerFactory: () => inProcessWorker(sent) }), {
    backend: 'auto',
    graph: tinyCnn(),
    dataset: 'procedural',
    hyper: { ...HYPER, maxSteps: 0 },
    target,
    validateEvery: 3,
    capSeconds,
  });

describe('timeToAccuracy', () => {
  it('validates the whole test split every validateEvery steps, raising the step budget each time', async () => {
    const sent: ToWorker[] = [];
    const r = await run(sent, 2, 12); // never reached: runs until the cap
    expect(r.errors).toEqual([]);
    expect(r.reached).toBe(false);
    expect(r.seconds).toBeNull();
    expect(r.readyMs).toBeGreaterThan(0);
    expect(r.points.length).toBeGreaterThanOrEqual(2);
    expect(r.points.map((p) => p.step)).toEqual(r.points.map((_, i) => 3 * (i + 1)));
    for (const p of r.points) {
      expect(p.accuracy).toBeGreaterThanOrEqual(0);
      expect(p.accuracy).toBeLessThanOrEqual(1);
      expect(p.epochs).toBeCloseTo((p.step * HYPER.batchSize) / 256, 6);
    }
    expect(r.points.at(-1)?.seconds).toBeGreaterThanOrEqual(r.points[0]?.seconds ?? Infinity);
    const init = sent.find((m) => m.type === 'init');
    expect(init?.type === 'init' && init.hyper.maxSteps).toBe(3);
    const budgets = sent.flatMap((m) => (m.type === 'setHyper' ? [m.patch.maxSteps] : []));
    expect(budgets).toEqual(r.points.slice(1).map((p) => p.step));
    expect(r.steps).toBe(r.points.at(-1)?.step);
  }, 60_000);

  it('stops the clock at the first validation at or above the target', async () => {
    const sent: ToWorker[] = [];
    const r = await run(sent, 0);
    expect(r.reached).toBe(true);
    expect(r.points).toHaveLength(1);
    expect(r.seconds).toBe(r.points[0]?.seconds);
    expect(r.steps).toBe(3);
    expect(sent.some((m) => m.type === 'setHyper')).toBe(false);
  }, 60_000);
});
