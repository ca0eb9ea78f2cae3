import { expect, test, type Locator, type Page } from '@playwright/test';
import { canvasState } from './canvasState';

// Side by side: two runs that differ in the first convolution's kernel size (3 and 10, the notes' picture), ticked in
// Runs, show their own first-layer kernels and the same test image's maps in "Side by side" — and still do after a
// reload, from the records kept in IndexedDB.

const region = (page: Page, name: string): Locator => page.getByRole('region', { name, exact: true });

interface KernelPicture {
  readonly width: number;
  readonly height: number;
  readonly hash: string;
}

/** The card's kernel canvas once its snapshot is drawn: size and a hash of its pixels. */
async function kernelPicture(card: Locator): Promise<KernelPicture> {
  const canvas = card.getByRole('img', { name: 'Kernel grid', exact: true });
  // The run recorder takes the snapshot when the run ends; until then the card says so instead of a canvas.
  await expect(canvas, "the run's kernels are drawn").toBeAttached({ timeout: 30_000 });
  await canvas.scrollIntoViewIfNeeded();
  await expect.poll(async () => (await canvasState(canvas)).nonBlank, { timeout: 30_000 }).toBe(true);
  const size = await canvas.evaluate((c: HTMLCanvasElement) => ({ width: c.width, height: c.height }));
  return { ...size, hash: (await canvasState(canvas)).hash };
}

/** How many runs kept in IndexedDB have their picture: the recorder asks the worker for it when a run ends. */
function picturedRuns(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('cnn-playground-runs');
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('runs')) return resolve(0);
          const all = db.transaction('runs').objectStore('runs').getAll();
          all.onsuccess = () => {
            db.close();
            resolve((all.result as { snapshot?: unknown }[]).filter((r) => r.snapshot).length);
          };
          all.onerror = () => reject(new Error(String(all.error)));
        };
      }),
  );
}

async function expectMapsDrawn(card: Locator): Promise<void> {
  const maps = card.getByRole('img', { name: 'Feature maps by layer', exact: true });
  await maps.scrollIntoViewIfNeeded();
  await expect.poll(async () => (await canvasState(maps)).nonBlank, { timeout: 30_000 }).toBe(true);
}

test('two kernel sizes side by side: each run its own kernels and maps, kept after a reload', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.goto('/');
  await page.getByLabel('Dataset').selectOption({ label: 'Procedural' });
  await page.getByLabel('Backend').selectOption({ label: 'WASM' });
  const bar = region(page, 'Training');
  const status = bar.locator('.status');
  // Short runs: each stops at step 40.
  const stopAt = bar.getByLabel('Stop at step', { exact: true });
  await stopAt.fill('40');
  await stopAt.press('Enter');

  const compare = region(page, 'Side by side');
  await expect(compare.getByText('Tick two or more runs in Runs')).toBeVisible();
  const runs = region(page, 'Runs');
  const table = runs.getByRole('table', { name: 'Runs' });
  const rows = table.getByRole('row');

  // Run 1: the default preset (first Conv2D 3×3).
  await bar.getByRole('button', { name: 'Train' }).click();
  await expect(rows).toHaveCount(2, { timeout: 120_000 });
  await expect(status).toHaveText('Finished', { timeout: 120_000 });
  await expect.poll(() => picturedRuns(page), { timeout: 30_000 }).toBe(1);

  // Run 2: the first Conv2D at 10×10 (same padding keeps the shapes).
  const graph = region(page, 'Graph');
  await graph
    .getByRole('group', { name: /^Conv2D / })
    .first()
    .click();
  const kernel = region(page, 'Inspector').getByLabel('Kernel size', { exact: true });
  await kernel.fill('10');
  await kernel.press('Enter');
  await expect(
    graph
      .getByRole('group', { name: /^Conv2D / })
      .first()
      .getByTestId('node-shape'),
  ).toHaveText('28×28×8');
  await bar.getByRole('button', { name: 'Train' }).click();
  await expect(rows).toHaveCount(3, { timeout: 120_000 });
  await expect(status).toHaveText('Finished', { timeout: 120_000 });
  await expect(bar.getByRole('alert')).toHaveCount(0);
  await expect.poll(() => picturedRuns(page), { timeout: 30_000 }).toBe(2);

  const tickBoth = async (): Promise<void> => {
    await runs.getByRole('checkbox', { name: 'Show Run 1 in Loss' }).check();
    await runs.getByRole('checkbox', { name: 'Show Run 2 in Loss' }).check();
  };
  await tickBoth();
  const cards = compare.getByRole('group', { name: /^Kernels and maps of / });
  await expect(cards).toHaveCount(2);
  const small = compare.getByRole('group', { name: 'Kernels and maps of Run 1', exact: true });
  const large = compare.getByRole('group', { name: 'Kernels and maps of Run 2', exact: true });
  await expect(small).toContainText('Best val acc');
  await expect(large).toContainText('conv2d_1 kernel 3 → 10');

  const before = { small: await kernelPicture(small), large: await kernelPicture(large) };
  // 10×10 taps against 3×3: the two grids are not the same picture, nor the same size.
  expect(before.large.hash).not.toBe(before.small.hash);
  expect(before.large.width * before.large.height).toBeGreaterThan(before.small.width * before.small.height);
  await expect(small.getByText(/conv2d_1 \(conv2d\) · 3×3/)).toHaveCount(1);
  await expect(large.getByText(/conv2d_1 \(conv2d\) · 10×10/)).toHaveCount(1);
  await expectMapsDrawn(small);
  await expectMapsDrawn(large);

  // After a reload the records (pictures included) come back from IndexedDB: the same pictures.
  await page.reload();
  await expect(rows).toHaveCount(3);
  await tickBoth();
  await expect(cards).toHaveCount(2);
  expect(await kernelPicture(small)).toEqual(before.small);
  expect(await kernelPicture(large)).toEqual(before.large);
  await expectMapsDrawn(small);
  await expectMapsDrawn(large);
});
