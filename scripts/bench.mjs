#!/usr/bin/env node
// `npm run bench`: trains the default MNIST preset in headless Chromium through the real training worker (all probes
// on) and in a bare trainOnBatch loop, per backend; ConvNetJS on its MNIST demo net beside TF.js on the same net.
// Writes bench/results.json and prints a table. `npm run bench -- --accuracy`: seconds until the Fast MNIST preset
// reaches 99% test accuracy, and the default preset's accuracy after one epoch, on the auto backend (summary fields).
// Pages: index.html (the app, driven through its UI by bench/app-page.mjs: fps, long tasks and the app's rate are
// measured there) and the worker harness page (bench/harness/: bare loop, ConvNetJS), both built into bench/dist by
// bench/build-harness.mjs (the harness is never part of dist/).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { openApp, selectBackend, trainWindow, visiblePanels, batchSize } from '../bench/app-page.mjs';
import { buildHarness, CHROMIUM_ARGS, HARNESS_PAGE, previewBuilt } from '../bench/build-harness.mjs';
import { GPU_CHROMIUM_ARGS, judgeGpu, seeGpu } from '../bench/gpu.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// BENCH_DIST / BENCH_PORT: another build folder and port, so two benches on one machine do not clobber each other.
const OUT_DIR = process.env.BENCH_DIST ? resolve(process.env.BENCH_DIST) : join(ROOT, 'bench', 'dist');
const PORT = Number(process.env.BENCH_PORT ?? 4198);
const ONLY = process.env.BENCH_BACKENDS?.split(',');
// Slowest last: on a GPU-less machine WebGPU runs on SwiftShader.
const BACKENDS = ['wasm', 'cpu', 'webgl', 'webgpu'].filter((b) => !ONLY || ONLY.includes(b));
const WINDOW_SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const APP_VIEWPORT = '1600×1100';
const accuracyMode = process.argv.includes('--accuracy');
// `npm run bench:gpu` (`--gpu`): the same rows with the machine's real GPU; refuses to run on a software adapter
// (BENCH_ALLOW_SOFTWARE=1 runs anyway, to try the script on a machine without one) and writes bench/gpu-results.json.
const gpuMode = process.argv.includes('--gpu');
const ARGS = gpuMode ? GPU_CHROMIUM_ARGS : [...CHROMIUM_ARGS, '--enable-unsafe-webgpu'];
const RESULTS_FILE = join(ROOT, 'bench', gpuMode ? 'gpu-results.json' : 'results.json');
// The app's service worker would answer from its own cache; a bench measures the build it just made.
const CONTEXT = /** @type {const} */ ({ serviceWorkers: 'block' });

const log = (/** @type {string} */ s) => process.stdout.write(s + '\n');
const round = (/** @type {number | null | undefined} */ x, d = 0) =>
  x === null || x === undefined || !Number.isFinite(x) ? null : Number(x.toFixed(d));

async function main() {
  log('building the harness page…');
  await buildHarness(OUT_DIR, { withApp: !accuracyMode });
  const server = await previewBuilt(OUT_DIR, PORT);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ARGS,
  });
  try {
    const page = await (await browser.newContext(CONTEXT)).newPage();
    const convnet = readFileSync(join(ROOT, 'node_modules', 'convnetjs', 'build', 'convnet.js'), 'utf8');
    await page.route('**/convnet.js', (route) =>
      route.fulfill({ contentType: 'text/javascript', body: convnet }),
    );
    page.on('pageerror', (e) => log(`page error: ${e.message}`));
    await page.goto(`${server.url}${HARNESS_PAGE}`);
    await page.waitForFunction(() => window.__harness !== undefined);
    /** @type {ReturnType<typeof judgeGpu> | null} */
    let gpu = null;
    if (gpuMode) {
      gpu = judgeGpu(await seeGpu(page));
      log(`GPU: WebGPU ${gpu.webgpu}; WebGL ${gpu.webgl}`);
      if (!gpu.hardware && process.env.BENCH_ALLOW_SOFTWARE !== '1') {
        log(
          'no hardware GPU here: nothing measured (BENCH_ALLOW_SOFTWARE=1 runs on the software adapter anyway)',
        );
        process.exitCode = 2;
        return;
      }
    }
    if (accuracyMode) await accuracy(page);
    else await bench(page, browser, gpu);
  } finally {
    await browser.close();
    await server.close();
  }
}

const TARGET_ACCURACY = 0.99;
const ACCURACY_CAP_SECONDS = Number(process.env.BENCH_ACCURACY_CAP ?? 180);
/** Training examples between whole-test-split checks in the time-to-99% run (10,000 examples each). */
const VALIDATE_EVERY_EXAMPLES = Number(process.env.BENCH_VALIDATE_EVERY ?? 10_000);

/**
 * `--accuracy`, on the auto backend through the real training worker (the harness page's client): (a) the Fast MNIST
 * preset until a whole-test-split validation reaches 99% (seconds from Start, validations included; readiness apart),
 * (b) the default preset's test accuracy after exactly one epoch. Merged into bench/results.json's summary
 * (secondsTo99, oneEpochAccuracy, accuracyRuns); the rest of the file is kept.
 * @param {import('playwright-core').Page} page
 */
async function accuracy(page) {
  const load = loadAverage();
  log(`load average before: ${load}`);
  log(
    `Fast MNIST until ${TARGET_ACCURACY * 100}% test accuracy (cap ${ACCURACY_CAP_SECONDS} s) on the auto backend…`,
  );
  const fast = await page.evaluate(
    ([target, cap, every]) =>
      window.__harness.toAccuracy({
        backend: 'auto',
        model: 'fast',
        dataset: 'mnist',
        target,
        capSeconds: cap,
        validateEveryExamples: every,
      }),
    /** @type {const} */ ([TARGET_ACCURACY, ACCURACY_CAP_SECONDS, VALIDATE_EVERY_EXAMPLES]),
  );
  if (fast.errors.length > 0) throw new Error(fast.errors.join('; '));
  log(`backend: ${fast.backend?.name} (${fast.backend?.adapter ?? fast.backend?.reason})`);
  for (const p of fast.points)
    log(
      `  step ${p.step} (${p.epochs.toFixed(2)} epochs) ${p.seconds.toFixed(1)} s: ${(p.accuracy * 100).toFixed(2)}%`,
    );
  log(
    fast.reached
      ? `99% after ${fast.seconds?.toFixed(1)} s from Start (ready in ${((fast.readyMs ?? NaN) / 1000).toFixed(1)} s)`
      : `99% not reached in the preset's epochs or within ${ACCURACY_CAP_SECONDS} s (${fast.points.at(-1)?.seconds.toFixed(0) ?? 0} s trained)`,
  );

  log('the default preset for exactly 1 epoch of MNIST on the auto backend…');
  const t0 = Date.now();
  const one = await page.evaluate(() =>
    window.__harness.train({
      backend: 'auto',
      model: 'preset',
      dataset: 'mnist',
      untilFinished: true,
      presetSettings: true,
      hyper: { epochs: 1, validateEvery: 0 },
    }),
  );
  if (one.errors.length > 0) throw new Error(one.errors.join('; '));
  const oneSeconds = (Date.now() - t0) / 1000 - (one.readyMs ?? 0) / 1000;
  log(
    `steps: ${one.steps}, ${oneSeconds.toFixed(0)} s after ready (${Math.round((one.steps * one.batchSize) / oneSeconds)} examples/s)`,
  );
  log(`MNIST test accuracy after 1 epoch: ${((one.valAccuracy ?? NaN) * 100).toFixed(2)}%`);

  const path = RESULTS_FILE;
  const results = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : { rows: [], summary: {} };
  const loadAfter = loadAverage();
  results.summary = {
    ...results.summary,
    secondsTo99: fast.reached ? round(fast.seconds, 1) : null,
    oneEpochAccuracy: round(one.valAccuracy, 4),
    accuracyRuns: {
      date: new Date().toISOString(),
      loadAverage: { before: load, after: loadAfter },
      fastMnist: {
        preset: 'fast-mnist',
        backend: fast.backend?.name ?? null,
        adapter: fast.backend?.adapter ?? null,
        target: TARGET_ACCURACY,
        reached: fast.reached,
        capSeconds: ACCURACY_CAP_SECONDS,
        secondsFromStart: round(fast.seconds, 1),
        readyMs: round(fast.readyMs),
        batchSize: fast.batchSize,
        validateEverySteps: fast.points[0]?.step ?? null,
        examplesPerSec: round(fast.examplesPerSec),
        curve: fast.points.map((p) => ({
          step: p.step,
          epochs: round(p.epochs, 3),
          seconds: round(p.seconds, 1),
          accuracy: round(p.accuracy, 4),
        })),
      },
      defaultOneEpoch: {
        preset: 'notes-small',
        backend: one.backend?.name ?? null,
        steps: one.steps,
        testAccuracy: round(one.valAccuracy, 4),
        secondsAfterReady: round(oneSeconds, 1),
        batchSize: one.batchSize,
        examplesPerSec: round((one.steps * one.batchSize) / oneSeconds),
        readyMs: round(one.readyMs),
      },
    },
  };
  writeFileSync(path, JSON.stringify(results, null, 2) + '\n');
  log(
    `bench/results.json: summary.secondsTo99 ${results.summary.secondsTo99}, oneEpochAccuracy ${results.summary.oneEpochAccuracy}`,
  );
  log(`load average after: ${loadAfter}`);
}

/** The `--accuracy` mode's summary fields of the committed bench/results.json, which a throughput run keeps. */
function keptAccuracy() {
  try {
    const { summary = {} } = JSON.parse(readFileSync(join(ROOT, 'bench', 'results.json'), 'utf8'));
    const { secondsTo99, oneEpochAccuracy, accuracyRuns } = summary;
    return { secondsTo99, oneEpochAccuracy, accuracyRuns };
  } catch {
    return {};
  }
}

/** The 1, 5 and 15 minute load averages, as uptime prints them. */
function loadAverage() {
  return loadavg()
    .map((x) => x.toFixed(2))
    .join(', ');
}

/**
 * Per backend: the app page trains the default preset (app windows) alternating with the bare trainOnBatch loop in the
 * harness page's bench worker (bare windows), ROUNDS times each, so drift on the shared machine hits both alike.
 * The app is paused during bare windows and the bare worker is gone during app windows.
 * @param {import('playwright-core').Page} harness @param {import('playwright-core').Browser} browser
 * @param {ReturnType<typeof judgeGpu> | null} gpu what `--gpu` found (null without it)
 */
async function bench(harness, browser, gpu) {
  // Its own context (own renderer process): the harness page's main thread never shares the app page's.
  const loadBefore = loadAverage();
  const appContext = await browser.newContext(CONTEXT);
  const app = await appContext.newPage();
  app.on('pageerror', (e) => log(`app page error: ${e.message}`));
  await openApp(app, `http://127.0.0.1:${PORT}/index.html`);
  const panels = await visiblePanels(app);
  log(`app page: panels in view: ${panels.join(', ') || 'none'}`);
  const batch = await batchSize(app);
  const rows = [];
  for (const backend of BACKENDS) {
    await selectBackend(app, backend);
    /** @type {{ steps: number; ms: number; fps: number; secs: number; longTasks: number[]; barMutationsPerSec: number; badge: string | null; badgeTitle: string | null }[]} */
    const appWins = [];
    /** @type {number[]} */
    const bareRates = [];
    let error = null;
    for (let round = 0; round < ROUNDS && !error; round++) {
      log(`${backend}: app window ${round + 1}/${ROUNDS} (index.html, panels visible)…`);
      try {
        appWins.push(
          await trainWindow(app, {
            seconds: WINDOW_SECONDS,
            warmupSeconds: round === 0 ? 3 : 1.5,
            startTimeoutMs: 240_000,
          }),
        );
      } catch (e) {
        error = String(e instanceof Error ? e.message : e);
        break;
      }
      const w = appWins.at(-1);
      if (w && !(w.badge ?? '').toLowerCase().startsWith(backend)) {
        error = `the app trained on another backend: ${w.badge}`;
        break;
      }
      log(`${backend}: bare window ${round + 1}/${ROUNDS} (trainOnBatch in the bench worker)…`);
      const bare = await harness.evaluate(
        ([b, s]) =>
          window.__harness.bare({ backend: b, model: 'preset', dataset: 'mnist', seconds: s, batchSize: 32 }),
        /** @type {const} */ ([backend, WINDOW_SECONDS]),
      );
      if (bare.ok) bareRates.push(bare.examplesPerSec);
      else error = bare.error;
    }
    if (error || appWins.length === 0) {
      log(`  ${backend} unavailable: ${error}`);
      rows.push({
        backend,
        model: 'default preset (notes-small)',
        examplesPerSecApp: null,
        examplesPerSecBare: null,
        ratio: null,
        mainThreadFps: null,
        longTasks: null,
        note: error,
      });
      continue;
    }
    const ms = appWins.reduce((a, w) => a + w.ms, 0);
    const secs = appWins.reduce((a, w) => a + w.secs, 0);
    const appRate = (appWins.reduce((a, w) => a + w.steps, 0) * batch * 1000) / ms;
    const bareRate = bareRates.reduce((a, b) => a + b, 0) / bareRates.length;
    rows.push({
      backend,
      model: 'default preset (notes-small)',
      adapter: appWins[0]?.badge ?? null,
      adapterDetail: appWins[0]?.badgeTitle ?? null,
      examplesPerSecApp: round(appRate),
      examplesPerSecBare: round(bareRate),
      ratio: round(appRate / bareRate, 3),
      mainThreadFps: round(appWins.reduce((a, w) => a + w.fps * w.secs, 0) / secs, 1),
      longTasks: appWins.flatMap((w) => w.longTasks),
      trainingBarUpdatesPerSec: round(
        appWins.reduce((a, w) => a + w.barMutationsPerSec * w.secs, 0) / secs,
        1,
      ),
      windows: appWins.map((w, i) => ({
        app: round((w.steps * batch * 1000) / w.ms),
        bare: round(bareRates[i]),
        fps: round(w.fps, 1),
      })),
    });
    log(
      `  app ${round(appRate)} ex/s, bare ${round(bareRate)} ex/s, fps ${round(rows.at(-1)?.mainThreadFps, 1)}`,
    );
    log(`${backend}: TF.js on the ConvNetJS MNIST net (bare)…`);
    const cj = await harness.evaluate(
      (b) =>
        window.__harness.bare({
          backend: b,
          model: 'convnet',
          dataset: 'mnist',
          seconds: 5,
          batchSize: 20,
          optimizer: 'adadelta',
          learningRate: 1,
        }),
      backend,
    );
    rows.push({
      backend,
      model: 'ConvNetJS MNIST net',
      examplesPerSecApp: null,
      examplesPerSecBare: cj.ok ? round(cj.examplesPerSec) : null,
      ratio: null,
      mainThreadFps: null,
      longTasks: null,
    });
  }
  await appContext.close();
  log('ConvNetJS on its MNIST demo net…');
  const conv = await harness.evaluate(() => window.__harness.convnetjs({ seconds: 8 }));
  rows.push({
    backend: 'convnetjs',
    model: 'ConvNetJS MNIST net',
    examplesPerSecApp: null,
    examplesPerSecBare: round(conv.examplesPerSec),
    ratio: null,
    mainThreadFps: null,
    longTasks: null,
  });
  log('auto backend choice…');
  const auto = await harness.evaluate(() =>
    window.__harness.train({ backend: 'auto', model: 'preset', dataset: 'mnist', steps: 1 }),
  );
  const autoName = auto.backend?.name ?? null;
  const autoConv =
    rows.find((r) => r.backend === autoName && r.model === 'ConvNetJS MNIST net')?.examplesPerSecBare ?? null;
  const convnetjsRatio = autoConv && conv.examplesPerSec ? round(autoConv / conv.examplesPerSec, 2) : null;
  const summary = {
    autoBackend: autoName,
    autoReason: auto.backend?.reason ?? auto.errors.join('; '),
    autoVsConvnetjs: convnetjsRatio,
    // Issue 16: the auto backend on ConvNetJS's net ÷ ConvNetJS, same run; the WASM threads the app trained with.
    convnetjsRatio,
    threads: wasmThreads(rows.find((r) => r.backend === 'wasm' && r.adapterDetail)?.adapterDetail ?? null),
    page: `index.html at ${APP_VIEWPORT}, panels in view: ${panels.join(', ')}; examples/s from the training bar's Step counter × batch size ${batch}`,
    windows: `${ROUNDS} app and ${ROUNDS} bare windows of ${WINDOW_SECONDS} s per backend, alternating`,
    load: { before: loadBefore, after: loadAverage() },
    ...(gpu ? { gpu } : {}),
    date: new Date().toISOString(),
  };
  writeFileSync(
    RESULTS_FILE,
    JSON.stringify({ rows, summary: gpu ? summary : { ...keptAccuracy(), ...summary } }, null, 2) + '\n',
  );
  log(`written: ${RESULTS_FILE}`);
  printTable(rows);
  log(`auto: ${summary.autoBackend} — ${summary.autoReason}`);
  log(`auto backend on the ConvNetJS net vs ConvNetJS: ${summary.autoVsConvnetjs}×`);
}

/** The thread count in the app's WASM badge tooltip ("WASM (WASM SIMD, 2 threads) — …"); null when not shown. */
function wasmThreads(/** @type {string | null} */ title) {
  const m = /WASM[^,()]*, (\d+) threads?\b/.exec(title ?? '');
  return m ? Number(m[1]) : null;
}

/** @param {Record<string, unknown>[]} rows */
function printTable(rows) {
  const cols = [
    'backend',
    'model',
    'examplesPerSecApp',
    'examplesPerSecBare',
    'ratio',
    'mainThreadFps',
    'longTasks',
  ];
  const cell = (/** @type {unknown} */ v) =>
    v === null || v === undefined
      ? '—'
      : Array.isArray(v)
        ? v.length === 0
          ? 'none'
          : `${v.length} (max ${Math.max(...v)} ms)`
        : String(v);
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
