import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

// Issue 18 (2): "Deep belief net: pretrained vs random init" trains the same sigmoid net twice, from a greedily
// pretrained RBM stack and from random weights, the same fine-tuning steps and seed; both runs land in "Runs", the
// pretrained one with its pretraining counted in its time.

const region = (page: Page, name: string): Locator => page.getByRole('region', { name, exact: true });

interface ExportedRun {
  readonly name: string;
  readonly steps: number;
  readonly wallTimeMs: number;
  readonly pretrainMs?: number;
  readonly finalValAccuracy: number | null;
  readonly hyper: { readonly rbmPretrainEpochs?: number; readonly maxSteps: number };
}

test('"Deep belief net" pretrains, then fine-tunes both variants the same steps; both runs finish in Runs', async ({
  page,
}) => {
  test.setTimeout(600_000);
  await page.goto('/');
  await page.getByLabel('Preset').selectOption({ label: 'Deep belief net: pretrained vs random init' });
  await expect(page.getByText(/^Press Start comparison in the Runs panel/)).toBeVisible();
  await page.getByLabel('Dataset').selectOption({ label: 'Procedural' });
  await page.getByLabel('Backend').selectOption({ label: 'WASM' });
  // The setting is in the training bar, with its name.
  await expect(page.getByRole('textbox', { name: 'RBM pretraining' })).toHaveValue('1');

  const runs = region(page, 'Runs');
  await runs
    .getByRole('region', { name: 'Comparison' })
    .getByRole('button', { name: 'Start comparison' })
    .click();
  // The training bar says which layer is pretraining.
  await expect(region(page, 'Training').locator('.status')).toHaveText(/^Pretraining layer [12] of 2…$/, {
    timeout: 120_000,
  });
  const table = runs.getByRole('table', { name: 'Runs' });
  await expect(table.getByRole('row')).toHaveCount(3, { timeout: 540_000 });
  const progress = runs
    .getByRole('region', { name: 'Sweep' })
    .getByRole('status')
    .filter({ hasText: /^Sweep / });
  await expect(progress).toHaveCount(0, { timeout: 120_000 });
  await expect(region(page, 'Training').getByRole('alert')).toHaveCount(0);
  for (const label of ['RBM pretrained', 'random init'])
    await expect(table.getByRole('textbox', { name: `Name of ${label}`, exact: true })).toBeVisible();
  await expect(table.getByRole('row').filter({ hasText: 'pretraining)' })).toHaveCount(1);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    runs.getByRole('button', { name: 'Export runs (JSON)' }).click(),
  ]);
  const exported = (
    JSON.parse((await readFile(await download.path())).toString('utf8')) as { runs: ExportedRun[] }
  ).runs;
  expect(exported.map((r) => [r.name, r.hyper.rbmPretrainEpochs ?? 0])).toEqual([
    ['RBM pretrained', 1],
    ['random init', 0],
  ]);
  const [pre, rnd] = exported as [ExportedRun, ExportedRun];
  // The same fine-tuning budget: both stopped at the comparison's step limit.
  expect(pre.steps).toBe(pre.hyper.maxSteps);
  expect(rnd.steps).toBe(rnd.hyper.maxSteps);
  expect(pre.pretrainMs ?? 0).toBeGreaterThan(0);
  expect(rnd.pretrainMs).toBeUndefined();
  expect(pre.wallTimeMs).toBeGreaterThan(pre.pretrainMs ?? 0);
  for (const r of exported) expect(r.finalValAccuracy ?? 0, r.name).toBeGreaterThan(0.3);
});
