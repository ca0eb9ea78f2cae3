#!/usr/bin/env node
// WASM threads, measured: examples/s of the default preset on MNIST through the real training worker (the bench
// harness page), forced to WASM, on one thread and on several, interleaved in one run (issue 16). Several threads are
// had by serving cross-origin isolated and making the page and its workers report CORES logical cores (Chromium's
// hardware-concurrency override; TF.js gives one thread per two). Prints each window and a JSON line; writes nothing.
//   node scripts/bench-threads.mjs            (BENCH_SECONDS=8 BENCH_ROUNDS=3 CORES=4 by default)
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { buildHarness, HARNESS_PAGE, previewBuilt } from '../bench/build-harness.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(ROOT, 'dist-bench-threads');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CORES = Number(process.env.CORES ?? 4);
const log = (/** @type {string} */ s) => process.stdout.write(s + '\n');

/** Makes the page and each worker it starts (held until told) report `cores` logical cores. */
async function emulateCores(/** @type {import('playwright-core').Page} */ page, /** @type {number} */ cores) {
  const cdp = await page.context().newCDPSession(page);
  const override = { hardwareConcurrency: cores };
  await cdp.send('Emulation.setHardwareConcurrencyOverride', override);
  cdp.on('Target.attachedToTarget', async (ev) => {
    const steps = [
      ['Emulation.setHardwareConcurrencyOverride', override],
      ['Runtime.runIfWaitingForDebugger', {}],
    ];
    for (const [i, [method, params]] of steps.entries())
      await cdp
        .send('Target.sendMessageToTarget', {
          sessionId: ev.sessionId,
          message: JSON.stringify({ id: i + 1, method, params }),
        })
        .catch(() => undefined);
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
}

log('building the harness page…');
await buildHarness(OUT_DIR, { withApp: false });
const server = await previewBuilt(OUT_DIR, 0);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-background-networking'],
});
const configs = [
  { label: '1 thread', cores: null },
  { label: 'threads', cores: CORES },
];
/** @type {Record<string, number[]>} */
const rates = { '1 thread': [], threads: [] };
/** @type {Record<string, string>} */
const adapters = {};
try {
  for (let round = 1; round <= ROUNDS; round++) {
    for (const c of configs) {
      const context = await browser.newContext();
      const page = await context.newPage();
      if (c.cores) await emulateCores(page, c.cores);
      await page.goto(`${server.url}${HARNESS_PAGE}`);
      await page.waitForFunction(() => window.__harness !== undefined);
      const r = await page.evaluate(
        (s) =>
          window.__harness.train({
            backend: 'wasm',
            model: 'preset',
            dataset: 'mnist',
            seconds: s,
            warmupSeconds: 3,
          }),
        SECONDS,
      );
      await context.close();
      if (r.errors.length > 0) throw new Error(`${c.label}: ${r.errors.join('; ')}`);
      if (r.examplesPerSec !== null) rates[c.label]?.push(r.examplesPerSec);
      adapters[c.label] = r.backend?.adapter ?? '?';
      log(`round ${round} ${c.label}: ${Math.round(r.examplesPerSec ?? 0)} ex/s (${adapters[c.label]})`);
    }
  }
} finally {
  await browser.close();
  await server.close();
}
const best = (/** @type {number[]} */ xs) => (xs.length > 0 ? Math.max(...xs) : null);
const one = best(rates['1 thread'] ?? []);
const many = best(rates.threads ?? []);
log(
  JSON.stringify({
    seconds: SECONDS,
    rounds: ROUNDS,
    adapters,
    examplesPerSec: rates,
    best: { oneThread: one, threads: many },
    ratio: one && many ? Number((many / one).toFixed(2)) : null,
  }),
);
