/**
 * "Import model" round trip with the real buttons: train the default preset ten batches, note what the panels show
 * (the Predictions panel's probabilities for one test image, the Kernels and Activation maps pictures), "Export
 * model", change to another preset and train it a batch, then import the two exported files. The run that has trained
 * is only replaced once the user says so ("Keep my network" keeps it); then the editor holds the exported network
 * (same nodes, settings and connections), the run is at step 0, and the panels show the exported model's own
 * predictions and pictures without training. Undo brings the other preset's network back.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { canvasState } from './canvasState';

const TEST_INDEX = 7;
/** The panel shows probabilities to four places (aria-valuenow): the same model may differ by the last rounding. */
const SHOWN_PLACES = 1e-4;

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });
const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const kernels = (page: Page) =>
  region(page, 'Kernels').getByRole('img', { name: 'Kernel grid', exact: true });
const maps = (page: Page) =>
  region(page, 'Activation maps').getByRole('img', { name: 'Feature maps by layer', exact: true });
const stepCounter = (page: Page) =>
  region(page, 'Training').locator('.counters span').filter({ hasText: /^Step/ }).locator('output');

async function shownProbabilities(page: Page): Promise<number[]> {
  const values = await region(page, 'Predictions')
    .getByRole('meter')
    .evaluateAll((ms) => ms.map((m) => Number(m.getAttribute('aria-valuenow'))));
  return values.length === 10 ? values : [];
}

/** Polls `read` until it gives a value other than `previous`, the same for a second; returns it. */
async function settled<T>(
  what: string,
  read: () => Promise<T | null>,
  previous: T | null = null,
): Promise<T> {
  let last = '';
  let since = 0;
  let value: T | null = null;
  await expect
    .poll(
      async () => {
        const v = await read();
        const key = JSON.stringify(v);
        if (v === null || key === JSON.stringify(previous)) return false;
        if (key !== last) {
          [last, since] = [key, Date.now()];
          return false;
        }
        value = v;
        return Date.now() - since >= 1000;
      },
      { message: `${what} settles`, timeout: 60_000, intervals: [200] },
    )
    .toBe(true);
  return value as T;
}

const prediction = (page: Page, previous: number[] | null = null) =>
  settled(
    'the prediction',
    async () => {
      const p = await shownProbabilities(page);
      return p.length === 0 ? null : p;
    },
    previous,
  );

async function picture(canvas: Locator, what: string, previous: string | null = null): Promise<string> {
  await canvas.scrollIntoViewIfNeeded();
  return settled(
    what,
    async () => {
      const s = await canvasState(canvas);
      return s.nonBlank ? s.hash : null;
    },
    previous,
  );
}

async function step(page: Page, batches: '×1' | '×10', expected: number): Promise<void> {
  await page.getByLabel('Batches per step').selectOption({ label: batches });
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(stepCounter(page)).toHaveText(String(expected), { timeout: 90_000 });
}

async function downloads(page: Page, button: string, count: number): Promise<Map<string, Buffer>> {
  const got = new Map<string, Buffer>();
  const pending: Promise<void>[] = [];
  const onDownload = (d: import('@playwright/test').Download) =>
    pending.push(d.path().then(async (p) => void got.set(d.suggestedFilename(), await readFile(p))));
  page.on('download', onDownload);
  await page.getByRole('button', { name: button, exact: true }).click();
  await expect.poll(() => pending.length, { message: `${button} downloads ${count} file(s)` }).toBe(count);
  await Promise.all(pending);
  page.off('download', onDownload);
  return got;
}

/** The network in the editor, as "Export JSON" writes it: nodes (id and settings) and each node's inputs. */
async function network(page: Page) {
  const file = (await downloads(page, 'Export JSON', 1)).get('network.json');
  const g = JSON.parse(file?.toString('utf8') ?? '{}') as {
    role: string;
    nodes: { id: string; layer: unknown }[];
    edges: { source: string; target: string }[];
  };
  return {
    role: g.role,
    nodes: g.nodes.map((n) => `${n.id} ${JSON.stringify(n.layer)}`).sort(),
    inputs: g.nodes
      .map(
        (n) =>
          `${n.id} <- ${g.edges
            .filter((e) => e.target === n.id)
            .map((e) => e.source)
            .join(', ')}`,
      )
      .sort(),
  };
}

test('an exported model imports with its graph and weights: the panels show it without training', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto('/');
  await page.getByRole('spinbutton', { name: 'Test image' }).fill(String(TEST_INDEX));
  await region(page, 'Predictions').getByText('No prediction yet.').scrollIntoViewIfNeeded();
  await step(page, '×10', 10);
  const shown = await prediction(page);
  const kernelPicture = await picture(kernels(page), 'the kernels');
  const mapPicture = await picture(maps(page), 'the activation maps');
  const exported = await network(page);
  const files = await downloads(page, 'Export model', 2);

  await field(page, 'Preset').selectOption('notes-deep');
  await expect(region(page, 'Training')).toContainText('Step');
  const deep = await network(page);
  expect(deep.nodes.length).toBeGreaterThan(exported.nodes.length);
  await step(page, '×1', 1);
  const deepPrediction = await prediction(page);

  const modelFiles = page.getByLabel('Model files');
  const pick = () =>
    modelFiles.setInputFiles(
      ['model.json', 'weights.bin'].map((name) => ({
        name,
        mimeType: name.endsWith('.json') ? 'application/json' : 'application/octet-stream',
        buffer: files.get(name) ?? Buffer.alloc(0),
      })),
    );
  // A run that has trained is replaced only once the user says so.
  await pick();
  const ask = page.getByRole('dialog', { name: 'Replace your network with the imported model?' });
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Keep my network' }).click();
  await expect(ask).toBeHidden();
  expect(await network(page)).toEqual(deep);
  await expect(stepCounter(page)).toHaveText('1');

  await pick();
  await ask.getByRole('button', { name: 'Import the model' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported model.json' })).toContainText(
    `${exported.nodes.length} layers with their trained weights, shown without training`,
  );
  expect(await network(page)).toEqual(exported);
  await expect(page.getByText('28×28×8').first()).toBeVisible();

  // The exported model's own predictions and pictures, at step 0.
  await page.getByRole('spinbutton', { name: 'Test image' }).fill(String(TEST_INDEX));
  const again = await prediction(page, deepPrediction);
  await expect(stepCounter(page)).toHaveText('0');
  const maxDiff = Math.max(...again.map((v, i) => Math.abs(v - (shown[i] ?? NaN))));
  test.info().annotations.push({
    type: 'import',
    description: `shown after import vs before export: max |Δ| = ${maxDiff}`,
  });
  expect(
    maxDiff,
    `after import ${again.join(', ')} vs before export ${shown.join(', ')}`,
  ).toBeLessThanOrEqual(SHOWN_PLACES);
  for (const [canvas, before, what] of [
    [kernels(page), kernelPicture, 'Kernels'],
    [maps(page), mapPicture, 'Activation maps'],
  ] as const) {
    await canvas.scrollIntoViewIfNeeded();
    await expect
      .poll(async () => (await canvasState(canvas)).hash, {
        message: `${what} shows the exported model`,
        timeout: 60_000,
      })
      .toBe(before);
  }

  // The other preset's network is one Undo away.
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  expect(await network(page)).toEqual(deep);
});
