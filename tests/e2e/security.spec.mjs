// Nothing runs that should not, nothing leaves: the Content-Security-Policy
// is in force, the labs make no network request after the page has loaded
// (uploading, analysing, exporting), and markup in a CSV renders as text.
import { test, expect } from '@playwright/test';
import { openApp } from './helpers.mjs';

test('the Content-Security-Policy allows only the page\'s own scripts', async ({ page }) => {
  const errors = await openApp(page);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
  expect(csp).toContain("connect-src 'self'");
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-eval'/);
  // The app ran under it (the worker and the wasm loaded: a sample is in).
  await expect(page.getByTestId('dataset-rows')).toHaveAttribute('data-value', '100');
  // An injected inline script does not run (a violation is reported). (eval
  // cannot be probed from here: Playwright's evaluate runs outside the CSP.)
  const result = await page.evaluate(async () => {
    const violations = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true;';
    document.body.appendChild(s);
    await new Promise((r) => setTimeout(r, 50));
    return { injected: window.__injected === true, violations };
  });
  expect(result.injected).toBe(false);
  expect(result.violations.length).toBeGreaterThan(0);
  // Only the expected refusal was logged (the probe above).
  expect(errors.filter((e) => !/Content Security Policy/.test(e))).toEqual([]);
});

test('after the page has loaded, uploading, analysing and exporting make no request', async ({ page }) => {
  await openApp(page, './?lab=data');
  const requests = [];
  page.on('request', (r) => { if (!r.url().startsWith('blob:') && !r.url().startsWith('data:')) requests.push(r.url()); });
  // Data: upload a file, pick the target.
  const csv = 'x,y,label\n' + Array.from({ length: 60 }, (_, i) => `${i},${(i * 7) % 13},${i % 3 === 0 ? 1 : 0}`).join('\n') + '\n';
  await page.getByTestId('file-input').setInputFiles({ name: 'local.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByTestId('dataset-name')).toContainText('local.csv');
  // Split: split it and download a split file.
  await page.getByTestId('nav-split').click();
  await page.getByTestId('split-target-select').selectOption('label');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('[data-testid="split-download"][data-split="dev"]').click(),
  ]);
  expect(download.suggestedFilename()).toBe('dev.csv');
  // Model: train a model, download it.
  await page.getByTestId('nav-model').click();
  await page.getByTestId('source-select').selectOption('model');
  await page.getByTestId('model-select').selectOption('logistic');
  await page.getByTestId('train-run').click();
  await expect(page.locator('[data-testid="metric"][data-metric="accuracy"]')).toHaveAttribute('data-value', /\d/);
  await Promise.all([page.waitForEvent('download'), page.getByTestId('model-download').click()]);
  // Every chart export, the brief, copy link and embed.
  for (const id of ['chart-png', 'chart-svg', 'chart-json']) {
    await Promise.all([page.waitForEvent('download'), page.getByTestId(id).first().click()]);
  }
  await page.getByTestId('nav-scope').click();
  await Promise.all([page.waitForEvent('download'), page.getByTestId('scope-export').click()]);
  await page.getByTestId('copy-link').click();
  await page.getByTestId('embed-button').click();
  await page.getByTestId('embed-snippet').press('Escape');
  await expect(page.getByTestId('embed-snippet')).toHaveCount(0);
  // And a sample loaded from the built-in list (its data is in the worker).
  await page.getByTestId('nav-data').click();
  await page.getByTestId('sample-iris').click();
  await expect(page.getByTestId('dataset-name')).toHaveText('sample-iris');
  await page.getByTestId('nav-split').click();
  await page.getByTestId('nav-model').click();
  expect(requests).toEqual([]);
});

test('markup in a CSV header and cells renders as text in every lab', async ({ page }) => {
  const dialogs = [];
  page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  await openApp(page);
  const evil = '<img src=x onerror=alert(1)>';
  const rows = Array.from({ length: 30 }, (_, i) => `"${i % 2 ? '<script>alert(2)</script>' : evil}",${i},${i % 2}`);
  const csv = `"${evil}",n,"<b>label</b>"\n${rows.join('\n')}\n`;
  await page.getByTestId('file-input').setInputFiles({ name: '<i>evil</i>.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByTestId('dataset-name')).toContainText('<i>evil</i>.csv');
  for (const lab of ['data', 'split', 'model', 'drift', 'deploy', 'scope']) {
    await page.getByTestId(`nav-${lab}`).click();
    await expect(page.getByTestId(`nav-${lab}`)).toHaveAttribute('aria-current', 'page');
    // No element was made from the data's markup.
    expect(await page.locator('img[src="x"], b:text("label"), i:text("evil")').count()).toBe(0);
  }
  await page.getByTestId('nav-data').click();
  await expect(page.locator('body')).toContainText(evil);
  await page.waitForTimeout(200);
  expect(dialogs).toEqual([]);
});
