// Drives the real app (index.html, panels visible) like a user for scripts/bench.mjs: picks the "Backend", clicks
// "Train", and measures on that page, over a window: the training rate from the UI's "Step" counter (× "Batch size"),
// requestAnimationFrame callbacks per second, long tasks (PerformanceObserver 'longtask'), and how often the
// training bar's DOM changed (a proxy for React re-renders).

/** @typedef {import('playwright-core').Page} Page */

const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

/** @param {Page} page @param {string} url */
export async function openApp(page, url) {
  await page.setViewportSize({ width: 1600, height: 1100 });
  await page.goto(url);
  await page.getByRole('button', { name: 'Train', exact: true }).waitFor({ timeout: 60_000 });
  // The monitor lives on the page from now on; `window.__benchMonitor.start()` opens a window, `stop()` closes it.
  await page.evaluate(() => {
    /** @type {{ frames: number; longTasks: number[]; barMutations: number; t0: number; on: boolean }} */
    const m = { frames: 0, longTasks: [], barMutations: 0, t0: 0, on: false };
    const tick = () => {
      if (m.on) m.frames++;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    try {
      new PerformanceObserver((list) => {
        if (m.on) for (const e of list.getEntries()) m.longTasks.push(Math.round(e.duration));
      }).observe({ type: 'longtask', buffered: false });
    } catch {
      // longtask is Chromium-only
    }
    const bar = document.querySelector('section[aria-label="Training"]');
    if (bar)
      new MutationObserver(() => m.on && m.barMutations++).observe(bar, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
      });
    Object.assign(window, {
      __benchMonitor: {
        start() {
          Object.assign(m, { frames: 0, longTasks: [], barMutations: 0, t0: performance.now(), on: true });
        },
        stop() {
          m.on = false;
          const secs = (performance.now() - m.t0) / 1000;
          return {
            secs,
            fps: m.frames / secs,
            longTasks: m.longTasks,
            barMutationsPerSec: m.barMutations / secs,
          };
        },
      },
    });
  });
}

/** Names of the panel regions that intersect the viewport. @param {Page} page */
export function visiblePanels(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('section[role="region"]')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth && r.height > 0;
      })
      .map((el) => el.getAttribute('aria-label') ?? '?'),
  );
}

/** The "Step" counter and the status text of the training bar. @param {Page} page */
function counters(page) {
  return page.evaluate(() => {
    const bar = document.querySelector('section[aria-label="Training"]');
    const stepSpan = [...(bar?.querySelectorAll('.counters span') ?? [])].find((s) =>
      s.textContent?.trim().startsWith('Step'),
    );
    const step = Number((stepSpan?.querySelector('output')?.textContent ?? '').replace(/[^0-9]/g, ''));
    const status = bar?.querySelector('.status')?.textContent ?? '';
    const error = bar?.querySelector('[role="alert"]')?.textContent ?? null;
    const badgeEl = bar?.querySelector('[data-testid="backend-badge"]');
    const badge = badgeEl?.textContent ?? null;
    // The tooltip names the adapter, e.g. "WASM (WASM SIMD, 1 thread: …) — …".
    const badgeTitle = badgeEl?.getAttribute('title') ?? null;
    return { step, status, error, badge, badgeTitle, t: performance.now() };
  });
}

/** @param {Page} page @param {string} backend */
export async function selectBackend(page, backend) {
  await page.getByLabel('Backend', { exact: true }).selectOption(backend);
}

/** @param {Page} page */
export async function batchSize(page) {
  return Number(await page.getByLabel('Batch size', { exact: true }).inputValue());
}

/**
 * Clicks "Train", waits until steps advance, trains `warmupSeconds` more, then measures for `seconds`; clicks "Pause"
 * and waits until the run has stopped. Throws with the UI's error text when the run fails.
 * @param {Page} page @param {{ seconds: number; warmupSeconds: number; startTimeoutMs: number }} o
 */
export async function trainWindow(page, o) {
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const deadline = Date.now() + o.startTimeoutMs;
  let c = await counters(page);
  const startStep = c.step;
  while (!(c.status === 'Training' && c.step > startStep)) {
    if (c.error) throw new Error(c.error);
    if (Date.now() > deadline) throw new Error(`no step within ${o.startTimeoutMs} ms (status ${c.status})`);
    await sleep(100);
    c = await counters(page);
  }
  await sleep(o.warmupSeconds * 1000);
  await page.evaluate(() => /** @type {any} */ (window).__benchMonitor.start());
  const a = await counters(page);
  await sleep(o.seconds * 1000);
  const b = await counters(page);
  const watch = await page.evaluate(() => /** @type {any} */ (window).__benchMonitor.stop());
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  for (let i = 0; i < 600; i++) {
    const s = await counters(page);
    if (s.status !== 'Training') break;
    await sleep(100);
  }
  if (b.error) throw new Error(b.error);
  return { steps: b.step - a.step, ms: b.t - a.t, badge: b.badge, badgeTitle: b.badgeTitle, ...watch };
}
