// The page and the `mlops` CLI are two doors to one engine: for the same
// file and settings they must show the same numbers and write the same bytes.
// Uses the debug `mlops` binary that `make e2e` builds (helpers.mjs: MLOPS).
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, MLOPS } from './helpers.mjs';

const mlops = (...args) => execFileSync(MLOPS, args, { encoding: 'utf8' });

test.beforeAll(() => {
  if (!existsSync(MLOPS)) execFileSync('cargo', ['build', '-p', 'mlops-cli'], { stdio: 'inherit' });
});

test('profile numbers on the page equal `mlops profile --json`', async ({ page }) => {
  const cli = JSON.parse(mlops('profile', 'crates/engine/data/sample-iris.csv', '--json'));
  await openApp(page, './?sample=sample-iris');
  await expect(page.getByTestId('dataset-rows')).toHaveAttribute('data-value', String(cli.rows));
  for (const col of cli.columns.filter((c) => c.kind === 'numeric')) {
    for (const stat of ['mean', 'std', 'min', 'p25', 'p50', 'p75', 'max']) {
      const hook = page.locator(`[data-testid="column-profile"][data-column="${col.name}"] [data-testid="profile-stat"][data-stat="${stat}"]`);
      await expect(hook).toHaveAttribute('data-value', String(col[stat]));
    }
  }
});

test('split counts and downloads equal `mlops split --json --out`', async ({ page }) => {
  const out = mkdtempSync(join(tmpdir(), 'mlops-parity-'));
  const cli = JSON.parse(mlops('split', 'crates/engine/data/sample-breast-cancer.csv', '--target', 'diagnosis',
    '--strategy', 'random', '--ratios', '70,15,15', '--seed', '11', '--out', out, '--json'));
  await openApp(page, './?lab=split&sample=sample-breast-cancer&strategy=random&ratios=70,15,15&seed=11');
  for (const s of cli.splits) {
    await expect(page.locator(`[data-testid="split-rows"][data-split="${s.name}"]`)).toHaveAttribute('data-value', String(s.rows));
    for (const [cls, n] of Object.entries(s.class_counts)) {
      await expect(page.locator(`[data-testid="split-count"][data-split="${s.name}"][data-class="${cls}"]`)).toHaveAttribute('data-value', String(n));
    }
  }
  for (const name of ['train', 'dev', 'test']) {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator(`[data-testid="split-download"][data-split="${name}"]`).click(),
    ]);
    const bytes = Buffer.concat(await (await download.createReadStream()).toArray());
    expect(bytes.equals(readFileSync(join(out, `${name}.csv`))), `${name}.csv differs from the CLI's`).toBe(true);
  }
});

test('a time split by a column orders the rows (page equals CLI)', async ({ page }) => {
  const cli = JSON.parse(mlops('split', 'crates/engine/data/sample-defects.csv', '--target', 'defect',
    '--strategy', 'time', '--by', 'brightness', '--ratios', '60,20,20', '--seed', '0', '--json'));
  await openApp(page, './?lab=split');
  await page.getByTestId('split-strategy').selectOption('time');
  await page.getByTestId('split-by-select').selectOption('brightness');
  await expect(page).toHaveURL(/strategy=time.*by=brightness|by=brightness.*strategy=time/);
  for (const s of cli.splits) {
    for (const [cls, n] of Object.entries(s.class_counts)) {
      await expect(page.locator(`[data-testid="split-count"][data-split="${s.name}"][data-class="${cls}"]`)).toHaveAttribute('data-value', String(n));
    }
  }
});

test('downloads of an uploaded file equal `mlops split --out` on that file', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'mlops-upload-'));
  const file = join(dir, 'quoted.csv');
  // Quoted fields, a doubled quote, CRLF and number text that must survive.
  writeFileSync(file, 'id;note;score;label\r\n1;"a; b";0.50;yes\r\n2;"say ""hi""";1e3;no\r\n3;plain;007;yes\r\n4;x;-0.0;no\r\n5;y;2;yes\r\n6;z;3;no\r\n');
  const out = join(dir, 'out');
  mlops('split', file, '--target', 'label', '--strategy', 'stratified', '--ratios', '50,50', '--seed', '4', '--out', out);
  await openApp(page, './?lab=data');
  await page.getByTestId('file-input').setInputFiles(file);
  await expect(page.getByTestId('dataset-name')).toHaveText('quoted.csv');
  await page.getByTestId('nav-split').click();
  await page.getByTestId('split-target-select').selectOption('label');
  await page.getByTestId('split-ratios').fill('50,50');
  await page.getByTestId('split-ratios').press('Enter');
  await page.getByTestId('split-seed').fill('4');
  await page.getByTestId('split-seed').press('Enter');
  await expect(page.locator('[data-testid="split-rows"][data-split="test"]')).toHaveAttribute('data-value', '3');
  for (const name of ['train', 'test']) {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator(`[data-testid="split-download"][data-split="${name}"]`).click(),
    ]);
    const bytes = Buffer.concat(await (await download.createReadStream()).toArray());
    expect(bytes.toString('utf8')).toBe(readFileSync(join(out, `${name}.csv`), 'utf8'));
  }
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
});
