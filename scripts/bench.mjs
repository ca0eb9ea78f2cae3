#!/usr/bin/env node
// `npm run bench`: trains the default MNIST preset in headless Chromium through the real training worker (all probes
// on) and in a bare trainOnBatch loop, per backend; ConvNetJS on its MNIST demo net beside TF.js on the same net.
// Writes bench/results.json and prints a table. `npm run bench -- --accuracy`: 1 epoch of MNIST on the auto backend.
// Pages: e2e-harness.html (src/workers/harness.ts), built with bench/build-harness.mjs into bench/dist.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { buildHarness } from '../bench/build-harness.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(ROOT, 'bench', 'dist');
const PORT = 4198;
// Slowest last: on a GPU-less machine WebGPU runs on SwiftShader.
const BACKENDS = ['wasm', 'cpu', 'webgl', 'webgpu'];
const APP_SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const ARGS = ['--headless=new', '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-unsafe-webgpu'];
const accuracyMode = process.argv.includes('--accuracy');

const log = (/** @type {string} */ s) => process.stdout.write(s + '\n');
const round = (/** @type {number | null | undefined} */ x, d = 0) => (x === null || x === undefined || !Number.isFinite(x) ? null : Number(x.toFixed(d)));

async function main() {
  log('building the harness page…');
  try {
    await buildHarness(OUT_DIR, { withApp: true });
  } catch {
    log('the app does not build yet: building the harness page alone');
    await buildHarness(OUT_DIR, { withApp: false });
  }
  const server = await preview({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: OUT_DIR },
    preview: { host: '127.0.0.1', port: PORT, strictPort: true },
  });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
  try {
    const page = await browser.newPage();
    const convnet = readFileSync(join(ROOT, 'node_modules', 'convnetjs', 'build', 'convnet.js'), 'utf8');
    await page.route('**/convnet.js', (route) => route.fulfill({ contentType: 'text/javascript', body: convnet }));
    page.on('pageerror', (e) => log(`page error: ${e.message}`));
    await page.goto(`http://127.0.0.1:${PORT}/e2e-harness.html`);
    await page.waitForFunction(() => window.__harness !== undefined);
    if (accuracyMode) await accuracy(page);
    else await bench(page);
  } finally {
    await browser.close();
    await new Promise((r) => server.httpServer.close(r));
  }
}

/** @param {import('playwright-core').Page} page */
async function accuracy(page) {
  log('training the default preset for 1 epoch of MNIST on the auto backend…');
  const t0 = Date.now();
  const r = await page.evaluate(() =>
    window.__harness.train({ backend: 'auto', model: 'preset', dataset: 'mnist', untilFinished: true, hyper: { epochs: 1, validateEvery: 0 } }),
  );
  if (r.errors.length > 0) throw new Error(r.errors.join('; '));
  log(`backend: ${r.backend?.name} (${r.backend?.reason})`);
  log(`steps: ${r.steps}, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  log(`MNIST test accuracy after 1 epoch: ${((r.valAccuracy ?? NaN) * 100).toFixed(2)}%`);
}

/** @param {import('playwright-core').Page} page */
async function bench(page) {
  const rows = [];
  for (const backend of BACKENDS) {
    log(`${backend}: app (worker, all probes)…`);
    const app = await page
      .evaluate(
      ([b, s]) => window.__harness.train({ backend: b, model: 'preset', dataset: 'mnist', seconds: s, warmupSeconds: 3, probes: true, hyper: { validateEvery: 200 } }),
        /** @type {const} */ ([backend, APP_SECONDS]),
      )
      .catch((e) => ({ errors: [String(e.message ?? e)], backend: null, examplesPerSec: null, mainThreadFps: null, longTasks: [] }));
    if (app.errors.length > 0 || app.backend?.name !== backend) {
      log(`  ${backend} unavailable: ${app.errors.join('; ') || app.backend?.reason}`);
      rows.push({ backend, model: 'default preset (notes-small)', examplesPerSecApp: null, examplesPerSecBare: null, ratio: null, mainThreadFps: null, longTasks: null, note: app.errors.join('; ') });
      continue;
    }
    log(`${backend}: bare trainOnBatch…`);
    const bare = await page.evaluate(([b, s]) => window.__harness.bare({ backend: b, model: 'preset', dataset: 'mnist', seconds: s, batchSize: 32 }), /** @type {const} */ ([backend, APP_SECONDS]));
    const bareRate = bare.ok ? bare.examplesPerSec : null;
    rows.push({
      backend,
      model: 'default preset (notes-small)',
      adapter: app.backend.adapter,
      examplesPerSecApp: round(app.examplesPerSec),
      examplesPerSecBare: round(bareRate),
      ratio: bareRate ? round((app.examplesPerSec ?? 0) / bareRate, 3) : null,
      mainThreadFps: round(app.mainThreadFps, 1),
      longTasks: app.longTasks,
      ...(bare.ok ? {} : { note: bare.error }),
    });
    log(`${backend}: TF.js on the ConvNetJS MNIST net (bare)…`);
    const cj = await page.evaluate(
      (b) => window.__harness.bare({ backend: b, model: 'convnet', dataset: 'mnist', seconds: 5, batchSize: 20, optimizer: 'adadelta', learningRate: 1 }),
      backend,
    );
    rows.push({ backend, model: 'ConvNetJS MNIST net', examplesPerSecApp: null, examplesPerSecBare: cj.ok ? round(cj.examplesPerSec) : null, ratio: null, mainThreadFps: null, longTasks: null });
  }
  log('ConvNetJS on its MNIST demo net…');
  const conv = await page.evaluate(() => window.__harness.convnetjs({ seconds: 8 }));
  rows.push({ backend: 'convnetjs', model: 'ConvNetJS MNIST net', examplesPerSecApp: null, examplesPerSecBare: round(conv.examplesPerSec), ratio: null, mainThreadFps: null, longTasks: null });
  log('auto backend choice…');
  const auto = await page.evaluate(() => window.__harness.train({ backend: 'auto', model: 'preset', dataset: 'mnist', steps: 1 }));
  const autoName = auto.backend?.name ?? null;
  const autoConv = rows.find((r) => r.backend === autoName && r.model === 'ConvNetJS MNIST net')?.examplesPerSecBare ?? null;
  const summary = {
    autoBackend: autoName,
    autoReason: auto.backend?.reason ?? auto.errors.join('; '),
    autoVsConvnetjs: autoConv && conv.examplesPerSec ? round(autoConv / conv.examplesPerSec, 2) : null,
    page: 'e2e-harness.html (probe panel canvas drawn on the main thread)',
    date: new Date().toISOString(),
  };
  writeFileSync(join(ROOT, 'bench', 'results.json'), JSON.stringify({ rows, summary }, null, 2) + '\n');
  printTable(rows);
  log(`auto: ${summary.autoBackend} — ${summary.autoReason}`);
  log(`auto backend on the ConvNetJS net vs ConvNetJS: ${summary.autoVsConvnetjs}×`);
}

/** @param {Record<string, unknown>[]} rows */
function printTable(rows) {
  const cols = ['backend', 'model', 'examplesPerSecApp', 'examplesPerSecBare', 'ratio', 'mainThreadFps', 'longTasks'];
  const cell = (/** @type {unknown} */ v) => (v === null || v === undefined ? '—' : Array.isArray(v) ? (v.length === 0 ? 'none' : `${v.length} (max ${Math.max(...v)} ms)`) : String(v));
  const table = [cols, ...rows.map((r) => cols.map((c) => cell(r[c])))];
  const widths = cols.map((_, i) => Math.max(...table.map((r) => String(r[i]).length)));
  for (const [i, r] of table.entries()) {
    log('| ' + r.map((v, j) => String(v).padEnd(widths[j] ?? 0)).join(' | ') + ' |');
    if (i === 0) log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
