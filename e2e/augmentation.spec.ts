import { expect, test } from '@playwright/test';

// Augmentation: Shift and Flip on the Procedural set, Preview draws the original and 8 changed copies (their pixels
// differ from the original's), then a short run with augmentation on trains without an error.

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
  // The images are in the training worker: one Step makes the run the preview is drawn from.
  await expect(group.getByRole('button', { name: 'Preview' })).toBeDisabled();
  await bar.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(group.getByRole('button', { name: 'Preview' })).toBeEnabled({ timeout: 60_000 });
  await group.getByRole('button', { name: 'Preview' }).click();
  const strip = group.getByRole('img', { name: 'A training image, then 8 changed copies' });
  await expect(strip).toBeVisible({ timeout: 60_000 });
  const canvas = strip.locator('canvas').first();
  // Tiles are 28 px with 1 px gaps in one row: how many of the 8 copies differ from the original, pixel by pixel.
  const differing = () =>
    canvas.evaluate((c: HTMLCanvasElement) => {
      const ctx = c.getContext('2d');
      if (!ctx || c.width < 9 * 28) return -1;
      const tile = (k: number) => Array.from(ctx.getImageData(k * 29, 0, 28, 28).data);
      const first = tile(0);
      if (first.every((v, i) => i % 4 === 3 || v === 0)) return -1;
      let n = 0;
      for (let k = 1; k < 9; k++) if (tile(k).some((v, i) => v !== first[i])) n++;
      return n;
    });
  await expect.poll(differing, { timeout: 30_000 }).toBeGreaterThanOrEqual(6);

  await bar.getByRole('button', { name: 'Train' }).click();
  await expect(bar.getByText(/Step 20\b/)).toBeVisible({ timeout: 120_000 });
  await expect(bar.getByRole('alert')).toHaveCount(0);
});
