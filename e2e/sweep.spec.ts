import { expect, test, type Locator, type Page } from '@playwright/test';
import { updateLayer } from '../src/engine/graph/edit';
import { presetById } from '../src/engine/graph/presets';
import { DEFAULT_HYPER } from '../src/engine/train/hyper';
import { encodeComparison } from '../src/app/persistence/shareComparison';

// A sweep over the first convolution's kernel size: one run per value, trained one after another without the user,
// each named after its value in the Runs table; the user's network is put back at the end.

const region = (page: Page, name: string): Locator => page.getByRole('region', { name, exact: true });

/** The text of each data row's cell under the column titled `title`. */
async function column(table: Locator, title: string): Promise<string[]> {
  const titles = (await table.getByRole('columnheader').allTextContents()).map((t) => t.trim());
  const i = titles.indexOf(title);
  expect(i, `column ${title} in ${titles.join(' | ')}`).toBeGreaterThanOrEqual(0);
  const out: string[] = [];
  for (const row of (await table.getByRole('row').all()).slice(1))
    out.push(((await row.getByRole('cell').nth(i).textContent()) ?? '').trim());
  return out;
}

test('a two-value kernel-size sweep gives two named runs whose params differ by (F·F·D1)·K + K', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.goto('/');
  await page.getByLabel('Dataset').selectOption({ label: 'Procedural' });
  await page.getByLabel('Backend').selectOption({ label: 'WASM' });

  const runs = region(page, 'Runs');
  const sweep = runs.getByRole('region', { name: 'Sweep' });
  await sweep.getByLabel('Sweep node').selectOption({ label: 'conv2d_1' });
  await sweep.getByLabel('Sweep setting').selectOption({ label: 'Kernel size' });
  await sweep.getByLabel('Sweep values').fill('3, 5');
  await sweep.getByLabel('Sweep budget').fill('1');
  await sweep.getByLabel('Budget unit').selectOption({ label: 'Epochs' });
  await sweep.getByRole('button', { name: 'Start sweep' }).click();

  const progress = sweep.getByRole('status').filter({ hasText: /^Sweep \d\/2: kernel \d…$/ });
  await expect(progress).toHaveText('Sweep 1/2: kernel 3…');
  await expect(sweep.getByRole('button', { name: 'Cancel sweep' })).toBeVisible();
  const table = runs.getByRole('table', { name: 'Runs' });
  await expect(progress).toHaveText('Sweep 2/2: kernel 5…', { timeout: 140_000 });
  await expect(table.getByRole('row')).toHaveCount(3, { timeout: 140_000 });
  await expect(progress).toHaveCount(0, { timeout: 140_000 });
  await expect(sweep.getByRole('button', { name: 'Cancel sweep' })).toHaveCount(0);
  await expect(region(page, 'Training').getByRole('alert')).toHaveCount(0);

  await expect(table.getByRole('textbox', { name: 'Name of kernel 3' })).toBeVisible();
  await expect(table.getByRole('textbox', { name: 'Name of kernel 5' })).toBeVisible();
  const params = (await column(table, 'Params')).map((t) => Number(t.replace(/,/g, '')));
  // Only the first convolution grows: (5·5·1·8 + 8) − (3·3·1·8 + 8) = 128 (same padding keeps the shapes).
  expect(params[1]! - params[0]!).toBe(128);

  // Ticked, the two sweep runs are overlaid in Loss under their names.
  const legend = region(page, 'Loss').getByRole('list', { name: 'Runs in the chart' });
  await runs.getByRole('checkbox', { name: 'Show kernel 3 in Loss' }).check();
  await runs.getByRole('checkbox', { name: 'Show kernel 5 in Loss' }).check();
  await expect(legend.getByRole('listitem')).toHaveText(['kernel 3', 'kernel 5']);

  // Both rows survive a reload (IndexedDB), with their names and parameter counts.
  await page.reload();
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(table.getByRole('textbox', { name: 'Name of kernel 5' })).toBeVisible();
  expect((await column(table, 'Params')).map((t) => Number(t.replace(/,/g, '')))).toEqual(params);

  // The editor shows the user's own network again: conv2d_1 back at 3×3.
  const graph = region(page, 'Graph');
  await graph
    .getByRole('group', { name: /^Conv2D / })
    .first()
    .click();
  await expect(region(page, 'Inspector').getByLabel('Kernel size', { exact: true })).toHaveValue('3');
});

test('a steps budget: each run of the sweep stops at that step, and the user’s own settings come back', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.goto('/');
  await page.getByLabel('Dataset').selectOption({ label: 'Procedural' });
  await page.getByLabel('Backend').selectOption({ label: 'WASM' });
  const bar = region(page, 'Training');
  await expect(bar.getByLabel('Epochs', { exact: true })).toHaveValue('1');

  const runs = region(page, 'Runs');
  const sweep = runs.getByRole('region', { name: 'Sweep' });
  await sweep.getByLabel('Sweep node').selectOption({ label: 'conv2d_1' });
  await sweep.getByLabel('Sweep setting').selectOption({ label: 'Filters' });
  await sweep.getByLabel('Sweep values').fill('4, 8');
  await sweep.getByLabel('Sweep budget').fill('25');
  await sweep.getByLabel('Budget unit').selectOption({ label: 'Steps' });
  await sweep.getByRole('button', { name: 'Start sweep' }).click();

  const progress = sweep.getByRole('status').filter({ hasText: /^Sweep \d\/2: filters \d…$/ });
  await expect(progress).toHaveText('Sweep 1/2: filters 4…');
  const table = runs.getByRole('table', { name: 'Runs' });
  await expect(table.getByRole('row')).toHaveCount(3, { timeout: 200_000 });
  await expect(progress).toHaveCount(0, { timeout: 200_000 });
  await expect(bar.getByRole('alert')).toHaveCount(0);
  await expect(table.getByRole('textbox', { name: 'Name of filters 8' })).toBeVisible();
  // The last run stopped at its budget, not at the end of the epoch.
  await expect(bar.locator('.status')).toHaveText('Finished');
  await expect(bar.getByText(/^Step \d+$/)).toHaveText('Step 25');
  // The user's own settings are back: one epoch, no step limit.
  await expect(bar.getByLabel('Epochs', { exact: true })).toHaveValue('1');
  await expect(bar.getByLabel('Stop at step', { exact: true })).toHaveValue('0');
});

test('the "Stride 1 vs 2" preset is a one-click comparison: two runs, stride 2 with fewer FLOPs', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.goto('/');
  await page.getByLabel('Preset').selectOption({ label: 'Stride 1 vs 2' });
  await expect(page.getByText(/^Press Start comparison in the Runs panel/)).toBeVisible();
  await page.getByLabel('Dataset').selectOption({ label: 'Procedural' });
  await page.getByLabel('Backend').selectOption({ label: 'WASM' });

  const runs = region(page, 'Runs');
  const offer = runs.getByRole('region', { name: 'Comparison' });
  // The budget is said before it is spent.
  await expect(offer).toContainText('each trains 1,200 steps of 32 examples on procedural shapes');
  await offer.getByRole('button', { name: 'Start comparison' }).click();

  const sweep = runs.getByRole('region', { name: 'Sweep' });
  const progress = sweep.getByRole('status').filter({ hasText: /^Sweep \d\/2: stride \d…$/ });
  await expect(progress).toHaveText('Sweep 1/2: stride 1…');
  await expect(offer.getByRole('button', { name: 'Start comparison' })).toBeDisabled();
  const table = runs.getByRole('table', { name: 'Runs' });
  await expect(table.getByRole('row')).toHaveCount(3, { timeout: 240_000 });
  await expect(progress).toHaveCount(0, { timeout: 240_000 });
  await expect(region(page, 'Training').getByRole('alert')).toHaveCount(0);
  await expect(table.getByRole('textbox', { name: 'Name of stride 1' })).toBeVisible();
  await expect(table.getByRole('textbox', { name: 'Name of stride 2' })).toBeVisible();

  const params = (await column(table, 'Params')).map((t) => Number(t.replace(/,/g, '')));
  // Stride 2 leaves 4×4×16 before the dense layer instead of 7×7×16: (7·7·16 − 4·4·16)·32 fewer weights.
  expect(params[0]! - params[1]!).toBe((7 * 7 * 16 - 4 * 4 * 16) * 32);
  expect(await column(table, 'What changed')).toContain('conv2d_1 stride 1 → 2');
  // 1.2 M, 340.5 k, 9,876: stride 2 quarters the maps after the first convolution, and most of the work with them.
  const flops = (await column(table, 'FLOPs')).map((t) => {
    const m = /^([\d.,]+)\s*(k|M|G)?$/.exec(t);
    expect(m, t).not.toBeNull();
    return Number(m![1]!.replace(/,/g, '')) * ({ k: 1e3, M: 1e6, G: 1e9 }[m![2] ?? ''] ?? 1);
  });
  expect(flops[1]!).toBeLessThan(flops[0]! / 2);
  await expect(offer.getByRole('button', { name: 'Start comparison' })).toBeEnabled();

  // Each run waited for its picture before the next began: both show their kernels and maps at their last step.
  await runs.getByRole('checkbox', { name: 'Show stride 1 in Loss' }).check();
  await runs.getByRole('checkbox', { name: 'Show stride 2 in Loss' }).check();
  await expect(region(page, 'Side by side').getByText(/^At step 1,200, test image 0/)).toHaveCount(2);
});

test('a comparison link offers its runs without touching the user’s work, and trains them as a sweep', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const graph = presetById('procedural-tiny')!.graph;
  const conv = graph.nodes.find((n) => n.layer.kind === 'conv2d')!.id;
  const hyper = { ...DEFAULT_HYPER, learningRate: 0.01, maxSteps: 20, epochs: 1000 };
  const hash = encodeComparison([
    { name: 'shared k3', graph, hyper, dataset: 'procedural', seed: 3 },
    {
      name: 'shared k5',
      graph: updateLayer(graph, conv, { kernel: [5, 5] }),
      hyper,
      dataset: 'procedural',
      seed: 3,
    },
  ]);
  await page.goto(`/?backend=wasm${hash}`);
  const dialog = page.getByRole('dialog', { name: 'Train the shared runs?' });
  await expect(dialog.getByRole('list', { name: 'Shared runs' }).getByRole('listitem')).toHaveText([
    'shared k3 (Procedural, seed 3, 20 steps)',
    'shared k5 (Procedural, seed 3, 20 steps)',
  ]);
  // The user's work is still the default preset on MNIST, and the hash is gone (a reload does not offer it again).
  await expect(page.getByLabel('Preset')).toHaveValue('notes-small');
  expect(new URL(page.url()).hash).toBe('');
  await dialog.getByRole('button', { name: 'Train these 2 runs' }).click();
  await expect(dialog).toHaveCount(0);

  const runs = region(page, 'Runs');
  const table = runs.getByRole('table', { name: 'Runs' });
  await expect(table.getByRole('row')).toHaveCount(3, { timeout: 200_000 });
  const progress = runs.getByRole('region', { name: 'Sweep' }).getByRole('status');
  await expect(progress).toHaveCount(0, { timeout: 200_000 });
  await expect(table.getByRole('textbox', { name: 'Name of shared k3' })).toBeVisible();
  await expect(table.getByRole('textbox', { name: 'Name of shared k5' })).toBeVisible();
  const params = (await column(table, 'Params')).map((t) => Number(t.replace(/,/g, '')));
  // Four filters on one channel: (5·5 − 3·3)·4 more weights (same padding keeps the shapes).
  expect(params[1]! - params[0]!).toBe((25 - 9) * 4);
  // Back to the user's own work: the default preset and its dataset.
  await expect(page.getByLabel('Preset')).toHaveValue('notes-small');
  await expect(page.getByLabel('Dataset')).toHaveValue('mnist');
});

test('Pause holds a sweep (Train goes on); Reset cancels it, says so and puts the user’s network back', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.goto('/');
  await page.getByLabel('Dataset').selectOption({ label: 'Procedural' });
  await page.getByLabel('Backend').selectOption({ label: 'WASM' });
  const bar = region(page, 'Training');
  const stepNow = async (): Promise<number> =>
    // The count itself ("Step 12 / 100,000" under a step limit).
    Number(
      (
        (await bar
          .locator('span', { hasText: /^Step\b/ })
          .locator('output')
          .textContent()) ?? ''
      ).replace(/\D/g, ''),
    );

  const runs = region(page, 'Runs');
  const sweep = runs.getByRole('region', { name: 'Sweep' });
  await sweep.getByLabel('Sweep node').selectOption({ label: 'conv2d_1' });
  await sweep.getByLabel('Sweep setting').selectOption({ label: 'Kernel size' });
  await sweep.getByLabel('Sweep values').fill('5, 7');
  await sweep.getByLabel('Sweep budget').fill('100000');
  await sweep.getByLabel('Budget unit').selectOption({ label: 'Steps' });
  await sweep.getByRole('button', { name: 'Start sweep' }).click();
  const status = sweep.getByRole('status');
  await expect(status).toHaveText('Sweep 1/2: kernel 5…');
  await expect.poll(stepNow, { timeout: 120_000 }).toBeGreaterThan(5);

  await bar.getByRole('button', { name: 'Pause' }).click();
  await expect(status).toHaveText(
    'Sweep 1/2: kernel 5 is paused. Press Train to go on; the sweep continues when this run finishes.',
  );
  const paused = await stepNow();
  await bar.getByRole('button', { name: 'Train' }).click();
  await expect(status).toHaveText('Sweep 1/2: kernel 5…');
  await expect.poll(stepNow, { timeout: 60_000 }).toBeGreaterThan(paused);

  await bar.getByRole('button', { name: 'Pause' }).click();
  await bar.getByRole('button', { name: 'Reset' }).click();
  const said = 'Sweep cancelled: you pressed Reset. Your own network and settings are back.';
  await expect(status).toHaveText(said);
  await expect(page.getByText(said)).toHaveCount(2); // the Runs panel and the banner
  await expect(sweep.getByRole('button', { name: 'Cancel sweep' })).toHaveCount(0);
  await expect(bar.getByLabel('Stop at step', { exact: true })).toHaveValue('0');
  await region(page, 'Graph')
    .getByRole('group', { name: /^Conv2D / })
    .first()
    .click();
  await expect(region(page, 'Inspector').getByLabel('Kernel size', { exact: true })).toHaveValue('3');
  // The run that was reset is kept, under its variant's name.
  await expect(runs.getByRole('textbox', { name: 'Name of kernel 5' })).toBeVisible();
});
