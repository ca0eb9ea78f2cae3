import { test, expect, type Locator, type Page } from '@playwright/test';

/** Centre of an element in page coordinates. */
async function centre(l: Locator): Promise<{ x: number; y: number }> {
  const b = await l.boundingBox();
  if (!b) throw new Error('element has no box');
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

/** Drags from one handle to another with real mouse moves (React Flow connects on pointer events). */
async function connect(page: Page, from: Locator, to: Locator): Promise<void> {
  const a = await centre(from);
  const b = await centre(to);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x, b.y, { steps: 5 });
  await page.mouse.up();
}

test('build a small CNN from an empty graph by drag and drop', async ({ page }) => {
  await page.goto('/');
  const graph = page.getByRole('region', { name: 'Graph', exact: true });
  const palette = page.getByRole('navigation', { name: 'Layers' });
  const node = (name: string): Locator => graph.getByRole('group', { name, exact: true });
  const shapeOf = (name: string): Locator => node(name).getByTestId('node-shape');

  await graph.getByRole('button', { name: 'New graph' }).click();
  await expect(graph.locator('.react-flow__node')).toHaveCount(1);
  await expect(shapeOf('Input input_1')).toHaveText('28×28×1');

  // Drop four layers around the Input node (which sits in the middle after "New graph" fits the view).
  const pane = graph.locator('.react-flow__pane');
  const box = await pane.boundingBox();
  if (!box) throw new Error('no pane');
  // Only the part of the pane inside the window can take a drop.
  const viewportHeight = page.viewportSize()?.height ?? 720;
  const h = Math.min(box.height, viewportHeight - box.y);
  const drops: [string, number, number][] = [
    ['Conv2D', 0.2, 0.25],
    ['MaxPool2D', 0.2, 0.75],
    ['Flatten', 0.8, 0.25],
    ['Dense', 0.8, 0.75],
  ];
  for (const [title, fx, fy] of drops) {
    await palette.getByRole('button', { name: title, exact: true }).dragTo(pane, {
      targetPosition: { x: box.width * fx, y: h * fy },
    });
  }
  await expect(graph.locator('.react-flow__node')).toHaveCount(5);
  // Not connected yet: no shape can be inferred.
  await expect(shapeOf('Conv2D conv2d_1')).toHaveText('?');

  // Line the unconnected blocks up so every handle is in view, then connect them handle to handle. The handles
  // are found only once the view has stopped moving (the canvas is aria-busy while it glides to the new fit),
  // and each drag waits for the connection before the next starts: a drag that began on a handle still moving
  // missed it on a loaded machine.
  await graph.getByRole('button', { name: 'Auto layout' }).click();
  await expect(graph).not.toHaveAttribute('aria-busy', 'true');
  const out = (id: string): Locator => graph.locator(`[aria-label="Output of ${id}"]`);
  const inp = (id: string): Locator => graph.locator(`[aria-label="Input of ${id}"]`);
  const chain: [string, string][] = [
    ['input_1', 'conv2d_1'],
    ['conv2d_1', 'max_pool_1'],
    ['max_pool_1', 'flatten_1'],
    ['flatten_1', 'dense_1'],
  ];
  for (const [i, [a, b]] of chain.entries()) {
    await connect(page, out(a), inp(b));
    await expect(graph.locator('.react-flow__edge')).toHaveCount(i + 1);
  }

  await expect(shapeOf('Conv2D conv2d_1')).toHaveText('28×28×8');
  await expect(shapeOf('MaxPool2D max_pool_1')).toHaveText('14×14×8');
  await expect(shapeOf('Flatten flatten_1')).toHaveText('1568');
  await expect(shapeOf('Dense dense_1')).toHaveText('32');
  // Edges carry the tensor shape too.
  await expect(graph.locator('.shape-edge__shape', { hasText: '14×14×8' })).toHaveCount(1);

  // "Insert layer" on an edge puts a layer in between and keeps the chain connected.
  await graph.getByRole('button', { name: 'Auto layout' }).click();
  await expect(graph).not.toHaveAttribute('aria-busy', 'true');
  const edgeLabel = graph.getByRole('button', { name: 'Insert layer between max_pool_1 and flatten_1' });
  await edgeLabel.click();
  await graph.getByRole('menuitem', { name: 'Dropout', exact: true }).click();
  await expect(graph.locator('.react-flow__edge')).toHaveCount(5);
  await expect(shapeOf('Dropout dropout_1')).toHaveText('14×14×8');
  await expect(shapeOf('Dense dense_1')).toHaveText('32');
});
