/**
 * Builds the service worker (src/workers/serviceWorker/sw.ts) into dist/sw.js and, once every file is written
 * (the public datasets are copied before), writes into it the list of files to precache with a content hash of
 * each (precacheList.ts). Any change to a listed file changes sw.js, which is how browsers notice a new version.
 * Build only: the dev server has no service worker (main.tsx removes one left from a preview on the same origin).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Plugin } from 'vite';
import { precacheBytes, precacheManifest } from '../src/workers/serviceWorker/precacheList.ts';

const SW_FILE = 'sw.js';
const PLACEHOLDER = /(["'`])__PRECACHE_MANIFEST__\1/;

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return out;
}

const sha = (data: string | Uint8Array): string =>
  createHash('sha256').update(data).digest('hex').slice(0, 16);

export function serviceWorker(): Plugin {
  let root = process.cwd();
  let outDir = 'dist';
  return {
    name: 'service-worker',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      outDir = resolve(config.root, config.build.outDir);
    },
    buildStart() {
      this.emitFile({
        type: 'chunk',
        id: resolve(root, 'src/workers/serviceWorker/sw.ts'),
        fileName: SW_FILE,
      });
    },
    writeBundle(options) {
      const dir = options.dir ?? outDir;
      const manifest = precacheManifest(
        listFiles(dir),
        (p) => sha(readFileSync(join(dir, p))),
        (t) => sha(t),
      );
      const swPath = join(dir, SW_FILE);
      const code = readFileSync(swPath, 'utf8');
      if (!PLACEHOLDER.test(code)) this.error(`${SW_FILE}: the precache placeholder is missing`);
      // A JSON string literal of the manifest's JSON (sw.ts parses it).
      writeFileSync(
        swPath,
        code.replace(PLACEHOLDER, () => JSON.stringify(JSON.stringify(manifest))),
      );
      const mb = precacheBytes(manifest, (p) => statSync(join(dir, p)).size) / 1e6;
      this.info(`${SW_FILE}: ${manifest.files.length} files to precache, ${mb.toFixed(1)} MB`);
    },
  };
}
