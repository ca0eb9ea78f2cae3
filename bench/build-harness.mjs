// Builds the worker harness page (bench/harness/index.html, served at HARNESS_PAGE) plus, unless told not to, the app
// (index.html) into `outDir`, using vite.config.ts with the harness as an extra Rollup input; `npx vite build` alone
// never builds the harness. Used by scripts/bench.mjs and e2e/worker-backends.spec.ts; runnable alone:
//   node bench/build-harness.mjs [outDir] [--harness-only]
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Headless Chromium flags that work on this machine (see the README); the bench adds WebGPU's. */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where the harness page lies in the built folder (Vite keeps the HTML's path under the project root). */
export const HARNESS_PAGE = '/bench/harness/index.html';

/** @param {string} outDir @param {{ withApp?: boolean }} [opts] */
export async function buildHarness(outDir, opts = {}) {
  /** @type {Record<string, string>} */
  const input = { harness: join(ROOT, 'bench', 'harness', 'index.html') };
  if (opts.withApp !== false && existsSync(join(ROOT, 'index.html'))) input.main = join(ROOT, 'index.html');
  await build({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: resolve(ROOT, outDir), emptyOutDir: true, rollupOptions: { input } },
  });
}

/**
 * Serves a built folder with `vite preview` (the app's CSP headers) on 127.0.0.1:`port` (0: any free port).
 * @param {string} outDir @param {number} port
 * @returns {Promise<{ url: string; close: () => Promise<void> }>} url: the origin, no trailing slash
 */
export async function previewBuilt(outDir, port) {
  const server = await preview({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: resolve(ROOT, outDir) },
    preview: { host: '127.0.0.1', port, strictPort: true },
  });
  const address = server.httpServer.address();
  if (address === null || typeof address === 'string')
    throw new Error('vite preview did not listen on a port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((r) => server.httpServer.close(() => r(undefined))),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith('--'));
  await buildHarness(resolve(dir ?? join(ROOT, 'bench', 'dist')), {
    withApp: !args.includes('--harness-only'),
  });
}
