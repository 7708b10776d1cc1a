// Share and embed: a copied link reproduces the view in a fresh browser, a
// link's out-of-range values are clamped with a notice, locks hide and
// freeze controls, and `?embed=<lab>` renders one lab that fits its iframe.
import { test, expect } from '@playwright/test';
import { openApp } from './helpers.mjs';

const count = (page, split, cls) =>
  page.locator(`[data-testid="split-count"][data-split="${split}"][data-class="${cls}"]`);

async function positives(page) {
  const out = [];
  for (const s of ['train', 'dev', 'test']) out.push(await count(page, s, '1').getAttribute('data-value'));
  return out.join('/');
}

test('a copied link opens the same split in a fresh browser context', async ({ page, context, browser }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const errors = await openApp(page, './?lab=split');
  await page.getByTestId('split-strategy').selectOption('random');
  await page.getByTestId('split-seed').fill('57');
  await page.getByTestId('split-seed').press('Enter');
  await expect(page.locator('.selected-counts h2')).toHaveText('random split, seed 57');
  // The exercise's answer: seed 57 gives 21/2/7 positives.
  await expect(count(page, 'test', '1')).toHaveAttribute('data-value', '7');
  const seen = await positives(page);
  expect(seen).toBe('21/2/7');

  await page.getByTestId('copy-link').click();
  const link = await page.getByTestId('share-url').inputValue();
  expect(link).toContain('split.seed=57');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await page.getByTestId('share-close').click();
  await expect(page.getByTestId('share-url')).toHaveCount(0);

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await openApp(other, link);
  await expect(other.getByTestId('split-seed')).toHaveValue('57');
  await expect(other.locator('.selected-counts h2')).toHaveText('random split, seed 57');
  await expect(count(other, 'test', '1')).toHaveAttribute('data-value', '7');
  expect(await positives(other)).toBe(seen);
  await fresh.close();
  expect(errors).toEqual([]);
});

test('a link with out-of-range values is clamped, with a notice, and the lab works', async ({ page }) => {
  const errors = await openApp(page, './?lab=split&split.seed=-5&split.size=3000000&split.strategy=magic&model.threshold=7');
  const notices = page.getByTestId('notice');
  await expect(notices).toHaveCount(4);
  await expect(notices.nth(0)).toContainText('split.strategy=magic is not a valid value');
  await expect(notices.nth(1)).toContainText('split.seed=-5 is out of range; using 0');
  await expect(notices.nth(2)).toContainText('split.size=3000000 is out of range; using 100000');
  await expect(notices.nth(3)).toContainText('model.threshold=7 is out of range; using 1');
  await expect(page.getByTestId('split-seed')).toHaveValue('0');
  await expect(page.getByTestId('split-strategy')).toHaveValue('stratified');
  await expect(count(page, 'train', '1')).toHaveAttribute('data-value', '18');
  await expect(page).toHaveURL(/split\.seed=0/);
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/link-notice.png' });
  expect(errors).toEqual([]);
});

test('locks in a link hide or freeze controls, and a copied link keeps them', async ({ page }) => {
  await openApp(page, './?lab=split&split.seed_hide=1&split.strategy_lock=1&split.strategy=random&split.seed=3');
  await expect(page.getByTestId('split-seed')).toBeHidden();
  await expect(page.getByTestId('split-strategy')).toBeDisabled();
  await expect(page.getByTestId('split-strategy')).toHaveValue('random');
  await expect(page.getByTestId('split-ratios')).toBeEnabled();
  await expect(page.locator('.selected-counts h2')).toHaveText('random split, seed 3');
  await page.getByTestId('copy-link').click();
  const link = await page.getByTestId('share-url').inputValue();
  expect(link).toContain('split.seed_hide=1');
  expect(link).toContain('split.strategy_lock=1');
  await openApp(page, './?lab=model&model.kind_hide=true');
  await expect(page.getByTestId('model-select')).toBeHidden();
  await expect(page.getByTestId('train-run')).toBeVisible();
});

test('an embedded lab renders alone in an iframe and fits it to its height', async ({ page }) => {
  await openApp(page, './?lab=split&split.seed=9&split.strategy=random');
  await page.getByTestId('embed-button').click();
  const snippet = await page.getByTestId('embed-snippet').inputValue();
  expect(snippet).toMatch(/^<iframe src="http:\/\/127\.0\.0\.1:4173\/\?lab=split&amp;.*split\.seed=9&amp;split\.strategy=random&amp;embed=split"/);

  // A course page made of the snippet alone (the host's own origin differs).
  const host = await page.context().newPage();
  const errors = [];
  host.on('pageerror', (err) => errors.push(String(err)));
  await host.setContent(`<!doctype html><h1>Course page</h1>${snippet}`);
  const frame = host.frameLocator('iframe');
  await expect(frame.getByTestId('app-ready')).toBeVisible();
  await expect(frame.locator('.embed')).toHaveCount(1);
  await expect(frame.getByTestId('nav-split')).toHaveCount(0);
  await expect(frame.locator('.selected-counts h2')).toHaveText('random split, seed 9');
  await expect(frame.getByTestId('open-full')).toHaveAttribute('href', /lab=split.*split\.seed=9/);
  // The lab posted its height and the snippet's listener applied it.
  await expect.poll(async () => host.locator('iframe').evaluate((f) => f.style.height)).not.toBe('640px');
  const [styled, content] = await host.locator('iframe').evaluate((f) => [
    parseFloat(f.style.height), f.contentDocument ? null : 'cross-origin',
  ]);
  expect(styled).toBeGreaterThan(700);
  expect(content).toBe('cross-origin');
  await host.screenshot({ path: 'test-results/embed-host.png', fullPage: true });
  expect(errors).toEqual([]);
});
