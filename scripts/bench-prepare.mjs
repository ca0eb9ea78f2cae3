#!/usr/bin/env node
// `npm run bench:prepare`: how long the preparation worker takes for 10,000 generated 64×64 PNGs (ten classes of
// 1,000) → 28×28 grey, and what they use in IndexedDB (issue 14). Drives the harness page
// bench/harness/prepare.html (window.__prepare: generate, run, stored) in headless Chromium, as
// e2e/prepare-worker.spec.ts does for its checks. About a minute here; writes bench/prepare-results.json.
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { CHROMIUM_ARGS, previewBuilt } from '../bench/build-harness.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join('bench', 'dist-prepare');
const PAGE = '/bench/harness/prepare.html';
const CLASSES = 10;
const PER_CLASS = Number(process.env.BENCH_PER_CLASS ?? 1000);

const log = (/** @type {string} */ s) => process.stdout.write(s + '\n');

async function main() {
  log('building the preparation harness page…');
  await build({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: {
      outDir: join(ROOT, OUT_DIR),
      emptyOutDir: true,
      rollupOptions: { input: { prepare: join(ROOT, 'bench', 'harness', 'prepare.html') } },
    },
  });
  const server = await previewBuilt(OUT_DIR, 0);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => log(`page error: ${e.message}`));
    await page.goto(`${server.url}${PAGE}`);
    await page.waitForFunction(() => window.__prepare !== undefined);
    const spec = {
      classes: Array.from({ length: CLASSES }, (_, i) => `class${i}`),
      perClass: PER_CLASS,
      px: 64,
    };
    log(`generating ${CLASSES * PER_CLASS} PNGs of 64×64 in the page…`);
    const made = await page.evaluate((s) => window.__prepare.generate(s), spec);
    log('preparing them → 28×28 grey…');
    const r = await page.evaluate(() => window.__prepare.run('Ten thousand', {}, 0));
    if (r.outcome.type !== 'done') throw new Error(`not done: ${JSON.stringify(r.outcome)}`);
    const kept = await page.evaluate((i) => window.__prepare.stored(i), r.outcome.meta.id);
    if (kept?.count !== CLASSES * PER_CLASS) throw new Error(`stored ${kept?.count} images`);
    const result = {
      date: new Date().toISOString(),
      files: made.files,
      pngBytes: made.bytes,
      generateSeconds: +(made.ms / 1000).toFixed(1),
      prepareSeconds: +(r.ms / 1000).toFixed(1),
      progressMessages: r.progress.length,
      longestFrameGapMs: Math.round(r.longestFrameGapMs),
      datasetBytes: r.outcome.meta.bytes,
      originUsageBytes: kept.usage,
    };
    writeFileSync(join(ROOT, 'bench', 'prepare-results.json'), JSON.stringify(result, null, 2) + '\n');
    log(JSON.stringify(result));
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
