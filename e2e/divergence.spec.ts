import { expect, test } from '@playwright/test';

// At the UI's largest learning rate the softmax saturates at once and the loss sits at ~15 with no gradient: the run
// pauses by itself and says why (it used to train on for thousands of steps without a word).
test('learning rate 10 pauses the run with the layer and the remedy; clipping and a lower rate train on', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await page.getByLabel('Dataset').selectOption({ label: 'Procedural' });
  await page.getByLabel('Backend').selectOption({ label: 'WASM' });
  // A constant rate (the default preset's falls linearly, so the alert would quote the rate it has fallen to).
  await page.getByLabel('Schedule', { exact: true }).selectOption('decay');
  const lr = page.getByLabel('Learning rate', { exact: true });
  await lr.fill('10');
  await lr.press('Enter');
  await expect(lr).toHaveValue('10');

  const bar = page.getByRole('region', { name: 'Training', exact: true });
  await bar.getByRole('button', { name: 'Train' }).click();
  const alert = bar.getByRole('alert');
  await expect(alert).toContainText('Training is diverging or stuck (paused)', { timeout: 120_000 });
  await expect(alert).toContainText(/Training is stuck at step \d+/);
  await expect(alert).toContainText(/Layer "[^"]+" is where it shows/);
  await expect(alert).toContainText('try 1.00');
  await expect(alert).toContainText('Gradient clip norm');
  await expect(bar.getByRole('button', { name: 'Train' })).toBeEnabled();
  await expect(bar).toContainText('Paused');
  const stepNow = async (): Promise<number> =>
    Number(
      (
        (await bar
          .locator('span', { hasText: /^Step\b/ })
          .locator('output')
          .textContent()) ?? '0'
      ).replace(/\D/g, ''),
    );
  const pausedAt = await stepNow();
  expect(pausedAt).toBeGreaterThan(0);

  await expect(alert).toContainText('then press Reset');
  // The remedy is one field away: clip, lower the rate, Reset (the saturated weights stay stuck), train again.
  const clip = page.getByLabel('Gradient clip norm', { exact: true });
  await expect(clip).toHaveValue('0');
  await clip.fill('1');
  await clip.press('Enter');
  await lr.fill('0.001');
  await lr.press('Enter');
  await bar.getByRole('button', { name: 'Reset' }).click();
  await expect.poll(stepNow).toBe(0);
  await bar.getByRole('button', { name: 'Train' }).click();
  await expect(alert).toHaveCount(0);
  await expect(bar.getByRole('button', { name: 'Pause' })).toBeEnabled();
  // It trains on well past the guard's window (50 steps stuck would pause it), towards the epoch's end (188 steps).
  await expect.poll(stepNow, { timeout: 120_000 }).toBeGreaterThanOrEqual(150);
  await expect(alert).toHaveCount(0);
});
