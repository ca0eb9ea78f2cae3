import { expect, test, type Locator } from '@playwright/test';
import { canvasState } from './canvasState';

/** Pixel hashes of a canvas over two consecutive animation frames (a few apart, so a 90 ms/frame player moves). */
async function hashesOverFrames(canvas: Locator, frames: number): Promise<string[]> {
  return canvas.evaluate(async (c: HTMLCanvasElement, n: number) => {
    const hashOf = (): string => {
      const d = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
      if (!d) return '';
      let h = 2166136261;
      for (let i = 0; i < d.length; i++) h = Math.imul(h ^ d[i]!, 16777619);
      return String(h >>> 0);
    };
    const out = [hashOf()];
    for (let k = 0; k < n; k++) {
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      out.push(hashOf());
    }
    return out;
  }, frames);
}

/** The training bar's step count, read in the page (the "Training" region shows `Step N`). */
function stepInPage(): number {
  const bar = document.querySelector('[aria-label="Training"]');
  const span = [...(bar?.querySelectorAll('span') ?? [])].find((x) => /^Step\b/.test(x.textContent ?? ''));
  return Number((span?.querySelector('output')?.textContent ?? '0').replace(/\D/g, '')) || 0;
}

/** Seconds the GAN grid may take, after the first step, to draw: the panel's point is feedback from the start. */
const FIRST_GRID_S = 10;

test('the DCGAN preset trains on procedural data: samples change, D/G losses plot, interpolation animates', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.goto('/');
  await page.getByLabel('Preset').selectOption({ label: 'DCGAN' });
  await page.getByLabel('Dataset').selectOption({ label: 'Procedural' });
  const gan = page.getByRole('region', { name: 'GAN samples', exact: true });
  await gan.scrollIntoViewIfNeeded();
  await page.getByRole('button', { name: 'Train' }).click();

  // While the run prepares and before its first grid, the panel says so (never "train a GAN preset").
  await expect(gan.getByRole('status')).toContainText(/Preparing|Waiting for the first samples/);
  await page.waitForFunction(stepInPage, undefined, { polling: 'raf', timeout: 200_000 });
  const firstStep = Date.now();
  await expect(gan).not.toContainText('Train a GAN preset');

  // The grid draws within FIRST_GRID_S of the first step.
  const grid = gan.locator('canvas').first();
  await expect
    .poll(async () => (await canvasState(grid)).nonBlank, {
      message: `GAN grid draws within ${FIRST_GRID_S} s of the first step`,
      timeout: FIRST_GRID_S * 1000,
      intervals: [100],
    })
    .toBe(true);
  const firstGridS = (Date.now() - firstStep) / 1000;
  test
    .info()
    .annotations.push({ type: 'first grid after first step (s)', description: firstGridS.toFixed(1) });
  console.log(`GAN grid drawn ${firstGridS.toFixed(1)} s after the first step`);
  await expect(gan).toContainText(/Fixed-noise grid at step \d+/);
  const first = (await canvasState(grid)).hash;
  await expect
    .poll(async () => (await canvasState(grid)).hash, { message: 'GAN grid changes', timeout: 60_000 })
    .not.toBe(first);

  // Balance meter and diversity read-out appear with the metrics and frames.
  await expect(gan.getByRole('group', { name: 'Balance' })).toContainText(/D winning|G fooling D|balanced/, {
    timeout: 60_000,
  });
  await expect(gan).toContainText('Diversity');

  // D and G losses in "Loss": the GAN legend is drawn and the curve canvas has lines.
  const loss = page.getByRole('region', { name: 'Loss', exact: true });
  await loss.scrollIntoViewIfNeeded();
  await expect(loss.locator('svg')).toContainText('D loss', { timeout: 60_000 });
  await expect(loss.locator('svg')).toContainText('G loss');
  await expect(loss.locator('svg')).toContainText('D(G(z))');
  const curves = loss.locator('canvas').first();
  await expect.poll(async () => (await canvasState(curves)).nonBlank, { timeout: 60_000 }).toBe(true);

  // Pick the ends by keyboard-accessible fields, then play: the interpolation canvas changes between frames.
  await gan.scrollIntoViewIfNeeded();
  await gan.getByLabel('Start sample').fill('3');
  await gan.getByLabel('End sample').fill('60');
  const interp = gan.getByRole('group', { name: 'Latent interpolation' });
  await interp.getByRole('button', { name: 'Play interpolation' }).click();
  await expect(interp.getByRole('button', { name: 'Pause interpolation' })).toBeVisible();
  const playerCanvas = interp.locator('canvas');
  await expect
    .poll(async () => new Set(await hashesOverFrames(playerCanvas, 12)).size, {
      message: 'interpolation animates',
      timeout: 30_000,
    })
    .toBeGreaterThan(1);
  await interp.getByRole('button', { name: 'Pause interpolation' }).click();
  await expect(interp.getByRole('button', { name: 'Play interpolation' })).toBeVisible();

  // Kernels: the discriminator's by default, the generator's on request; both drawn.
  const kernels = page.getByRole('region', { name: 'Kernels', exact: true });
  await kernels.scrollIntoViewIfNeeded();
  const network = kernels.getByLabel('Network');
  await expect(network).toHaveValue('discriminator');
  const kernelGrid = kernels.getByRole('img', { name: 'Kernel grid' });
  await expect
    .poll(async () => (await canvasState(kernelGrid)).nonBlank, {
      message: 'D kernels draw',
      timeout: 60_000,
    })
    .toBe(true);
  const dKernels = (await canvasState(kernelGrid)).hash;
  await network.selectOption({ label: 'Generator' });
  await expect
    .poll(async () => (await canvasState(kernelGrid)).hash, {
      message: 'G kernels replace D kernels',
      timeout: 30_000,
    })
    .not.toBe(dKernels);
  expect((await canvasState(kernelGrid)).nonBlank).toBe(true);

  // Activation maps: the discriminator's maps of a real and of a generated image, side by side, both drawn.
  const maps = page.getByRole('region', { name: 'Activation maps', exact: true });
  await maps.scrollIntoViewIfNeeded();
  const real = maps.getByRole('group', { name: 'Real image' });
  const fake = maps.getByRole('group', { name: 'Generated image' });
  for (const [which, g] of [
    ['real', real],
    ['generated', fake],
  ] as const)
    for (const name of ['Input image', 'Feature maps by layer'])
      await expect
        .poll(async () => (await canvasState(g.getByRole('img', { name }))).nonBlank, {
          message: `${which} image: ${name} drawn`,
          timeout: 60_000,
        })
        .toBe(true);
  await expect(fake).toContainText(/sample \d+ of the fixed-noise grid/);
  const realInput = (await canvasState(real.getByRole('img', { name: 'Input image' }))).hash;
  expect((await canvasState(fake.getByRole('img', { name: 'Input image' }))).hash).not.toBe(realInput);

  // No probe was asked that a GAN run cannot answer.
  await expect(page.getByText(/Probe \w+ failed/)).toHaveCount(0);
});
