import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { RgbaImage } from '../engine/data/prepare';
import { DEFAULT_PREPARE, type PrepareOptions } from '../engine/data/userDataset';
import { createPrepareHandler, DECODE_REASON, PROGRESS_MS, type PrepareDeps } from './prepareHandler';
import { DatasetStoreError } from './userDatasets/storeErrors';
import { memoryUserDatasetStore } from './userDatasets/testing';
import type { FromPrepare, PrepareItem, ToPrepare, UserDatasetStore } from './userDatasets/types';

/** A fake image format Node can "decode": the text "grey <w> <h> <value>", a solid grey picture. */
const fakeImage = (value: number, w = 2, h = 2): string => `grey ${w} ${h} ${value}`;
const png = (name: string, value: number, label: string | null = null): PrepareItem => ({
  name,
  label,
  file: new Blob([fakeImage(value)], { type: 'image/png' }),
});
const file = (name: string, text: string, type: string): PrepareItem => ({
  name,
  label: null,
  file: new Blob([text], { type }),
});

async function fakeDecode(blob: Blob): Promise<RgbaImage> {
  const m = /^grey (\d+) (\d+) (\d+)$/.exec(await blob.text());
  if (!m) throw new Error('The source image could not be decoded.');
  const [w, h, v] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return { width: w, height: h, data: Array.from({ length: w * h }, () => [v, v, v, 255]).flat() };
}

function setup(over: Partial<PrepareDeps> & { store?: UserDatasetStore } = {}) {
  const store = memoryUserDatasetStore();
  let clock = 0;
  let decodes = 0;
  const deps: PrepareDeps = {
    decode: async (blob) => {
      decodes++;
      clock += 10; // each file takes 10 ms of the fake clock
      return fakeDecode(blob);
    },
    openStore: () => Promise.resolve(over.store ?? store),
    newId: () => 'user-test1',
    now: () => clock,
    yieldToEventLoop: () => new Promise((r) => setTimeout(r, 0)),
    ...over,
  };
  const handle = createPrepareHandler(deps);
  const posted: FromPrepare[] = [];
  const send = (msg: ToPrepare) => handle(msg, (m) => posted.push(m));
  const prepare = (items: PrepareItem[], options: Partial<PrepareOptions> = {}) =>
    send({ type: 'prepare', job: 1, name: 'Mine', items, options: { ...DEFAULT_PREPARE, ...options } });
  return { store, posted, send, prepare, decodes: () => decodes, last: () => posted[posted.length - 1] };
}

const folder = (cls: string, n: number, value: number): PrepareItem[] =>
  Array.from({ length: n }, (_, i) => png(`root/${cls}/${i}.png`, value));

describe('the preparation handler', () => {
  it('makes a dataset from a folder pick, naming skipped files, and stores it', async () => {
    const s = setup();
    await s.prepare([
      ...folder('cats', 6, 40),
      ...folder('dogs', 3, 200),
      file('root/notes.txt', 'hello', 'text/plain'),
      file('root/dogs/broken.png', 'not a png', 'image/png'),
      file('root/.DS_Store', '', ''),
    ]);
    const done = s.last();
    if (done?.type !== 'done') throw new Error(`expected done, got ${JSON.stringify(done)}`);
    expect(done.meta.classNames).toEqual(['cats', 'dogs']);
    expect(done.meta.perClass).toEqual({ train: [5, 2], test: [1, 1] });
    expect(done.meta.shape).toEqual([28, 28, 1]);
    expect(done.meta.skipped).toEqual([
      { name: 'root/notes.txt', reason: 'not an image (PNG, JPEG, WebP, GIF or BMP)' },
      { name: 'root/dogs/broken.png', reason: DECODE_REASON },
    ]);
    expect(done.warnings).toEqual([expect.stringMatching(/^Class "dogs" has only 3 images/)]);
    expect(done.meta.revision).toBe(1); // what the store keeps
    const kept = s.store.entries.get('user-test1');
    expect(kept?.data.count).toBe(9);
    // a solid 2×2 picture of 40 is 28×28 of 40; of 200, 200
    expect(new Set(kept?.data.images.subarray(0, 784))).toEqual(new Set([40]));
    expect(new Set(kept?.data.images.subarray(6 * 784, 7 * 784))).toEqual(new Set([200]));
    expect(kept?.data.names[6]).toBe('root/dogs/0.png');
  });

  it('sends progress at most every 100 ms, from the files skipped at once to all of them', async () => {
    const s = setup();
    await s.prepare([...folder('a', 30, 1), ...folder('b', 30, 2), file('x.txt', '', 'text/plain')]);
    const progress = s.posted.flatMap((m) => (m.type === 'progress' ? [m] : []));
    expect(progress[0]).toEqual({ type: 'progress', job: 1, done: 1, total: 61 });
    expect(progress[progress.length - 1]).toEqual({ type: 'progress', job: 1, done: 61, total: 61 });
    // 60 files at 10 ms each: 600 ms, so about one message per 100 ms, not one per file
    expect(progress.length).toBeGreaterThanOrEqual(4);
    expect(progress.length).toBeLessThanOrEqual(600 / PROGRESS_MS + 2);
    const dones = progress.map((p) => p.done);
    expect([...dones].sort((a, b) => a - b)).toEqual(dones);
    expect(s.last()?.type).toBe('done');
  });

  it('stops between files on cancel, and stores nothing', async () => {
    let s: ReturnType<typeof setup> | null = null;
    let calls = 0;
    s = setup({
      decode: (blob) => {
        if (++calls === 5) void s?.send({ type: 'cancel', job: 1 });
        return fakeDecode(blob);
      },
    });
    await s.prepare([...folder('a', 50, 1), ...folder('b', 50, 2)]);
    expect(s.last()).toEqual({ type: 'cancelled', job: 1 });
    expect(calls).toBeLessThan(10);
    expect(s.store.entries.size).toBe(0);
  });

  it('a cancel that arrives as a message between files stops the job (the loop yields)', async () => {
    const s = setup();
    const job = s.prepare([...folder('a', 200, 1), ...folder('b', 200, 2)]);
    setTimeout(() => void s.send({ type: 'cancel', job: 1 }), 0);
    await job;
    expect(s.last()).toEqual({ type: 'cancelled', job: 1 });
    expect(s.decodes()).toBeLessThan(400);
  });

  it('needs two classes: says so before decoding anything', async () => {
    const s = setup();
    await s.prepare([...folder('cats', 4, 1), file('root/readme.md', '#', 'text/markdown')]);
    expect(s.last()).toEqual({
      type: 'failed',
      job: 1,
      message: expect.stringMatching(/^A classifier needs at least two classes: all 4 images are in "cats"/),
      skipped: [{ name: 'root/readme.md', reason: expect.stringMatching(/^not an image/) }],
    });
    expect(s.decodes()).toBe(0);
  });

  it('needs two classes after decoding too, listing the broken files', async () => {
    const s = setup();
    await s.prepare([...folder('cats', 3, 1), file('root/dogs/1.png', 'broken', 'image/png')]);
    const last = s.last();
    expect(last?.type === 'failed' && last.message).toMatch(/^A classifier needs at least two classes/);
    expect(last?.type === 'failed' && last.skipped).toEqual([
      { name: 'root/dogs/1.png', reason: DECODE_REASON },
    ]);
    expect(s.store.entries.size).toBe(0);
  });

  it('uses the labels the page gives, and in RGB at another size', async () => {
    const s = setup();
    await s.prepare([png('a.png', 9, 'one'), png('b.png', 9, 'one'), png('c.png', 9, 'two')], {
      size: 32,
      colour: 'rgb',
    });
    const done = s.last();
    expect(done?.type === 'done' && done.meta.classNames).toEqual(['one', 'two']);
    expect(done?.type === 'done' && done.meta.shape).toEqual([32, 32, 3]);
    expect(s.store.entries.get('user-test1')?.data.images.length).toBe(3 * 32 * 32 * 3);
  });

  it('expands a zip: classes from its folders under one top folder, other entries skipped', async () => {
    const zip = zipSync({
      'set/cats/1.png': strToU8(fakeImage(10)),
      'set/cats/2.png': strToU8(fakeImage(11)),
      'set/dogs/1.jpg': strToU8(fakeImage(12)),
      'set/dogs/2.jpg': strToU8(fakeImage(13)),
      'set/readme.txt': strToU8('hi'),
      'set/stray.png': strToU8(fakeImage(14)),
      '__MACOSX/set/._x': strToU8(''),
    });
    const s = setup();
    await s.prepare([{ name: 'pets.zip', label: null, file: new Blob([zip], { type: 'application/zip' }) }]);
    const done = s.last();
    if (done?.type !== 'done') throw new Error(JSON.stringify(done));
    expect(done.meta.classNames).toEqual(['cats', 'dogs']);
    expect(done.meta.counts.train + done.meta.counts.test).toBe(4);
    expect(done.meta.skipped).toEqual([
      { name: 'pets.zip/set/readme.txt', reason: expect.stringMatching(/^not an image/) },
      { name: 'pets.zip/set/stray.png', reason: 'not in a class folder' },
    ]);
    expect(s.store.entries.get('user-test1')?.data.names).toContain('pets.zip/set/dogs/2.jpg');
  });

  it('a zip with no folders gets a clear message; a broken zip is named', async () => {
    const flat = zipSync({ '1.png': strToU8(fakeImage(1)), '2.png': strToU8(fakeImage(2)) });
    const s = setup();
    await s.prepare([{ name: 'flat.zip', label: null, file: new Blob([flat]) }]);
    expect(s.last()?.type === 'failed' && s.last()).toMatchObject({
      message: expect.stringMatching(/^flat\.zip: The zip has no folders/),
    });
    const t = setup();
    await t.prepare([{ name: 'bad.zip', label: null, file: new Blob(['nope']) }, ...folder('a', 2, 1)]);
    const last = t.last();
    expect(last?.type === 'failed' && last.skipped[0]).toMatchObject({
      name: 'bad.zip',
      reason: expect.stringMatching(/^could not be read as a zip/),
    });
  });

  it("passes the store's quota sentence through as 'failed', with the skipped files", async () => {
    const full = memoryUserDatasetStore();
    const message = 'Not enough space in this browser to keep "Mine": it needs about 0.1 MB.';
    full.put = () => Promise.reject(new DatasetStoreError('quota', message, { neededBytes: 9000 }));
    const s = setup({ store: full });
    await s.prepare([...folder('a', 2, 1), ...folder('b', 2, 2), file('x.txt', '', 'text/plain')]);
    expect(s.last()).toEqual({
      type: 'failed',
      job: 1,
      message,
      skipped: [{ name: 'x.txt', reason: expect.stringMatching(/^not an image/) }],
    });
  });

  it('a store that cannot open fails the job with its reason', async () => {
    const reason = 'Your own datasets cannot be kept in this browser: private mode.';
    const s = setup({ openStore: () => Promise.reject(new DatasetStoreError('unavailable', reason)) });
    await s.prepare([...folder('a', 2, 1), ...folder('b', 2, 2)]);
    expect(s.last()).toMatchObject({ type: 'failed', message: reason });
  });
});
