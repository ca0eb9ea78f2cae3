import { defineConfig } from '@playwright/test';
export default defineConfig({
  testDir: '../e2e', testMatch: 'worker-backends.spec.ts', timeout: 120_000, workers: 1, reporter: 'list',
  use: { baseURL: 'http://127.0.0.1:4199', launchOptions: { executablePath: '/usr/bin/chromium', args: ['--headless=new','--no-sandbox','--disable-quic','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync','--enable-unsafe-webgpu'] } },
  webServer: { command: 'npx vite preview --host 127.0.0.1 --port 4199 --strictPort --outDir /tmp/harness-dist', url: 'http://127.0.0.1:4199/e2e-harness.html', reuseExistingServer: false, timeout: 60_000 },
});
