/**
 * The preparation worker's message handler, a plain function so Node tests run it with a fake decoder and an
 * in-memory store (prepare.worker.ts passes the browser's). One job per 'prepare' message: expand the items, check
 * the classes before decoding anything, decode and prepare each image (a few at a time), split, write to the store,
 * answer 'done' / 'failed' / 'cancelled'. Progress goes out at most every PROGRESS_MS; a 'cancel' acts between files.
 */
import { assertNever } from '../engine/assertNever';
import type { RgbaImage } from '../engine/data/prepare';
import { imageBytes, prepareImage } from '../engine/data/prepare';
import { buildUserDataset, checkClasses } from '../engine/data/prepareSet';
import type { UserDatasetId } from '../engine/data/types';
import type { PrepareOptions, SkippedFile } from '../engine/data/userDataset';
import { expandItems, type PrepareEntry } from './prepareInputs';
import type { FromPrepare, ToPrepare, UserDatasetStore } from './userDatasets/types';

export const PROGRESS_MS = 100;
/** How often the loop lets queued messages (a cancel) in when decoding does not. */
export const YIELD_MS = 25;
export const DECODE_REASON = 'could not be decoded';

export interface PrepareDeps {
  /** Decodes an image file to RGBA, downscaled as it decodes when it is much larger than `size`; throws when broken. */
  readonly decode: (file: Blob, size: number) => Promise<RgbaImage>;
  readonly openStore: () => Promise<UserDatasetStore>;
  readonly newId: () => UserDatasetId;
  readonly now: () => number;
  readonly yieldToEventLoop: () => Promise<void>;
  /** Images decoded at once (createImageBitmap decodes off the worker's thread). */
  readonly concurrency?: number;
}

type Post = (msg: FromPrepare) => void;
type Prepare = Extract<ToPrepare, { type: 'prepare' }>;

const countClasses = (labels: Iterable<string>): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  return counts;
};

const messageOf = (e: unknown): string =>
  e instanceof Error && e.message ? e.message : 'The dataset could not be saved in this browser.';

interface Decoded {
  readonly images: Uint8Array;
  readonly classOf: string[];
  readonly names: string[];
}

/** Decodes and prepares every entry in order; null when cancelled. Skipped files are added to `skipped`. */
async function decodeAll(
  entries: readonly PrepareEntry[],
  options: PrepareOptions,
  deps: PrepareDeps,
  skipped: SkippedFile[],
  tick: (done: number) => Promise<boolean>,
): Promise<Decoded | null> {
  const per = imageBytes(options.size, options.colour);
  let images = new Uint8Array(entries.length * per);
  const classOf: string[] = [];
  const names: string[] = [];
  const batch = Math.max(1, deps.concurrency ?? 1);
  const before = skipped.length;
  for (let i = 0; i < entries.length; i += batch) {
    const group = entries.slice(i, i + batch);
    const results = await Promise.all(
      group.map((e) =>
        deps.decode(e.file, options.size).then(
          (img) => prepareImage(img, options),
          () => null,
        ),
      ),
    );
    results.forEach((pixels, k) => {
      const entry = group[k];
      if (!entry) return;
      if (!pixels || pixels.length !== per) {
        skipped.push({ name: entry.name, reason: DECODE_REASON });
        return;
      }
      images.set(pixels, classOf.length * per);
      classOf.push(entry.label);
      names.push(entry.name);
    });
    if (!(await tick(before + i + group.length))) return null;
  }
  if (classOf.length < entries.length) images = images.slice(0, classOf.length * per);
  return { images, classOf, names };
}

async function runJob(msg: Prepare, deps: PrepareDeps, post: Post, cancelled: () => boolean): Promise<void> {
  const { job, options } = msg;
  const expanded = await expandItems(msg.items);
  const skipped = [...expanded.skipped];
  const failed = (message: string): void => post({ type: 'failed', job, message, skipped });
  if (cancelled()) return post({ type: 'cancelled', job });
  if (expanded.error) return failed(expanded.error);
  const early = checkClasses(countClasses(expanded.entries.map((e) => e.label)));
  if (early.error) return failed(early.error);

  const total = expanded.entries.length + skipped.length;
  let lastPost = deps.now();
  let lastYield = lastPost;
  post({ type: 'progress', job, done: skipped.length, total });
  const tick = async (done: number): Promise<boolean> => {
    const t = deps.now();
    if (t - lastPost >= PROGRESS_MS) {
      lastPost = t;
      post({ type: 'progress', job, done, total });
    }
    if (t - lastYield >= YIELD_MS) {
      await deps.yieldToEventLoop();
      lastYield = deps.now();
    }
    return !cancelled();
  };
  const decoded = await decodeAll(expanded.entries, options, deps, skipped, tick);
  if (!decoded) return post({ type: 'cancelled', job });
  post({ type: 'progress', job, done: total, total });

  const checked = checkClasses(countClasses(decoded.classOf));
  if (checked.error) return failed(checked.error);
  const { meta, data } = buildUserDataset({
    id: deps.newId(),
    name: msg.name,
    createdAt: Date.now(),
    options,
    ...decoded,
    skipped,
  });
  if (cancelled()) return post({ type: 'cancelled', job });
  let stored: typeof meta;
  try {
    const store = await deps.openStore();
    await store.put(meta, data);
    // The store numbers the write (meta.revision): answer with what it keeps.
    stored = (await store.list().catch(() => [])).find((m) => m.id === meta.id) ?? meta;
  } catch (e) {
    return failed(messageOf(e));
  }
  post({ type: 'done', job, meta: stored, warnings: checked.warnings });
}

/** A handler for the worker's messages; jobs run side by side, each answered once. */
export function createPrepareHandler(deps: PrepareDeps): (msg: ToPrepare, post: Post) => Promise<void> {
  const running = new Set<number>();
  const cancelled = new Set<number>();
  return async (msg, post) => {
    switch (msg.type) {
      case 'cancel':
        if (running.has(msg.job)) cancelled.add(msg.job);
        return;
      case 'prepare': {
        running.add(msg.job);
        try {
          await runJob(msg, deps, post, () => cancelled.has(msg.job));
        } catch (e) {
          post({
            type: 'failed',
            job: msg.job,
            message: `Preparing the images failed: ${messageOf(e)}`,
            skipped: [],
          });
        } finally {
          running.delete(msg.job);
          cancelled.delete(msg.job);
        }
        return;
      }
      default:
        return assertNever(msg);
    }
  };
}
