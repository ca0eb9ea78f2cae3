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

test('the DCGAN preset trains on procedural data: samples change, D/G losses plot, interpolation animates', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto('/');
  await page.getByLabel('Preset').selectOption({ label: 'DCGAN' });
  await page.getByLabel('Dataset').selectOption({ label: 'Procedural' });
  await page.getByRole('button', { name: 'Train' }).click();

  const gan = page.getByRole('region', { name: 'GAN samples', exact: true });
  await gan.scrollIntoViewIfNeeded();
  const grid = gan.locator('canvas').first();
  await expect
    .poll(async () => (await canvasState(grid)).nonBlank, { message: 'GAN grid draws', timeout: 90_000 })
    .toBe(true);
  const first = (await canvasState(grid)).hash;
  await expect
    .poll(async () => (await canvasState(grid)).hash, { message: 'GAN grid changes', timeout: 90_000 })
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
});
