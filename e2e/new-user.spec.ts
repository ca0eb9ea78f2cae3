import { test, expect, type Locator, type Page } from '@playwright/test';

/**
 * The editor as a new user meets it, driven only by accessible names: each step is a rough edge a first try found.
 */

type Box = { x: number; y: number; width: number; height: number };

async function box(l: Locator): Promise<Box> {
  const b = await l.boundingBox();
  if (!b) throw new Error('element has no box');
  return b;
}

/** Is `inner` entirely inside `outer` (with a pixel of slack)? */
async function inside(inner: Locator, outer: Locator): Promise<boolean> {
  const a = await box(inner);
  const b = await box(outer);
  return (
    a.x >= b.x - 1 &&
    a.y >= b.y - 1 &&
    a.x + a.width <= b.x + b.width + 1 &&
    a.y + a.height <= b.y + b.height + 1
  );
}

async function overlap(p: Locator, q: Locator): Promise<boolean> {
  const a = await box(p);
  const b = await box(q);
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Focus a palette item and press Enter: the keyboard way to add a layer after the selected one. */
async function addFromKeyboard(page: Page, title: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Layers' })
    .getByRole('button', { name: title, exact: true })
    .focus();
  await page.keyboard.press('Enter');
}

test('a new user builds, breaks and repairs a CNN with the keyboard and the fix buttons', async ({
  page,
}) => {
  await page.goto('/');
  const graph = page.getByRole('region', { name: 'Graph', exact: true });
  const canvas = graph.getByRole('application', { name: 'Network graph' });
  const palette = page.getByRole('navigation', { name: 'Layers' });
  const node = (name: string): Locator => graph.getByRole('group', { name, exact: true });
  const shapeOf = (name: string): Locator => node(name).getByTestId('node-shape');

  await graph.getByRole('button', { name: 'New graph' }).click();
  await expect(shapeOf('Input input_1')).toHaveText('28×28×1');

  // Layers added from the keyboard are announced and brought into view (they used to land below the canvas edge).
  for (const title of ['Conv2D', 'MaxPool2D', 'Conv2D', 'Dense']) await addFromKeyboard(page, title);
  await expect(palette.getByRole('status')).toHaveText('Added dense_1 after conv2d_2.');
  await expect.poll(() => inside(node('Dense dense_1'), canvas)).toBe(true);

  // Dense right after a conv: "insert Flatten" is the fix; "units 10" is not offered while the output is an image.
  const dense = node('Dense dense_1');
  await expect(dense.getByText('ends in 14×14×32')).toBeVisible();
  await expect(dense.getByRole('button', { name: 'units 10' })).toHaveCount(0);
  await dense.getByRole('button', { name: 'insert Flatten' }).click();
  await expect(shapeOf('Flatten flatten_1')).toHaveText('1568');
  // The inserted block gets room: it does not cover the Dense block, and it is in view.
  await expect.poll(() => overlap(node('Flatten flatten_1'), dense)).toBe(false);
  await expect.poll(() => inside(node('Flatten flatten_1'), canvas)).toBe(true);
  await dense.getByRole('button', { name: 'units 10' }).click();
  await expect(shapeOf('Dense dense_1')).toHaveText('10');

  // "Insert layer between …": the menu works with arrow keys and Escape, and its items are not covered by the
  // next connection's label.
  // Point at the "+" only once the view has stopped gliding to the fit (the canvas is aria-busy meanwhile): a
  // click computed mid-move landed beside the button on a loaded machine, and the menu never opened.
  await graph.getByRole('button', { name: 'Fit view' }).click();
  await expect(graph).not.toHaveAttribute('aria-busy', 'true');
  const plus = graph.getByRole('button', { name: 'Insert layer between conv2d_1 and max_pool_1' });
  await plus.click();
  const menu = graph.getByRole('menu', { name: 'Layer to insert between conv2d_1 and max_pool_1' });
  await expect(menu.getByRole('menuitem', { name: 'Conv2D', exact: true })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'MaxPool2D', exact: true })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(plus).toBeFocused();
  await plus.click();
  // Every item can take a click: none lies under another connection's label (a trial click checks the hit target).
  for (const item of await menu.getByRole('menuitem').all()) await item.click({ trial: true, timeout: 3000 });
  await menu.getByRole('menuitem', { name: 'BatchNormalization', exact: true }).click();
  await expect(shapeOf('BatchNormalization batch_norm_1')).toHaveText('28×28×8');
  await expect
    .poll(() => overlap(node('BatchNormalization batch_norm_1'), node('MaxPool2D max_pool_1')))
    .toBe(false);

  // Delete the Input by mistake: the first layer offers it back.
  await node('Input input_1').click();
  await page.keyboard.press('Delete');
  await expect(node('Input input_1')).toHaveCount(0);
  await node('Conv2D conv2d_1').getByRole('button', { name: 'add Input' }).click();
  await expect(shapeOf('Input input_1')).toHaveText('28×28×1');
  await expect(shapeOf('Dense dense_1')).toHaveText('10');
  await expect(graph.getByRole('list', { name: 'Issues' })).toHaveCount(0);

  // GAN tabs: the arrow keys move the selection and the focus together.
  await page.getByLabel('Preset', { exact: true }).selectOption({ label: 'DCGAN' });
  const generator = graph.getByRole('tab', { name: 'Generator' });
  const discriminator = graph.getByRole('tab', { name: 'Discriminator' });
  await generator.focus();
  await page.keyboard.press('ArrowRight');
  await expect(discriminator).toHaveAttribute('aria-selected', 'true');
  await expect(discriminator).toBeFocused();
  await page.keyboard.press('Home');
  await expect(generator).toHaveAttribute('aria-selected', 'true');
  await expect(generator).toBeFocused();
});
