/**
 * Adversarial example on the trained default preset (procedural data, a few seconds of training, then paused): the
 * region draws the image, the perturbation and the attacked image, and moving ε or choosing PGD changes its pixels and
 * its words. The time from a change to the new picture goes to the test's annotations.
 */
import { expect, test, type Page } from '@playwright/test';
import { canvasState } from './canvasState';

async function stepCount(page: Page): Promise<number> {
  const text = await page.getByRole('region', { name: 'Training' }).locator('.counters').innerText();
  const m = /Step\s+([\d,]+)/.exec(text);
  return m ? Number(m[1]!.replace(/,/g, '')) : 0;
}

test('adversarial example: draws, and follows ε and the method', async ({ page }, info) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await page.getByLabel('Dataset').selectOption({ label: 'Procedural' });
  // Long enough that the run is still training when the spec pauses it.
  await page.getByLabel('Epochs', { exact: true }).fill('50');
  await page.getByLabel('Epochs', { exact: true }).press('Enter');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => stepCount(page), { timeout: 90_000 }).toBeGreaterThanOrEqual(30);

  // While training: the picture comes within the probe budget.
  const region = page.getByRole('region', { name: 'Adversarial example', exact: true });
  await region.scrollIntoViewIfNeeded();
  const canvas = region.getByRole('img', { name: 'Original, perturbation and perturbed image' });
  const outcome = region.locator('.viz-prediction');
  const shown = Date.now();
  await expect
    .poll(async () => (await canvasState(canvas)).nonBlank, { message: 'draws', timeout: 60_000 })
    .toBe(true);
  await expect(outcome).toContainText('At ε = 0.100, FGSM');
  info.annotations.push({
    type: 'timing',
    description: `first picture while training: ${Date.now() - shown} ms`,
  });

  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: 30_000 });
  await expect(region).toContainText(
    /Smallest ε that flips it[^:]*: (FGSM flips \d+ → \d+ at ε = 0\.\d{3}\.|No ε up to 0\.300 flips it by FGSM\.) /,
    { timeout: 60_000 },
  );
  const workerMs = async (): Promise<string> =>
    `attack ${await canvas.getAttribute('data-attack-ms')} ms, search ${await canvas.getAttribute('data-search-ms')} ms (worker)`;
  info.annotations.push({ type: 'timing', description: `FGSM at ε 0.1: ${await workerMs()}` });

  const slider = region.getByLabel('Attack size ε');
  const change = async (act: () => Promise<void>, text: string, what: string): Promise<void> => {
    const before = (await canvasState(canvas)).hash;
    const t0 = Date.now();
    await act();
    await expect(outcome).toContainText(text, { timeout: 60_000 });
    await expect.poll(async () => (await canvasState(canvas)).hash, { timeout: 60_000 }).not.toBe(before);
    info.annotations.push({
      type: 'timing',
      description: `${what}: ${Date.now() - t0} ms to the new picture`,
    });
  };
  await change(() => slider.fill('0.25'), 'At ε = 0.250, FGSM', 'ε 0.1 → 0.25 (FGSM)');
  // From the keyboard: one arrow step is 0.005.
  await change(
    async () => {
      await slider.focus();
      await page.keyboard.press('ArrowLeft');
    },
    'At ε = 0.245, FGSM',
    'ε 0.25 → 0.245 by the arrow key (FGSM)',
  );
  await change(
    async () => {
      await region.getByLabel('Attack method').selectOption({ label: 'PGD (10 steps of ε/4)' });
    },
    'At ε = 0.245, PGD (10 steps)',
    'FGSM → PGD at ε 0.245',
  );
  await expect(region).toContainText(/After: \d+ \d\.\d\d/);
});
