/**
 * Readable on a projector: in a 1366×768 window every preset's graph opens whole inside the canvas, with node
 * text at least 10 px on screen (CSS font size × the canvas zoom), and "Fit view" brings a panned, zoomed view
 * back to every node whole. Node issues open over the neighbours without covering their own fix buttons.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { PRESETS } from '../src/engine/graph/presets';

test.use({ viewport: { width: 1366, height: 768 } });

/** The smallest node text a class at the back of a room can still read off a projector. */
const MIN_TEXT_PX = 10;

interface ViewReport {
  /** Ids of the nodes on the canvas, sorted. */
  readonly ids: string[];
  /** Nodes not entirely inside the visible part of the canvas. */
  readonly cut: string[];
  /** The smallest node text on screen, px. */
  readonly smallestText: number;
  /** Nodes whose shape text (e.g. 28×28×8) does not fit its line. */
  readonly truncatedShapes: string[];
  readonly zoom: number;
}

/**
 * Measures the canvas in the page. The visible rect is the canvas clipped by every scrolling or clipping ancestor
 * and the window, so a canvas that runs under the panel dock does not count as visible there.
 */
async function measure(canvas: Locator): Promise<ViewReport> {
  return canvas.evaluate((pane: HTMLElement) => {
    let vis = { l: 0, t: 0, r: window.innerWidth, b: window.innerHeight };
    for (let el: HTMLElement | null = pane; el; el = el.parentElement) {
      const cs = getComputedStyle(el);
      if (el === pane || cs.overflowX !== 'visible' || cs.overflowY !== 'visible') {
        const r = el.getBoundingClientRect();
        vis = {
          l: Math.max(vis.l, r.left),
          t: Math.max(vis.t, r.top),
          r: Math.min(vis.r, r.right),
          b: Math.min(vis.b, r.bottom),
        };
      }
    }
    const nodes = [...pane.querySelectorAll<HTMLElement>('.react-flow__node')];
    const ids: string[] = [];
    const cut: string[] = [];
    const truncatedShapes: string[] = [];
    let smallestText = Infinity;
    let zoom = 0;
    for (const n of nodes) {
      const id = n.dataset['id'] ?? '?';
      ids.push(id);
      const r = n.getBoundingClientRect();
      if (r.left < vis.l - 1 || r.top < vis.t - 1 || r.right > vis.r + 1 || r.bottom > vis.b + 1)
        cut.push(id);
      // On-screen scale of the node: its drawn width over its CSS width (the canvas zoom).
      const scale = r.width / n.offsetWidth;
      zoom = scale;
      for (const el of n.querySelectorAll<HTMLElement>('*')) {
        const hasText = [...el.childNodes].some(
          (c) => c.nodeType === Node.TEXT_NODE && c.textContent?.trim(),
        );
        if (!hasText || el.getClientRects().length === 0) continue;
        smallestText = Math.min(smallestText, parseFloat(getComputedStyle(el).fontSize) * scale);
      }
      const shape = n.querySelector<HTMLElement>('[data-testid="node-shape"]');
      if (!shape || shape.scrollWidth > shape.clientWidth + 1) truncatedShapes.push(id);
    }
    return { ids: ids.sort(), cut, smallestText, truncatedShapes, zoom };
  });
}

async function openApp(page: Page): Promise<{ graph: Locator; canvas: Locator }> {
  await page.goto('/');
  const graph = page.getByRole('region', { name: 'Graph', exact: true });
  const canvas = graph.getByRole('application', { name: 'Network graph' });
  await expect(canvas.locator('.react-flow__node').first()).toBeVisible();
  return { graph, canvas };
}

/** The ids the editor shows for a preset: its graph, or a GAN's generator (the first tab). */
function presetIds(value: string): string[] {
  const p = PRESETS.find((x) => x.id === value);
  if (!p) throw new Error(`no preset ${value}`);
  return (p.gan ? p.gan.generator : p.graph).nodes.map((n) => n.id).sort();
}

test('every preset opens whole, with node text of at least 10 px, at 1366×768', async ({ page }) => {
  const { graph, canvas } = await openApp(page);
  const select = page.getByLabel('Preset', { exact: true });
  const options = await select
    .locator('option')
    .evaluateAll((os) =>
      os.map((o) => ({ value: (o as HTMLOptionElement).value, label: o.textContent ?? '' })),
    );
  expect(options.length).toBeGreaterThanOrEqual(PRESETS.length);
  const figures: string[] = [];
  for (const { value, label } of options) {
    await select.selectOption(value);
    // The preset's own nodes are on the canvas and the view is not moving...
    await expect.poll(async () => (await measure(canvas)).ids, { message: label }).toEqual(presetIds(value));
    await expect(graph).not.toHaveAttribute('aria-busy', 'true');
    // ...and it has been fitted: every node whole and readable (a resized canvas is fitted again, so poll).
    await expect
      .poll(
        async () => {
          const m = await measure(canvas);
          return { cut: m.cut, readable: m.smallestText >= MIN_TEXT_PX, truncated: m.truncatedShapes };
        },
        { message: `${label}: nodes whole, text ≥ ${MIN_TEXT_PX} px, shapes not cut short` },
      )
      .toEqual({ cut: [], readable: true, truncated: [] });
    const m = await measure(canvas);
    figures.push(`${value}: zoom ${m.zoom.toFixed(3)}, text ≥ ${m.smallestText.toFixed(1)} px`);
  }
  test.info().annotations.push({ type: 'figures', description: figures.join('; ') });
});

test('"Fit view" brings a zoomed-in view back to every node whole and readable', async ({ page }) => {
  const { graph, canvas } = await openApp(page);
  await expect.poll(async () => (await measure(canvas)).cut).toEqual([]);
  // Zoom in over the canvas until nodes are cut off (so the fit below has something to do).
  const box = await canvas.boundingBox();
  if (!box) throw new Error('no canvas');
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.5);
  for (let i = 0; i < 5; i++) await page.mouse.wheel(0, -200);
  await expect.poll(async () => (await measure(canvas)).cut.length).toBeGreaterThan(0);
  await graph.getByRole('button', { name: 'Fit view' }).click();
  await expect(graph).not.toHaveAttribute('aria-busy', 'true');
  const m = await measure(canvas);
  expect(m.cut).toEqual([]);
  expect(m.smallestText).toBeGreaterThanOrEqual(MIN_TEXT_PX);
});

test('a node’s issues open over its neighbours, keep the node’s size and leave the fix reachable', async ({
  page,
}) => {
  const { graph, canvas } = await openApp(page);
  const node = (name: string): Locator => graph.getByRole('group', { name, exact: true });
  const dense = node('Dense dense_1');
  const before = await dense.boundingBox();
  // Removing Flatten leaves Dense on an image: an error with an "insert Flatten" fix.
  await node('Flatten flatten_1').click();
  await page.keyboard.press('Delete');
  const fix = dense.getByRole('button', { name: 'insert Flatten' });
  await expect(fix).toBeVisible();
  // The node did not grow to hold the message...
  const after = await dense.boundingBox();
  expect(after?.height).toBeCloseTo(before?.height ?? 0, 0);
  // ...and nothing covers the fix button: a trial click finds the button itself under the pointer.
  await fix.click({ trial: true, timeout: 3000 });
  await fix.click();
  await expect(node('Flatten flatten_1')).toHaveCount(1);
  await expect(graph.getByRole('list', { name: 'Issues' })).toHaveCount(0);
  await expect.poll(async () => (await measure(canvas)).cut).toEqual([]);
});
