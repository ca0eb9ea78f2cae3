#!/usr/bin/env node
/**
 * README screenshots taken from the real app while it trains.
 *
 *   npx vite build --outDir /tmp/dist-shots && npx vite preview --outDir /tmp/dist-shots --port 4302 --host 127.0.0.1
 *   node scripts/screenshots.mjs [baseUrl]            (or SCREENSHOT_URL=...; default http://127.0.0.1:4302)
 *
 * Writes docs/screenshot.png, docs/screenshot-dark.png and docs/panels/*.png. Drives the UI only by accessible
 * names (see the conventions), so a broken name fails here as it would in e2e. Takes about two minutes.
 * CHROMIUM_PATH overrides /usr/bin/chromium.
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
};

const region = (page, name) => page.getByRole('region', { name, exact: true });

/**
 * Panels are shot from a dock made as tall as the app allows ("Resize panel dock", End) in a taller window, so a
 * whole panel fits in the dock's scroll box; the width stays 1440 px, so the panels keep their on-screen size.
 */
async function tallDock(page) {
  await page.setViewportSize({ width: 1440, height: 1400 });
  await page.getByRole('separator', { name: 'Resize panel dock' }).press('End');
}

async function shootRegion(page, name, file) {
  const r = region(page, name);
  await r.scrollIntoViewIfNeeded();
  const [panel, dock] = await Promise.all([r.boundingBox(), page.getByRole('region', { name: 'Panel dock' }).boundingBox()]);
  if (panel && dock && panel.height > dock.height) console.warn(`  ${name} is ${Math.round(panel.height)} px, taller than the dock`);
  // Let the newest frame reach the canvas after scrolling (panels draw on requestAnimationFrame).
  await page.waitForTimeout(400);
  await r.screenshot({ path: join(panelsDir, file), type: 'png', animations: 'disabled' });
  console.log(`  ${name} -> docs/panels/${file}`);
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
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`  page error: ${e.message}`));
  await page.goto(baseUrl);
  if (preset) await page.getByLabel('Preset', { exact: true }).selectOption({ label: preset });
  await page.getByLabel('Dataset', { exact: true }).selectOption({ label: dataset });
  if (epochs !== undefined) await page.getByLabel('Epochs', { exact: true }).fill(String(epochs));
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  return { context, page };
}

/** Click a map pixel so the receptive field is outlined on the input: a map of the third probed layer when there is one. */
async function pickFeatureMapPixel(page) {
  const maps = region(page, 'Activation maps');
  const canvas = maps.getByRole('img', { name: 'Feature maps by layer', exact: true });
  await canvas.scrollIntoViewIfNeeded();
  const target = await canvas.evaluate((c) => {
    const captions = [...(c.closest('section')?.querySelectorAll('.viz-caption') ?? [])];
    const block = captions[Math.min(2, captions.length - 1)];
    const topPct = block ? parseFloat(block.style.top) / 100 : 0;
    // Caption strip is 12 canvas px; maps are about 28 px: aim inside the first map of that block.
    return { x: 12, y: topPct * c.height + 12 + 10, w: c.width, h: c.height };
  });
  const box = await canvas.boundingBox();
  if (!box) return;
  await canvas.click({ position: { x: (target.x / target.w) * box.width, y: (target.y / target.h) * box.height } });
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
  await tallDock(page);
  for (const [name, file] of Object.entries(CLASSIFIER_PANELS)) await shootRegion(page, name, `${file}.png`);
  await context.close();
}

async function gan(browser) {
  console.log('DCGAN on MNIST');
  const { context, page } = await startRun(browser, { preset: 'DCGAN', dataset: 'MNIST' });
  await page.waitForTimeout(seconds(40));
  await tallDock(page);
  await shootRegion(page, 'GAN samples', 'gan-samples.png');
  await shootRegion(page, 'Loss', 'gan-loss.png');
  await context.close();
}

async function autoencoder(browser) {
  console.log('Denoising autoencoder on MNIST');
  const { context, page } = await startRun(browser, { preset: 'Denoising autoencoder', dataset: 'MNIST' });
  await page.waitForTimeout(seconds(20));
  await tallDock(page);
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
