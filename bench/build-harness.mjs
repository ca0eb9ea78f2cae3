// Builds the app (index.html, when present) plus the worker harness page (e2e-harness.html) into `outDir`,
// using vite.config.ts with one extra Rollup input. Used by scripts/bench.mjs; runnable alone:
//   node bench/build-harness.mjs [outDir]
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** @param {string} outDir @param {{ withApp?: boolean }} [opts] */
export async function buildHarness(outDir, opts = {}) {
  /** @type {Record<string, string>} */
  const input = { harness: join(ROOT, 'e2e-harness.html') };
  if (opts.withApp !== false && existsSync(join(ROOT, 'index.html'))) input.main = join(ROOT, 'index.html');
  await build({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, rollupOptions: { input } },
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith('--'));
  await buildHarness(resolve(dir ?? join(ROOT, 'bench', 'dist')), {
    withApp: !args.includes('--harness-only'),
  });
}
