// The Drift and Deploy labs' exercises check themselves: `exercise-check`
// is `open` until the answer is on screen, then `solved` (never by eye).
import { test, expect } from '@playwright/test';
import { openApp } from './helpers.mjs';

/** Types `text` into a control and commits it. */
async function set(page, id, text) {
  await page.getByTestId(id).fill(text);
  await page.getByTestId(id).press('Tab');
}

const check = (page) => page.getByTestId('exercise-check');

test('drift: seen but not felt, then felt but not seen', async ({ page }) => {
  const errors = await openApp(page, './?lab=drift&drift.source=simulate&exercise=seen-not-felt');
  await expect(check(page)).toHaveAttribute('data-value', 'open');
  // The default run: a drift on the feature the model leans on, felt too.
  await page.getByTestId('sim-run').click();
  await expect(page.getByTestId('timeline-batch').first()).toBeVisible({ timeout: 30_000 });
  await expect(check(page)).toHaveAttribute('data-value', 'open');
  // A drift of brightness, which the model leans on little: seen, not felt.
  await page.getByTestId('sim-feature').selectOption('brightness');
  await expect(check(page)).toHaveAttribute('data-value', 'solved');

  await page.goto('./?lab=drift&drift.source=simulate&drift.scenario=concept&exercise=felt-not-seen');
  await expect(check(page)).toHaveAttribute('data-value', 'open');
  await page.getByTestId('sim-feature').selectOption('brightness');
  await set(page, 'sim-batches', '8');
  await set(page, 'sim-change-at', '4');
  await set(page, 'sim-seed', '2');
  await page.getByTestId('sim-run').click();
  await expect(check(page)).toHaveAttribute('data-value', 'solved', { timeout: 30_000 });
  expect(errors).toEqual([]);
});

test('deploy: stop a bad canary early; decide when labels are late', async ({ page }) => {
  const errors = await openApp(page, './?lab=deploy&deploy.baseline-error=0.05&deploy.candidate-error=0.1&exercise=canary');
  await expect(page.getByTestId('rollout-step').first()).toBeVisible();
  await expect(check(page)).toHaveAttribute('data-value', 'open');
  await set(page, 'rollout-steps', '1,10,50,100');
  await expect(check(page)).toHaveAttribute('data-value', 'open');
  await set(page, 'rollout-requests', '10000');
  await expect(check(page)).toHaveAttribute('data-value', 'solved');

  await page.goto('./?lab=deploy&deploy.candidate-error=0.05&deploy.label-delay=950&exercise=late-labels');
  await expect(page.getByTestId('rollout-outcome')).toHaveAttribute('data-value', 'paused');
  await expect(check(page)).toHaveAttribute('data-value', 'open');
  await set(page, 'rollout-max-disagreement', '0.2');
  await expect(check(page)).toHaveAttribute('data-value', 'solved');
  expect(errors).toEqual([]);
});
