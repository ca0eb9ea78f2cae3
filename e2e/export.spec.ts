/**
 * Model export round trip: train the tiny CNN a few batches in the app, read the Predictions panel's probabilities
 * (each bar is a meter whose value is the probability to four places), click "Export model", and load the two
 * downloads in TF.js here in Node — through tf.loadLayersModel over HTTP-style loading, so weights.bin is found by the
 * path model.json names. The same test image, regenerated from the procedural dataset's seed, must get the same
 * probabilities. The check can fail: the app's prediction moves with training, and the exported model must match the
 * latest one, not an earlier one, nor a freshly initialised model of the same topology.
 * "Export Keras" must write one Keras layer per graph node of each kind. "Export Keras", "Export PyTorch" and
 * "Export notebook" download model.py, model_pytorch.py and model.ipynb: code that trains the network on screen.
 */
import { expect, test, type Download, type Page } from '@playwright/test';
import * as tf from '@tensorflow/tfjs';
import { readFile } from 'node:fs/promises';
import { makeProceduralDataset } from '../src/engine/data/procedural';

const TEST_INDEX = 7;
const TOLERANCE = 1e-3;
const PIXELS = 28 * 28;

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

/** The ten probabilities the Predictions panel shows, in class order (meters named "0" … "9"). */
async function shownProbabilities(page: Page): Promise<number[]> {
  const meters = page.getByRole('region', { name: 'Predictions', exact: true }).getByRole('meter');
  const values = await meters.evaluateAll((ms) =>
    ms.map((m) => [m.getAttribute('aria-label'), m.getAttribute('aria-valuenow')]),
  );
  if (values.length !== 10) return [];
  values.forEach(([name], i) => expect(name).toBe(String(i)));
  return values.map(([, v]) => Number(v));
}

/** Waits until the panel shows a prediction other than `previous`, unchanged for a second; returns it. */
async function settledPrediction(page: Page, previous: readonly number[] | null): Promise<number[]> {
  let last = '';
  let since = 0;
  let settled: number[] = [];
  await expect
    .poll(
      async () => {
        const p = await shownProbabilities(page);
        const key = JSON.stringify(p);
        if (p.length === 0 || key === JSON.stringify(previous)) return false;
        if (key !== last) {
          last = key;
          since = Date.now();
          return false;
        }
        settled = p;
        return Date.now() - since >= 1000;
      },
      { message: 'the Predictions panel settles on a new prediction', timeout: 60_000, intervals: [200] },
    )
    .toBe(true);
  return settled;
}

async function stepAndWait(page: Page, expectedStep: number): Promise<void> {
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  const counter = page
    .getByRole('region', { name: 'Training' })
    .locator('.counters span')
    .filter({ hasText: /^Step/ })
    .locator('output');
  await expect(counter).toHaveText(String(expectedStep), { timeout: 60_000 });
}

async function downloads(page: Page, button: string, count: number): Promise<Map<string, Download>> {
  const got = new Map<string, Download>();
  const onDownload = (d: Download) => got.set(d.suggestedFilename(), d);
  page.on('download', onDownload);
  await page.getByRole('button', { name: button, exact: true }).click();
  await expect.poll(() => got.size, { message: `${button} downloads ${count} file(s)` }).toBe(count);
  page.off('download', onDownload);
  return got;
}

async function bytesOf(d: Download | undefined): Promise<Buffer> {
  if (!d) throw new Error('missing download');
  return readFile(await d.path());
}

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  return m;
};

interface ModelJson {
  modelTopology: { config: { layers: { class_name: string }[] } };
  weightsManifest: { paths: string[]; weights: { shape: number[]; dtype: string }[] }[];
}

test('the exported model loads in TF.js and predicts what the app showed; Keras code has every layer', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await page.goto('/');
  await field(page, 'Preset').selectOption({ label: 'Tiny CNN on shapes' });
  await field(page, 'Dataset').selectOption({ label: 'Procedural' });
  const seed = Number(await field(page, 'Seed').inputValue());
  await page.getByRole('spinbutton', { name: 'Test image' }).fill(String(TEST_INDEX));
  // Bring the panel's readout itself on screen (the region can be taller than the dock; panels off screen don't probe).
  await page
    .getByRole('region', { name: 'Predictions', exact: true })
    .getByText('No prediction yet.')
    .scrollIntoViewIfNeeded();

  await stepAndWait(page, 1);
  const afterOne = await settledPrediction(page, null);
  await page.getByLabel('Batches per step').selectOption({ label: '×10' });
  await stepAndWait(page, 11);
  const shown = await settledPrediction(page, afterOne);
  // Training moved the prediction: a stale export would be caught below.
  expect(maxAbsDiff(shown, afterOne)).toBeGreaterThan(5 * TOLERANCE);
  expect(shown.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 2);
  // The panel marks the test image's label; it must be the regenerated image's label.
  const labelled = await page
    .getByRole('region', { name: 'Predictions', exact: true })
    .locator('.viz-bar-name')
    .allTextContents();
  const dataset = makeProceduralDataset({ seed, train: 6000, test: 1000 });
  expect(labelled.findIndex((t) => t.endsWith('(label)'))).toBe(dataset.test.labels[TEST_INDEX]);

  const files = await downloads(page, 'Export model', 2);
  const modelText = (await bytesOf(files.get('model.json'))).toString('utf8');
  const weightsBin = await bytesOf(files.get('weights.bin'));
  const modelJson = JSON.parse(modelText) as ModelJson;
  expect(modelJson.weightsManifest).toHaveLength(1);
  expect(modelJson.weightsManifest[0]?.paths).toEqual(['weights.bin']);
  const specBytes = (modelJson.weightsManifest[0]?.weights ?? []).reduce(
    (sum, w) => sum + 4 * w.shape.reduce((a, b) => a * b, 1),
    0,
  );
  expect(weightsBin.byteLength).toBe(specBytes);

  // Load as a user would: model.json by URL, weights.bin fetched from the path it names, next to it.
  const served: Record<string, Buffer> = { 'model.json': Buffer.from(modelText), 'weights.bin': weightsBin };
  const requested: string[] = [];
  const fetchFunc = async (input: RequestInfo | URL): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const name = new URL(url).pathname.split('/').pop() ?? '';
    requested.push(name);
    const body = served[name];
    return body ? new Response(new Uint8Array(body)) : new Response('not found', { status: 404 });
  };
  await tf.setBackend('cpu');
  const model = await tf.loadLayersModel(tf.io.http('http://export.test/my-model/model.json', { fetchFunc }));
  expect(requested).toEqual(['model.json', 'weights.bin']);

  const pixels = dataset.test.images.subarray(TEST_INDEX * PIXELS, (TEST_INDEX + 1) * PIXELS);
  const x = tf.tensor4d(
    Float32Array.from(pixels, (v) => v / 255),
    [1, 28, 28, 1],
  );
  const y = model.predict(x) as tf.Tensor;
  const exported = Array.from(await y.data());
  expect(exported).toHaveLength(10);
  const backend = (await page.getByTestId('backend-badge').locator('strong').textContent()) ?? '?';
  test.info().annotations.push({
    type: 'export',
    description: `${backend}: exported vs shown max |Δ| = ${maxAbsDiff(exported, shown).toExponential(2)}`,
  });
  expect(
    maxAbsDiff(exported, shown),
    `exported ${exported.join(', ')} vs shown ${shown.join(', ')}`,
  ).toBeLessThanOrEqual(TOLERANCE);
  expect(maxAbsDiff(exported, afterOne)).toBeGreaterThan(TOLERANCE);

  // A freshly initialised model of the same topology predicts something else: the weights are what matched.
  const fresh = await tf.models.modelFromJSON(
    modelJson.modelTopology as unknown as Parameters<typeof tf.models.modelFromJSON>[0],
  );
  const y0 = fresh.predict(x) as tf.Tensor;
  const untrained = Array.from(await y0.data());
  expect(maxAbsDiff(untrained, shown)).toBeGreaterThan(5 * TOLERANCE);

  // Keras code and the TF.js topology have one layer per graph node of each kind.
  const [graphDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export JSON' }).click(),
  ]);
  const graph = JSON.parse((await bytesOf(graphDownload)).toString('utf8')) as {
    nodes: { layer: { kind: string } }[];
  };
  const nodesOf = (kind: string) => graph.nodes.filter((n) => n.layer.kind === kind).length;
  const keras = await downloads(page, 'Export Keras', 1);
  const py = (await bytesOf(keras.get('model.py'))).toString('utf8');
  const topology = modelJson.modelTopology.config.layers.map((l) => l.class_name);
  const kinds = [
    ['conv2d', 'Conv2D'],
    ['maxPool2d', 'MaxPooling2D'],
    ['flatten', 'Flatten'],
    ['dense', 'Dense'],
  ] as const;
  expect(nodesOf('conv2d')).toBeGreaterThan(0);
  for (const [kind, keraClass] of kinds) {
    const inPy = py.match(new RegExp(`layers\\.${keraClass}\\(`, 'g'))?.length ?? 0;
    expect(inPy, `${keraClass} layers in model.py`).toBe(nodesOf(kind));
    expect(topology.filter((c) => c === keraClass).length, `${keraClass} layers in model.json`).toBe(
      nodesOf(kind),
    );
  }
  expect(py).toContain('keras.Input(shape=(28, 28, 1)');

  tf.dispose([x, y, y0]);
  model.dispose();
  fresh.dispose();
});

test('the code exports download a Keras script, a PyTorch script and a notebook that train the network on screen', async ({
  page,
}) => {
  await page.goto('/');
  await field(page, 'Preset').selectOption({ label: 'Stride-2 downsampling' });
  await field(page, 'Batch size').fill('48');
  await field(page, 'Batch size').press('Enter');
  await expect(field(page, 'Batch size')).toHaveValue('48');
  const text = async (button: string, name: string): Promise<string> => {
    const got = await downloads(page, button, 1);
    expect([...got.keys()]).toEqual([name]);
    return (await bytesOf(got.get(name))).toString('utf8');
  };
  const keras = await text('Export Keras', 'model.py');
  expect(keras).toContain('model.fit(train, epochs=EPOCHS');
  expect(keras).toContain('BATCH_SIZE = 48');
  const torch = await text('Export PyTorch', 'model_pytorch.py');
  expect(torch).toContain('class Classifier(nn.Module):');
  expect(torch).toContain('loss.backward()');
  expect(torch).toContain('BATCH_SIZE = 48');
  // Stride 2 with TF's 'same' padding: the odd pixel after, as an explicit pad.
  expect(torch).toContain(
    'self.conv2d_1 = nn.Sequential(Pad((0, 1, 0, 1)), nn.Conv2d(1, 8, kernel_size=(3, 3), stride=(2, 2))',
  );
  const nb = JSON.parse(await text('Export notebook', 'model.ipynb')) as {
    nbformat: number;
    cells: { cell_type: string; source: string[] }[];
  };
  expect(nb.nbformat).toBe(4);
  const markdown = nb.cells.filter((c) => c.cell_type === 'markdown').map((c) => c.source.join(''));
  expect(markdown.some((m) => m.startsWith('### conv2d_1 · Conv2D → 14×14×8'))).toBe(true);
  expect(nb.cells.filter((c) => c.cell_type === 'code').length).toBeGreaterThan(5);
});
