import { expect, test, type Locator, type Page } from '@playwright/test';

// At a 1366×768 window with the six runs of "Optimizers compared" ticked, the docked Loss panel still shows the whole
// chart: the legend of six runs and the options above it once pushed the x axis's tick labels out of the panel.
// The six runs are made quickly: one short run is trained, and five more records like it (each with its own curves:
// 3,000 steps for the first-order methods, 30 for L-BFGS and conjugate gradient) are put beside it in IndexedDB.

test.use({ viewport: { width: 1366, height: 768 } });

const region = (page: Page, name: string): Locator => page.getByRole('region', { name, exact: true });

const RUNS = [
  ['SGD', 3000],
  ['Momentum', 3000],
  ['Adam', 3200],
  ['Adadelta', 2900],
  ['L-BFGS', 30],
  ['Conjugate gradient', 28],
] as const;

/** Replaces the runs kept in IndexedDB by six copies of the first, each with its own name and made-up curves. */
function seedSixRuns(page: Page): Promise<void> {
  return page.evaluate(
    (runs) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('cnn-playground-runs');
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('runs', 'readwrite');
          const store = tx.objectStore('runs');
          const all = store.getAll();
          all.onsuccess = () => {
            const first = (all.result as Record<string, unknown>[])[0];
            if (!first) return reject(new Error('no run was kept'));
            store.clear();
            runs.forEach(([name, steps], i) => {
              const xs = Array.from({ length: Math.min(steps, 200) }, (_, k) =>
                Math.max(1, Math.round(((k + 1) * steps) / Math.min(steps, 200))),
              );
              const loss = xs.map((s) => 0.3 + 2 / (1 + s / (steps / 10)));
              const seconds = xs.map((s) => (10 * s) / steps);
              store.put({
                ...first,
                id: `run-seeded-${i}`,
                name,
                createdAt: 1_700_000_000_000 + i,
                steps,
                curves: {
                  steps: xs,
                  loss,
                  accuracy: loss.map((l) => 1 - l / 3),
                  valSteps: [xs.at(-1)],
                  valLoss: [loss.at(-1)],
                  valAccuracy: [0.9],
                  seconds,
                  valSeconds: [10],
                },
                snapshot: null,
              });
            });
          };
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(new Error(String(tx.error)));
        };
      }),
    RUNS,
  );
}

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

const inside = (b: Box, outer: Box): boolean =>
  b.x >= outer.x - 0.5 &&
  b.y >= outer.y - 0.5 &&
  b.x + b.width <= outer.x + outer.width + 0.5 &&
  b.y + b.height <= outer.y + outer.height + 0.5;

test('six runs compared in the docked Loss panel at 1366×768: the x axis stays inside the panel', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto('/');
  await page.getByLabel('Preset').selectOption({ label: 'Optimizers compared' });
  await page.getByLabel('Dataset').selectOption({ label: 'Procedural' });
  await page.getByLabel('Backend').selectOption({ label: 'WASM' });
  const bar = region(page, 'Training');
  const stopAt = bar.getByLabel('Stop at step', { exact: true });
  await stopAt.fill('10');
  await stopAt.press('Enter');
  await bar.getByRole('button', { name: 'Train' }).click();
  const table = region(page, 'Runs').getByRole('table', { name: 'Runs' });
  await expect(table.getByRole('row')).toHaveCount(2, { timeout: 180_000 });
  await expect(bar.locator('.status')).toHaveText('Finished', { timeout: 180_000 });

  await seedSixRuns(page);
  await page.reload();
  await expect(table.getByRole('row')).toHaveCount(1 + RUNS.length);
  for (const [name] of RUNS)
    await region(page, 'Runs')
      .getByRole('checkbox', { name: `Show ${name} in Loss`, exact: true })
      .check();

  const loss = region(page, 'Loss');
  await expect(loss.getByRole('list', { name: 'Runs in the chart' }).getByRole('listitem')).toHaveCount(
    RUNS.length,
  );
  const ticks = loss.locator('.viz-curves-x .tick text');
  await expect.poll(() => ticks.count()).toBeGreaterThan(1);
  await loss.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('loss-six-runs-1366x768.png') });

  const chart = loss.getByRole('img', { name: /curves$/ });
  const expectChartInside = async (when: string): Promise<void> => {
    const panel = (await loss.boundingBox())!;
    const labels = await ticks.evaluateAll((els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      }),
    );
    for (const b of labels)
      expect(
        inside(b, panel),
        `${when}: tick label ${JSON.stringify(b)} in Loss ${JSON.stringify(panel)}`,
      ).toBe(true);
    // The chart's canvas and the readout under it are inside too: nothing of the chart is cut off.
    expect(inside((await chart.boundingBox())!, panel), `${when}: the chart`).toBe(true);
    expect(inside((await loss.locator('.viz-readout').boundingBox())!, panel), `${when}: the readout`).toBe(
      true,
    );
  };
  await expectChartInside('six runs');
  // Hovering fills the readout with six runs' values: it must not push the axis out either.
  await chart.hover({ position: { x: 100, y: 40 } });
  await expect(loss.locator('.viz-readout')).toContainText('SGD step');
  await expectChartInside('hovered');

  // On a log step axis the 30 steps of L-BFGS and conjugate gradient take a third of the axis beside 3,000 of SGD.
  await loss.getByLabel('Compare by').selectOption({ label: 'Step (log)' });
  await expect(loss.locator('.viz-curves-xtitle')).toHaveText('step (log scale)');
  await expect.poll(() => ticks.allTextContents()).toEqual(expect.arrayContaining(['1', '10', '100', '1k']));
  await page.screenshot({ path: test.info().outputPath('loss-six-runs-log-steps-1366x768.png') });
  await expectChartInside('log steps');
});
