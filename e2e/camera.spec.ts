import { test as base, expect, type Locator, type Page } from '@playwright/test';

/**
 * The camera and the draw pad as sources of "Your images" (issue 14), with Chromium's fake camera (a moving test
 * pattern, the permission prompt answered yes). Only this spec launches with those flags.
 */
const test = base.extend({
  launchOptions: [
    async ({ launchOptions }, use) =>
      use({
        ...launchOptions,
        args: [
          ...(launchOptions.args ?? []),
          '--use-fake-device-for-media-stream',
          '--use-fake-ui-for-media-stream',
        ],
      }),
    { scope: 'worker' },
  ],
});

const region = (page: Page): Locator => page.getByRole('region', { name: 'Your images', exact: true });
const classRow = (page: Page, name: string): Locator =>
  region(page)
    .getByRole('list', { name: 'Classes to make' })
    .getByRole('listitem')
    .filter({
      has: page.getByRole('textbox', { name: `Name of class ${name}`, exact: true }),
    });
const countIn = (text: string | null, cls: string): number =>
  Number(new RegExp(`([\\d,]+) images? in “${cls}”`).exec(text ?? '')?.[1]?.replace(/,/g, '') ?? -1);

async function drawStroke(
  page: Page,
  pad: Locator,
  from: [number, number],
  to: [number, number],
): Promise<void> {
  await pad.scrollIntoViewIfNeeded();
  const b = (await pad.boundingBox())!;
  await page.mouse.move(b.x + b.width * from[0], b.y + b.height * from[1]);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width * to[0], b.y + b.height * to[1], { steps: 8 });
  await page.mouse.up();
}

test('drawings and camera frames go into classes with their counts', async ({ page, context }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await context.grantPermissions(['camera']);
  await page.goto('/');

  // The draw pad: one drawing into "seven"; the pad is cleared for the next.
  const draw = page.getByRole('region', { name: 'Draw', exact: true });
  await draw.getByLabel('Class for drawings').fill('seven');
  await drawStroke(page, draw.getByLabel('Drawing pad'), [0.3, 0.2], [0.6, 0.8]);
  await draw.getByRole('button', { name: 'Add to class', exact: true }).click();
  await expect(draw).toContainText('1 image in “seven”');
  await expect(draw).toContainText('Added the drawing to “seven”');
  // Cleared: pressing again without drawing adds nothing.
  await draw.getByRole('button', { name: 'Add to class', exact: true }).click();
  await expect(draw).toContainText('Draw something first.');
  await expect(draw).toContainText('1 image in “seven”');

  await page.getByRole('button', { name: 'Your images…' }).click();
  const own = region(page);
  await expect(own).toBeVisible();
  await expect(classRow(page, 'seven')).toContainText('1 image');

  // Camera into "cats", held with the pointer.
  await own.getByLabel('Class name', { exact: true }).fill('cats');
  await own.getByRole('button', { name: 'Capture from camera', exact: true }).click();
  const hold = own.getByRole('button', { name: 'Hold to record', exact: true });
  await expect(hold).toBeVisible();
  const preview = own.getByLabel('Camera preview for “cats”');
  await expect.poll(() => preview.evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);
  await own.getByLabel('Frames per second').selectOption('10');
  await hold.hover();
  await page.mouse.down();
  await expect.poll(async () => countIn(await own.textContent(), 'cats')).toBeGreaterThanOrEqual(4);
  await page.mouse.up();
  await expect(own.getByRole('status').filter({ hasText: /Recorded \d+ frames/ })).toBeVisible();
  const cats = countIn(await own.textContent(), 'cats');
  await expect(classRow(page, 'cats')).toContainText(`${cats} images`);

  // Another class: the camera goes off; on again, held with Space.
  await own.getByLabel('Class name', { exact: true }).fill('dogs');
  await expect(hold).toHaveCount(0);
  await own.getByRole('button', { name: 'Capture from camera', exact: true }).click();
  await expect(hold).toBeVisible();
  await hold.focus();
  await page.keyboard.down(' ');
  await expect.poll(async () => countIn(await own.textContent(), 'dogs')).toBeGreaterThanOrEqual(3);
  await page.keyboard.up(' ');
  await expect(own.getByRole('status').filter({ hasText: /Recorded \d+ frames/ })).toBeVisible();
  const dogs = countIn(await own.textContent(), 'dogs');
  await expect(classRow(page, 'dogs')).toContainText(`${dogs} images`);
  await expect(classRow(page, 'cats')).toContainText(`${cats} images`);
  await expect(classRow(page, 'seven')).toContainText('1 image');

  // Stop camera turns the preview off; closing the region too.
  await own.getByRole('button', { name: 'Stop camera', exact: true }).click();
  await expect(own.getByRole('button', { name: 'Capture from camera', exact: true })).toBeVisible();
  await own.getByRole('button', { name: 'Capture from camera', exact: true }).click();
  await expect(hold).toBeVisible();
  await own.getByRole('button', { name: 'Close', exact: true }).click();
  await page.getByRole('button', { name: 'Your images…' }).click();
  await expect(own.getByRole('button', { name: 'Capture from camera', exact: true })).toBeVisible();
  await expect(hold).toHaveCount(0);

  // The frames and the drawing decode in the preparation worker: every one becomes an image of the dataset.
  await own.getByRole('button', { name: 'Make dataset', exact: true }).click();
  await expect(own).toContainText(new RegExp(`Made “[^”]+”: ${cats + dogs + 1} images of 28×28`), {
    timeout: 60_000,
  });
  await expect(own).not.toContainText(/Skipped \d+ file/);
  expect(errors).toEqual([]);
});
