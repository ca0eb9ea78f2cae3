import { describe, expect, it } from 'vitest';
import { DEFAULT_PREPARE } from '../engine/data/userDataset';
import { createPrepareClient } from './prepareClient';
import type { FromPrepare, PrepareItem, ToPrepare } from './userDatasets/types';

function fakeWorkers() {
  const made: {
    sent: ToPrepare[];
    emit: (m: FromPrepare) => void;
    crash: (message: string) => void;
    terminated: boolean;
  }[] = [];
  const factory = (): Worker => {
    const w = {
      onmessage: null as ((e: MessageEvent<FromPrepare>) => void) | null,
      onerror: null as ((e: ErrorEvent) => void) | null,
      postMessage: (m: ToPrepare) => entry.sent.push(m),
      terminate: () => (entry.terminated = true),
    };
    const entry = {
      sent: [] as ToPrepare[],
      emit: (m: FromPrepare) => w.onmessage?.({ data: m } as MessageEvent<FromPrepare>),
      crash: (message: string) => w.onerror?.({ message } as ErrorEvent),
      terminated: false,
    };
    made.push(entry);
    return w as unknown as Worker;
  };
  return { made, factory };
}

const items: PrepareItem[] = [{ name: 'a/1.png', label: 'a', file: new Blob([]) }];

describe('prepareClient', () => {
  it('starts the worker on the first job, reports progress and resolves with the outcome', async () => {
    const f = fakeWorkers();
    const c = createPrepareClient({ workerFactory: f.factory });
    expect(f.made).toHaveLength(0);
    const seen: [number, number][] = [];
    const job = c.prepare('Mine', items, DEFAULT_PREPARE, (d, t) => seen.push([d, t]));
    const w = f.made[0];
    expect(w?.sent).toEqual([{ type: 'prepare', job: 1, name: 'Mine', items, options: DEFAULT_PREPARE }]);
    w?.emit({ type: 'progress', job: 1, done: 3, total: 10 });
    w?.emit({ type: 'progress', job: 99, done: 5, total: 5 }); // another job's: ignored
    w?.emit({ type: 'cancelled', job: 99 });
    w?.emit({ type: 'failed', job: 1, message: 'A classifier needs at least two classes: …', skipped: [] });
    expect(seen).toEqual([[3, 10]]);
    await expect(job.done).resolves.toMatchObject({ type: 'failed', job: 1 });
    expect(f.made).toHaveLength(1);
  });

  it('cancel sends a cancel for a running job only', async () => {
    const f = fakeWorkers();
    const c = createPrepareClient({ workerFactory: f.factory });
    const a = c.prepare('A', items, DEFAULT_PREPARE);
    const b = c.prepare('B', items, DEFAULT_PREPARE);
    b.cancel();
    const w = f.made[0];
    expect(w?.sent.map((m) => [m.type, m.job])).toEqual([
      ['prepare', 1],
      ['prepare', 2],
      ['cancel', 2],
    ]);
    w?.emit({ type: 'cancelled', job: 2 });
    await expect(b.done).resolves.toEqual({ type: 'cancelled', job: 2 });
    b.cancel();
    expect(w?.sent).toHaveLength(3);
    c.terminate();
    await expect(a.done).resolves.toEqual({ type: 'cancelled', job: 1 });
    expect(w?.terminated).toBe(true);
  });

  it('a crashed worker fails its jobs, and the next job gets a new worker', async () => {
    const f = fakeWorkers();
    const c = createPrepareClient({ workerFactory: f.factory });
    const a = c.prepare('A', items, DEFAULT_PREPARE);
    f.made[0]?.crash('out of memory');
    await expect(a.done).resolves.toEqual({
      type: 'failed',
      job: 1,
      message: 'Preparing the images stopped: the worker crashed (out of memory).',
      skipped: [],
    });
    c.prepare('B', items, DEFAULT_PREPARE);
    expect(f.made).toHaveLength(2);
    expect(f.made[1]?.sent[0]).toMatchObject({ type: 'prepare', job: 2 });
  });
});
