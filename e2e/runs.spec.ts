import { expect, test, type Locator, type Page } from '@playwright/test';
import { canvasState } from './canvasState';

// The experiment lab: each press of Train is recorded in the Runs table (what changed, parameters…), ticked runs are
// overlaid in Loss with a legend of their names, and the runs survive a reload (IndexedDB). Each Playwright test has
// a fresh browser context, so these runs never reach another spec.

const region = (page: Page, name: string): Locator => page.getByRole('region', { name, exact: true });

/** The text of each data row's cell under the column titled `title`. */
async function column(table: Locator, title: string): Promise<string[]> {
  const titles = (await table.getByRole('columnheader').allTextContents()).map((t) => t.trim());
  const i = titles.indexOf(title);
  expect(i, `column ${title} in ${titles.join(' | ')}`).toBeGreaterThanOrEqual(0);
  const rows = await table.getByRole('row').all();
  const out: string[] = [];
  for (const row of rows.slice(1))
    out.push(((await row.getByRole('cell').nth(i).textContent()) ?? '').trim());
  return out;
}

const parseCount = (text: string): number => Number(text.replace(/,/g, ''));

test('two runs differing in kernel size: two rows, what changed, overlaid curves with a legend, kept after reload', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto('/');
  await page.getByLabel('Dataset').selectOption({ label: 'Procedural' });
  await page.getByLabel('Backend').selectOption({ label: 'WASM' });
  await expect(page.getByLabel('Epochs', { exact: true })).toHaveValue('1');

  const bar = region(page, 'Training');
  const status = bar.locator('.status');
  const runs = region(page, 'Runs');
  const table = runs.getByRole('table', { name: 'Runs' });
  const rows = table.getByRole('row');
  await expect(runs.getByText('Each press of Train is recorded here')).toBeVisible();

  // Run 1: the default preset (first Conv2D 3×3, 8 filters, same padding), one epoch.
  await bar.getByRole('button', { name: 'Train' }).click();
  await expect(status).toHaveText('Finished', { timeout: 120_000 });
  await expect(rows).toHaveCount(2);

  // Run 2: kernel 5. The status still reads Finished from run 1 until the new run starts, so wait for its row first.
  const graph = region(page, 'Graph');
  const inspector = region(page, 'Inspector');
  await graph
    .getByRole('group', { name: /^Conv2D / })
    .first()
    .click();
  const kernel = inspector.getByLabel('Kernel size', { exact: true });
  await kernel.fill('5');
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

  const params = (await column(table, 'Params')).map(parseCount);
  expect(params[0]).toBe(26_698);
  // Only the first convolution's weights grow: (5·5·1·8 + 8) − (3·3·1·8 + 8) = 128 (same padding keeps the shapes).
  expect(params[1]! - params[0]!).toBe(5 * 5 * 1 * 8 + 8 - (3 * 3 * 1 * 8 + 8));
  expect(await column(table, 'What changed')).toEqual(['first run', 'conv2d_1 kernel 3 → 5']);

  // Ticked runs are drawn by their names.
  const loss = region(page, 'Loss');
  const legend = loss.getByRole('list', { name: 'Runs in the chart' });
  await runs.getByRole('checkbox', { name: 'Show Run 1 in Loss' }).check();
  await runs.getByRole('checkbox', { name: 'Show Run 2 in Loss' }).check();
  await expect(legend.getByRole('listitem')).toHaveText(['Run 1', 'Run 2']);

  // After a reload the runs come back from IndexedDB; the chart has no live run, so ticking draws them from the records.
  await page.reload();
  await expect(rows).toHaveCount(3);
  expect((await column(table, 'Params')).map(parseCount)).toEqual(params);
  expect(await column(table, 'What changed')).toEqual(['first run', 'conv2d_1 kernel 3 → 5']);
  await expect(runs.getByRole('status')).toHaveText('2 runs kept in this browser');

  const chart = loss.getByRole('img', { name: 'Loss and accuracy curves', exact: true });
  await chart.scrollIntoViewIfNeeded();
  const before = await canvasState(chart);
  expect(before.nonBlank, 'nothing to draw before a run is ticked').toBe(false);
  await runs.getByRole('checkbox', { name: 'Show Run 1 in Loss' }).check();
  await runs.getByRole('checkbox', { name: 'Show Run 2 in Loss' }).check();
  await expect(legend.getByRole('listitem')).toHaveText(['Run 1', 'Run 2']);
  await chart.scrollIntoViewIfNeeded();
  // (The legend alone resizes the canvas, so its hash changes anyway: the curves show as pixels that differ.)
  await expect.poll(async () => (await canvasState(chart)).nonBlank).toBe(true);
  expect((await canvasState(chart)).hash).not.toBe(before.hash);
});
