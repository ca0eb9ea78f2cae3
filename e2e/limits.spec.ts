import { expect, test } from '@playwright/test';

// A GAN's discriminator counts in the size check: a 4,096-filter conv at stride 1 is refused with the reason, before
// the worker allocates anything (it used to start "Training" at step 0 and take 8 GB).
test('a GAN whose discriminator is too large is refused with the reason and the device limit', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await page.getByLabel('Preset').selectOption({ label: 'DCGAN' });
  await page.getByLabel('Dataset').selectOption({ label: 'Procedural' });
  await page.getByRole('tab', { name: 'Discriminator' }).click();
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
  await expect(graph.getByText('28×28×4096').first()).toBeVisible();
  // At the DCGAN's own batch of 16 this network fits in some devices' budget; at 64 it fits in none.
  const batch = page.getByLabel('Batch size', { exact: true });
  await batch.fill('64');
  await batch.press('Enter');
  await expect(batch).toHaveValue('64');

  await page.getByRole('button', { name: 'Train' }).click();
  const bar = page.getByRole('region', { name: 'Training', exact: true });
  await expect(
    page.getByText(/The generator and discriminator together need about [\d,]+ MB to train/),
  ).toBeVisible({
    timeout: 60_000,
  });
  // The limit is the device's (a quarter of navigator.deviceMemory, at most the WASM heap's 2 GB), not a constant.
  await expect(
    page.getByText(/the limit here is [\d,]+ MB, (a quarter of this device's|the most a WASM heap gets)/),
  ).toBeVisible();
  await expect(bar.getByRole('button', { name: 'Train' })).toBeEnabled();
  await expect(bar).not.toContainText('Step 1');
});
