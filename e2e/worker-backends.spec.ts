/**
 * The training worker on every backend: a tiny CNN on the procedural dataset, forced to each backend, trains 2×10
 * batches and its loss falls; 'auto' measures them all and picks WASM on a GPU-less machine.
 * Drives e2e-harness.html (window.__harness, src/workers/harness.ts), not the UI.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import type { BackendPolicy } from '../src/workers/protocol';
import type { TrainReport } from '../src/workers/harness';

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

async function openHarness(page: Page): Promise<void> {
  await page.goto('/e2e-harness.html');
  await page.waitForFunction(() => window.__harness !== undefined);
}

function train(page: Page, backend: BackendPolicy): Promise<TrainReport> {
  return page.evaluate(
    (b) =>
      window.__harness!.train({
        backend: b,
        model: 'tiny',
        dataset: 'procedural',
        hyper: { optimizer: 'adam', learningRate: 0.01, batchSize: 16 },
        steps: 20,
        stepGroup: 10,
      }),
    backend,
  );
}

test.describe('training worker backends', () => {
  for (const backend of ['webgpu', 'webgl', 'wasm', 'cpu'] as const) {
    test(`trains on ${backend} and the loss falls`, async ({ page }) => {
      await openHarness(page);
      const r = await train(page, backend);
      expect(r.errors).toEqual([]);
      expect(r.backend?.name).toBe(backend);
      expect(r.backend?.reason).toBe('forced by the user');
      expect(r.steps).toBe(20);
      expect(r.losses).toHaveLength(20);
      expect(r.losses.every(Number.isFinite)).toBe(true);
      expect(mean(r.losses.slice(-5))).toBeLessThan(mean(r.losses.slice(0, 5)));
    });
  }

  test('auto measures every backend and picks wasm here', async ({ page }) => {
    await openHarness(page);
    const r = await train(page, 'auto');
    expect(r.errors).toEqual([]);
    const rated = r.backend?.measured.filter((m) => m.examplesPerSec !== null).map((m) => m.backend) ?? [];
    expect(rated).toEqual(expect.arrayContaining(['webgl', 'wasm', 'cpu']));
    expect(r.backend?.name).toBe('wasm');
    expect(r.backend?.reason).toMatch(/^fastest of \d measured: wasm [\d,]+ ex\/s vs /);
  });
});
