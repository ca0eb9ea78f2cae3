import { test, expect, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

/** Saved work is never destroyed silently; opening a share link never loses work. */

const KEY = 'cnn-playground';
const BACKUP_KEY = 'cnn-playground:backup';
const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

async function setNumber(page: Page, label: string, value: string) {
  await field(page, label).fill(value);
  await field(page, label).press('Enter');
  await expect(field(page, label)).toHaveValue(value);
}

/** Plants `text` as the autosave before the page's scripts run, on the first load only. */
async function plantOnce(page: Page, text: string) {
  await page.addInitScript(
    ([key, value]) => {
      if (sessionStorage.getItem('planted')) return;
      sessionStorage.setItem('planted', '1');
      localStorage.setItem(key as string, value as string);
    },
    [KEY, text],
  );
}

const backups = (page: Page) =>
  page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? '[]') as { text: string }[], BACKUP_KEY);

test('an unreadable autosave is kept aside and offered for download', async ({ page }) => {
  const broken = '{"state":{"graph":{"version":1,"nodes":[{"id":"in';
  await plantOnce(page, broken);
  await page.goto('/');
  const alert = page.getByRole('alert').filter({ hasText: 'could not be read' });
  await expect(alert).toContainText('started from the default network and settings');
  await expect(alert).toContainText('Kept a copy');
  // The app has already written its own autosave; the bad copy is in the backup.
  await expect.poll(() => page.evaluate((k) => localStorage.getItem(k), KEY)).not.toBe(broken);
  expect((await backups(page)).map((b) => b.text)).toEqual([broken]);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    alert.getByRole('button', { name: 'Download the unreadable autosave' }).click(),
  ]);
  expect(await readFile(await download.path(), 'utf8')).toBe(broken);

  await page.reload();
  await expect(field(page, 'Preset')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect((await backups(page)).map((b) => b.text)).toEqual([broken]);
});

test('a damaged setting resets alone, and a damaged network shows the preset that is loaded', async ({
  page,
}) => {
  await page.goto('/');
  const presets = field(page, 'Preset');
  await presets.selectOption('lenet5');
  await setNumber(page, 'Learning rate', '0.05');
  await setNumber(page, 'Epochs', '7');
  await setNumber(page, 'Seed', '42');
  await expect
    .poll(() => page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? '{}').state?.seed, KEY))
    .toBe(42);

  await page.evaluate((k) => {
    const saved = JSON.parse(localStorage.getItem(k) ?? '{}');
    saved.state.seed = 1.5;
    localStorage.setItem(k, JSON.stringify(saved));
  }, KEY);
  await page.reload();
  const alert = page.getByRole('alert').filter({ hasText: 'could not be restored' });
  await expect(alert).toContainText('Seed');
  await expect(alert).not.toContainText('Learning rate');
  await expect(field(page, 'Seed')).toHaveValue('1');
  await expect(field(page, 'Learning rate')).toHaveValue('0.05');
  await expect(field(page, 'Epochs')).toHaveValue('7');
  await expect(presets).toHaveValue('lenet5');

  await page.evaluate((k) => {
    const saved = JSON.parse(localStorage.getItem(k) ?? '{}');
    const conv = saved.state.graph.nodes.find((n: { layer: { kernel?: unknown } }) => n.layer.kernel);
    conv.layer.kernel = null;
    localStorage.setItem(k, JSON.stringify(saved));
  }, KEY);
  await page.reload();
  await expect(page.getByRole('alert').filter({ hasText: 'the network' })).toContainText('layer.kernel');
  // The default network is loaded, and the Preset says so; the settings stay.
  await expect(presets).toHaveValue('notes-small');
  await expect(field(page, 'Learning rate')).toHaveValue('0.05');
  expect((await backups(page)).length).toBe(2);
});

test('a share link asks before replacing own work, and Undo brings all of it back', async ({ page }) => {
  await page.goto('/');
  await field(page, 'Preset').selectOption('lenet5');
  await setNumber(page, 'Seed', '77');
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const link = await page.getByRole('textbox', { name: /Share link|Link copied/ }).inputValue();

  // Own work that differs from the link and from the default.
  await field(page, 'Preset').selectOption('one-10x10');
  await setNumber(page, 'Seed', '555');
  await page.goto(link.replace('/#', '/?t=1#'));
  const dialog = page.getByRole('dialog', { name: 'Open the shared network?' });
  await expect(dialog).toContainText('kept in Undo');
  await expect(field(page, 'Seed')).toHaveValue('555');
  // The dialog is modal: Ctrl+Z while it asks does not touch the work behind it.
  await expect(dialog.getByRole('button', { name: 'Open the shared network' })).toBeFocused();
  await page.keyboard.press('Control+z');
  await expect(field(page, 'Preset')).toHaveValue('one-10x10');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Keep my network' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(field(page, 'Preset')).toHaveValue('one-10x10');
  await expect(field(page, 'Seed')).toHaveValue('555');

  await page.goto(link.replace('/#', '/?t=2#'));
  await page.getByRole('dialog').getByRole('button', { name: 'Open the shared network' }).click();
  await expect(field(page, 'Preset')).toHaveValue('lenet5');
  await expect(field(page, 'Seed')).toHaveValue('77');
  await page.keyboard.press('Control+z');
  await expect(field(page, 'Preset')).toHaveValue('one-10x10');
  await expect(field(page, 'Seed')).toHaveValue('555');
});
