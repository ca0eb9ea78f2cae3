import { expect, test } from '@playwright/test';
import { canvasState } from './canvasState';

// The layer kind added through the layer registry (one module file + one registry line): a user finds it in the
// palette, puts it after the first convolution, sees its shape, parameters and settings, and the network trains.
test('LayerNormalization from the palette: shape, parameters, Epsilon, and the network trains', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await page.getByLabel('Dataset').selectOption({ label: 'Procedural' });
  await page.getByLabel('Backend').selectOption({ label: 'WASM' });
  const graph = page.getByRole('region', { name: 'Graph', exact: true });
  const inspector = page.getByRole('region', { name: 'Inspector', exact: true });

  await graph
    .getByRole('group', { name: /^Conv2D / })
    .first()
    .click();
  await page
    .getByRole('navigation', { name: 'Layers' })
    .getByRole('button', { name: 'LayerNormalization', exact: true })
    .focus();
  await page.keyboard.press('Enter');
  const ln = graph.getByRole('group', { name: 'LayerNormalization layer_norm_1', exact: true });
  await expect(ln.getByTestId('node-shape')).toHaveText('28×28×8');

  await ln.click();
  await expect(inspector.getByRole('heading', { name: /LayerNormalization/ })).toBeVisible();
  await expect(inspector.getByTestId('param-formula')).toHaveText('2·8 = 16 (γ and β, one each per channel)');
  const eps = inspector.getByLabel('Epsilon', { exact: true });
  await expect(eps).toHaveValue('0.001');
  await eps.fill('0.0001');
  await eps.press('Enter');
  await expect(eps).toHaveValue('0.0001');

  const bar = page.getByRole('region', { name: 'Training', exact: true });
  const loss = page
    .getByRole('region', { name: 'Loss', exact: true })
    .getByRole('img', { name: 'Loss and accuracy curves', exact: true });
  await bar.getByRole('button', { name: 'Train' }).click();
  await expect.poll(async () => (await canvasState(loss)).nonBlank, { timeout: 120_000 }).toBe(true);
  const first = (await canvasState(loss)).hash;
  await expect.poll(async () => (await canvasState(loss)).hash, { timeout: 60_000 }).not.toBe(first);
  await expect(bar.getByRole('alert')).toHaveCount(0);
});
