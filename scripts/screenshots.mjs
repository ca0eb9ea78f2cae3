#!/usr/bin/env node
/**
 * README screenshots taken from the real app while it trains.
 *
 *   npx vite build --outDir /tmp/dist-shots && npx vite preview --outDir /tmp/dist-shots --port 4302 --host 127.0.0.1
 *   node scripts/screenshots.mjs [baseUrl]            (or SCREENSHOT_URL=...; default http://127.0.0.1:4302)
 *
 * Writes docs/screenshot.png (default preset), docs/screenshot-gan.png (DCGAN), docs/screenshot-autoencoder.png
 * (denoising autoencoder), all at 1366×768 (a classroom projector) while training, docs/screenshot-dark.png and
 * docs/panels/*.png. Drives the UI only by accessible
 * names (see the conventions), so a broken name fails here as it would in e2e. Takes about two minutes.
 * CHROMIUM_PATH overrides /usr/bin/chromium; SCREENSHOT_GAN_SECONDS (default 40) trains the DCGAN longer, worth it
 * where training is slow (headless without a GPU the samples are still noise after 40 s).
 */
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const docs = join(root, 'docs');
const panelsDir = join(docs, 'panels');
const baseUrl = process.argv[2] ?? process.env.SCREENSHOT_URL ?? 'http://127.0.0.1:4302';
const seconds = (s) => s * 1000;

/** Classifier panels and their file names under docs/panels/. */
const CLASSIFIER_PANELS = {
  Kernels: 'kernels',
  'Activation maps': 'activation-maps',
  Pooling: 'pooling',
  'Dead ReLU': 'dead-relu',
  Loss: 'loss',
  'Confusion matrix': 'confusion-matrix',
  Predictions: 'predictions',
  Draw: 'draw',
  'Layer health': 'layer-health',
  Saliency: 'saliency',
  'Convolution step': 'convolution-step',
  'Adversarial example': 'adversarial',
  'Feature visualization': 'feature-visualization',
};

const region = (page, name) => page.getByRole('region', { name, exact: true });

/**
 * For panel shots only: the dock (a scroll box of at most 640 px) is unrolled into the page and each panel takes its
 * own height instead of its grid row's, so a whole panel can be captured without the dock clipping it.
 */
const UNROLLED_DOCK = `
  .app { height: auto !important; grid-template-rows: auto auto 400px 8px auto !important; }
  .app__dock, .panel-dock { overflow: visible !important; }
  .panel-dock { align-items: start; grid-auto-rows: auto !important; }
  .panel-body { container-type: normal !important; overflow: visible !important; }
`;
async function unrollDock(page) {
  await page.addStyleTag({ content: UNROLLED_DOCK });
}

/** Waits until every drawing canvas in the region (not the outline overlays) has more than one colour. */
async function waitForDrawn(page, r, name, timeout = seconds(20)) {
  const drawn = () =>
    r.evaluate((el) => {
      const canvases = [...el.querySelectorAll('canvas:not(.viz-overlay)')].filter(
        (c) => c.width > 0 && c.height > 0 && c.offsetParent,
      );
      return canvases.every((c) => {
        const d = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
        if (!d) return true; // a WebGL canvas: cannot read it here
        for (let i = 4; i < d.length; i += 4)
          if (d[i] !== d[0] || d[i + 1] !== d[1] || d[i + 2] !== d[2] || d[i + 3] !== d[3]) return true;
        return false;
      });
    });
  const end = Date.now() + timeout;
  while (!(await drawn())) {
    if (Date.now() > end) {
      console.warn(`  ${name}: a canvas is still blank after ${timeout / 1000} s`);
      return;
    }
    await page.waitForTimeout(250);
  }
}

async function shootRegion(page, name, file) {
  const r = region(page, name);
  await r.scrollIntoViewIfNeeded();
  await waitForDrawn(page, r, name);
  // Feature visualization works in small chunks while training: pause (the panels after it need no training) so it
  // finishes, and shoot the finished pictures, not the first chunk's.
  if (name === 'Feature visualization')
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
  if (name === 'Feature visualization')
    await r
      .getByText(/made at step/)
      .waitFor({ timeout: seconds(90) })
      .catch(() => console.warn(`  ${name}: not finished after 90 s`));
  // One more frame period so a panel's text read-outs catch up with its canvases.
  await page.waitForTimeout(500);
  await r.screenshot({ path: join(panelsDir, file), type: 'png', animations: 'disabled' });
  console.log(`  ${name} -> docs/panels/${file}`);
}

/**
 * A "4" on the Draw pad (test image 0 is a 7, so the Predictions shot visibly follows the drawing); waits until
 * Predictions shows the drawing's guess (no "label" then).
 */
async function drawDigit(page) {
  const pad = region(page, 'Draw').locator('canvas').first();
  await pad.scrollIntoViewIfNeeded();
  const p = await pad.boundingBox();
  if (!p) return;
  const at = (fx, fy) => [p.x + p.width * fx, p.y + p.height * fy];
  const stroke = async (points) => {
    await page.mouse.move(...at(...points[0]));
    await page.mouse.down();
    for (const pt of points.slice(1)) await page.mouse.move(...at(...pt), { steps: 10 });
    await page.mouse.up();
  };
  await stroke([
    [0.5, 0.18],
    [0.25, 0.6],
    [0.75, 0.6],
  ]);
  await stroke([
    [0.6, 0.35],
    [0.6, 0.85],
  ]);
  const summary = region(page, 'Predictions').locator('.viz-prediction');
  const end = Date.now() + seconds(20);
  while (Date.now() < end && /label/.test((await summary.textContent()) ?? 'label'))
    await page.waitForTimeout(250);
}

async function shootApp(page, file) {
  // Whole app as a user first sees it: dock scrolled to the top.
  await page.getByRole('region', { name: 'Panel dock' }).evaluate((d) => d.scrollTo(0, 0));
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(docs, file), type: 'png', animations: 'disabled' });
  console.log(`  whole app -> docs/${file}`);
}

/** Fresh page (no autosave carried over), a preset and dataset chosen, then Train. */
async function startRun(browser, { preset, dataset, epochs }) {
  // No service worker: its "Ready to work offline" note would sit over the panels in the shots.
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    deviceScaleFactor: 1,
    serviceWorkers: 'block',
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`  page error: ${e.message}`));
  await page.goto(baseUrl);
  if (preset) await page.getByLabel('Preset', { exact: true }).selectOption({ label: preset });
  await page.getByLabel('Dataset', { exact: true }).selectOption({ label: dataset });
  if (epochs !== undefined) await page.getByLabel('Epochs', { exact: true }).fill(String(epochs));
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  return { context, page };
}

/**
 * Click a map pixel of the deepest spatial layer (the last caption "… · H×W×C" with H > 1), so the receptive field
 * outlined on the input is large enough to see.
 */
async function pickFeatureMapPixel(page) {
  const canvas = region(page, 'Activation maps').getByRole('img', {
    name: 'Feature maps by layer',
    exact: true,
  });
  await canvas.scrollIntoViewIfNeeded();
  const target = await canvas.evaluate((c) => {
    const captions = [...(c.parentElement?.parentElement?.querySelectorAll('.viz-caption') ?? [])].filter(
      (el) => {
        const m = /· (\d+)×(\d+)×(\d+)$/.exec(el.textContent ?? '');
        return m !== null && Number(m[1]) > 1;
      },
    );
    const block = captions.at(-1);
    const topPct = block ? parseFloat(block.style.top) / 100 : 0;
    // A block is a 12-px caption strip, then its maps zoomed to about 28 px: aim at the middle of the first map.
    return { x: 14, y: topPct * c.height + 12 + 14, w: c.width, h: c.height };
  });
  const box = await canvas.boundingBox();
  if (!box) return;
  await canvas.click({
    position: { x: (target.x / target.w) * box.width, y: (target.y / target.h) * box.height },
  });
}

async function classifier(browser) {
  console.log('MNIST classifier (default preset)');
  const { context, page } = await startRun(browser, { dataset: 'MNIST', epochs: 5 });
  await page.waitForTimeout(seconds(25));
  await pickFeatureMapPixel(page);
  await shootApp(page, 'screenshot.png');
  const dark = page.getByRole('button', { name: 'Dark theme', exact: true });
  await dark.click();
  await shootApp(page, 'screenshot-dark.png');
  await dark.click();
  await unrollDock(page);
  const { Draw: drawFile, Predictions: predictionsFile, ...beforeDrawing } = CLASSIFIER_PANELS;
  for (const [name, file] of Object.entries(beforeDrawing)) await shootRegion(page, name, `${file}.png`);
  // Last, as the drawing replaces the test image in the other panels.
  await drawDigit(page);
  await shootRegion(page, 'Draw', `${drawFile}.png`);
  await shootRegion(page, 'Predictions', `${predictionsFile}.png`);
  await context.close();
}

async function gan(browser) {
  console.log('DCGAN on MNIST');
  const { context, page } = await startRun(browser, { preset: 'DCGAN', dataset: 'MNIST' });
  await page.waitForTimeout(seconds(Number(process.env.SCREENSHOT_GAN_SECONDS ?? 40)));
  await shootApp(page, 'screenshot-gan.png');
  await unrollDock(page);
  await shootRegion(page, 'GAN samples', 'gan-samples.png');
  await shootRegion(page, 'Loss', 'gan-loss.png');
  await context.close();
}

async function autoencoder(browser) {
  console.log('Denoising autoencoder on MNIST');
  const { context, page } = await startRun(browser, { preset: 'Denoising autoencoder', dataset: 'MNIST' });
  await page.waitForTimeout(seconds(20));
  await shootApp(page, 'screenshot-autoencoder.png');
  await unrollDock(page);
  await shootRegion(page, 'Reconstructions', 'reconstructions.png');
  await context.close();
}

await mkdir(panelsDir, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless=new',
    '--no-sandbox',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  await classifier(browser);
  await gan(browser);
  await autoencoder(browser);
} finally {
  await browser.close();
}
