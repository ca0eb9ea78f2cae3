import { test, expect } from '@playwright/test';

test('Kernel size and Stride update the shapes and the formula; undo and redo restore them', async ({
  page,
}) => {
  await page.goto('/');
  const graph = page.getByRole('region', { name: 'Graph', exact: true });
  const inspector = page.getByRole('region', { name: 'Inspector', exact: true });
  // The default preset starts Input → Conv2D (3×3, same, 8 filters) → …
  const conv = graph.getByRole('group', { name: /^Conv2D / }).first();
  const shape = conv.getByTestId('node-shape');
  const formula = inspector.getByTestId('output-formula');
  const params = inspector.getByTestId('param-formula');

  await conv.click();
  await expect(inspector.getByRole('heading', { name: /Conv2D/ })).toBeVisible();
  await expect(shape).toHaveText('28×28×8');
  await expect(formula).toHaveText('ceil(28 / 1) = 28');

  await inspector.getByLabel('Kernel size', { exact: true }).fill('10');
  await inspector.getByLabel('Kernel size', { exact: true }).press('Enter');
  await inspector.getByLabel('Stride', { exact: true }).fill('2');
  await inspector.getByLabel('Stride', { exact: true }).press('Enter');
  await expect(shape).toHaveText('14×14×8');
  await expect(formula).toHaveText('ceil(28 / 2) = 14');
  await expect(params).toHaveText('(10·10·1)·8 + 8 = 808');

  await inspector.getByLabel('Padding', { exact: true }).selectOption('valid');
  await expect(shape).toHaveText('10×10×8');
  await expect(formula).toHaveText('(28 − 10) / 2 + 1 = 10');

  // An invalid number shows an error and changes nothing.
  await inspector.getByLabel('Stride', { exact: true }).fill('0');
  await inspector.getByLabel('Stride', { exact: true }).press('Enter');
  await expect(inspector.getByRole('alert')).toHaveText('Must be at least 1.');
  await expect(shape).toHaveText('10×10×8');
  await inspector.getByLabel('Stride', { exact: true }).fill('2');
  await inspector.getByLabel('Stride', { exact: true }).press('Enter');

  // Undo from the keyboard (outside the text fields, whose own undo applies there).
  await conv.focus();
  await page.keyboard.press('Control+z');
  await expect(shape).toHaveText('14×14×8');
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expect(shape).toHaveText('28×28×8');
  await expect(formula).toHaveText('ceil(28 / 1) = 28');
  await expect(inspector.getByLabel('Kernel size', { exact: true })).toHaveValue('3');

  await page.keyboard.press('Control+Shift+z');
  await page.keyboard.press('Control+Shift+z');
  await expect(shape).toHaveText('14×14×8');
  await expect(inspector.getByLabel('Kernel size', { exact: true })).toHaveValue('10');
  await page.keyboard.press('Control+y');
  await expect(shape).toHaveText('10×10×8');
  await expect(formula).toHaveText('(28 − 10) / 2 + 1 = 10');
});
