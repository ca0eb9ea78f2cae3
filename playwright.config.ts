import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

/**
 * e2e never downloads a browser: it launches CHROMIUM_PATH, else Debian's /usr/bin/chromium,
 * else Playwright's own browser (a user's machine with `npx playwright install`).
 */
function chromiumPath(): string | undefined {
  const fromEnv = process.env['CHROMIUM_PATH'];
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  return undefined;
}

const executablePath = chromiumPath();
// E2E_PORT / E2E_DIST let several checkouts or engineers run e2e side by side (defaults: 4173, dist).
const PORT = Number(process.env['E2E_PORT'] ?? 4173);
const DIST = process.env['E2E_DIST'] ?? 'dist';

export default defineConfig({
  testDir: 'e2e',
  timeout: 90_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env['PW_JSON_OUTPUT']
    ? [['list'], ['json', { outputFile: process.env['PW_JSON_OUTPUT'] }]]
    : 'list',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1440, height: 900 },
    trace: 'off',
    // The app's service worker (issue 17) would answer a spec's reloads from its cache, out of page.route's reach, and
    // download 16 MB on every first visit: e2e/offline.spec.ts allows it, every other spec runs without one.
    serviceWorkers: 'block',
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: [
        '--headless=new',
        '--no-sandbox',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--enable-unsafe-webgpu',
      ],
    },
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort --outDir ${DIST}`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env['CI'],
    timeout: 60_000,
  },
});
