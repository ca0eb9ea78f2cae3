import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

// Issue 18 (3): "L-BFGS" and "Conjugate gradient" in "Optimizer" train the ladder's logistic regression on MNIST: the
// steps advance and the recorded loss curve falls (read from the Runs table's JSON export, the curve Loss draws).

const region = (page: Page, name: string): Locator => page.getByRole('region', { name, exact: true });

interface ExportedRun {
  readonly hyper: { readonly optimizer: string };
  readonly steps: number;
  readonly curves: { readonly steps: readonly number[]; readonly loss: readonly (number | null)[] };
}

async function exportedRuns(page: Page): Promise<ExportedRun[]> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    region(page, 'Runs').getByRole('button', { name: 'Export runs (JSON)' }).click(),
  ]);
  const text = (await readFile(await download.path())).toString('utf8');
  return (JSON.parse(text) as { runs: ExportedRun[] }).runs;
}

const STEPS = 12;

test('L-BFGS and Conjugate gradient train the logistic-regression preset: Step advances, the loss falls', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto('/');
  await page.getByLabel('Preset').selectOption({ label: 'Ladder 1: logistic regression' });
  await page.getByLabel('Backend').selectOption({ label: 'WASM' });
  const optimizer = page.getByLabel('Optimizer', { exact: true });
  const labels = await optimizer.locator('option').allTextContents();
  expect(labels).toEqual(expect.arrayContaining(['L-BFGS', 'Conjugate gradient']));
  const stop = page.getByLabel('Stop at step', { exact: true });
  await stop.fill(String(STEPS));
  await stop.press('Enter');

  const bar = region(page, 'Training');
  const status = bar.locator('.status');
  const step = bar.locator('span', { hasText: /^Step\b/ }).locator('output');
  const rows = region(page, 'Runs').getByRole('table', { name: 'Runs' }).getByRole('row');

  await optimizer.selectOption({ label: 'L-BFGS' });
  const settings = page.getByRole('group', { name: 'L-BFGS settings' });
  await expect(settings.getByLabel('History size', { exact: true })).toHaveValue('10');
  await expect(settings.getByLabel('Examples per step', { exact: true })).toHaveValue('1024');
  await expect(settings.getByRole('alert')).toHaveCount(0); // 7,850 parameters: well within the budget
  await bar.getByRole('button', { name: 'Train' }).click();
  await expect(status).toHaveText('Finished', { timeout: 180_000 });
  await expect(step).toHaveText(String(STEPS));
  await expect(rows).toHaveCount(2);

  await optimizer.selectOption({ label: 'Conjugate gradient' });
  await expect(page.getByRole('group', { name: 'Conjugate gradient settings' })).toBeVisible();
  await expect(page.getByLabel('History size', { exact: true })).toHaveCount(0);
  await bar.getByRole('button', { name: 'Reset' }).click();
  await expect(step).toHaveText('0');
  await bar.getByRole('button', { name: 'Train' }).click();
  await expect(rows).toHaveCount(3, { timeout: 180_000 });
  await expect(status).toHaveText('Finished');
  await expect(step).toHaveText(String(STEPS));

  const runs = await exportedRuns(page);
  for (const id of ['lbfgs', 'cg']) {
    const run = runs.find((r) => r.hyper.optimizer === id);
    expect(run, `a ${id} run`).toBeDefined();
    const loss = (run as ExportedRun).curves.loss.filter((v): v is number => v !== null);
    expect((run as ExportedRun).steps).toBe(STEPS);
    expect(loss.length).toBe(STEPS);
    // Fresh weights give ln 10 ≈ 2.30 on MNIST; a dozen second-order steps on 1,024 examples each take it well down.
    expect(loss[0] as number).toBeGreaterThan(1.5);
    const tail = loss.slice(-3).reduce((a, b) => a + b, 0) / 3;
    expect(tail, `${id}: ${loss.map((v) => v.toFixed(3)).join(' ')}`).toBeLessThan((loss[0] as number) * 0.6);
  }
});
