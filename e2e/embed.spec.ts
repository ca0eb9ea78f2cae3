/**
 * Embeddable for slides (issue 17): "Copy embed code" puts an <iframe> of the embedded view on the clipboard, with the
 * current network and the panels first in the dock; that view (?embed=1&panels=…) shows the graph and those panels
 * only, with Train and Pause, and trains; it never writes over the user's own work (autosave, run history) in the same
 * browser. Presenter enlarges the full app's panels and is kept after a reload.
 */
import { expect, test, type Page } from '@playwright/test';

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

async function stepCount(page: Page): Promise<number> {
  const text = await page.getByRole('region', { name: 'Training' }).innerText();
  const m = /Step\s+([\d,]+)/.exec(text);
  return m ? Number(m[1]!.replace(/,/g, '')) : 0;
}

/** Records in the run history's IndexedDB (the Runs panel's list). */
const savedRuns = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open('cnn-playground-runs');
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('runs')) return resolve(0);
          const count = db.transaction('runs').objectStore('runs').count();
          count.onsuccess = () => resolve(count.result);
        };
        open.onerror = () => resolve(-1);
      }),
  );

test('the embed code opens a view of the graph and two panels that trains and saves nothing', async ({
  page,
  context,
}) => {
  test.setTimeout(180_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/');
  // The user's own work, autosaved: it must survive the embed.
  await field(page, 'Seed').fill('4242');
  await field(page, 'Seed').press('Enter');
  await page.getByRole('button', { name: 'Copy embed code' }).click();
  const shown = page.getByRole('textbox', { name: 'Embed code copied' });
  await expect(shown).toBeVisible();
  const code = await page.evaluate(() => navigator.clipboard.readText());
  expect(await shown.inputValue()).toBe(code);
  expect(code).toMatch(
    /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/\?embed=1&amp;panels=Loss,Kernels#s=v1\.[\w-]+" title="CNN Playground" .*><\/iframe>$/,
  );
  const src = (/src="([^"]+)"/.exec(code)?.[1] ?? '').replaceAll('&amp;', '&');
  const saved = await page.evaluate(() => localStorage.getItem('cnn-playground'));
  expect(saved).toContain('4242');
  const runsBefore = await savedRuns(page);

  const embed = await context.newPage();
  await embed.goto(src);
  await expect(embed.getByRole('region', { name: 'Loss' })).toBeVisible();
  await expect(embed.getByRole('region', { name: 'Kernels' })).toBeVisible();
  for (const other of [
    'Activation maps',
    'Confusion matrix',
    'Predictions',
    'Runs',
    'Layer palette',
    'Inspector',
  ])
    await expect(embed.getByRole('region', { name: other, exact: true })).toHaveCount(0);
  await expect(embed.getByRole('region', { name: 'Graph' }).getByText('28×28×8').first()).toBeVisible();
  const training = embed.getByRole('region', { name: 'Training' });
  await expect(training.getByRole('button')).toHaveText(['Train', 'Pause']);
  await training.getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => stepCount(embed), { timeout: 120_000 }).toBeGreaterThanOrEqual(5);
  await training.getByRole('button', { name: 'Pause' }).click();
  await expect(training.getByText('Paused')).toBeVisible();
  // The kernels are drawn: their canvas holds more than one colour.
  await expect
    .poll(() =>
      embed
        .getByRole('region', { name: 'Kernels' })
        .locator('canvas')
        .last()
        .evaluate((c: HTMLCanvasElement) => {
          const px =
            c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
          return new Set(
            Array.from(
              { length: px.length / 4 },
              (_, i) => px[i * 4]! * 65536 + px[i * 4 + 1]! * 256 + px[i * 4 + 2]!,
            ),
          ).size;
        }),
    )
    .toBeGreaterThan(2);
  // A reload of the frame shows the same network: the embed keeps its link.
  expect(new URL(embed.url()).hash).toMatch(/^#s=v1\./);

  // Nothing of the embed was saved over the user's work.
  expect(await embed.evaluate(() => localStorage.getItem('cnn-playground'))).toBe(saved);
  expect(await savedRuns(embed)).toBe(runsBefore);
  await page.reload();
  await expect(field(page, 'Seed')).toHaveValue('4242');
});

test('Presenter enlarges the panels and stays on after a reload', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('/');
  const presenter = page.getByRole('button', { name: 'Presenter', exact: true });
  const title = page.getByRole('region', { name: 'Loss' }).getByRole('heading', { name: 'Loss' });
  await expect(presenter).toHaveAttribute('aria-pressed', 'false');
  const before = (await title.boundingBox())?.height ?? 0;
  expect(before).toBeGreaterThan(0);
  await presenter.click();
  await expect(presenter).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => (await title.boundingBox())?.height ?? 0).toBeGreaterThan(before * 1.2);
  await page.reload();
  await expect(presenter).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => (await title.boundingBox())?.height ?? 0).toBeGreaterThan(before * 1.2);
});
