/**
 * Convolution step on the trained default preset (procedural data, a few seconds of training, then paused): the region
 * draws the window, weights and products of a conv cell with the numbers, the region's fields choose the cell, an
 * arrow key moves it one output cell (text and pixels change), a click on its input picture picks the cell covering
 * that point, a click in Activation maps says so there (with a button to it), and a pooling and a dense layer can be
 * stepped too; all at 1366×768 with text no smaller than 12 px. The dense-only autoencoder steps a dense unit.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { canvasState } from './canvasState';

async function stepCount(page: Page): Promise<number> {
  const text = await page.getByRole('region', { name: 'Training' }).locator('.counters').innerText();
  const m = /Step\s+([\d,]+)/.exec(text);
  return m ? Number(m[1]!.replace(/,/g, '')) : 0;
}

async function optionLike(select: Locator, kind: string): Promise<string> {
  const labels = await select.locator('option').allInnerTexts();
  const hit = labels.find((l) => l.includes(`(${kind})`));
  if (!hit) throw new Error(`no ${kind} layer among ${labels.join(', ')}`);
  return hit;
}

test('convolution step: draws a cell with its numbers, fields and arrow keys move it', async ({
  page,
}, info) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('/');
  await page.getByLabel('Dataset').selectOption({ label: 'Procedural' });
  await page.getByLabel('Epochs', { exact: true }).fill('50');
  await page.getByLabel('Epochs', { exact: true }).press('Enter');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => stepCount(page), { timeout: 90_000 }).toBeGreaterThanOrEqual(40);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: 30_000 });

  const region = page.getByRole('region', { name: 'Convolution step', exact: true });
  await region.scrollIntoViewIfNeeded();
  const canvas = region.getByRole('img', { name: 'The window, the weights and their products' });
  await expect
    .poll(async () => (await canvasState(canvas)).nonBlank, { message: 'draws', timeout: 60_000 })
    .toBe(true);
  await expect(region).toContainText('filter 1 of', { timeout: 30_000 });
  // The first cell is the middle one: its window inside the image, not the all-padding corner.
  await expect(region).toContainText('The window lies inside the image: no padding.');
  await expect(region.getByLabel('Output row')).not.toHaveValue('1');
  await expect(region).toContainText(/\+ bias −?\d[\d.]* = −?\d[\d.]* → linear \(none\) = −?\d[\d.]*/);
  expect(await region.innerText()).not.toMatch(/\de-\d|-\d/);
  // Readable on a projector: the arithmetic is at least 12 px, the picture (its 12 px numbers) not shrunk.
  const sizes = await region
    .locator('.viz-step-line, .panel-note')
    .evaluateAll((els) => els.map((e) => parseFloat(getComputedStyle(e).fontSize)));
  expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
  const shrink = await canvas.evaluate((c: HTMLCanvasElement) => c.getBoundingClientRect().width / c.width);
  expect(shrink).toBeGreaterThanOrEqual(1);

  const change = async (act: () => Promise<unknown>, text: string | RegExp, what: string): Promise<void> => {
    const before = (await canvasState(canvas)).hash;
    const t0 = Date.now();
    await act();
    await expect(region).toContainText(text, { timeout: 30_000 });
    await expect.poll(async () => (await canvasState(canvas)).hash, { timeout: 30_000 }).not.toBe(before);
    info.annotations.push({
      type: 'timing',
      description: `${what}: ${Date.now() - t0} ms to the new picture`,
    });
  };
  await change(
    async () => {
      await region.getByLabel('Output row').fill('5');
      await region.getByLabel('Output column').fill('5');
    },
    'output row 5, column 5',
    'fields: cell (5, 5)',
  );
  await change(
    async () => {
      await region.getByRole('group', { name: 'Cell picture: arrow keys move the window' }).focus();
      await page.keyboard.press('ArrowRight');
    },
    'output row 5, column 6',
    'arrow key right',
  );
  await change(() => page.keyboard.press('ArrowDown'), 'output row 6, column 6', 'arrow key down');

  // A click on the input picture (28×28 inside one cell of 'same' padding: 30 cells of 5 px, below an 18 px caption)
  // picks the output cell whose window covers it: input row 4, column 9 → output row 4, column 9 (stride 1).
  const s = await canvas.evaluate((c: HTMLCanvasElement) => c.getBoundingClientRect().width / c.width);
  await change(
    () => canvas.click({ position: { x: (9 * 5 + 2) * s, y: (18 + 4 * 5 + 2) * s } }),
    'output row 4, column 9',
    'click on the input picture',
  );
  await expect(region.getByRole('status')).toContainText(
    'Input row 4, column 9: shown by output row 4, column 9.',
  );

  // A click on the first conv's first map in Activation maps (canvas pixel (12, 12 + 9): below its 12-pixel caption,
  // 1 pixel per map cell) picks that conv's cell (9, 12) here, with the numbers of the default preset's first conv.
  const maps = page.getByRole('region', { name: 'Activation maps', exact: true }).getByRole('img', {
    name: 'Feature maps by layer',
  });
  await maps.scrollIntoViewIfNeeded();
  const k = await maps.evaluate((c: HTMLCanvasElement) => c.getBoundingClientRect().width / c.width);
  await change(
    () => maps.click({ position: { x: 12.5 * k, y: 21.5 * k } }),
    // (a pixel either way: CSS scaling rounds)
    /filter 1 of 8, output row (9|10|11), column (12|13|14):/,
    'click in Activation maps',
  );
  // Where the user clicked, a line says where the cell went; the page did not move until its button is pressed.
  const mapsRegion = page.getByRole('region', { name: 'Activation maps', exact: true });
  const notice = mapsRegion.getByRole('status');
  await expect(notice).toContainText(/row (9|10|11), column (12|13|14) is worked out in Convolution step/);
  await expect(maps).toBeInViewport();
  await mapsRegion.getByRole('button', { name: 'Show in Convolution step' }).click();
  await expect(region.getByRole('group', { name: 'Cell picture: arrow keys move the window' })).toBeFocused();
  await expect(canvas).toBeInViewport({ ratio: 0.3 });

  const layer = region.getByLabel('Layer to inspect');
  await change(
    async () => layer.selectOption({ label: await optionLike(layer, 'maxPool2d') }),
    'The largest of the 4 inputs wins',
    'layer: max pooling',
  );
  await change(
    async () => layer.selectOption({ label: await optionLike(layer, 'dense') }),
    /unit 1 of \d+: the 8 largest of its \d+ inputs × weights/,
    'layer: dense',
  );
});

test('convolution step on the dense-only compression autoencoder: a dense unit is stepped, the text says so', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('/');
  await page.getByLabel('Preset', { exact: true }).selectOption({ label: 'Compression autoencoder' });
  await page.getByLabel('Dataset', { exact: true }).selectOption({ label: 'Procedural' });
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(() => stepCount(page), { timeout: 90_000 }).toBeGreaterThanOrEqual(1);
  const region = page.getByRole('region', { name: 'Convolution step', exact: true });
  await region.scrollIntoViewIfNeeded();
  await expect(region).toContainText('pick a dense unit');
  await expect(region).not.toContainText('Activation maps');
  const canvas = region.getByRole('img', { name: 'The window, the weights and their products' });
  await expect
    .poll(async () => (await canvasState(canvas)).nonBlank, { message: 'draws', timeout: 60_000 })
    .toBe(true);
  await expect(region).toContainText(/unit 1 of 128: the 8 largest of its 784 inputs × weights/);
  await expect(region).toContainText(/\+ bias −?\d[\d.]* = −?\d[\d.]* → ReLU = /);
});
