import { defineConfig } from 'vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';

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

export default defineConfig({
  plugins: [react(), cspMeta()],
  worker: { format: 'es' },
  // No CSP on the dev server: React Fast Refresh injects an inline preamble script there.
  preview: { headers: { 'Content-Security-Policy': csp } },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    // Only the app (index.html). The worker harness page (bench/harness/) is built by bench/build-harness.mjs for
    // `npm run bench` and e2e/worker-backends.spec.ts, never into dist/.
  },
});
