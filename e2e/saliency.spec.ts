/**
 * Saliency on the trained default preset (procedural data, a few seconds of training, then paused): the region draws
 * the image and its map, and choosing another class, Grad-CAM, another layer or SmoothGrad changes its pixels. The
 * worker's time per map (the panel says it) goes to the test's annotations.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { canvasState } from './canvasState';

async function stepCount(page: Page): Promise<number> {
  const text = await page.getByRole('region', { name: 'Training' }).locator('.counters').innerText();
  const m = /Step\s+([\d,]+)/.exec(text);
  return m ? Number(m[1]!.replace(/,/g, '')) : 0;
}

/** The worker's ms for the map on show, from "map computed in N ms". */
async function mapMs(region: Locator): Promise<number> {
  const m = /map computed in (\d+) ms/.exec(await region.innerText());
  return m ? Number(m[1]) : NaN;
}

test('saliency: draws a map, and follows the class, the method and the layer', async ({ page }, info) => {
  test.setTimeout(240_000);
  await page.goto('/');
  await page.getByLabel('Dataset').selectOption({ label: 'Procedural' });
  await page.getByLabel('Epochs', { exact: true }).fill('50');
  await page.getByLabel('Epochs', { exact: true }).press('Enter');
  await page.getByRole('button', { name: 'Train' }).click();

  const region = page.getByRole('region', { name: 'Saliency', exact: true });
  await region.scrollIntoViewIfNeeded();
  const canvas = region.getByRole('img', { name: 'The image, and the saliency map laid over it' });
  // While training, within the probe budget.
  await expect
    .poll(async () => (await canvasState(canvas)).nonBlank, {
      message: 'draws while training',
      timeout: 90_000,
    })
    .toBe(true);
  await expect(region).toContainText('map computed in', { timeout: 60_000 });
  info.annotations.push({
    type: 'timing',
    description: `gradient while training: ${await mapMs(region)} ms`,
  });

  await expect.poll(() => stepCount(page), { timeout: 90_000 }).toBeGreaterThanOrEqual(60);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: 30_000 });
  await expect(region).toContainText('(the prediction)', { timeout: 60_000 });
  await expect(region).toContainText('logit');

  const change = async (act: () => Promise<unknown>, text: string | RegExp, what: string): Promise<void> => {
    const before = (await canvasState(canvas)).hash;
    await act();
    await expect(region).toContainText(text, { timeout: 60_000 });
    await expect.poll(async () => (await canvasState(canvas)).hash, { timeout: 60_000 }).not.toBe(before);
    expect((await canvasState(canvas)).nonBlank).toBe(true);
    info.annotations.push({ type: 'timing', description: `${what}: ${await mapMs(region)} ms per map` });
  };

  // Another class than the predicted one.
  const classSelect = region.getByLabel('Class', { exact: true });
  const options = await classSelect
    .locator('option')
    .evaluateAll((os) =>
      os.map((o) => ({ value: (o as HTMLOptionElement).value, label: o.textContent ?? '' })),
    );
  // The default names the prediction once ("The predicted class (7)"); the class's own option is plain "7".
  const predicted = /^The predicted class \((.+)\)$/.exec(options[0]?.label ?? '')?.[1];
  expect(predicted, JSON.stringify(options)).toBeTruthy();
  expect(options.filter((o) => o.label.includes('predicted')).length).toBe(1);
  const other = options.find((o) => o.value !== '' && o.label !== predicted);
  if (!other) throw new Error(`no other class among ${JSON.stringify(options)}`);
  await change(
    () => classSelect.selectOption(other.value),
    `Explaining ${other.label}; the network predicts`,
    'gradient, another class',
  );

  const method = region.getByLabel('Method', { exact: true });
  await change(
    () => method.selectOption({ label: 'Grad-CAM' }),
    'ReLU(Σ weight × map)',
    'Grad-CAM, last conv',
  );
  const layer = region.getByLabel('Layer', { exact: true });
  const layers = await layer
    .locator('option')
    .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  expect(layers.length).toBe(2);
  // From the keyboard: the first conv layer.
  await change(
    async () => {
      await layer.focus();
      await page.keyboard.press('ArrowUp');
      await expect(layer).toHaveValue(layers[0]!);
    },
    'ReLU(Σ weight × map)',
    'Grad-CAM, first conv',
  );
  await change(
    () => method.selectOption({ label: 'SmoothGrad' }),
    '|mean ∂ logit / ∂ pixel|',
    'SmoothGrad (16 copies)',
  );
  await expect(region).toContainText('Adebayo');
});
