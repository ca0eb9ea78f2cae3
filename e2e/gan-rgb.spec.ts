/**
 * The GAN and autoencoder presets on a 32×32×3 set of the user's own images (issue 14), at 1366×768 on WASM:
 * PNGs made here go in through "Your images…" as two classes; the Compression autoencoder, loaded on MNIST before,
 * is offered "Rebuild for 32×32×3", takes it and trains (Reconstructions change, Step goes up); then the DCGAN preset,
 * chosen with the set chosen, is built for 32×32×3 and trains (GAN samples change, Step goes up). The step rate of
 * each run goes to the test's annotations.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { canvasState } from './canvasState';
import { rgbPng } from './png';

const SIZE = 32;
const PER_CLASS = 12;

test.use({ viewport: { width: 1366, height: 768 } });

/** Image k of a class: a warm or a cool diagonal gradient with seeded noise, so the set is colourful. */
function picture(warm: boolean, k: number): Buffer {
  const px = new Uint8Array(SIZE * SIZE * 3);
  let seed = (k + 1) * (warm ? 7919 : 104729);
  for (let y = 0; y < SIZE; y++)
    for (let x = 0; x < SIZE; x++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      const t = ((x + y + k) % SIZE) / SIZE;
      const n = (seed >>> 16) % 40;
      const i = (y * SIZE + x) * 3;
      px[i] = warm ? 180 + n : 20 + n;
      px[i + 1] = Math.round(200 * t);
      px[i + 2] = warm ? 20 + n : 180 + n;
    }
  return rgbPng(px, SIZE, SIZE);
}

const bar = (page: Page) => page.getByRole('region', { name: 'Training', exact: true });

async function stepCount(page: Page): Promise<number> {
  const m = /Step\s+([\d,]+)/.exec(await bar(page).locator('.counters').innerText());
  return m ? Number(m[1]!.replace(/,/g, '')) : 0;
}

async function setNumber(page: Page, label: string, value: string): Promise<void> {
  const field = bar(page).getByLabel(label, { exact: true });
  await field.fill(value);
  await field.press('Enter');
}

/** Trains until `region`'s first canvas draws and then changes, with Step rising; pauses; returns ms per step. */
async function trainAndWatch(page: Page, region: string): Promise<number> {
  await bar(page).getByRole('button', { name: 'Train', exact: true }).click();
  const panel = page.getByRole('region', { name: region, exact: true });
  await panel.scrollIntoViewIfNeeded();
  const canvas: Locator = panel.locator('canvas').first();
  await expect
    .poll(async () => (await canvasState(canvas)).nonBlank, { message: `${region} draws`, timeout: 120_000 })
    .toBe(true);
  const first = (await canvasState(canvas)).hash;
  const stepAt = await stepCount(page);
  const t0 = Date.now();
  await expect
    .poll(async () => (await canvasState(canvas)).hash, { message: `${region} changes`, timeout: 90_000 })
    .not.toBe(first);
  await expect.poll(() => stepCount(page), { timeout: 90_000 }).toBeGreaterThan(stepAt + 5);
  const steps = (await stepCount(page)) - stepAt;
  const msPerStep = (Date.now() - t0) / steps;
  await expect(bar(page).getByRole('alert')).toHaveCount(0);
  await bar(page).getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(bar(page).locator('.status')).toHaveText('Paused');
  return msPerStep;
}

/** Makes the 32×32×3 set “Colours” (two classes of PNGs made here) through "Your images…"; it is then chosen. */
async function makeColours(page: Page): Promise<void> {
  await bar(page).getByRole('button', { name: 'Your images…' }).click();
  const own = page.getByRole('region', { name: 'Your images', exact: true });
  for (const [name, warm] of [
    ['warm', true],
    ['cool', false],
  ] as const) {
    await own.getByLabel('Class name', { exact: true }).fill(name);
    await own.getByLabel('Image files', { exact: true }).setInputFiles(
      Array.from({ length: PER_CLASS }, (_, k) => ({
        name: `${name}${k}.png`,
        mimeType: 'image/png',
        buffer: picture(warm, k),
      })),
    );
    await expect(own.locator('.own__said')).toHaveText(`Added ${PER_CLASS} images to “${name}”.`);
  }
  await own.getByLabel('Image size', { exact: true }).selectOption('32');
  await own.getByLabel('Colour', { exact: true }).selectOption('rgb');
  await own.getByLabel('Dataset name', { exact: true }).fill('Colours');
  await own.getByRole('button', { name: 'Make dataset' }).click();
  await expect(own.getByText(/Made “Colours”: 24 images of 32×32×3 in 2 classes/)).toBeVisible({
    timeout: 60_000,
  });
  await own.getByRole('button', { name: 'Close' }).click();
}

test('a 32×32×3 set of own images: the autoencoder rebuilt for it and the DCGAN chosen on it both train', async ({
  page,
}, info) => {
  test.setTimeout(360_000);
  await page.goto('/');
  await bar(page).getByLabel('Backend', { exact: true }).selectOption({ label: 'WASM' });
  await page.getByLabel('Preset', { exact: true }).selectOption({ label: 'Compression autoencoder' });

  await makeColours(page);
  const chosen = page.getByLabel('Dataset', { exact: true }).locator('option:checked');
  await expect(chosen).toHaveText('Colours');

  // The autoencoder still rebuilds 28×28×1: the validator says so and offers the preset built for the set.
  const rebuild = page.getByRole('button', { name: 'Rebuild for 32×32×3', exact: true });
  await expect(
    page.getByText(/swaps in the Compression autoencoder preset's network for 32×32×3/).first(),
  ).toBeVisible();
  await rebuild.first().click();
  await expect(rebuild).toHaveCount(0);
  await expect(page.getByTestId('issue-count')).toHaveText('none');
  await setNumber(page, 'Epochs', '1000');
  const aeMs = await trainAndWatch(page, 'Reconstructions');

  // DCGAN chosen while the set is chosen: built for 32×32×3 at once, the set stays chosen.
  await page.getByLabel('Preset', { exact: true }).selectOption({ label: 'DCGAN' });
  await expect(chosen).toHaveText('Colours');
  await expect(rebuild).toHaveCount(0);
  await expect(page.getByTestId('issue-count')).toHaveText('none');
  await setNumber(page, 'Epochs', '1000');
  const ganMs = await trainAndWatch(page, 'GAN samples');

  // Batch 16 (the preset's) on a set of about 19 training images: each step's real batch is 16 of them, as are its fakes.
  const text = `32×32×3 on WASM: autoencoder ${aeMs.toFixed(0)} ms/step, DCGAN ${ganMs.toFixed(0)} ms/iteration`;
  info.annotations.push({ type: 'timing', description: text });
  console.log(text);
});

test('DCGAN on MNIST, then the 32×32×3 set: the failed prepare is redone after "Rebuild", the fix covers no node', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await page.getByLabel('Dataset', { exact: true }).selectOption({ label: 'MNIST' });
  await page.getByLabel('Preset', { exact: true }).selectOption({ label: 'DCGAN' });
  await makeColours(page);
  // The 28×28×1 networks cannot train on it: the worker refuses them, the training bar says so.
  const alert = bar(page).getByRole('alert');
  await expect(alert).toContainText('28×28×1', { timeout: 60_000 });
  // The fix is listed with the model's issues; on the graph no issue popover covers a node.
  const graph = page.getByRole('region', { name: 'Graph', exact: true });
  await expect(graph.locator('.layer-node__popover')).toHaveCount(0);
  const rebuild = page.getByRole('button', { name: 'Rebuild for 32×32×3', exact: true });
  await expect(
    page
      .getByRole('region', { name: 'Inspector', exact: true })
      .getByRole('button', { name: 'Rebuild for 32×32×3', exact: true }),
  ).toBeVisible();
  await rebuild.first().click();
  await expect(rebuild).toHaveCount(0);
  await expect(page.getByTestId('issue-count')).toHaveText('none');
  // Prepared again for the new networks: no message about 28×28×1 is left, and the run is ready without Train.
  await expect(bar(page).locator('.status')).toHaveText('Ready', { timeout: 60_000 });
  await expect(alert).toHaveCount(0);
});
