import { defineConfig } from 'vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { serviceWorker } from './scripts/serviceWorkerPlugin.ts';

// Content-Security-Policy: same-origin scripts, workers, styles and data only.
// 'wasm-unsafe-eval' lets WebAssembly compile (TF.js WASM backend); it does not allow JS eval.
const csp = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self' data: blob:",
  "object-src 'none'",
  "base-uri 'self'",
].join('; ');

/** The built page carries its CSP as a meta tag, so it holds wherever dist/ is served. */
const cspMeta = (): Plugin => ({
  name: 'csp-meta',
  apply: 'build',
  transformIndexHtml: () => [
    {
      tag: 'meta',
      attrs: { 'http-equiv': 'Content-Security-Policy', content: csp },
      injectTo: 'head-prepend',
    },
  ],
});

/**
 * TF.js's threaded WASM build hands each pthread worker its JS as a blob: URL to importScripts, which the CSP above
 * forbids (script-src 'self'; those workers inherit the training worker's policy). This hands them the same file from
 * the npm package instead, emitted into the build and loaded from the app's own origin. Only the worker bundles hold
 * TF.js, so this runs there; the build fails if TF.js no longer has the line it replaces.
 */
const TFJS_WASM_BACKEND = /@tensorflow[\\/]tfjs-backend-wasm[\\/]dist[\\/]backend_wasm\.js$/;
const BLOB_MAIN =
  /factoryConfig\.mainScriptUrlOrBlob = new Blob\(\[`var WasmBackendModuleThreadedSimd = ` \+\s*wasmFactoryThreadedSimd\.toString\(\)\], \{ type: 'text\/javascript' \}\);/;
const threadedWasmMain = (): Plugin => ({
  name: 'tfjs-wasm-threaded-main',
  apply: 'build',
  transform(code, id) {
    if (!TFJS_WASM_BACKEND.test(id.split('?')[0] ?? id)) return null;
    if (!BLOB_MAIN.test(code))
      this.error('tfjs-backend-wasm changed: mainScriptUrlOrBlob not found in ' + id);
    const main = '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js?url';
    return {
      code:
        `import threadedMainUrl from '${main}';\n` +
        code.replace(
          BLOB_MAIN,
          // Absolute: the pthread worker's own URL is a blob:, which a relative path cannot be resolved against.
          'factoryConfig.mainScriptUrlOrBlob = new URL(threadedMainUrl, self.location.href).href;',
        ),
      map: null,
    };
  },
});

// Cross-origin isolation: lets the training worker share memory with TF.js's WASM threads (the threaded SIMD binary).
// Every response needs them (the page, its workers, the .wasm files); static hosts: see the README's "Serving".
// Without them the app still works, on the single-threaded WASM binary.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react(), cspMeta(), serviceWorker()],
  worker: { format: 'es', plugins: () => [threadedWasmMain()] },
  // No CSP on the dev server: React Fast Refresh injects an inline preamble script there.
  server: { headers: isolation },
  preview: { headers: { 'Content-Security-Policy': csp, ...isolation } },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    // Only the app (index.html). The worker harness page (bench/harness/) is built by bench/build-harness.mjs for
    // `npm run bench` and e2e/worker-backends.spec.ts, never into dist/.
  },
});
