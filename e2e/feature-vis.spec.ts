/**
 * Feature visualization on the trained default preset (procedural data, a few seconds of training): the region draws
 * filter pictures while training, then (paused) another layer and a dream change its pixels, and the dream can be
 * replayed. The panel's timings (chunk ms, seconds for the whole job) go to the test's annotations.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { canvasState } from './canvasState';

async function stepCount(page: Page): Promise<number> {
  const text = await page.getByRole('region', { name: 'Training' }).locator('.counters').innerText();
  const m = /Step\s+([\d,]+)/.exec(text);
  return m ? Number(m[1]!.replace(/,/g, '')) : 0;
}

/** canvasState over every picture of the group (one canvas per picture, each with its label). */
async function picturesState(group: Locator): Promise<{ hash: string; nonBlank: boolean }> {
  const all = await group.locator('canvas').all();
  const states = await Promise.all(all.map((c) => canvasState(c)));
  return {
    hash: states.map((s) => s.hash).join('|'),
    nonBlank: states.some((s) => s.nonBlank),
  };
}

const progressText = async (region: Locator): Promise<string> =>
  (await region.locator('p[aria-live]').innerText()).trim();

test('feature visualization: filters, another layer, and a dream', async ({ page }, info) => {
  test.setTimeout(300_000);
  await page.goto('/');
  await page.getByLabel('Dataset').selectOption({ label: 'Procedural' });
  await page.getByLabel('Epochs', { exact: true }).fill('50');
  await page.getByLabel('Epochs', { exact: true }).press('Enter');
  await page.getByRole('button', { name: 'Train' }).click();

  const region = page.getByRole('region', { name: 'Feature visualization', exact: true });
  await region.scrollIntoViewIfNeeded();
  const canvas = region.getByRole('group', { name: 'Feature visualization pictures' });
  // While training: chunks within the probe budget.
  await expect
    .poll(async () => (await picturesState(canvas)).nonBlank, {
      message: 'draws while training',
      timeout: 120_000,
    })
    .toBe(true);
  info.annotations.push({ type: 'timing', description: `while training: ${await progressText(region)}` });

  await expect.poll(() => stepCount(page), { timeout: 90_000 }).toBeGreaterThanOrEqual(60);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: 30_000 });

  // Paused: a fresh 64 iterations of the first layer's 8 filters.
  await region.getByRole('button', { name: 'Visualize' }).click();
  await expect(region).toContainText(/iteration 64 \/ 64 .* made at step/, { timeout: 60_000 });
  info.annotations.push({ type: 'timing', description: `8 filters paused: ${await progressText(region)}` });
  const first = await picturesState(canvas);
  expect(first.nonBlank).toBe(true);

  // Another layer: its first 8 of 16 filters, then the second page.
  const layer = region.getByLabel('Layer', { exact: true });
  const second = (await layer.locator('option').nth(1).getAttribute('value'))!;
  await layer.selectOption(second);
  await expect.poll(async () => (await picturesState(canvas)).hash, { timeout: 60_000 }).not.toBe(first.hash);
  await expect(region).toContainText(/iteration 64 \/ 64 .* made at step/, { timeout: 60_000 });
  info.annotations.push({
    type: 'timing',
    description: `second layer paused: ${await progressText(region)}`,
  });
  const layer2 = (await picturesState(canvas)).hash;
  await region.getByLabel('Filter page').selectOption({ label: '9–16' });
  await expect.poll(async () => (await picturesState(canvas)).hash, { timeout: 60_000 }).not.toBe(layer2);

  // Classes.
  await region.getByLabel('Maximise').selectOption('classes');
  await expect(region).toContainText(/iteration 64 \/ 64 .* made at step/, { timeout: 60_000 });
  expect((await picturesState(canvas)).nonBlank).toBe(true);
  info.annotations.push({ type: 'timing', description: `10 classes paused: ${await progressText(region)}` });

  // A dream from the selected test image; then its replay.
  const beforeDream = (await picturesState(canvas)).hash;
  await region.getByLabel('Maximise').selectOption('dream');
  await expect(region).toContainText(/iteration 48 \/ 48 .* made at step/, { timeout: 60_000 });
  info.annotations.push({ type: 'timing', description: `dream paused: ${await progressText(region)}` });
  const dreamt = await picturesState(canvas);
  expect(dreamt.nonBlank).toBe(true);
  expect(dreamt.hash).not.toBe(beforeDream);
  // Two labelled pictures: the start and the dream; how much the dream changed it (mean |Δ| of the grey level).
  await expect(canvas.locator('figcaption')).toHaveText([/^start/, /^dream/]);
  const change = await canvas.evaluate((g) => {
    const [a, b] = [...g.querySelectorAll('canvas')].map(
      (c) => c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data,
    );
    let sum = 0;
    for (let i = 0; i < a!.length; i += 4) sum += Math.abs(a![i]! - b![i]!);
    return sum / (a!.length / 4);
  });
  info.annotations.push({ type: 'measure', description: `dream mean |Δ pixel|: ${change.toFixed(1)} / 255` });
  const slider = region.getByRole('slider', { name: 'Dream frame' });
  await expect(slider).toBeVisible();
  const replay = region.getByRole('img', { name: 'Dream replay' }).or(region.locator('canvas').last());
  const last = await canvasState(replay.first());
  await slider.focus();
  await slider.press('Home');
  await expect
    .poll(async () => (await canvasState(replay.first())).hash, { timeout: 10_000 })
    .not.toBe(last.hash);
  await region.getByRole('button', { name: 'Play dream' }).click();
  await expect(region.getByRole('button', { name: 'Stop playing' })).toBeVisible();
});
