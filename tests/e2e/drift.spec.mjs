// The Drift lab: reference and current from the Split lab's split or from
// two uploads give `mlops drift`'s numbers, column by column; a method
// switched on the page is the CLI's `--method` for that column; the chosen
// column's distributions are drawn.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, chartIsDrawn, MLOPS } from './helpers.mjs';

const mlops = (...args) => JSON.parse(execFileSync(MLOPS, [...args, '--json'], { encoding: 'utf8' }));
const CANCER = 'crates/engine/data/sample-breast-cancer.csv';

test.beforeAll(() => {
  if (!existsSync(MLOPS)) execFileSync('cargo', ['build', '-p', 'mlops-cli'], { stdio: 'inherit' });
});

/** The page's per-column rows, by column name. */
async function pageColumns(page) {
  const rows = page.getByTestId('drift-column');
  const out = {};
  for (const row of await rows.all()) {
    const name = await row.getAttribute('data-column');
    out[name] = {
      method: await row.getAttribute('data-method'),
      score: await row.getAttribute('data-score'),
      threshold: Number(await row.getAttribute('data-threshold')),
      drifted: await row.getAttribute('data-drifted'),
    };
  }
  return out;
}

function expectEqual(pageCols, cli) {
  expect(Object.keys(pageCols).sort()).toEqual(cli.columns.map((c) => c.name).sort());
  for (const c of cli.columns) {
    const p = pageCols[c.name];
    expect(p.method, c.name).toBe(c.method);
    expect(p.score === 'null' ? null : Number(p.score), c.name).toBe(c.score);
    expect(p.threshold, c.name).toBe(c.threshold);
    expect(p.drifted, c.name).toBe(String(c.drifted));
  }
}

test('two uploads give mlops drift\'s table, and a switched method is --method for that column', async ({ page }) => {
  const errors = await openApp(page, './?lab=drift&drift.source=upload');
  // A reference and a current whose radius moved: the first 200 rows vs the rest.
  const lines = readFileSync(CANCER, 'utf8').trim().split('\n');
  const dir = mkdtempSync(join(tmpdir(), 'drift-'));
  const ref = join(dir, 'reference.csv');
  const cur = join(dir, 'current.csv');
  writeFileSync(ref, [lines[0], ...lines.slice(1, 201)].join('\n') + '\n');
  writeFileSync(cur, [lines[0], ...lines.slice(201)].join('\n') + '\n');
  await page.getByTestId('reference-file-input').setInputFiles(ref);
  await page.getByTestId('current-file-input').setInputFiles(cur);
  await expect(page.getByTestId('drift-column').first()).toBeVisible();
  const cli = mlops('drift', ref, cur);
  expectEqual(await pageColumns(page), cli);
  await expect(page.getByTestId('dataset-drift')).toHaveAttribute('data-value', String(cli.dataset_drift));
  // Drifted columns come first.
  const drifted = await page.getByTestId('drift-column').evaluateAll((rows) => rows.map((r) => r.dataset.drifted));
  expect(drifted).toEqual([...drifted].sort().reverse());
  await expect(page.getByTestId('drift-chart')).toBeVisible();
  expect(await chartIsDrawn(page.getByTestId('drift-chart'))).toBe(true);

  // PSI for one column: the page and `--method psi` agree on it.
  const row = page.locator('[data-testid="drift-column"][data-column="mean radius"]');
  await row.getByTestId('drift-method').selectOption('psi');
  await expect(page).toHaveURL(/drift\.methods=mean(\+|%20)radius%3Apsi/);
  await expect(page.locator('[data-testid="drift-column"][data-column="mean radius"]')).toHaveAttribute('data-method', 'psi');
  const psi = mlops('drift', ref, cur, '--method', 'psi', '--columns', 'mean radius');
  const after = await pageColumns(page);
  expect(Number(after['mean radius'].score)).toBe(psi.columns[0].score);
  expect(after['mean radius'].drifted).toBe(String(psi.columns[0].drifted));
  await page.screenshot({ path: 'test-results/drift-lab-upload.png', fullPage: true });
  expect(errors).toEqual([]);
});

test('the Split lab\'s train rows against its test rows are compared as mlops drift compares the split files', async ({ page }) => {
  const errors = await openApp(page, './?lab=drift');
  await expect(page.getByTestId('drift-source')).toHaveValue('split');
  await expect(page.getByTestId('drift-column').first()).toBeVisible();
  // The default split of sample-defects (stratified 60/20/20, seed 0), written by the CLI.
  const dir = mkdtempSync(join(tmpdir(), 'split-'));
  execFileSync(MLOPS, ['split', 'crates/engine/data/sample-defects.csv', '--target', 'defect', '--strategy', 'stratified',
    '--ratios', '60,20,20', '--seed', '0', '--out', dir], { encoding: 'utf8' });
  const cli = mlops('drift', join(dir, 'train.csv'), join(dir, 'test.csv'));
  expectEqual(await pageColumns(page), cli);
  await expect(page.getByTestId('dataset-drift')).toHaveAttribute('data-value', String(cli.dataset_drift));
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/drift-lab-split.png', fullPage: true });
  expect(errors).toEqual([]);
});
