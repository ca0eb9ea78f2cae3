import { expect, test } from '@playwright/test';
import { canvasState } from './canvasState';

/** The first and latest values of a series in "RBM likelihood" ("Reconstruction error: 0.0712 at first, 0.0310 now"). */
function seriesValues(text: string, name: string): { first: number; now: number } | null {
  const m = new RegExp(`${name}: (-?[\\d.]+) at first, (-?[\\d.]+) now`).exec(text);
  return m ? { first: Number(m[1]), now: Number(m[2]) } : null;
}

test('the RBM preset trains on MNIST: dreams change while training, filters and reconstructions draw, the reconstruction error falls', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.goto('/');
  await page.getByLabel('Preset').selectOption({ label: 'RBM: a machine that dreams' });
  // The RBM settings, each with its name.
  for (const name of [
    'Hidden units',
    'CD steps',
    'Visible units',
    'Persistent chain (PCD)',
    'Learning rate',
    'Batch size',
  ])
    await expect(page.getByLabel(name, { exact: true })).toBeVisible();
  await expect(page.getByLabel('Hidden units', { exact: true })).toHaveValue('100');
  await page.getByRole('button', { name: 'Train' }).click();

  const dreams = page.getByRole('region', { name: 'Dreams', exact: true });
  await dreams.scrollIntoViewIfNeeded();
  const dreamCanvas = dreams.locator('canvas').first();
  await expect
    .poll(async () => (await canvasState(dreamCanvas)).nonBlank, { message: 'dreams draw', timeout: 200_000 })
    .toBe(true);
  const firstDream = (await canvasState(dreamCanvas)).hash;
  await expect
    .poll(async () => (await canvasState(dreamCanvas)).hash, {
      message: 'dreams change while training',
      timeout: 60_000,
    })
    .not.toBe(firstDream);
  await expect(dreams.getByRole('status')).toContainText(/Gibbs step \d+/);

  const filters = page.getByRole('region', { name: 'RBM filters', exact: true });
  await filters.scrollIntoViewIfNeeded();
  await expect
    .poll(async () => (await canvasState(filters.locator('canvas').first())).nonBlank, {
      message: 'filters draw',
      timeout: 60_000,
    })
    .toBe(true);
  await expect(filters).toContainText('100 hidden units');

  const recon = page.getByRole('region', { name: 'Reconstructions', exact: true });
  await recon.scrollIntoViewIfNeeded();
  await expect
    .poll(async () => (await canvasState(recon.locator('canvas').first())).nonBlank, {
      message: 'reconstructions draw',
      timeout: 60_000,
    })
    .toBe(true);

  const likelihood = page.getByRole('region', { name: 'RBM likelihood', exact: true });
  await likelihood.scrollIntoViewIfNeeded();
  await expect
    .poll(
      async () => {
        const v = seriesValues((await likelihood.textContent()) ?? '', 'Reconstruction error');
        return v !== null && v.now < v.first * 0.8;
      },
      { message: 'the reconstruction error falls by a fifth', timeout: 120_000 },
    )
    .toBe(true);
  await expect
    .poll(async () => seriesValues((await likelihood.textContent()) ?? '', 'Pseudo-likelihood') !== null, {
      timeout: 60_000,
    })
    .toBe(true);
  const text = (await likelihood.textContent()) ?? '';
  console.log(
    `RBM: ${JSON.stringify(seriesValues(text, 'Reconstruction error'))}, PL ${JSON.stringify(seriesValues(text, 'Pseudo-likelihood'))}`,
  );

  // Restart dreams: the chain begins again at step DREAM_STEPS.
  await page.getByRole('button', { name: 'Pause' }).click();
  await dreams.scrollIntoViewIfNeeded();
  await dreams.getByRole('button', { name: 'Restart dreams' }).click();
  await expect(dreams.getByRole('status')).toContainText(/Gibbs step \d+/);
  // Paused, the shown chain still advances.
  const pausedDream = (await canvasState(dreamCanvas)).hash;
  await expect
    .poll(async () => (await canvasState(dreamCanvas)).hash, {
      message: 'dreams go on while paused',
      timeout: 30_000,
    })
    .not.toBe(pausedDream);
});
