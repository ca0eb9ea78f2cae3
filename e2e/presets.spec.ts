/**
 * Every preset from a cold start, as a teacher would open it: a fresh browser context (first visit, nothing cached),
 * 1366×768, Auto backend, Train pressed right after the page loads (dataset download included). Asserts the first
 * step and, per preset kind, the panel that matters: curves (classifier), reconstructions (autoencoder), the GAN
 * sample grid ≤ 10 s after the first step on procedural data, and both phases of the transfer lesson.
 * Timings go to the test's annotations (and to PRESET_TIMINGS, a JSON file, when set) for the closing table.
 */
import { appendFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { PRESETS } from '../src/engine/graph/presets';
import { canvasState } from './canvasState';

test.use({ viewport: { width: 1366, height: 768 } });

/** Generous on purpose: the suite runs on a loaded 2-core machine; the measured figures go in the annotations. */
const FIRST_STEP_MS = 20_000;
const GAN_GRID_AFTER_STEP_MS = 10_000;

async function stepCount(page: Page): Promise<number> {
  const text = await page.getByRole('region', { name: 'Training' }).locator('.counters').innerText();
  const m = /Step\s+([\d,]+)/.exec(text);
  return m ? Number(m[1]!.replace(/,/g, '')) : 0;
}

async function untilStep(page: Page, atLeast: number, timeout: number): Promise<void> {
  await expect
    .poll(() => stepCount(page), { message: `step ≥ ${atLeast}`, timeout, intervals: [50] })
    .toBeGreaterThanOrEqual(atLeast);
}

async function noRunError(page: Page): Promise<void> {
  await expect(page.getByRole('region', { name: 'Training' }).getByRole('alert')).toHaveCount(0);
}

async function panelCanvasDraws(page: Page, region: string, timeout: number): Promise<void> {
  const panel = page.getByRole('region', { name: region, exact: true });
  await panel.scrollIntoViewIfNeeded();
  const canvas = panel.locator('canvas').first();
  await expect
    .poll(async () => (await canvasState(canvas)).nonBlank, {
      message: `${region} draws`,
      timeout,
      intervals: [100],
    })
    .toBe(true);
}

for (const preset of PRESETS) {
  const kind = preset.gan
    ? 'gan'
    : preset.graph.role === 'autoencoder'
      ? 'autoencoder'
      : preset.transfer
        ? 'transfer'
        : 'classifier';

  test(`cold start: ${preset.title} (${kind})`, async ({ page }, info) => {
    test.setTimeout(kind === 'transfer' ? 150_000 : 90_000);
    await page.goto('/');
    await page.getByLabel('Preset').selectOption({ label: preset.title });
    // GANs on procedural data: the grid must show shapes within seconds, not after a download and minutes of MNIST.
    if (kind === 'gan') await page.getByLabel('Dataset').selectOption({ label: 'Procedural' });

    const t0 = Date.now();
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await untilStep(page, 1, FIRST_STEP_MS);
    const firstStep = Date.now() - t0;
    await noRunError(page);

    let panelMs: number;
    switch (kind) {
      case 'classifier':
      case 'transfer':
        await panelCanvasDraws(page, 'Loss', 30_000);
        panelMs = Date.now() - t0;
        break;
      case 'autoencoder':
        await panelCanvasDraws(page, 'Reconstructions', 30_000);
        panelMs = Date.now() - t0;
        break;
      case 'gan':
        await panelCanvasDraws(page, 'GAN samples', GAN_GRID_AFTER_STEP_MS);
        panelMs = Date.now() - t0;
        expect(panelMs - firstStep).toBeLessThanOrEqual(GAN_GRID_AFTER_STEP_MS);
        break;
    }
    info.annotations.push({ type: 'timing', description: `first step ${firstStep} ms, panel ${panelMs} ms` });

    if (kind === 'transfer') {
      // Phase 1 trains on 0–4 with the five-way head; phase 2 freezes the convs and retrains on 5–9.
      const labels = page.getByLabel('Train on labels');
      await expect(labels).toHaveValue('0–4');
      await untilStep(page, 20, 60_000);
      await page.getByRole('button', { name: /Freeze features, retrain on 5–9/ }).click();
      await expect(labels).toHaveValue('5–9');
      const at = await stepCount(page);
      await untilStep(page, at + 20, 60_000);
      await noRunError(page);
      await expect(page.getByRole('region', { name: 'Training' })).toContainText('Training');
    }

    const file = process.env['PRESET_TIMINGS'];
    if (file) appendFileSync(file, JSON.stringify({ preset: preset.title, kind, firstStep, panelMs }) + '\n');
  });
}
