import { defineConfig } from 'vite';
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

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  server: { headers: { 'Content-Security-Policy': csp } },
  preview: { headers: { 'Content-Security-Policy': csp } },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
});
