import { expect, test, type Locator, type Page } from '@playwright/test';

// A sweep over the first convolution's kernel size: one run per value, trained one after another without the user,
// each named after its value in the Runs table; the user's network is put back at the end.

const region = (page: Page, name: string): Locator => page.getByRole('region', { name, exact: true });

/** The text of each data row's cell under the column titled `title`. */
async function column(table: Locator, title: string): Promise<string[]> {
  const titles = (await table.getByRole('columnheader').allTextContents()).map((t) => t.trim());
  const i = titles.indexOf(title);
  expect(i, `column ${title} in ${titles.join(' | ')}`).toBeGreaterThanOrEqual(0);
  const out: string[] = [];
  for (const row of (await table.getByRole('row').all()).slice(1))
    out.push(((await row.getByRole('cell').nth(i).textContent()) ?? '').trim());
  return out;
}

test('a two-value kernel-size sweep gives two named runs whose params differ by (F·F·D1)·K + K', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.goto('/');
  await page.getByLabel('Dataset').selectOption({ label: 'Procedural' });
  await page.getByLabel('Backend').selectOption({ label: 'WASM' });

  const runs = region(page, 'Runs');
  const sweep = runs.getByRole('region', { name: 'Sweep' });
  await sweep.getByLabel('Sweep node').selectOption({ label: 'conv2d_1' });
  await sweep.getByLabel('Sweep setting').selectOption({ label: 'Kernel size' });
  await sweep.getByLabel('Sweep values').fill('3, 5');
  await sweep.getByLabel('Sweep epochs').fill('1');
  await sweep.getByRole('button', { name: 'Start sweep' }).click();

  const progress = sweep.getByRole('status').filter({ hasText: /^Sweep \d\/2: kernel \d…$/ });
  await expect(progress).toHaveText('Sweep 1/2: kernel 3…');
  await expect(sweep.getByRole('button', { name: 'Cancel sweep' })).toBeVisible();
  const table = runs.getByRole('table', { name: 'Runs' });
  await expect(progress).toHaveText('Sweep 2/2: kernel 5…', { timeout: 140_000 });
  await expect(table.getByRole('row')).toHaveCount(3, { timeout: 140_000 });
  await expect(progress).toHaveCount(0, { timeout: 140_000 });
  await expect(sweep.getByRole('button', { name: 'Cancel sweep' })).toHaveCount(0);
  await expect(region(page, 'Training').getByRole('alert')).toHaveCount(0);

  await expect(table.getByRole('textbox', { name: 'Name of kernel 3' })).toBeVisible();
  await expect(table.getByRole('textbox', { name: 'Name of kernel 5' })).toBeVisible();
  const params = (await column(table, 'Params')).map((t) => Number(t.replace(/,/g, '')));
  // Only the first convolution grows: (5·5·1·8 + 8) − (3·3·1·8 + 8) = 128 (same padding keeps the shapes).
  expect(params[1]! - params[0]!).toBe(128);

  // The editor shows the user's own network again: conv2d_1 back at 3×3.
  const graph = region(page, 'Graph');
  await graph
    .getByRole('group', { name: /^Conv2D / })
    .first()
    .click();
  await expect(region(page, 'Inspector').getByLabel('Kernel size', { exact: true })).toHaveValue('3');
});
