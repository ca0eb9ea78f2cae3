/**
 * The preparation worker in a real browser (issue 14): PNGs generated in the page (OffscreenCanvas.convertToBlob) go
 * through prepareClient → prepare.worker.ts (createImageBitmap, OffscreenCanvas, fflate) → IndexedDB, and come back
 * from the store with the right counts and pixels. Drives the harness page bench/harness/prepare.html
 * (window.__prepare), not the UI: beforeAll builds it into its own git-ignored folder beside E2E_DIST and serves it on
 * a free port.
 *
 * `npm run bench:prepare` (scripts/bench-prepare.mjs) times 10,000 generated 64×64 PNGs → 28×28 grey on the same page.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { previewBuilt } from '../bench/build-harness.mjs';
import type { GenerateSpec } from '../bench/harness/prepare';
import type { PrepareOptions } from '../src/engine/data/userDataset';
import { SMALL_FILE_BYTES } from '../src/workers/decodeImage';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PAGE = '/bench/harness/prepare.html';
const DIST = `${(process.env['E2E_DIST'] ?? 'dist').replace(/\/+$/, '')}-prepare`;
let server: { url: string; close: () => Promise<void> } | undefined;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  await build({
    root: ROOT,
    configFile: `${ROOT}vite.config.ts`,
    logLevel: 'warn',
    build: {
      outDir: `${ROOT}${DIST}`,
      emptyOutDir: true,
      rollupOptions: { input: { prepare: `${ROOT}bench/harness/prepare.html` } },
    },
  });
  server = await previewBuilt(DIST, 0);
});

test.afterAll(async () => {
  await server?.close();
});

async function open(page: Page): Promise<void> {
  if (!server) throw new Error('the harness server did not start');
  await page.goto(`${server.url}${PAGE}`);
  await page.waitForFunction(() => window.__prepare !== undefined);
}

const generate = (page: Page, spec: GenerateSpec) =>
  page.evaluate((s) => window.__prepare!.generate(s), spec);
const run = (page: Page, name: string, options: Partial<PrepareOptions> = {}, cancelAfter = 0) =>
  page.evaluate(([n, o, c]) => window.__prepare!.run(n, o, c), [name, options, cancelAfter] as const);
const stored = (page: Page, id: string) => page.evaluate((i) => window.__prepare!.stored(i), id);
const listIds = (page: Page) => page.evaluate(() => window.__prepare!.listIds());

test.describe('preparation worker', () => {
  test('200 PNGs per class, a stray .txt and a broken PNG become a dataset in IndexedDB', async ({
    page,
  }) => {
    await open(page);
    const made = await generate(page, { classes: ['discs', 'squares'], perClass: 200, px: 64, strays: true });
    expect(made.files).toBe(402);
    const r = await run(page, 'Shapes');
    if (r.outcome.type !== 'done') throw new Error(`not done: ${JSON.stringify(r.outcome)}`);
    const { meta } = r.outcome;
    expect(meta.id).toMatch(/^user-[a-z0-9]+$/);
    expect(meta.name).toBe('Shapes');
    expect(meta.shape).toEqual([28, 28, 1]);
    expect(meta.classNames).toEqual(['discs', 'squares']);
    expect(meta.perClass).toEqual({ train: [160, 160], test: [40, 40] });
    expect(meta.counts).toEqual({ train: 320, test: 80 });
    expect(meta.skipped).toEqual([
      { name: 'root/notes.txt', reason: 'not an image (PNG, JPEG, WebP, GIF or BMP)' },
      { name: 'root/discs/broken.png', reason: 'could not be decoded' },
    ]);
    expect(r.outcome.warnings).toEqual([]);
    expect(r.progress[r.progress.length - 1]).toEqual([402, 402]);
    const dones = r.progress.map(([d]) => d);
    expect([...dones].sort((a, b) => a - b)).toEqual(dones);

    const kept = await stored(page, meta.id);
    expect(kept?.count).toBe(400);
    expect(kept?.imageBytes).toBe(400 * 28 * 28);
    expect(kept?.names).toHaveLength(400);
    expect(kept?.listed).toContain(meta.id);
    expect(kept?.meta.bytes).toBe(meta.bytes);
    // dark discs and light squares on mid grey: the decoded pixels say which is which
    const [discs = 0, squares = 0] = kept?.meanPerClass ?? [];
    expect(discs).toBeLessThan(115);
    expect(squares).toBeGreaterThan(145);
  });

  test('RGB at 32×32, and a class with few images is warned about', async ({ page }) => {
    await open(page);
    await generate(page, { classes: ['a', 'b', 'c'], perClass: 4, px: 40 });
    const r = await run(page, 'Colour', { size: 32, colour: 'rgb', mode: 'pad' });
    if (r.outcome.type !== 'done') throw new Error(`not done: ${JSON.stringify(r.outcome)}`);
    expect(r.outcome.meta.shape).toEqual([32, 32, 3]);
    expect(r.outcome.meta.perClass).toEqual({ train: [3, 3, 3], test: [1, 1, 1] });
    expect(r.outcome.warnings).toHaveLength(3);
    expect((await stored(page, r.outcome.meta.id))?.imageBytes).toBe(12 * 32 * 32 * 3);
  });

  test('Cancel stops it between files and stores nothing; one class is refused with the reason', async ({
    page,
  }) => {
    await open(page);
    const before = await listIds(page);
    await generate(page, { classes: ['a', 'b'], perClass: 400, px: 64 });
    const r = await run(page, 'Cancelled', {}, 1);
    expect(r.outcome).toEqual({ type: 'cancelled', job: expect.any(Number) });
    expect(r.progress[r.progress.length - 1]?.[0]).toBeLessThan(800);
    expect(await listIds(page)).toEqual(before);

    await generate(page, { classes: ['only'], perClass: 6, px: 16 });
    const one = await run(page, 'One class');
    expect(one.outcome).toMatchObject({
      type: 'failed',
      message: expect.stringMatching(/^A classifier needs at least two classes: all 6 images are in "only"/),
    });
    expect(await listIds(page)).toEqual(before);
  });

  test('a phone photo turned by its EXIF orientation is prepared upright, small or decoded downscaled', async ({
    page,
  }) => {
    await open(page);
    const made = await generate(page, { classes: ['a', 'b'], perClass: 5, px: 16, portrait: true });
    expect(made.files).toBe(12);
    // the small one is decoded whole; the large one's header is read and it is decoded downscaled
    expect(made.portraitBytes[0]).toBeLessThan(SMALL_FILE_BYTES);
    expect(made.portraitBytes[1]).toBeGreaterThan(SMALL_FILE_BYTES);
    const r = await run(page, 'Portrait', { mode: 'crop' });
    if (r.outcome.type !== 'done') throw new Error(`not done: ${JSON.stringify(r.outcome)}`);
    expect(r.outcome.meta.skipped).toEqual([]);
    const kept = await stored(page, r.outcome.meta.id);
    // Stored landscape with its dark half on the left; shown upright (EXIF 6: a quarter turn clockwise) the dark
    // half is on top. A decoder ignoring the tag would keep it on the left.
    for (const [which, halves] of Object.entries(kept?.portrait ?? {})) {
      expect(halves, which).not.toBeNull();
      expect(halves?.top, which).toBeLessThan(90);
      expect(halves?.bottom, which).toBeGreaterThan(170);
      expect(Math.abs((halves?.left ?? 0) - (halves?.right ?? 0)), which).toBeLessThan(20);
    }
  });

  test('a 50-megapixel photo is decoded downscaled, without freezing the page', async ({ page }) => {
    test.setTimeout(120_000);
    await open(page);
    const made = await generate(page, {
      classes: ['dark', 'light'],
      perClass: 5,
      px: 32,
      hugeMegapixels: 50,
      flatMegapixels: 1,
    });
    // a large file's header gives its size, so the worker asks createImageBitmap for a 112-pixel-high decode
    expect(made.huge).toMatchObject({ width: 8165, height: 6124 });
    expect(made.huge?.bytes).toBeGreaterThan(SMALL_FILE_BYTES);
    // a small file of a large picture is decoded whole and shrunk as a bitmap before the canvas
    expect(made.flat?.bytes).toBeLessThan(SMALL_FILE_BYTES);
    const r = await run(page, 'Huge');
    if (r.outcome.type !== 'done') throw new Error(`not done: ${JSON.stringify(r.outcome)}`);
    expect(r.outcome.meta.counts.train + r.outcome.meta.counts.test).toBe(12);
    expect(r.outcome.meta.skipped).toEqual([]);
    const kept = await stored(page, r.outcome.meta.id);
    const at = (name: string) => kept?.names.indexOf(name) ?? -1;
    // the photo: a disc of 20 (radius a quarter of the height, π/16·¾ of the area) on 128: mean 112.1
    expect(kept?.pixelMeans[at('root/dark/huge.jpg')]).toBeGreaterThan(110.5);
    expect(kept?.pixelMeans[at('root/dark/huge.jpg')]).toBeLessThan(113.5);
    expect(kept?.pixelMeans[at('root/light/flat.png')]).toBeCloseTo(230, 0);
    console.log(
      `50 MP JPEG (${made.huge?.bytes} bytes), 1 MP flat PNG (${made.flat?.bytes} bytes) + 10 small PNGs prepared in ${(r.ms / 1000).toFixed(1)} s; longest frame gap ${r.longestFrameGapMs.toFixed(0)} ms`,
    );
    expect(r.longestFrameGapMs).toBeLessThan(1000);
  });
});
