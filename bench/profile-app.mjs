// Diagnostic: CPU profile of the app page's main thread while it trains (which functions cost main-thread time).
//   node bench/profile-app.mjs [backend] [seconds]   (after `npm run bench` built bench/dist)
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { openApp, selectBackend, trainWindow } from './app-page.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PORT = 4197;
const [backend = 'wasm', seconds = '6'] = process.argv.slice(2);
const server = await preview({
  root: ROOT,
  configFile: join(ROOT, 'vite.config.ts'),
  logLevel: 'warn',
  build: { outDir: join(ROOT, 'bench', 'dist') },
  preview: { host: '127.0.0.1', port: PORT, strictPort: true },
});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--enable-unsafe-webgpu'],
});
try {
  const page = await browser.newPage();
  await openApp(page, `http://127.0.0.1:${PORT}/index.html`);
  await selectBackend(page, backend);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const w = await trainWindow(page, { seconds: Number(seconds), warmupSeconds: 2, startTimeoutMs: 240_000 });
  const { profile } = await cdp.send('Profiler.stop');
  /** @type {Map<number, any>} */
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = (profile.endTime - profile.startTime) / profile.samples.length / 1000;
  for (const id of profile.samples) {
    const n = byId.get(id);
    const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
    self.set(k, (self.get(k) ?? 0) + dt);
  }
  const total = (profile.endTime - profile.startTime) / 1000;
  // Busy stretches (consecutive non-idle samples) of 40 ms or more, with their heaviest functions.
  let t = profile.startTime;
  /** @type {{ start: number; ms: number; fns: Map<string, number> } | null} */
  let run = null;
  const label = (n) =>
    `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
  const parentOf = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  const stack = (id) => {
    const out = [];
    for (let x = id; x !== undefined && out.length < 6; x = parentOf.get(x)) out.push(label(byId.get(x)));
    return out.slice(0, 4).join(' < ');
  };
  profile.samples.forEach((id, i) => {
    const d = (profile.timeDeltas[i] ?? 0) / 1000;
    t += d * 1000;
    const idle = byId.get(id).callFrame.functionName === '(idle)';
    if (!idle) {
      run ??= { start: t / 1000, ms: 0, fns: new Map() };
      run.ms += d;
      const k = stack(id);
      run.fns.set(k, (run.fns.get(k) ?? 0) + d);
    } else if (run) {
      if (run.ms >= 40)
        console.log(
          `busy ${run.ms.toFixed(0)} ms at ${(run.start - profile.startTime / 1000).toFixed(0)}: ${[
            ...run.fns,
          ]
            .sort((a, b) => b[1] - a[1])
            .slice(0, 4)
            .map(([k, v]) => `${v.toFixed(0)} ${k}`)
            .join(' | ')}`,
        );
      run = null;
    }
  });
  console.log(`window: ${JSON.stringify({ ...w, longTasks: w.longTasks })}; profile ${total.toFixed(0)} ms`);
  for (const [k, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30))
    console.log(`${ms.toFixed(0).padStart(7)} ms  ${k}`);
} finally {
  await browser.close();
  await new Promise((r) => server.httpServer.close(r));
}
