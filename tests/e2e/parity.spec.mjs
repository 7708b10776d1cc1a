// The page and the `mlops` CLI are two doors to one engine: for the same
// file and settings they must show the same numbers and write the same bytes.
// Uses target/debug/mlops, built by `cargo test` earlier in `make test`.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp } from './helpers.mjs';

const MLOPS = 'target/debug/mlops';
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
