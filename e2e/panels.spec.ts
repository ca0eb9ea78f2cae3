import { expect, test, type Locator, type Page } from '@playwright/test';
import { canvasState } from './canvasState';

/** Each panel region and the accessible name of its main canvas (a panel may hold other canvases: legends, thumbnails). */
const PANELS = {
  Kernels: 'Kernel grid',
  'Activation maps': 'Feature maps by layer',
  'Dead ReLU': 'Dead ReLU fractions',
  Loss: 'Loss and accuracy curves',
  'Confusion matrix': 'Confusion matrix cells: rows true class, columns predicted',
} as const;
type PanelName = keyof typeof PANELS;
const PANEL_NAMES = Object.keys(PANELS) as PanelName[];
const mainCanvas = (page: Page, name: PanelName): Locator =>
  page.getByRole('region', { name, exact: true }).getByRole('img', { name: PANELS[name], exact: true });

test('live panels draw, change, and respond to clicks and drawing', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await page.getByLabel('Dataset').selectOption({ label: 'Procedural' });
  // One epoch of Procedural (6,000 images) takes a few seconds; train long enough to see the panels change.
  await page.getByLabel('Epochs', { exact: true }).fill('50');
  await page.getByLabel('Epochs', { exact: true }).press('Enter');
  await page.getByRole('button', { name: 'Train' }).click();

  const first: Record<string, string> = {};
  for (const name of PANEL_NAMES) {
    const canvas = mainCanvas(page, name);
    await canvas.scrollIntoViewIfNeeded();
    await expect
      .poll(async () => (await canvasState(canvas)).nonBlank, { message: `${name} draws`, timeout: 60_000 })
      .toBe(true);
    first[name] = (await canvasState(canvas)).hash;
  }
  for (const name of PANEL_NAMES) {
    const canvas = mainCanvas(page, name);
    await canvas.scrollIntoViewIfNeeded();
    await expect
      .poll(async () => (await canvasState(canvas)).hash, { message: `${name} changes`, timeout: 60_000 })
      .not.toBe(first[name]);
  }

  // Clicking a map pixel draws the receptive field on the input thumbnail's overlay.
  const maps = page.getByRole('region', { name: 'Activation maps', exact: true });
  const overlay = maps.locator('canvas[data-role="input-overlay"]');
  const before = await canvasState(overlay);
  const mapCanvas = mainCanvas(page, 'Activation maps');
  await mapCanvas.scrollIntoViewIfNeeded();
  const box = (await mapCanvas.boundingBox())!;
  const size = await mapCanvas.evaluate((c: HTMLCanvasElement) => ({ w: c.width, h: c.height }));
  // (5, 20) in canvas pixels: inside the first map of the first layer, under its caption strip.
  await mapCanvas.click({ position: { x: (5 / size.w) * box.width, y: (20 / size.h) * box.height } });
  await expect.poll(async () => (await canvasState(overlay)).hash).not.toBe(before.hash);
  expect((await canvasState(overlay)).nonBlank).toBe(true);

  // Drawing on the pad changes the prediction text.
  const predictions = page.getByRole('region', { name: 'Predictions', exact: true });
  const summary = predictions.locator('.viz-prediction');
  await expect(summary).toContainText('Predicted', { timeout: 60_000 });
  const textBefore = await summary.textContent();
  const pad = page.getByRole('region', { name: 'Draw', exact: true }).locator('canvas');
  await pad.scrollIntoViewIfNeeded();
  const p = (await pad.boundingBox())!;
  await page.mouse.move(p.x + p.width * 0.3, p.y + p.height * 0.2);
  await page.mouse.down();
  await page.mouse.move(p.x + p.width * 0.7, p.y + p.height * 0.2, { steps: 8 });
  await page.mouse.move(p.x + p.width * 0.4, p.y + p.height * 0.8, { steps: 8 });
  await page.mouse.up();
  await expect.poll(() => summary.textContent(), { timeout: 30_000 }).not.toBe(textBefore);

  // A confusion-matrix cell opens its images.
  const cm = mainCanvas(page, 'Confusion matrix');
  await cm.scrollIntoViewIfNeeded();
  const cb = (await cm.boundingBox())!;
  const cw = await cm.evaluate((c: HTMLCanvasElement) => c.width);
  // Cell (0, 0): 18 px label margin, 28 px cells (see src/visualizers/confusion.ts).
  await cm.click({ position: { x: ((18 + 14) / cw) * cb.width, y: ((18 + 14) / cw) * cb.height } });
  const images = page.getByRole('group', { name: 'Cell images' });
  await expect(images).toBeVisible();
  await expect
    .poll(async () => (await canvasState(images.locator('canvas').first())).nonBlank, { timeout: 30_000 })
    .toBe(true);
});
