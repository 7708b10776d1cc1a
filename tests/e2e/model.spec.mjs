// The Model lab: a model trained in the worker gives the CLI's test metrics,
// prediction columns give `mlops metrics`' numbers, and the threshold
// slider moves the confusion matrix to what `--threshold` gives.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, chartIsDrawn } from './helpers.mjs';

const MLOPS = 'target/debug/mlops';
const mlops = (...args) => JSON.parse(execFileSync(MLOPS, [...args, '--json'], { encoding: 'utf8' }));
const CANCER = 'crates/engine/data/sample-breast-cancer.csv';

test.beforeAll(() => {
  if (!existsSync(MLOPS)) execFileSync('cargo', ['build', '-p', 'mlops-cli'], { stdio: 'inherit' });
});

/** Every number of a `mlops metrics` object, by the page's hook names. */
function flatten(m) {
  const out = {};
  for (const [k, v] of Object.entries(m)) {
    if (['rows', 'threshold', 'positive', 'labels', 'task', 'warnings', 'confusion_matrix'].includes(k)) continue;
    if (k === 'per_class') {
      for (const c of v) for (const f of ['precision', 'recall', 'f1', 'support']) out[`per_class.${c.label}.${f}`] = c[f];
    } else if (v !== null && typeof v === 'object') {
      for (const [ik, iv] of Object.entries(v)) out[`${k}.${ik}`] = iv;
    } else out[k] = v;
  }
  return out;
}

async function expectMetrics(page, cli) {
  const want = flatten(cli);
  expect(Object.keys(want).length).toBeGreaterThan(20);
  for (const [name, v] of Object.entries(want)) {
    const hook = page.locator(`[data-testid="metric"][data-metric="${name}"]`);
    await expect(hook, name).toHaveCount(1);
    await expect.poll(async () => {
      const raw = await hook.getAttribute('data-value');
      return raw === 'null' ? null : Number(raw);
    }, { message: name }).toBe(v);
  }
  const labels = cli.labels;
  for (const [t, row] of cli.confusion_matrix.entries()) {
    for (const [p, n] of row.entries()) {
      await expect(page.locator(`[data-testid="confusion-cell"][data-true="${labels[t]}"][data-pred="${labels[p]}"]`)).toHaveAttribute('data-value', String(n));
    }
  }
}

test('training logistic on sample-breast-cancer gives the CLI test metrics', async ({ page }) => {
  const cli = mlops('train', CANCER, '--target', 'diagnosis', '--model', 'logistic', '--ratios', '60,20,20', '--seed', '0');
  const errors = await openApp(page, './?lab=model&sample=sample-breast-cancer');
  await page.getByTestId('source-select').selectOption('model');
  await page.getByTestId('model-select').selectOption('logistic');
  await page.getByTestId('train-run').click();
  await expectMetrics(page, cli.splits.test);
  for (const id of ['roc-chart', 'pr-chart', 'calibration-chart']) {
    await expect.poll(() => chartIsDrawn(page.getByTestId(id)), { message: id }).toBe(true);
  }
  // The baseline beside it: the majority class's train error.
  const base = mlops('train', CANCER, '--target', 'diagnosis', '--model', 'majority', '--ratios', '60,20,20', '--seed', '0');
  await expect(page.locator('[data-testid="baseline-error"][data-split="train"]')).toHaveAttribute('data-value', String(1 - base.splits.train.accuracy));
  await page.screenshot({ path: 'test-results/model-lab.png', fullPage: true });
  expect(errors).toEqual([]);
});

test('prediction columns give `mlops metrics` numbers, and the slider moves the matrix', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'mlops-model-'));
  const file = join(dir, 'scored.csv');
  mlops('train', CANCER, '--target', 'diagnosis', '--model', 'naive-bayes', '--ratios', '60,20,20', '--seed', '3', '--predictions-out', file);
  await openApp(page);
  await page.getByTestId('file-input').setInputFiles(file);
  await expect(page.getByTestId('dataset-name')).toContainText('scored.csv');
  await page.getByTestId('nav-model').click();
  await page.getByTestId('source-select').selectOption('columns');
  await page.getByTestId('score-select').selectOption('score');
  await expectMetrics(page, mlops('metrics', file, '--target', 'diagnosis', '--score', 'score'));

  // Moving the slider moves the cells at once, to the CLI's --threshold counts.
  const cell = page.locator('[data-testid="confusion-cell"][data-true="malignant"][data-pred="malignant"]');
  const before = await cell.getAttribute('data-value');
  await page.getByTestId('threshold').fill('0.999');
  const at = mlops('metrics', file, '--target', 'diagnosis', '--score', 'score', '--threshold', '0.999');
  await expect(cell).toHaveAttribute('data-value', String(at.confusion_matrix[1][1]));
  expect(await cell.getAttribute('data-value')).not.toBe(before);
  await expect(page).toHaveURL(/model\.threshold=0\.999/);
  await expectMetrics(page, at);

  // A prediction column instead of scores: multiclass-free, no slider.
  await page.getByTestId('score-select').selectOption('');
  await page.getByTestId('prediction-select').selectOption('prediction');
  await expectMetrics(page, mlops('metrics', file, '--target', 'diagnosis', '--pred', 'prediction'));
  await expect(page.getByTestId('threshold')).toHaveCount(0);
});
