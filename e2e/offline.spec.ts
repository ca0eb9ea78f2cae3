/**
 * Works offline after one visit (issue 17): the first visit registers the service worker, which precaches the app,
 * its chunks (the lazy ones too), the worker scripts, the WASM binaries and MNIST; offline, a reload is served from
 * that cache, still cross-origin isolated (the cached page keeps its COOP/COEP headers) and under its CSP, and the app
 * trains on MNIST on WASM (threaded build from the cache). The rest of the suite runs with service workers blocked
 * (playwright.config.ts): this spec allows them.
 */
import { expect, test, type Page } from '@playwright/test';

test.use({ serviceWorkers: 'allow' });

async function stepCount(page: Page): Promise<number> {
  const text = await page.getByRole('region', { name: 'Training' }).locator('.counters').innerText();
  const m = /Step\s+([\d,]+)/.exec(text);
  return m ? Number(m[1]!.replace(/,/g, '')) : 0;
}

test('after one visit the app loads and trains on MNIST offline, still cross-origin isolated', async ({
  page,
  context,
}) => {
  test.setTimeout(240_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  // The worker registers once MNIST is in, then downloads what it keeps; the note says when that is done.
  await expect(page.getByRole('status').filter({ hasText: 'Ready to work offline' })).toBeVisible({
    timeout: 120_000,
  });
  const cached = await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    const keys = await (await caches.open('cnn-playground-precache')).keys();
    return { state: reg.active?.state, paths: keys.map((k) => new URL(k.url).pathname) };
  });
  expect(cached.state).toBe('activated');
  for (const file of [
    /^\/index\.html$/,
    /^\/assets\/index-.+\.js$/,
    /^\/assets\/SaliencyPanel-.+\.js$/, // a lazily loaded chunk, never loaded on this visit
    /^\/assets\/training\.worker-.+\.js$/,
    /^\/assets\/tfjs-backend-wasm-threaded-simd-.+\.wasm$/,
    /^\/assets\/tfjs-backend-wasm-threaded-simd-.+\.js$/,
    /^\/datasets\/mnist\/train-images\.bin\.gzip$/,
  ])
    expect(
      cached.paths.some((p) => file.test(p)),
      String(file),
    ).toBe(true);
  expect(cached.paths.some((p) => p.startsWith('/datasets/fashion-mnist/'))).toBe(false);
  // Installable, so Chromium offers "Install app" (never in a private window, which Playwright's contexts are).
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);
  expect((await cdp.send('Page.getAppManifest')).errors).toEqual([]);

  await context.setOffline(true);
  // Really offline: what no cache holds cannot be fetched.
  expect(
    await page.evaluate(() =>
      fetch(`/not-cached-${Date.now()}`).then(
        () => 'fetched',
        () => 'failed',
      ),
    ),
  ).toBe('failed');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'CNN Playground' })).toBeVisible();
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute(
    'content',
    /script-src 'self' 'wasm-unsafe-eval'/,
  );

  await page.getByLabel('Backend').selectOption({ label: 'WASM' });
  await page.getByRole('region', { name: 'Training' }).getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => stepCount(page), { timeout: 120_000 }).toBeGreaterThanOrEqual(3);
  await expect(page.getByRole('region', { name: 'Training' }).getByRole('alert')).toHaveCount(0);
  // Isolated workers too: the WASM backend runs its threaded build (from the cache).
  expect(await page.getByTestId('backend-badge').getAttribute('title')).toMatch(
    /^WASM \(WASM SIMD, \d+ threads?/,
  );
  expect(errors).toEqual([]);
});
