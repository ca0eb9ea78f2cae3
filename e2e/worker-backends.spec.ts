/**
 * The training worker on every backend: a tiny CNN on the procedural dataset, forced to each backend, trains 2×10
 * batches and its loss falls; 'auto' picks WASM at once on a GPU-less machine (software GPUs are not timed).
 * Drives the worker harness page (window.__harness, bench/harness/harness.ts), not the UI. The harness is not in dist/:
 * beforeAll builds it (bench/build-harness.mjs, a few seconds) into its own git-ignored folder beside E2E_DIST and
 * serves it on a free port, so any run of this spec (`npm test`, or the spec alone) gets a fresh one.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import type { BackendPolicy } from '../src/engine/backend/types';
import { buildHarness, HARNESS_PAGE, previewBuilt } from '../bench/build-harness.mjs';
import type { TrainReport } from '../bench/harness/harness';

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

// dist-harness by default (git-ignored as dist-*); E2E_DIST=dist-x gives dist-x-harness, so side-by-side runs don't clash.
const HARNESS_DIST = `${(process.env['E2E_DIST'] ?? 'dist').replace(/\/+$/, '')}-harness`;
let harness: { url: string; close: () => Promise<void> } | undefined;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  await buildHarness(HARNESS_DIST, { withApp: false });
  harness = await previewBuilt(HARNESS_DIST, 0);
});

test.afterAll(async () => {
  await harness?.close();
});

async function openHarness(page: Page): Promise<void> {
  if (!harness) throw new Error('the harness server did not start');
  await page.goto(`${harness.url}${HARNESS_PAGE}`);
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

  test('auto picks wasm here at once: software WebGPU/WebGL and plain-JS CPU are not timed', async ({
    page,
  }) => {
    await openHarness(page);
    const r = await train(page, 'auto');
    expect(r.errors).toEqual([]);
    expect(r.backend?.name).toBe('wasm');
    const note = (b: string) => r.backend?.measured.find((m) => m.backend === b)?.note ?? '';
    // This machine has no GPU: both GPU backends run on SwiftShader.
    expect(note('webgl')).toMatch(/^not timed: software adapter/);
    expect(note('webgpu')).toMatch(/^not timed: software adapter|no WebGPU adapter/);
    expect(note('cpu')).toMatch(/^not timed: plain JavaScript/);
    expect(r.backend?.reason).toMatch(/^wasm: .* in software here, so not timed$/);
    expect(r.preparing).toEqual(['Starting WASM…', 'Building the model…']);
    // Procedural data, backend start and model build, on a loaded 2-core machine.
    expect(r.readyMs).toBeLessThan(15_000);
  });
});
