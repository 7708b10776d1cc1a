// The app shell: it mounts, loads the default sample through the worker,
// navigates between labs through the lifecycle map, and keeps the lab in the URL.
import { test, expect } from '@playwright/test';
import { openApp } from './helpers.mjs';

const LABS = ['scope', 'data', 'split', 'model', 'drift', 'deploy'];

test('opens on the Data lab with sample-defects loaded, no console errors', async ({ page }) => {
  const errors = await openApp(page);
  for (const lab of LABS) await expect(page.getByTestId(`nav-${lab}`)).toBeVisible();
  await expect(page.getByTestId('nav-data')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('dataset-name')).toHaveText('sample-defects');
  await expect(page.getByTestId('dataset-rows')).toHaveAttribute('data-value', '100');
  await expect(page.getByTestId('dataset-columns')).toHaveAttribute('data-value', '6');
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/data-lab.png', fullPage: true });
  expect(errors).toEqual([]);
});

test('the lifecycle map navigates and the URL reproduces the lab', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('nav-drift').click();
  await expect(page).toHaveURL(/lab=drift/);
  await expect(page.getByTestId('drift-source')).toBeVisible();
  await page.getByTestId('nav-split').click();
  await expect(page).toHaveURL(/lab=split/);
  await page.goBack();
  await expect(page.getByTestId('nav-drift')).toHaveAttribute('aria-current', 'page');
  // A fresh visit of the link opens the same lab.
  const url = page.url();
  const page2 = await page.context().newPage();
  await openApp(page2, url);
  await expect(page2.getByTestId('nav-drift')).toHaveAttribute('aria-current', 'page');
});

test('works under a sub-path with relative assets', async ({ page }) => {
  const errors = await openApp(page, '/sub/?lab=data');
  await expect(page.getByTestId('dataset-rows')).toHaveAttribute('data-value', '100');
  expect(errors).toEqual([]);
});

test('the dataset is loaded by the worker, not on the page thread', async ({ page }) => {
  const workers = [];
  page.on('worker', (w) => workers.push(w.url()));
  await openApp(page);
  expect(workers.some((u) => /worker_loader\.js\?v=\d/.test(u))).toBe(true);
  // The samples' text (and the CSV reader that parses it) ships only in the
  // worker's wasm: the page's wasm cannot have parsed the dataset itself.
  const found = await page.evaluate(async () => {
    const html = await (await fetch('./')).text();
    const appWasm = html.match(/app-[0-9a-f]+_bg\.wasm/)[0];
    const has = async (url) => {
      const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
      return new TextDecoder('latin1').decode(bytes).includes('img_001.png');
    };
    return { page: await has(appWasm), worker: await has('worker_bg.wasm') };
  });
  expect(found).toEqual({ page: false, worker: true });
});
