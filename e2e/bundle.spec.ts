/**
 * The built bundles (issue 4, item 7): TF.js lives only in the worker chunk; the page's own JavaScript stays under
 * 250 KB gzipped. Reads what `vite build` wrote (E2E_DIST, default dist/), the files a browser would load.
 */
import { expect, test } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const DIST = process.env['E2E_DIST'] ?? 'dist';
// Kernel names (strings survive minification) only TF.js carries; the worker chunk must have them, the page's chunks must not.
const TFJS_MARKERS = ['Conv2DBackpropFilter', 'BatchMatMul', 'FusedConv2D'];

/** The JS files index.html loads (entry + modulepreloads) and what they import statically, transitively. */
function pageChunks(): string[] {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const seen = new Set<string>();
  const queue = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.js)"/g)].map((m) => m[1] as string);
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(DIST, 'assets', file), 'utf8');
    for (const m of code.matchAll(/from\s*["']\.\/([^"']+\.js)["']|import\s*["']\.\/([^"']+\.js)["']/g))
      queue.push((m[1] ?? m[2]) as string);
  }
  return [...seen];
}

test('TF.js is only in the worker chunk and the page JavaScript is under 250 KB gzipped', () => {
  const page = pageChunks();
  expect(page.length).toBeGreaterThan(0);
  let gz = 0;
  for (const file of page) {
    const code = readFileSync(join(DIST, 'assets', file));
    gz += gzipSync(code).length;
    for (const marker of TFJS_MARKERS)
      expect(code.includes(marker), `${file} contains ${marker}`).toBe(false);
  }
  console.log(`page JavaScript: ${page.join(', ')} = ${(gz / 1024).toFixed(1)} KB gzipped`);
  expect(gz).toBeLessThan(250 * 1024);
  const worker = readdirSync(join(DIST, 'assets')).find(
    (f) => f.startsWith('training.worker-') && f.endsWith('.js'),
  );
  expect(worker, 'a training worker chunk').toBeDefined();
  const workerCode = readFileSync(join(DIST, 'assets', worker as string), 'utf8');
  for (const marker of TFJS_MARKERS) expect(workerCode.includes(marker)).toBe(true);
});
