import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

// Issue 18 (3): the "Optimizers compared" preset trains logistic regression with six optimizers, the same seconds of
// training each, as six runs in "Runs"; Loss then compares them by step or by training time.

const region = (page: Page, name: string): Locator => page.getByRole('region', { name, exact: true });

const OPTIMIZERS = [
  ['SGD', 'sgd'],
  ['Momentum', 'momentum'],
  ['Adam', 'adam'],
  ['Adadelta', 'adadelta'],
  ['L-BFGS', 'lbfgs'],
  ['Conjugate gradient', 'cg'],
] as const;
const BUDGET_S = 10;

interface ExportedRun {
  readonly name: string;
  readonly steps: number;
  readonly hyper: { readonly optimizer: string; readonly maxSeconds: number };
  readonly curves: { readonly seconds?: readonly (number | null)[] };
}

async function exportedRuns(page: Page): Promise<ExportedRun[]> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    region(page, 'Runs').getByRole('button', { name: 'Export runs (JSON)' }).click(),
  ]);
  const text = (await readFile(await download.path())).toString('utf8');
  return (JSON.parse(text) as { runs: ExportedRun[] }).runs;
}

test('"Optimizers compared" trains six runs of the same seconds, named by optimizer; Loss compares them by time', async ({
  page,
}) => {
  test.setTimeout(600_000);
  await page.goto('/');
  await page.getByLabel('Preset').selectOption({ label: 'Optimizers compared' });
  await expect(page.getByText(/^Press Start comparison in the Runs panel/)).toBeVisible();
  await page.getByLabel('Dataset').selectOption({ label: 'Procedural' });
  await page.getByLabel('Backend').selectOption({ label: 'WASM' });

  const runs = region(page, 'Runs');
  const offer = runs.getByRole('region', { name: 'Comparison' });
  await expect(offer).toContainText(`each trains ${BUDGET_S} seconds of training (pauses do not count)`);
  await offer.getByRole('button', { name: 'Start comparison' }).click();
  const progress = runs
    .getByRole('region', { name: 'Sweep' })
    .getByRole('status')
    .filter({ hasText: /^Sweep / });
  await expect(progress).toHaveText('Sweep 1/6: SGD…');

  const table = runs.getByRole('table', { name: 'Runs' });
  await expect(table.getByRole('row')).toHaveCount(1 + OPTIMIZERS.length, { timeout: 540_000 });
  await expect(progress).toHaveCount(0, { timeout: 60_000 });
  await expect(region(page, 'Training').getByRole('alert')).toHaveCount(0);
  for (const [label] of OPTIMIZERS)
    await expect(table.getByRole('textbox', { name: `Name of ${label}`, exact: true })).toBeVisible();

  // Each run trained with its own optimizer and stopped on its training time: at the budget, within a step or so.
  const exported = await exportedRuns(page);
  expect(exported.map((r) => [r.name, r.hyper.optimizer])).toEqual(OPTIMIZERS.map(([l, o]) => [l, o]));
  for (const r of exported) {
    expect(r.hyper.maxSeconds, r.name).toBe(BUDGET_S);
    expect(r.steps, r.name).toBeGreaterThan(0);
    const last = r.curves.seconds?.at(-1) ?? 0;
    expect(last, r.name).toBeGreaterThanOrEqual(BUDGET_S);
    expect(last, r.name).toBeLessThan(BUDGET_S + 5);
  }
  // A first-order step is far cheaper than a line search over thousands of examples.
  const steps = new Map(exported.map((r) => [r.hyper.optimizer, r.steps]));
  expect(steps.get('sgd')!).toBeGreaterThan(5 * steps.get('lbfgs')!);

  // Loss draws the ticked runs against steps, then against seconds of training, and says which.
  for (const [label] of OPTIMIZERS)
    await runs.getByRole('checkbox', { name: `Show ${label} in Loss`, exact: true }).check();
  const loss = region(page, 'Loss');
  await expect(loss.getByRole('list', { name: 'Runs in the chart' }).getByRole('listitem')).toHaveCount(
    OPTIMIZERS.length,
  );
  const xTitle = loss.locator('.viz-curves-xtitle');
  await expect(xTitle).toHaveText('step');
  const compareBy = loss.getByLabel('Compare by');
  await compareBy.selectOption({ label: 'Time' });
  await expect(xTitle).toHaveText('training time (s)');
  // The x axis now spans the seconds of training (0 to about 10), not the thousands of steps.
  const xTicks = async (): Promise<number[]> =>
    (await loss.locator('.viz-curves-x .tick text').allTextContents()).map((t) => {
      const m = /^([\d.]+)\s*(k|M)?$/.exec(t.trim());
      return m ? Number(m[1]) * ({ k: 1e3, M: 1e6 }[m[2] ?? ''] ?? 1) : Number.NaN;
    });
  await expect
    .poll(async () => Math.max(...(await xTicks())), { timeout: 10_000 })
    .toBeLessThanOrEqual(BUDGET_S + 5);
  await compareBy.selectOption({ label: 'Step' });
  await expect(xTitle).toHaveText('step');
  await expect.poll(async () => Math.max(...(await xTicks()))).toBeGreaterThan(100);
});
