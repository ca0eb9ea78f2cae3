import { expect, test, type Page } from '@playwright/test';

// Augmentation: Shift and Flip on the Procedural set, Preview draws the original and 8 changed copies (their pixels
// differ from the original's) without a Step, then a short run with augmentation on trains without an error. Preview
// needs only the dataset: it works too when the network cannot be trained (no run in the worker).

/** Of the preview strip's 8 copies, how many differ from the original pixel by pixel (-1: no strip drawn yet). */
function differingCopies(page: Page): Promise<number> {
  const group = page.getByRole('group', { name: 'Augmentation', exact: true });
  const strip = group.getByRole('img', { name: 'A training image, then 8 changed copies' });
  // Tiles are 28 px with 1 px gaps in one row.
  return strip
    .locator('canvas')
    .first()
    .evaluate((c: HTMLCanvasElement) => {
      const ctx = c.getContext('2d');
      if (!ctx || c.width < 9 * 28) return -1;
      const tile = (k: number) => Array.from(ctx.getImageData(k * 29, 0, 28, 28).data);
      const first = tile(0);
      if (first.every((v, i) => i % 4 === 3 || v === 0)) return -1;
      let n = 0;
      for (let k = 1; k < 9; k++) if (tile(k).some((v, i) => v !== first[i])) n++;
      return n;
    })
    .catch(() => -1);
}

test('augmentation preview shows changed copies, and a run trains with it', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await page.getByLabel('Dataset', { exact: true }).selectOption({ label: 'Procedural' });
  await page.getByLabel('Backend', { exact: true }).selectOption({ label: 'WASM' });
  const bar = page.getByRole('region', { name: 'Training', exact: true });
  const stopAt = bar.getByLabel('Stop at step', { exact: true });
  await stopAt.fill('20');
  await stopAt.press('Enter');

  await bar.getByRole('button', { name: 'Augmentation…' }).click();
  const group = page.getByRole('group', { name: 'Augmentation', exact: true });
  const shift = group.getByLabel('Shift', { exact: true });
  await shift.fill('4');
  await shift.press('Enter');
  await group.getByLabel('Flip', { exact: true }).check();
  // No Step first: the worker loads the dataset for the preview, the run stays at step 0.
  await group.getByRole('button', { name: 'Preview' }).click();
  await expect.poll(() => differingCopies(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(6);
  await expect(bar.getByText(/Step 0\b/)).toBeVisible();

  await bar.getByRole('button', { name: 'Train' }).click();
  await expect(bar.getByText(/Step 20\b/)).toBeVisible({ timeout: 120_000 });
  await expect(bar.getByRole('alert')).toHaveCount(0);
});

test('Preview works when the network cannot be trained (there is no run to draw it from)', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await page.getByLabel('Dataset', { exact: true }).selectOption({ label: 'Procedural' });
  const bar = page.getByRole('region', { name: 'Training', exact: true });
  // A first conv of 4,096 filters at stride 1 with batches of 4,096 is refused before the worker builds anything.
  const batch = bar.getByLabel('Batch size', { exact: true });
  await batch.fill('4096');
  await batch.press('Enter');
  const graph = page.getByRole('region', { name: 'Graph', exact: true });
  await graph
    .getByRole('group', { name: /^Conv2D / })
    .first()
    .click();
  const inspector = page.getByRole('region', { name: 'Inspector', exact: true });
  for (const [name, value] of [
    ['Filters', '4096'],
    ['Stride', '1'],
  ] as const) {
    const field = inspector.getByLabel(name, { exact: true });
    await field.fill(value);
    await field.press('Enter');
    await expect(field).toHaveValue(value);
  }
  await bar.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(bar.getByRole('alert')).toContainText('The model is too large', { timeout: 60_000 });

  await bar.getByRole('button', { name: 'Augmentation…' }).click();
  const group = page.getByRole('group', { name: 'Augmentation', exact: true });
  const shift = group.getByLabel('Shift', { exact: true });
  await shift.fill('4');
  await shift.press('Enter');
  await group.getByRole('button', { name: 'Preview' }).click();
  await expect.poll(() => differingCopies(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(6);
  await expect(group.getByRole('alert')).toHaveCount(0);
});
