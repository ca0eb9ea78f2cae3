import { test, expect, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

async function exportJson(page: Page): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export JSON' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('network.json');
  return readFile(await download.path(), 'utf8');
}

test('a share link carries the network and settings to a fresh browser', async ({ page, browser }) => {
  await page.goto('/');
  const presets = field(page, 'Preset');
  const options = await presets
    .locator('option')
    .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  await presets.selectOption(options[1] ?? options[0] ?? '');
  await field(page, 'Learning rate').fill('0.05');
  await field(page, 'Learning rate').press('Enter');
  await field(page, 'Seed').fill('77');
  await field(page, 'Seed').press('Enter');
  await field(page, 'Optimizer').selectOption({ label: 'RMSprop' });
  const graph = await exportJson(page);
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const link = await page.getByRole('textbox', { name: /Share link|Link copied/ }).inputValue();
  expect(link).toMatch(/#s=v1\.[A-Za-z0-9_-]+$/);

  const other = await browser.newContext();
  const fresh = await other.newPage();
  await fresh.goto(link);
  await expect(
    fresh.getByRole('status').filter({ hasText: 'Loaded the network and settings from the shared link' }),
  ).toBeVisible();
  await expect(field(fresh, 'Learning rate')).toHaveValue('0.05');
  await expect(field(fresh, 'Seed')).toHaveValue('77');
  await expect(field(fresh, 'Optimizer')).toHaveValue('rmsprop');
  await expect(field(fresh, 'Preset')).toHaveValue(options[1] ?? '');
  expect(await exportJson(fresh)).toBe(graph);
  // The link is applied once: the address no longer holds it.
  expect(new URL(fresh.url()).hash).toBe('');
  await other.close();
});

test('a tampered link shows what was wrong and keeps the current work', async ({ page }) => {
  await page.goto('/');
  await field(page, 'Seed').fill('1234');
  await field(page, 'Seed').press('Enter');
  await field(page, 'Epochs').fill('4');
  await field(page, 'Epochs').press('Enter');
  const graph = await exportJson(page);
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const link = await page.getByRole('textbox', { name: /Share link|Link copied/ }).inputValue();
  // Damage the compressed payload in the middle.
  const at = link.length - 30;
  const tampered = link.slice(0, at) + (link[at] === 'x' ? 'y' : 'x') + link.slice(at + 1);
  await page.goto(tampered.replace('/#', '/?t=1#'));
  const alert = page.getByRole('alert').filter({ hasText: 'The shared link could not be opened' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('Your own work is unchanged');
  await expect(field(page, 'Seed')).toHaveValue('1234');
  await expect(field(page, 'Epochs')).toHaveValue('4');
  expect(await exportJson(page)).toBe(graph);

  await page.goto('/?t=2#s=v7.abc');
  await expect(page.getByRole('alert').filter({ hasText: 'could not be opened' })).toContainText('"v7"');
  await expect(field(page, 'Seed')).toHaveValue('1234');
});

test('autosave restores the graph and settings after a reload', async ({ page }) => {
  await page.goto('/');
  const presets = field(page, 'Preset');
  const values = await presets
    .locator('option')
    .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  const target = values[2] ?? values[0] ?? '';
  await presets.selectOption(target);
  await field(page, 'Batch size').fill('48');
  await field(page, 'Batch size').press('Enter');
  await field(page, 'Backend').selectOption({ label: 'CPU' });
  const graph = await exportJson(page);
  await page.reload();
  await expect(field(page, 'Preset')).toHaveValue(target);
  await expect(field(page, 'Batch size')).toHaveValue('48');
  await expect(field(page, 'Backend')).toHaveValue('cpu');
  expect(await exportJson(page)).toBe(graph);
});

test('graph JSON export and import round trip; a bad file is refused', async ({ page }) => {
  await page.goto('/');
  const presets = field(page, 'Preset');
  const values = await presets
    .locator('option')
    .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  await presets.selectOption(values[0] ?? '');
  const first = await exportJson(page);
  await presets.selectOption(values[3] ?? values[1] ?? '');
  const second = await exportJson(page);
  expect(second).not.toBe(first);
  await page
    .getByLabel('Graph JSON file')
    .setInputFiles({ name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(first) });
  await expect(
    page.getByRole('status').filter({ hasText: 'Imported the network from mine.json' }),
  ).toBeVisible();
  expect(await exportJson(page)).toBe(first);

  await page.getByLabel('Graph JSON file').setInputFiles({
    name: 'bad.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"version":1,"nodes":[]'),
  });
  await expect(page.getByRole('alert').filter({ hasText: 'Could not import bad.json' })).toBeVisible();
  expect(await exportJson(page)).toBe(first);
});

test('a share link pasted into the open tab asks before replacing own work, then opens', async ({ page }) => {
  await page.goto('/');
  await field(page, 'Seed').fill('55');
  await field(page, 'Seed').press('Enter');
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const link = await page.getByRole('textbox', { name: /Share link|Link copied/ }).inputValue();
  await page.keyboard.press('Escape');
  await field(page, 'Seed').fill('66');
  await field(page, 'Seed').press('Enter');
  // Only the hash changes, as when a link is pasted into the address bar of this tab: no reload.
  await page.evaluate((hash) => {
    location.hash = hash;
  }, new URL(link).hash);
  const open = page.getByRole('button', { name: 'Open the shared network' });
  await expect(open).toBeVisible();
  await expect(field(page, 'Seed')).toHaveValue('66');
  await open.click();
  await expect(field(page, 'Seed')).toHaveValue('55');
  expect(new URL(page.url()).hash).toBe('');
});
