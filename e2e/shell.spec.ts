import { test, expect, type Page } from '@playwright/test';

/** Fails the test on any uncaught page error or console error. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}

/** Counts pixels brighter than black in a canvas (the sample strip draws white strokes on black). */
async function brightPixels(page: Page, selector: string): Promise<{ width: number; bright: number }> {
  return page.locator(selector).evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const ctx = c.getContext('2d');
    if (!ctx || c.width === 0) return { width: 0, bright: 0 };
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let bright = 0;
    for (let i = 0; i < d.length; i += 4) if ((d[i] ?? 0) > 64) bright++;
    return { width: c.width, bright };
  });
}

test('the shell loads with its regions and controls', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await expect(page).toHaveTitle('CNN Playground');
  await expect(page.getByRole('complementary', { name: 'Layer palette' })).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Inspector' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Training' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Panel dock' })).toBeVisible();
  for (const name of ['Train', 'Pause', 'Step', 'Reset'])
    await expect(page.getByRole('button', { name, exact: true })).toBeVisible();
  for (const label of [
    'Preset',
    'Dataset',
    'Optimizer',
    'Backend',
    'Learning rate',
    'Batch size',
    'Epochs',
    'Schedule',
    'Seed',
  ])
    await expect(page.getByLabel(label, { exact: true })).toBeVisible();
  // The default preset's rate falls linearly to 0; the Decay field belongs to the other schedule.
  const schedule = page.getByLabel('Schedule', { exact: true });
  await expect(schedule).toHaveValue('linear');
  await expect(page.getByLabel('Decay', { exact: true })).toHaveCount(0);
  await schedule.selectOption('decay');
  await expect(page.getByLabel('Decay', { exact: true })).toBeVisible();
  await schedule.selectOption('linear');
  await expect(page.getByLabel('Optimizer', { exact: true }).locator('option')).toHaveText([
    'SGD',
    'Momentum',
    'Adam',
    'Adadelta',
    'RMSprop',
    'L-BFGS',
    'Conjugate gradient',
  ]);
  // The dock resizes from the keyboard.
  const handle = page.getByRole('separator', { name: 'Resize panel dock' });
  const before = Number(await handle.getAttribute('aria-valuenow'));
  await handle.focus();
  await page.keyboard.press('ArrowUp');
  await expect(handle).toHaveAttribute('aria-valuenow', String(before + 16));
  // Dark theme toggles the root's theme.
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(errors).toEqual([]);
});

test('choosing MNIST shows loading progress, then the split sizes and sample images', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  const dataset = page.getByLabel('Dataset', { exact: true });
  const loading = page.getByRole('progressbar', { name: 'Loading images' });
  // Start from the instant procedural data, so that MNIST is a real change.
  await dataset.selectOption({ label: 'Procedural' });
  await expect(page.getByText(/train · [\d,]+ test/)).toBeVisible({ timeout: 60_000 });
  // The worker keeps datasets it has decoded; a reload (the choice is autosaved) gives a worker that never saw MNIST.
  await page.reload();
  await expect(dataset).toHaveValue('procedural');
  await expect(page.getByText(/train · [\d,]+ test/)).toBeVisible({ timeout: 60_000 });
  // Slow the MNIST files down a little so the progress bar is certainly on screen long enough to see.
  await page.route('**/datasets/mnist/**', async (route) => {
    await new Promise((r) => setTimeout(r, 700));
    await route.continue();
  });
  await dataset.selectOption({ label: 'MNIST' });
  await expect(loading).toBeVisible();
  await expect(page.getByText('60,000 train · 10,000 test')).toBeVisible({ timeout: 60_000 });
  await expect(loading).toBeHidden();
  const strip = page.getByRole('img', { name: /Sample test images/ });
  await expect(strip).toBeVisible();
  await expect
    .poll(async () => (await brightPixels(page, 'canvas.sample-strip')).bright, { timeout: 20_000 })
    .toBeGreaterThan(100);
  const { width } = await brightPixels(page, 'canvas.sample-strip');
  expect(width).toBeGreaterThanOrEqual(28 * 4);
  expect(errors).toEqual([]);
});
