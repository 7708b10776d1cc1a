// Work survives a reload: an uploaded file is kept in IndexedDB and opened
// again, with the lab's settings (the URL); "clear my data" forgets it; a
// browser that refuses storage keeps the open session and says why.
import { test, expect } from '@playwright/test';
import { openApp } from './helpers.mjs';

const csv = 'id,score,label\n' + Array.from({ length: 40 }, (_, i) => `${i},${(i * 7) % 10},${i % 4 === 0 ? 1 : 0}`).join('\n') + '\n';

test('an uploaded file and the settings are there after a reload, until cleared', async ({ page }) => {
  const errors = await openApp(page, './?lab=data');
  await page.getByTestId('file-input').setInputFiles({ name: 'mine.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByTestId('dataset-name')).toHaveText('mine.csv');
  await page.getByTestId('target-select').selectOption('label');
  await page.getByTestId('nav-split').click();
  await page.getByTestId('split-strategy').selectOption('random');
  await page.getByTestId('split-seed').fill('4');
  await page.getByTestId('split-seed').press('Enter');
  await expect(page.locator('.selected-counts h2')).toHaveText('random split, seed 4');
  const before = await page.locator('[data-testid="split-count"][data-split="test"][data-class="1"]').getAttribute('data-value');

  await page.reload();
  await expect(page.getByTestId('dataset-name')).toHaveText('mine.csv');
  await expect(page.getByTestId('dataset-rows')).toHaveAttribute('data-value', '40');
  await expect(page.getByTestId('split-seed')).toHaveValue('4');
  await expect(page.locator('.selected-counts h2')).toHaveText('random split, seed 4');
  await expect(page.locator('[data-testid="split-count"][data-split="test"][data-class="1"]')).toHaveAttribute('data-value', before);

  await page.getByTestId('nav-data').click();
  await page.getByTestId('clear-data').click();
  await expect(page.getByTestId('dataset-name')).toHaveText('sample-defects');
  await page.reload();
  await expect(page.getByTestId('dataset-name')).toHaveText('sample-defects');
  expect(errors).toEqual([]);
});

test('when the browser refuses storage, the upload stays open with a notice', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { get() { throw new Error('storage is blocked'); } });
  });
  await openApp(page, './?lab=data');
  await expect(page.getByTestId('dataset-name')).toHaveText('sample-defects');
  await page.getByTestId('file-input').setInputFiles({ name: 'mine.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByTestId('dataset-name')).toHaveText('mine.csv');
  await expect(page.getByTestId('notice')).toContainText('could not be kept for the next visit');
  await expect(page.getByTestId('dataset-rows')).toHaveAttribute('data-value', '40');
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
});
