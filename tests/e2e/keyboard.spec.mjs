// Keyboard only: the lifecycle map, a lab's controls and the share panel
// are reached with Tab and used with Enter, arrows and typing.
import { test, expect } from '@playwright/test';
import { openApp } from './helpers.mjs';

/** Presses Tab until the element with `testid` has focus (at most 60 times). */
async function tabTo(page, testid) {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((id) => document.activeElement?.dataset?.testid === id, testid)) return;
  }
  throw new Error(`Tab never reached ${testid}`);
}

test('the labs and their settings work from the keyboard alone', async ({ page }) => {
  const errors = await openApp(page, './');
  await tabTo(page, 'nav-split');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/lab=split/);
  await tabTo(page, 'split-strategy');
  await page.keyboard.press('ArrowUp');
  await expect(page.getByTestId('split-strategy')).toHaveValue('random');
  await tabTo(page, 'split-seed');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('57');
  await page.keyboard.press('Enter');
  await expect(page.locator('.selected-counts h2')).toHaveText('random split, seed 57');
  await expect(page).toHaveURL(/split\.seed=57/);
  // The focused control is visibly marked.
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  expect(outline).not.toBe('none');

  await page.goto('./?lab=split');
  await expect(page.getByTestId('app-ready')).toBeVisible();
  await tabTo(page, 'copy-link');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('share-url')).toBeVisible();
  expect(errors).toEqual([]);
});
