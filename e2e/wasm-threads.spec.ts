/**
 * Multi-threaded WASM: `vite preview` serves the app cross-origin isolated (COOP same-origin + COEP require-corp, beside
 * the CSP), so the training worker loads TF.js's threaded SIMD binary, its pthread workers start under that CSP, and
 * the backend's tooltip tells the threads. TF.js gives one thread per two logical cores, so on a 2-core machine the
 * first test makes the page and its workers report 8 (Chromium's hardware-concurrency override, sent to each worker
 * before it runs): 4 real threads. Without isolation the app trains on one thread and says why.
 */
import { expect, test, type Page } from '@playwright/test';

async function stepCount(page: Page): Promise<number> {
  const text = await page.getByRole('region', { name: 'Training' }).locator('.counters').innerText();
  const m = /Step\s+([\d,]+)/.exec(text);
  return m ? Number(m[1]!.replace(/,/g, '')) : 0;
}

/** Makes the page and every worker it starts (held until told) report `cores` logical cores. */
async function emulateCores(page: Page, cores: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const override = { hardwareConcurrency: cores };
  await cdp.send('Emulation.setHardwareConcurrencyOverride', override);
  cdp.on('Target.attachedToTarget', (ev) => {
    const send = (id: number, method: string, params: object = {}) =>
      cdp
        .send('Target.sendMessageToTarget', {
          sessionId: ev.sessionId,
          message: JSON.stringify({ id, method, params }),
        })
        .catch(() => undefined);
    void send(1, 'Emulation.setHardwareConcurrencyOverride', override).then(() =>
      send(2, 'Runtime.runIfWaitingForDebugger'),
    );
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
}

/** Trains on the procedural data on WASM until a few steps are done; returns the backend badge's tooltip. */
async function trainOnWasm(page: Page): Promise<string> {
  await page.getByLabel('Dataset').selectOption({ label: 'Procedural' });
  await page.getByLabel('Backend').selectOption({ label: 'WASM' });
  await page.getByRole('region', { name: 'Training' }).getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => stepCount(page), { timeout: 120_000 }).toBeGreaterThanOrEqual(5);
  await expect(page.getByRole('region', { name: 'Training' }).getByRole('alert')).toHaveCount(0);
  return (await page.getByTestId('backend-badge').getAttribute('title')) ?? '';
}

test('served cross-origin isolated: the training worker runs WASM on several threads', async ({ page }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await emulateCores(page, 8);
  const response = await page.goto('/');
  expect(response?.headers()['cross-origin-opener-policy']).toBe('same-origin');
  expect(response?.headers()['cross-origin-embedder-policy']).toBe('require-corp');
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  expect(await page.evaluate(() => navigator.hardwareConcurrency)).toBe(8);

  const tip = await trainOnWasm(page);
  // 4 threads only if the worker was isolated too (SharedArrayBuffer) and its pthread workers loaded.
  expect(tip).toMatch(/^WASM \(WASM SIMD, 4 threads\) — forced by the user/);
  expect(errors).toEqual([]);
});

test('not cross-origin isolated: WASM trains on one thread and says why', async ({ page }) => {
  test.setTimeout(180_000);
  // The same server, with the isolation headers taken off the page (a static host that cannot set them).
  await page.route('**/*', async (route) => {
    if (route.request().resourceType() !== 'document') return route.fallback();
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers['cross-origin-opener-policy'];
    delete headers['cross-origin-embedder-policy'];
    await route.fulfill({ response, headers });
  });
  await page.goto('/');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
  const tip = await trainOnWasm(page);
  expect(tip).toMatch(
    /^WASM \(WASM SIMD, 1 thread: the page is not cross-origin isolated\) — forced by the user/,
  );
});
