// Shared steps: open the app, collect console errors, read test hooks.
import { expect } from '@playwright/test';

/** Opens `path` and waits for the app and the worker's first dataset. */
export async function openApp(page, path = './') {
  const errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('pageerror', (err) => errors.push(String(err)));
  await page.goto(path);
  await expect(page.getByTestId('app-ready')).toBeVisible();
  await expect(page.getByTestId('dataset-rows')).toHaveAttribute('data-value', /\d+/);
  return errors;
}

/** The `data-value` of a hook, as a string. */
export async function value(locator) {
  return locator.getAttribute('data-value');
}
