// The Model lab: a model trained in the worker gives the CLI's test metrics,
// prediction columns give `mlops metrics`' numbers, and the threshold
// slider moves the confusion matrix to what `--threshold` gives.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, chartIsDrawn, MLOPS, flatten } from './helpers.mjs';

const mlops = (...args) => JSON.parse(execFileSync(MLOPS, [...args, '--json'], { encoding: 'utf8' }));
const CANCER = 'crates/engine/data/sample-breast-cancer.csv';

test.beforeAll(() => {
  if (!existsSync(MLOPS)) execFileSync('cargo', ['build', '-p', 'mlops-cli'], { stdio: 'inherit' });
});


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
  await expect(page.getByTestId('baseline-error')).toHaveAttribute('data-train', String(1 - base.splits.train.accuracy));
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
  const scored = mlops('metrics', file, '--target', 'diagnosis', '--score', 'score', '--bootstrap', '0');
  await expectMetrics(page, scored);
  // Bootstrap 95% intervals: the CLI's `--bootstrap 0`, drawn the same way.
  for (const [metric, [low, high]] of Object.entries(scored.intervals)) {
    const hook = page.locator(`[data-testid="metric"][data-metric="${metric}"]`);
    await expect(hook, metric).toHaveAttribute('data-low', String(low));
    await expect(hook, metric).toHaveAttribute('data-high', String(high));
  }

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

test('defects: HLP from the second annotator, slices, sweep, learning curve, data-centric, model file', async ({ page }) => {
  const errors = await openApp(page, './?lab=model');
  await page.getByTestId('train-run').click();
  await expect(page.locator('[data-testid="metric"][data-metric="accuracy"]')).toHaveCount(1);
  // HLP: annotator_b scored against the label, as `mlops metrics --pred`.
  const hlp = mlops('metrics', 'crates/engine/data/sample-defects.csv', '--target', 'defect', '--pred', 'annotator_b');
  await page.getByTestId('hlp-select').selectOption('annotator_b');
  await expect(page.getByTestId('hlp-error')).toHaveAttribute('data-value', String(1 - hlp.accuracy));
  await expect(page.getByTestId('avoidable-bias')).toHaveAttribute('data-value', /\d/);
  await expect(page.getByTestId('variance')).toHaveAttribute('data-value', /\d/);
  // Slices by a column; sorting by priority reorders by the priority values.
  await expect(page.getByTestId('slice-row').first()).toBeVisible();
  await page.getByTestId('slice-sort').selectOption('priority');
  const priorities = await page.getByTestId('slice-row').evaluateAll((rows) => rows.map((r) => Number(r.dataset.priority)));
  expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
  // Sweep and learning curve, drawn.
  for (const id of ['sweep-chart', 'learning-curve-chart']) {
    await expect.poll(() => chartIsDrawn(page.getByTestId(id)), { message: id }).toBe(true);
  }
  await expect(page.getByTestId('sweep-point')).toHaveCount(6);
  // Model-centric vs data-centric.
  await page.getByTestId('data-centric-run').click();
  await expect(page.getByTestId('data-centric-row')).toHaveCount(4);
  // Download the model, then upload it: it scores the working dataset as
  // `mlops predict --json` does.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('model-download').click()]);
  const dir = mkdtempSync(join(tmpdir(), 'mlops-model-'));
  const file = join(dir, 'model.json');
  await download.saveAs(file);
  const predicted = JSON.parse(execFileSync(MLOPS, ['predict', file, 'crates/engine/data/sample-defects.csv', '--json'], { encoding: 'utf8' }));
  await page.getByTestId('model-file-input').setInputFiles(file);
  await expect(page.locator('[data-testid="uploaded-metric"][data-metric="accuracy"]')).toHaveAttribute('data-value', String(predicted.accuracy));
  await page.screenshot({ path: 'test-results/model-lab-defects.png', fullPage: true });
  expect(errors).toEqual([]);
});
