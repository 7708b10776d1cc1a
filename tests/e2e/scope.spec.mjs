// The Scope lab: the lifecycle map links every stage to its lab, the
// worksheet lives in the link and exports a Markdown brief, and the
// exercises' links set a lab up whose check fires on the answer.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { openApp, MLOPS } from './helpers.mjs';

const mlops = (...args) => JSON.parse(execFileSync(MLOPS, [...args, '--json'], { encoding: 'utf8' }));

test('the lifecycle map shows five stages, their loops and links to the labs', async ({ page }) => {
  const errors = await openApp(page, './?lab=scope');
  await expect(page.getByTestId('scope-stage')).toHaveCount(5);
  await expect(page.getByTestId('scope-loop')).toHaveCount(3);
  await expect(page.getByTestId('scope-loop').first()).toContainText('Modeling ↺ Data');
  await page.getByTestId('scope-stage').nth(2).getByRole('link', { name: /Model lab/ }).click();
  await expect(page.getByTestId('threshold').or(page.getByTestId('train-run'))).toBeVisible();
  expect(errors).toEqual([]);
});

test('the worksheet is kept in the link and exported as a project brief', async ({ page, browser }) => {
  await openApp(page, './?lab=scope');
  await page.getByTestId('scope-problem').fill('Reduce returns <b>fast</b>');
  await page.getByTestId('scope-problem').press('Tab');
  await page.getByTestId('scope-ml_metric').selectOption('recall');
  await page.getByTestId('scope-per_day').fill('200');
  await page.getByTestId('scope-per_day').press('Tab');
  await page.getByTestId('scope-days').fill('5');
  await page.getByTestId('scope-days').press('Tab');
  await page.getByTestId('scope-fair').check();
  await expect(page.getByTestId('scope-data-estimate')).toHaveText('In 5 days: 1000 labelled examples.');
  await expect(page).toHaveURL(/scope\.problem=Reduce%20returns/);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('scope-export').click()]);
  expect(download.suggestedFilename()).toBe('project-brief.md');
  const md = Buffer.concat(await (await download.createReadStream()).toArray()).toString('utf8');
  expect(md).toContain('- Business problem: Reduce returns <b>fast</b>\n');
  expect(md).toContain('- ML metric: recall (target _(open)_)\n');
  expect(md).toContain('- Data in 5 days at 200 a day: 1000 labelled examples\n');
  expect(md).toContain('- [x] Is this project reasonably fair and free from bias?\n');
  expect(md).toContain('The working dataset has 100 rows');

  // The link carries the worksheet to a fresh browser.
  await page.getByTestId('copy-link').click();
  const link = await page.getByTestId('share-url').inputValue();
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await openApp(other, link);
  await expect(other.getByTestId('scope-problem')).toHaveValue('Reduce returns <b>fast</b>');
  await expect(other.getByTestId('scope-fair')).toBeChecked();
  await expect(other.getByTestId('scope-data-estimate')).toHaveText('In 5 days: 1000 labelled examples.');
  await fresh.close();
});

test('an exercise link sets the lab up and its check fires when the answer is set', async ({ page }) => {
  await openApp(page, './?lab=scope');
  await expect(page.getByTestId('exercise-link-item')).toHaveCount(8);
  await page.getByTestId('exercise-lottery').click();
  await expect(page.getByTestId('dataset-rows')).toHaveAttribute('data-value', '100');
  await expect(page.getByTestId('exercise')).toContainText('21, 2 and 7');
  await expect(page.getByTestId('split-strategy')).toBeDisabled();
  const check = page.getByTestId('exercise-check');
  await expect(check).toHaveAttribute('data-value', 'open');
  await page.getByTestId('split-seed').fill('56');
  await page.getByTestId('split-seed').press('Enter');
  await expect(page.locator('.selected-counts h2')).toHaveText('random split, seed 56');
  await expect(check).toHaveAttribute('data-value', 'open');
  await page.getByTestId('split-seed').fill('57');
  await page.getByTestId('split-seed').press('Enter');
  await expect(check).toHaveAttribute('data-value', 'solved');
  await page.screenshot({ path: 'test-results/exercise-solved.png' });

  // "Balance it": the check fires on the stratified strategy, not before.
  await page.goto('./?lab=split&sample=sample-defects&split.strategy=random&split.seed=57&exercise=balance');
  await expect(page.getByTestId('exercise-check')).toHaveAttribute('data-value', 'open');
  await page.getByTestId('split-strategy').selectOption('stratified');
  await expect(page.getByTestId('exercise-check')).toHaveAttribute('data-value', 'solved');

  // "Recall first": solved once the threshold gives a test recall >= 0.95.
  await page.goto('./?lab=model&sample=sample-breast-cancer&model.kind=logistic&exercise=recall');
  await expect(page.getByTestId('exercise')).toContainText('recall of malignant');
  await expect(page.getByTestId('exercise-check')).toHaveAttribute('data-value', 'open');
  await expect(page.getByTestId('dataset-rows')).toHaveAttribute('data-value', '569');
  await page.getByTestId('train-run').click();
  const recall = page.locator('[data-testid="metric"][data-metric="recall"]');
  await expect(recall).toHaveAttribute('data-value', /\d/);
  await page.getByTestId('threshold').fill('0.999');
  await expect.poll(async () => Number(await recall.getAttribute('data-value'))).toBeLessThan(0.95);
  await expect(page.getByTestId('exercise-check')).toHaveAttribute('data-value', 'open');
  await page.getByTestId('threshold').fill('0.05');
  await expect.poll(async () => Number(await recall.getAttribute('data-value'))).toBeGreaterThanOrEqual(0.95);
  await expect(page.getByTestId('exercise-check')).toHaveAttribute('data-value', 'solved');

  // "Do the annotators agree?": solved when the typed count is the report's.
  await page.goto('./?lab=data&sample=sample-defects&exercise=agreement');
  await expect(page.getByTestId('exercise')).toContainText('annotator_b');
  await expect(page.getByTestId('exercise-check')).toHaveAttribute('data-value', 'open');
  const shown = mlops('agreement', 'crates/engine/data/sample-defects.csv', '--raters', 'defect,annotator_b').disagreements;
  await page.getByTestId('exercise-answer').fill(String(shown + 1));
  await expect(page.getByTestId('exercise-check')).toHaveAttribute('data-value', 'open');
  await page.getByTestId('exercise-answer').fill(String(shown));
  await expect(page.getByTestId('exercise-check')).toHaveAttribute('data-value', 'solved');
});
