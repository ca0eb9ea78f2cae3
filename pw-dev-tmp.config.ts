import { defineConfig } from '@playwright/test';
export default defineConfig({
  testDir: '/work/main/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  reporter: 'list',
  outputDir: '/tmp/pw-results',
  use: { baseURL: 'http://127.0.0.1:4175', bypassCSP: true, viewport: { width: 1440, height: 900 },
    launchOptions: { executablePath: '/usr/bin/chromium', args: ['--headless=new', '--no-sandbox'] } },
});
