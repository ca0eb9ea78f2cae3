import { test, expect } from '@playwright/test';

// Number fields apply on Enter or blur, never per keystroke: "1e10" typed key by key used to leave 10 in Learning
// rate ("1e1" was valid on the way) and show it after Tab.
test('typing 1e10 in Learning rate then Tab keeps the applied value and says why', async ({ page }) => {
  await page.goto('/');
  const lr = page.getByLabel('Learning rate', { exact: true });
  await lr.fill('0.02');
  await lr.press('Enter');
  await expect(lr).toHaveValue('0.02');

  await lr.selectText();
  await lr.pressSequentially('1e10');
  await expect(lr).toHaveValue('1e10');
  await lr.press('Tab');
  await expect(lr).not.toBeFocused();
  await expect(lr).toHaveValue('0.02');
  await expect(lr).toHaveAccessibleDescription('“1e10” was not applied. Must be at most 10.');
  await expect(page.getByText('“1e10” was not applied. Must be at most 10.')).toBeVisible();

  // What was applied is what a reload restores.
  await page.reload();
  await expect(page.getByLabel('Learning rate', { exact: true })).toHaveValue('0.02');

  // The same for a whole-number field: "1e9" in Batch size never applies 1.
  const batch = page.getByLabel('Batch size', { exact: true });
  const before = await batch.inputValue();
  await batch.selectText();
  await batch.pressSequentially('1e9');
  await batch.press('Enter');
  await expect(batch).toHaveAttribute('aria-invalid', 'true');
  await expect(batch).toHaveAccessibleDescription('Must be at most 4096.');
  await batch.press('Escape');
  await expect(batch).toHaveValue(before);
});
