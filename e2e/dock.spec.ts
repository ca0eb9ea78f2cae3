import { expect, test, type Locator, type Page } from '@playwright/test';
import { canvasState } from './canvasState';

/** A classroom projector. */
test.use({ viewport: { width: 1366, height: 768 } });

const region = (page: Page, name: string): Locator => page.getByRole('region', { name, exact: true });
const dock = (page: Page): Locator => region(page, 'Panel dock');

/** Fails unless `target` lies wholly inside the dock's visible box, the dock wholly inside the window, and the dock
 *  has not been scrolled: what a teacher sees on the first screen. */
async function expectOnFirstScreen(page: Page, target: Locator, what: string): Promise<void> {
  const d = await dock(page).boundingBox();
  const b = await target.boundingBox();
  expect(d, 'the dock has a box').not.toBeNull();
  expect(b, `${what} has a box`).not.toBeNull();
  const view = page.viewportSize()!;
  expect(d!.y + d!.height, 'the dock ends inside the window').toBeLessThanOrEqual(view.height + 0.5);
  const inside =
    b!.width > 0 &&
    b!.height > 0 &&
    b!.x >= d!.x - 0.5 &&
    b!.y >= d!.y - 0.5 &&
    b!.x + b!.width <= d!.x + d!.width + 0.5 &&
    b!.y + b!.height <= d!.y + d!.height + 0.5;
  expect(inside, `${what} ${JSON.stringify(b)} lies inside the dock ${JSON.stringify(d)}`).toBe(true);
  const scrolled = await dock(page)
    .locator('.panel-dock')
    .evaluate((e) => e.scrollTop);
  expect(scrolled, 'the dock is not scrolled').toBe(0);
}

async function choose(page: Page, preset: string | null): Promise<void> {
  await page.goto('/');
  if (preset) await page.getByLabel('Preset', { exact: true }).selectOption({ label: preset });
  await page.getByLabel('Dataset', { exact: true }).selectOption({ label: 'Procedural' });
}

/** One training step, then wait until `canvas` has drawn something. */
async function stepUntilDrawn(page: Page, canvas: Locator, what: string): Promise<void> {
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect
    .poll(async () => (await canvasState(canvas)).nonBlank, { message: `${what} draws`, timeout: 90_000 })
    .toBe(true);
}

test('classifier: Loss, Kernels, Activation maps and the confusion matrix are on the first screen', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await choose(page, null);
  const matrix = region(page, 'Confusion matrix').getByRole('img', {
    name: 'Confusion matrix cells: rows true class, columns predicted',
  });
  await stepUntilDrawn(page, matrix, 'the confusion matrix');
  for (const name of ['Loss', 'Kernels', 'Activation maps', 'Confusion matrix'])
    await expectOnFirstScreen(page, region(page, name), name);
  await expectOnFirstScreen(page, matrix, 'the confusion matrix canvas');
  await expectOnFirstScreen(
    page,
    region(page, 'Kernels').getByRole('img', { name: 'Kernel grid' }),
    'kernels',
  );
  await expect(region(page, 'GAN samples')).toHaveCount(0);
  await expect(region(page, 'Reconstructions')).toHaveCount(0);
});

test('DCGAN: GAN samples and Loss come first, classifier panels are not shown', async ({ page }) => {
  test.setTimeout(180_000);
  await choose(page, 'DCGAN');
  const samples = region(page, 'GAN samples');
  const grid = samples.locator('canvas').first();
  await stepUntilDrawn(page, grid, 'the GAN grid');
  await expectOnFirstScreen(page, samples, 'GAN samples');
  await expectOnFirstScreen(page, grid, 'the fixed-noise grid');
  await expectOnFirstScreen(page, region(page, 'Loss'), 'Loss');
  await expect(region(page, 'Loss').locator('svg')).toContainText('D(x) · D(G(z))');
  for (const name of ['Confusion matrix', 'Predictions', 'Draw', 'Dead ReLU', 'Pooling'])
    await expect(region(page, name)).toHaveCount(0);
});

test('autoencoder: Reconstructions and Loss come first; the loss chart has no accuracy axis', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await choose(page, 'Compression autoencoder');
  const recon = region(page, 'Reconstructions');
  await stepUntilDrawn(page, recon.locator('canvas').first(), 'the reconstructions');
  await expectOnFirstScreen(page, recon, 'Reconstructions');
  await expectOnFirstScreen(page, region(page, 'Loss'), 'Loss');
  const lossSvg = region(page, 'Loss').locator('svg');
  await expect(lossSvg).toContainText('loss');
  await expect(lossSvg).not.toContainText('accuracy');
  await expect(lossSvg).not.toContainText('100%');
  await expect(region(page, 'Confusion matrix')).toHaveCount(0);
});

test('a panel maximises to presenter view and restores by button and by Escape', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await choose(page, null);
  const loss = region(page, 'Loss');
  const normal = (await loss.boundingBox())!;
  await page.getByRole('button', { name: 'Maximize Loss' }).click();
  await expect(page.getByRole('button', { name: 'Restore Loss' })).toBeVisible();
  await expect(region(page, 'Kernels')).toBeHidden();
  await expect(region(page, 'Graph')).toBeHidden();
  // It fills the room of the dock and the workspace.
  await expect.poll(async () => (await loss.boundingBox())?.height ?? 0).toBeGreaterThan(1.8 * normal.height);
  await expectOnFirstScreen(page, loss, 'the maximised Loss panel');
  await expect.poll(async () => (await loss.boundingBox())?.width ?? 0).toBeGreaterThan(3 * normal.width);

  await page.getByRole('button', { name: 'Restore Loss' }).click();
  await expect(region(page, 'Kernels')).toBeVisible();
  await expect(region(page, 'Graph')).toBeVisible();
  await expect.poll(async () => (await loss.boundingBox())?.height).toBe(normal.height);

  await page.getByRole('button', { name: 'Maximize Confusion matrix' }).click();
  await expect(region(page, 'Loss')).toBeHidden();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Maximize Confusion matrix' })).toBeVisible();
  await expect(region(page, 'Loss')).toBeVisible();
  expect(errors).toEqual([]);
});

test('the Panels menu shows and hides panels from the keyboard; choices survive a reload', async ({
  page,
}) => {
  await choose(page, null);
  const menuButton = page.getByRole('button', { name: 'Panels', exact: true });
  await menuButton.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('dialog', { name: 'Choose panels' });
  const pooling = menu.getByRole('checkbox', { name: 'Pooling', exact: true });
  await expect(menu.getByRole('checkbox', { name: 'Loss', exact: true })).toBeFocused();
  await expect(menu.getByRole('checkbox', { name: 'GAN samples' })).toHaveCount(0);
  await pooling.focus();
  await page.keyboard.press('Space');
  await expect(pooling).not.toBeChecked();
  await expect(region(page, 'Pooling')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(menuButton).toBeFocused();
  await page.getByRole('button', { name: 'Maximize Kernels' }).click();
  await expect(region(page, 'Loss')).toBeHidden();

  await page.reload();
  await expect(page.getByRole('button', { name: 'Restore Kernels' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(region(page, 'Loss')).toBeVisible();
  await expect(region(page, 'Pooling')).toHaveCount(0);
  // The choice is the classifier's: a GAN preset has its own.
  await page.getByLabel('Preset', { exact: true }).selectOption({ label: 'DCGAN' });
  await expect(region(page, 'GAN samples')).toBeVisible();
  await page.getByLabel('Preset', { exact: true }).selectOption({ index: 0 });
  await menuButton.click();
  await menu.getByRole('button', { name: 'Show all' }).click();
  await expect(region(page, 'Pooling')).toBeVisible();
});

test('old or damaged saved dock choices fall back to the default dock', async ({ page }) => {
  await page.addInitScript(() => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    localStorage.setItem(
      'cnn-playground',
      JSON.stringify({
        state: {
          theme: 'dark',
          dockSize: 280,
          panelPrefs: { classifier: { hidden: 'Loss', maximized: 12 } },
        },
        version: 1,
      }),
    );
  });
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  for (const name of ['Loss', 'Kernels', 'Activation maps', 'Confusion matrix'])
    await expectOnFirstScreen(page, region(page, name), name);
  await expect(page.getByRole('alert')).toHaveCount(0);
});
