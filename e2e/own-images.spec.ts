import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { png } from './png';

// Your own images (issue 14), through the UI at 1366×768: class "left" from "Image files" (PNGs made here), class
// "right" from "Image folder" (a folder of PNGs and a stray notes.txt). Make dataset names the .txt as skipped,
// chooses the new set in "Dataset", the validator offers the output fix (2 classes), a short run trains on it, and
// after a reload the dataset is still chosen and listed (IndexedDB). OWN_IMAGES_SHOT=<file> also saves a picture of
// the region.

const SIZE = 28;
const PER_CLASS = 20;

const greyPng = (pixels: Uint8Array, size: number): Buffer => png(pixels, size, size, 1);
/** Image k of a class: the bright half on the class's side, with some seeded noise. */
function halfImage(side: 'left' | 'right', k: number): Buffer {
  const px = new Uint8Array(SIZE * SIZE);
  let seed = (k + 1) * (side === 'left' ? 7919 : 104729);
  for (let i = 0; i < px.length; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const bright = i % SIZE < SIZE / 2 === (side === 'left');
    px[i] = (bright ? 200 : 30) + ((seed >>> 16) % 40);
  }
  return greyPng(px, SIZE);
}

let dir = '';
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'own-images-'));
  mkdirSync(join(dir, 'right'));
  for (let k = 0; k < PER_CLASS; k++) writeFileSync(join(dir, 'right', `r${k}.png`), halfImage('right', k));
  writeFileSync(join(dir, 'right', 'notes.txt'), 'not a picture');
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

test.use({ viewport: { width: 1366, height: 768 } });

const chosenDataset = (page: Page) => page.getByLabel('Dataset', { exact: true }).locator('option:checked');

test('two classes of generated PNGs and a stray .txt become a dataset that trains and survives a reload', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto('/');
  const bar = page.getByRole('region', { name: 'Training', exact: true });
  await bar.getByLabel('Backend', { exact: true }).selectOption({ label: 'WASM' });
  // 32 training images are one batch: enough epochs that the run ends at its step limit.
  const epochs = bar.getByLabel('Epochs', { exact: true });
  await epochs.fill('50');
  await epochs.press('Enter');
  const stopAt = bar.getByLabel('Stop at step', { exact: true });
  await stopAt.fill('10');
  await stopAt.press('Enter');

  await bar.getByRole('button', { name: 'Your images…' }).click();
  const own = page.getByRole('region', { name: 'Your images', exact: true });
  await expect(own.getByText('Your images never leave this browser')).toBeVisible();
  const said = own.locator('.own__said');

  await own.getByLabel('Class name', { exact: true }).fill('left');
  await own.getByLabel('Image files', { exact: true }).setInputFiles(
    Array.from({ length: PER_CLASS }, (_, k) => ({
      name: `l${k}.png`,
      mimeType: 'image/png',
      buffer: halfImage('left', k),
    })),
  );
  await expect(said).toHaveText('Added 20 images to “left”.');
  // A folder without sub-folders is one class, named after the folder when no Class name is typed.
  await own.getByLabel('Class name', { exact: true }).fill('');
  await own.getByLabel('Image folder', { exact: true }).setInputFiles(join(dir, 'right'));
  await expect(said).toHaveText(
    'Added 20 images to “right”. 1 file is not an image and will be skipped: right/notes.txt.',
  );
  await expect(own.getByRole('list', { name: 'Classes to make' })).toContainText(
    '20 images (+ 1 other file, skipped)',
  );

  await own.getByLabel('Dataset name', { exact: true }).fill('Halves');
  await own.getByRole('button', { name: 'Make dataset' }).click();
  await expect(own.getByText(/Made “Halves”: 40 images of 28×28×1 in 2 classes/)).toBeVisible({
    timeout: 60_000,
  });
  await expect(own.getByRole('list', { name: 'Skipped files' })).toHaveText(
    'right/notes.txt: not an image (PNG, JPEG, WebP, GIF or BMP)',
  );
  await expect(own.locator('.own__counts tbody tr')).toHaveText(['left164', 'right164']);
  await expect(own.getByRole('listitem', { name: 'Halves' })).toContainText('40 images (32 train · 8 test)');
  await expect(chosenDataset(page)).toHaveText('Halves');
  const shot = process.env['OWN_IMAGES_SHOT'];
  if (shot) await own.screenshot({ path: shot });

  // The gallery shows the class's images.
  await own.getByRole('button', { name: 'Show images of Halves' }).click();
  await expect(own.getByText('Page 1 of 1')).toBeVisible();
  await expect(own.locator('.own__thumbs li')).toHaveCount(PER_CLASS);
  const firstThumbLit = await own
    .locator('.own__thumbs canvas')
    .first()
    .evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      return [d[0]!, d[(c.width - 1) * 4]!]; // the top row's first and last pixel: bright left, dark right
    });
  expect(firstThumbLit[0]).toBeGreaterThan(150);
  expect(firstThumbLit[1]).toBeLessThan(100);
  await own.getByRole('button', { name: 'Back to your datasets' }).click();
  await own.getByRole('button', { name: 'Close' }).click();
  await expect(own).toBeHidden();

  // The network ends in 10 units; the dataset has 2 classes: the validator offers the fix.
  await page.getByRole('button', { name: 'units 2', exact: true }).first().click();
  await expect(page.getByRole('button', { name: 'units 2', exact: true })).toHaveCount(0);
  await bar.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(bar.getByText(/Step 10\b/)).toBeVisible({ timeout: 120_000 });
  await expect(bar.locator('.status')).toHaveText('Finished');
  await expect(bar.getByRole('alert')).toHaveCount(0);

  await page.reload();
  await expect(chosenDataset(page)).toHaveText('Halves');
  await expect(page.getByText('32 train · 8 test', { exact: true })).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Your images…' }).click();
  await expect(own.getByRole('listitem', { name: 'Halves' })).toContainText(
    '28×28×1 · 2 classes (left, right)',
  );
});

test('a 32×32 RGB set from one pick per class: the validator offers the Input its shape, and its kernels are drawn in colour', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await page.getByRole('button', { name: 'Your images…' }).click();
  const own = page.getByRole('region', { name: 'Your images', exact: true });
  for (const side of ['left', 'right'] as const) {
    await own.getByLabel('Class name', { exact: true }).fill(side);
    await own.getByLabel('Image files', { exact: true }).setInputFiles(
      Array.from({ length: 6 }, (_, k) => ({
        name: `${side}${k}.png`,
        mimeType: 'image/png',
        buffer: halfImage(side, k),
      })),
    );
    await expect(own.locator('.own__said')).toHaveText(`Added 6 images to “${side}”.`);
  }
  await own.getByLabel('Image size', { exact: true }).selectOption('32');
  await own.getByLabel('Colour', { exact: true }).selectOption('rgb');
  await own.getByRole('radio', { name: 'Pad' }).check();
  await own.getByRole('button', { name: 'Make dataset' }).click();
  await expect(own.getByText(/Made “left and right”: 12 images of 32×32×3 in 2 classes/)).toBeVisible({
    timeout: 60_000,
  });
  await expect(chosenDataset(page)).toHaveText('left and right');
  await own.getByRole('button', { name: 'Close' }).click();
  const fix = page.getByRole('button', { name: 'shape 32×32×3', exact: true }).first();
  await expect(fix).toBeVisible();
  await fix.click();
  await expect(page.getByRole('button', { name: 'shape 32×32×3', exact: true })).toHaveCount(0);

  // One step on the colour set: the first conv reads red, green and blue, so Kernels draws each filter as one colour
  // picture. Its random weights give some green-dominant pixels, which the red–blue scale of the grey rows never has.
  await page.getByRole('button', { name: 'units 2', exact: true }).first().click();
  const bar = page.getByRole('region', { name: 'Training', exact: true });
  await bar.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(bar.getByText(/Step 1\b/)).toBeVisible({ timeout: 90_000 });
  const kernels = page.getByRole('region', { name: 'Kernels', exact: true });
  await kernels.scrollIntoViewIfNeeded();
  // Every canvas of the panel (the colour key and the grid): the key is red–white–blue only.
  const greenish = () =>
    kernels.locator('canvas').evaluateAll((cs: HTMLCanvasElement[]) => {
      let n = 0;
      for (const c of cs) {
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        for (let i = 0; i < d.length; i += 4) if (d[i + 1]! > d[i]! + 30 && d[i + 1]! > d[i + 2]! + 30) n++;
      }
      return n;
    });
  await expect.poll(greenish, { timeout: 30_000 }).toBeGreaterThan(0);
});
