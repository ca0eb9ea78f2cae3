import { expect, test, type Locator, type Page } from '@playwright/test';
import { canvasState } from './canvasState';

// GAN runs are runs of the experiment lab too: two short DCGAN runs on procedural data (the second with a lower D
// learning rate) become two rows in Runs, with what changed, and their fixed-noise samples side by side in Side by side.

const region = (page: Page, name: string): Locator => page.getByRole('region', { name, exact: true });

/** Waits for the card's fixed-noise samples to be drawn (non-blank pixels). */
async function samplesPicture(card: Locator): Promise<void> {
  const canvas = card
    .getByRole('img', { name: /^Generated samples, \d+ from fixed noise$/ })
    .locator('canvas');
  // The run recorder takes the picture when the run stops; until then the card says so instead of a canvas.
  await expect(canvas, "the run's samples are drawn").toBeAttached({ timeout: 20_000 });
  await canvas.scrollIntoViewIfNeeded();
  await expect.poll(async () => (await canvasState(canvas)).nonBlank, { timeout: 10_000 }).toBe(true);
}

test('two short DCGAN runs are two rows in Runs, and their samples sit side by side in Side by side', async ({
  page,
}) => {
  test.setTimeout(60_000);
  const started = Date.now();
  await page.goto('/');
  await page.getByLabel('Preset').selectOption({ label: 'DCGAN' });
  await page.getByLabel('Dataset').selectOption({ label: 'Procedural' });
  // The backend is the one Auto picks, as in gan.spec.ts.
  const bar = region(page, 'Training');
  const status = bar.locator('.status');
  // Two GAN iterations per run.
  const stopAt = bar.getByLabel('Stop at step', { exact: true });
  await stopAt.fill('2');
  await stopAt.press('Enter');

  const runs = region(page, 'Runs');
  const rows = runs.getByRole('table', { name: 'Runs' }).getByRole('row');

  // Run 1: the preset as it is. It stops at its step limit; the recorder keeps it with its picture.
  await bar.getByRole('button', { name: 'Train' }).click();
  await expect(status).toHaveText('Finished', { timeout: 40_000 });
  const step = bar.locator('span', { hasText: /^Step\b/ }).locator('output');
  await expect(step).toHaveText('2');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText('first run');

  // Run 2: a lower D learning rate, from a fresh model (Reset), stopping at the same step.
  const lrD = page.getByLabel('D learning rate', { exact: true });
  await lrD.fill('0.0001');
  await lrD.press('Enter');
  await bar.getByRole('button', { name: 'Reset' }).click();
  await bar.getByRole('button', { name: 'Train' }).click();
  await expect(rows).toHaveCount(3, { timeout: 30_000 });
  await expect(status).toHaveText('Finished', { timeout: 30_000 });
  await expect(step).toHaveText('2');
  await expect(rows.nth(2)).toContainText('D learning rate 0.001 → 0.0001');
  await expect(bar.getByRole('alert')).toHaveCount(0);

  // Ticked, the two runs' D and G curves are in Loss, and their pictures side by side in Side by side.
  await runs.getByRole('checkbox', { name: 'Show Run 1 in Loss' }).check();
  await runs.getByRole('checkbox', { name: 'Show Run 2 in Loss' }).check();
  await expect(region(page, 'Loss').getByRole('list', { name: 'Runs in the chart' })).toContainText('Run 1');
  await expect(region(page, 'Loss').locator('svg')).toContainText('D loss');
  const compare = region(page, 'Side by side');
  await compare.scrollIntoViewIfNeeded();
  const first = compare.getByRole('group', { name: 'Kernels and maps of Run 1', exact: true });
  const second = compare.getByRole('group', { name: 'Kernels and maps of Run 2', exact: true });
  await expect(first).toContainText(/D loss \d/);
  await samplesPicture(first);
  await samplesPicture(second);
  await expect(first.getByRole('img', { name: 'Kernel grid', exact: true })).toBeAttached();
  await expect(page.getByText(/Probe \w+ failed/)).toHaveCount(0);
  const seconds = (Date.now() - started) / 1000;
  const time = (await rows.nth(1).getByRole('cell').nth(7).textContent()) ?? '';
  test.info().annotations.push({ type: 'two DCGAN runs of 2 steps (s)', description: seconds.toFixed(1) });
  console.log(`two DCGAN runs of 2 steps, pictures compared: ${seconds.toFixed(1)} s (run 1: ${time})`);
});
