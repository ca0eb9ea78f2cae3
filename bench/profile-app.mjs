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
const server = await preview({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn', build: { outDir: join(ROOT, 'bench', 'dist') }, preview: { host: '127.0.0.1', port: PORT, strictPort: true } });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless=new', '--no-sandbox', '--enable-unsafe-webgpu'] });
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
  console.log(`window: ${JSON.stringify({ ...w, longTasks: w.longTasks })}; profile ${total.toFixed(0)} ms`);
  for (const [k, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${ms.toFixed(0).padStart(7)} ms  ${k}`);
} finally {
  await browser.close();
  await new Promise((r) => server.httpServer.close(r));
}
