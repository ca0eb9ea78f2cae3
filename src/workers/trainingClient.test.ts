import { describe, expect, it } from 'vitest';
import { chain } from '../engine/graph/edit';
import { DEFAULT_HYPER } from '../engine/train/hyper';
import type { FromWorker, ToWorker } from './protocol';
import { createTrainingClient } from './trainingClient';

function fakeWorker(): { worker: Worker; sent: ToWorker[]; emit: (m: FromWorker) => void } {
  const sent: ToWorker[] = [];
  const w = {
    onmessage: null as ((e: MessageEvent<FromWorker>) => void) | null,
    onerror: null,
    postMessage: (m: ToWorker) => sent.push(m),
    terminate: () => undefined,
  };
  return {
    worker: w as unknown as Worker,
    sent,
    emit: (m) => w.onmessage?.({ data: m } as MessageEvent<FromWorker>),
  };
}

const graph = chain('classifier', [{ kind: 'input', source: 'dataset', shape: [28, 28, 1] }]);
const args = { graph, dataset: 'procedural' as const, hyper: DEFAULT_HYPER, seed: 1 };

describe('trainingClient', () => {
  it('gives every init a new run id and drops messages of older runs', () => {
    const f = fakeWorker();
    const c = createTrainingClient({ workerFactory: () => f.worker });
    const seen: FromWorker[] = [];
    c.on((m) => seen.push(m));
    const a = c.init(args);
    const b = c.init({ ...args, backend: 'wasm' });
    expect(a).not.toBe(b);
    expect(f.sent.map((m) => m.type)).toEqual(['init', 'init']);
    expect(f.sent[1]).toMatchObject({ runId: b, backend: 'wasm' });
    f.emit({ type: 'notice', runId: a, message: 'old' });
    f.emit({ type: 'notice', runId: b, message: 'new' });
    expect(seen).toEqual([{ type: 'notice', runId: b, message: 'new' }]);
    c.step(5);
    c.setHyper({ learningRate: 0.1 });
    expect(f.sent.slice(2)).toEqual([
      { type: 'step', runId: b, batches: 5 },
      { type: 'setHyper', runId: b, patch: { learningRate: 0.1 } },
    ]);
  });

  it('sends the init message from the arguments, the backend policy auto unless given', () => {
    const f = fakeWorker();
    const c = createTrainingClient({ workerFactory: () => f.worker });
    const r = c.init({ ...args, noise: 0.3 });
    expect(f.sent).toEqual([{ type: 'init', runId: r, ...args, noise: 0.3, backend: 'auto' }]);
  });

  it('probe resolves with the next result of the same kind of the current run', async () => {
    const f = fakeWorker();
    const c = createTrainingClient({ workerFactory: () => f.worker });
    const r = c.init(args);
    const p = c.probe({ kind: 'deadRelu' });
    f.emit({ type: 'probe', runId: r, result: { kind: 'health', step: 1, layers: [] } });
    f.emit({ type: 'probe', runId: r, result: { kind: 'deadRelu', step: 2, layers: [] } });
    await expect(p).resolves.toEqual({ kind: 'deadRelu', step: 2, layers: [] });
  });

  it('pending requests reject when a new run starts or the worker reports an error', async () => {
    const f = fakeWorker();
    const c = createTrainingClient({ workerFactory: () => f.worker });
    c.init(args);
    const p = c.exportModel();
    c.init(args);
    await expect(p).rejects.toThrow('A new run started.');
    const q = c.probe({ kind: 'health' });
    f.emit({
      type: 'error',
      runId: c.runId as NonNullable<typeof c.runId>,
      code: 'notReady',
      message: 'not ready',
    });
    await expect(q).rejects.toThrow('not ready');
  });

  it('preview works with no run, under its own id; a new run does not cancel it; an error rejects it', async () => {
    const f = fakeWorker();
    const c = createTrainingClient({ workerFactory: () => f.worker });
    const seen: FromWorker[] = [];
    c.on((m) => seen.push(m));
    const request = { kind: 'augmentPreview', index: 0, seed: 2 } as const;
    const p = c.preview({ dataset: 'procedural', seed: 1, request });
    const sent = f.sent[0];
    if (sent?.type !== 'preview') throw new Error(`sent ${sent?.type}`);
    expect(sent).toMatchObject({ dataset: 'procedural', seed: 1, request });
    expect(c.runId).toBeNull();
    c.init(args); // a run starts meanwhile
    const result = {
      kind: 'augmentPreview',
      step: 0,
      index: 0,
      count: 1,
      pixels: new Uint8Array(1),
      h: 1,
      w: 1,
      channels: 1,
    } as const;
    f.emit({ type: 'probe', runId: sent.runId, result });
    await expect(p).resolves.toBe(result);
    expect(seen).toEqual([]); // not a message of the run
    const q = c.preview({ dataset: 'user-gone', seed: 1, request });
    const id = f.sent[f.sent.length - 1]?.runId;
    expect(id).not.toBe(sent.runId);
    f.emit({ type: 'error', runId: id!, code: 'dataset', message: 'gone' });
    await expect(q).rejects.toThrow('gone');
  });

  it('refuses commands before init', () => {
    const c = createTrainingClient({ workerFactory: () => fakeWorker().worker });
    expect(() => c.start()).toThrow(/init/);
  });
});
