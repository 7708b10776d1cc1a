// The Drift lab's simulation: a stream drawn from the working dataset by
// `mlops simulate` and watched by `mlops monitor --change-at K` with the
// Model lab's model gives the CLI's timeline, batch by batch, and its
// detections; a data drift is seen by the input tests, a concept drift only
// by the realized accuracy; after the first run a changed control re-runs.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, chartIsDrawn, MLOPS } from './helpers.mjs';

const mlops = (...args) => JSON.parse(execFileSync(MLOPS, [...args, '--json'], { encoding: 'utf8' }));
const DEFECTS = 'crates/engine/data/sample-defects.csv';

test.beforeAll(() => {
  if (!existsSync(MLOPS)) execFileSync('cargo', ['build', '-p', 'mlops-cli'], { stdio: 'inherit' });
});

/** `mlops simulate DEFECTS` with the page's settings (its defaults where a
 * setting is left out), the working target as `--target`; the batches go to
 * a fresh directory. */
function simulate({ scenario = 'data', shape = 'sudden', batches = 10, seed = 0, magnitude, rows, change, feature = 'scratch_length_mm' } = {}) {
  const dir = join(mkdtempSync(join(tmpdir(), 'mlops-sim-')), 'batches');
  const args = ['simulate', DEFECTS, '--scenario', scenario, '--shape', shape, '--batches', String(batches), '--seed', String(seed)];
  if (magnitude !== undefined) args.push('--magnitude', String(magnitude));
  if (rows !== undefined) args.push('--batch-rows', String(rows));
  if (change !== undefined) args.push('--change-at', String(change));
  args.push('--feature', feature, '--target', 'defect', '--out', dir);
  return { report: mlops(...args), dir };
}

/** `mlops monitor DEFECTS BATCHES --model MODEL --change-at K`, K the
 * simulation's `change_at`. */
function monitor(sim, model) {
  return mlops('monitor', DEFECTS, sim.dir, '--model', model, '--change-at', String(sim.report.change_at));
}

const num = (raw) => (raw === 'null' ? null : Number(raw));

/** The page's timeline rows, in the CLI's terms. */
async function pageTimeline(page) {
  const rows = await page.getByTestId('timeline-batch').evaluateAll((els) => els.map((e) => ({ ...e.dataset })));
  return rows.map((d) => ({
    batch: Number(d.batch),
    drifted_columns: Number(d.driftedColumns),
    dataset_drift: d.datasetDrift,
    estimated: num(d.estimated),
    realized: num(d.realized),
    alerts: Number(d.alerts),
  }));
}

function cliTimeline(mon) {
  return mon.batches.map((b, i) => ({
    batch: i + 1,
    drifted_columns: b.drifted_columns,
    dataset_drift: String(b.dataset_drift),
    estimated: b.estimated?.accuracy ?? null,
    realized: b.realized?.accuracy ?? null,
    alerts: b.alerts.length,
  }));
}

/** The page's detections, in the CLI's terms (and order: the quickest first). */
async function pageDetections(page) {
  const rows = await page.getByTestId('monitor-detection').evaluateAll((els) => els.map((e) => ({ ...e.dataset })));
  return rows.map((d) => ({
    metric: d.signal,
    first_alert: num(d.firstAlert),
    delay: num(d.delay),
    false_alarms: Number(d.falseAlarms),
  }));
}

function cliDetections(mon) {
  return mon.detections.map((d) => ({
    metric: d.metric,
    first_alert: d.first_alert,
    delay: d.delay ?? null,
    false_alarms: d.false_alarms,
  }));
}

/** Waits until the page shows the CLI's timeline and detections. */
async function expectMonitor(page, sim, mon) {
  await expect.poll(() => pageTimeline(page), { message: 'timeline' }).toEqual(cliTimeline(mon));
  await expect.poll(() => pageDetections(page), { message: 'detections' }).toEqual(cliDetections(mon));
  await expect(page.getByTestId('sim-change-at-value')).toHaveAttribute('data-value', String(sim.report.change_at));
}

/** Downloads the model the Model lab holds (the single-page app keeps it
 * across labs) and comes back to the Drift lab. */
async function downloadModel(page) {
  await page.getByTestId('nav-model').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('model-download').click()]);
  const file = join(mkdtempSync(join(tmpdir(), 'mlops-model-')), 'model.json');
  await download.saveAs(file);
  await page.getByTestId('nav-drift').click();
  await expect(page.getByTestId('drift-source')).toHaveValue('simulate');
  return file;
}

/** Sets a number input and commits it (inputs commit on `change`). */
async function setNumber(page, id, v) {
  const input = page.getByTestId(id);
  await input.fill(String(v));
  await input.press('Tab');
}

test('a data drift on the default feature: the timeline and detections are mlops monitor\'s, the input test sees it', async ({ page }) => {
  const errors = await openApp(page, './?lab=drift&drift.source=simulate');
  await expect(page.getByTestId('drift-source')).toHaveValue('simulate');
  // The controls and their defaults: mlops simulate's.
  const values = (id) => page.getByTestId(id).locator('option').evaluateAll((os) => os.map((o) => o.value));
  expect(await values('sim-scenario')).toEqual(['data', 'concept', 'prior', 'quality']);
  expect(await values('sim-shape')).toEqual(['sudden', 'incremental', 'gradual', 'recurring']);
  await expect(page.getByTestId('sim-scenario')).toHaveValue('data');
  await expect(page.getByTestId('sim-shape')).toHaveValue('sudden');
  // The first numeric column that is not the target (image is categorical).
  await expect(page.getByTestId('sim-feature')).toHaveValue('scratch_length_mm');
  await expect(page.getByTestId('sim-magnitude')).toHaveValue(/^1(\.0)?$/);
  await expect(page.getByTestId('sim-batches')).toHaveValue('10');
  await expect(page.getByTestId('sim-batch-rows')).toHaveValue('');
  await expect(page.getByTestId('sim-seed')).toHaveValue('0');
  await expect(page.getByTestId('sim-change-at')).toHaveValue('');
  await expect(page.getByTestId('timeline-batch')).toHaveCount(0);

  // 12 batches of 60 rows; the change at the default batch (12/2 + 1 = 7).
  await setNumber(page, 'sim-batches', 12);
  await setNumber(page, 'sim-batch-rows', 60);
  const sim = simulate({ batches: 12, rows: 60 });
  // No model trained yet: the run trains the Model lab's default one first.
  await page.getByTestId('sim-run').click();
  await expect(page.getByTestId('timeline-batch')).toHaveCount(12, { timeout: 30_000 });
  await expect(page.getByTestId('monitor-detection').first()).toBeVisible();
  await expect(page).toHaveURL(/drift\.batches=12(&|$)/);
  await expect(page).toHaveURL(/drift\.rows=60(&|$)/);
  await expect(page).toHaveURL(/drift\.source=simulate/);
  // Defaults are left out.
  await expect(page).not.toHaveURL(/drift\.(scenario|shape|magnitude|seed|change)=/);

  const model = await downloadModel(page);
  expect(JSON.parse(readFileSync(model, 'utf8')).model).toBe('logistic');
  const mon = monitor(sim, model);
  await expectMonitor(page, sim, mon);

  // What it shows: the shifted feature's test fires from the change on, not
  // before, and is among the quickest signals.
  const k = sim.report.change_at;
  expect(k).toBe(7);
  for (const b of cliTimeline(mon)) {
    if (b.batch < k) expect(b.drifted_columns, `batch ${b.batch}`).toBe(0);
    else expect(b.drifted_columns, `batch ${b.batch}`).toBeGreaterThan(0);
  }
  const ks = mon.detections.find((d) => d.metric === 'drift.scratch_length_mm');
  expect(ks).toMatchObject({ first_alert: k, delay: 0, false_alarms: 0 });

  for (const id of ['drift-heatmap', 'monitor-performance-chart', 'monitor-outputs-chart']) {
    await expect.poll(() => chartIsDrawn(page.getByTestId(id)), { message: id }).toBe(true);
  }
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/drift-lab-simulate.png', fullPage: true });
  expect(errors).toEqual([]);
});

test('a concept drift: realized accuracy falls from the change on while no input drifts, as mlops monitor finds', async ({ page }) => {
  const errors = await openApp(page, './?lab=drift&drift.source=simulate');
  // Labels flipped (p = 0.5) where brightness is above its median, from batch 4 of 8.
  await page.getByTestId('sim-scenario').selectOption('concept');
  await page.getByTestId('sim-feature').selectOption('brightness');
  await setNumber(page, 'sim-batches', 8);
  await setNumber(page, 'sim-change-at', 4);
  await setNumber(page, 'sim-seed', 2);
  const sim = simulate({ scenario: 'concept', batches: 8, change: 4, seed: 2, feature: 'brightness' });
  await page.getByTestId('sim-run').click();
  await expect(page.getByTestId('timeline-batch')).toHaveCount(8, { timeout: 30_000 });
  await expect(page.getByTestId('monitor-detection').first()).toBeVisible();
  for (const re of [/drift\.scenario=concept/, /drift\.feature=brightness/, /drift\.batches=8(&|$)/, /drift\.change=4(&|$)/, /drift\.seed=2(&|$)/]) {
    await expect(page).toHaveURL(re);
  }

  const model = await downloadModel(page);
  const mon = monitor(sim, model);
  await expectMonitor(page, sim, mon);

  // What it shows: every input test stays quiet, the realized accuracy of
  // every changed batch is below that of every batch before, and only the
  // realized performance catches it (at once, without false alarms); the
  // confidence-based estimate cannot see a concept drift.
  const k = sim.report.change_at;
  expect(k).toBe(4);
  const timeline = await pageTimeline(page);
  expect(timeline.map((b) => b.drifted_columns)).toEqual(timeline.map(() => 0));
  expect(timeline.map((b) => b.dataset_drift)).toEqual(timeline.map(() => 'false'));
  const before = timeline.filter((b) => b.batch < k).map((b) => b.realized);
  const after = timeline.filter((b) => b.batch >= k).map((b) => b.realized);
  expect(Math.max(...after)).toBeLessThan(Math.min(...before));
  const detections = await pageDetections(page);
  expect(detections.find((d) => d.metric === 'realized.accuracy')).toMatchObject({ first_alert: k, delay: 0, false_alarms: 0 });
  expect(detections.filter((d) => d.metric.startsWith('drift.') || d.metric === 'dataset_drift' || d.metric.startsWith('estimated.'))).toEqual([]);
  // What was changed, before any monitor: brightness keeps its distribution
  // (only sampling moves it) while the defect rate across its bins moves.
  const bins = await page.getByTestId('what-changed-bin').evaluateAll((rows) => rows.map((r) => ({
    before: Number(r.dataset.before), after: Number(r.dataset.after),
    rateBefore: r.dataset.rateBefore === 'null' ? null : Number(r.dataset.rateBefore),
    rateAfter: r.dataset.rateAfter === 'null' ? null : Number(r.dataset.rateAfter),
  })));
  expect(bins.length).toBeGreaterThan(1);
  const shareGap = Math.max(...bins.map((b) => Math.abs(b.after - b.before)));
  const rateGap = Math.max(...bins.filter((b) => b.rateBefore !== null && b.rateAfter !== null).map((b) => Math.abs(b.rateAfter - b.rateBefore)));
  expect(rateGap).toBeGreaterThan(2 * shareGap);
  for (const id of ['what-changed-shares', 'what-changed-rates']) {
    await expect.poll(() => chartIsDrawn(page.getByTestId(id)), { message: id }).toBe(true);
  }
  await page.screenshot({ path: 'test-results/drift-lab-concept.png', fullPage: true });
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('with a model trained in the Model lab, a changed seed or shape re-runs the stream without a click', async ({ page }) => {
  const errors = await openApp(page, './?lab=model');
  // A tree trained in the Model lab first: the simulation watches that model.
  await page.getByTestId('model-select').selectOption('tree');
  await page.getByTestId('train-run').click();
  await expect(page.locator('[data-testid="metric"][data-metric="accuracy"]')).toHaveCount(1);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('model-download').click()]);
  const model = join(mkdtempSync(join(tmpdir(), 'mlops-model-')), 'model.json');
  await download.saveAs(model);
  expect(JSON.parse(readFileSync(model, 'utf8')).model).toBe('tree');

  await page.getByTestId('nav-drift').click();
  await page.getByTestId('drift-source').selectOption('simulate');
  await page.getByTestId('sim-run').click();
  const first = simulate();
  const firstMon = monitor(first, model);
  await expect(page.getByTestId('timeline-batch')).toHaveCount(10, { timeout: 30_000 });
  await expectMonitor(page, first, firstMon);

  // Seed 5: the stream is drawn again and watched again, with no click.
  await setNumber(page, 'sim-seed', 5);
  await expect(page).toHaveURL(/drift\.seed=5(&|$)/);
  const seeded = simulate({ seed: 5 });
  const seededMon = monitor(seeded, model);
  expect(cliTimeline(seededMon)).not.toEqual(cliTimeline(firstMon));
  await expectMonitor(page, seeded, seededMon);

  // A select re-runs the same way: the gradual shape, same seed.
  await page.getByTestId('sim-shape').selectOption('gradual');
  await expect(page).toHaveURL(/drift\.shape=gradual/);
  const gradual = simulate({ seed: 5, shape: 'gradual' });
  const gradualMon = monitor(gradual, model);
  expect(cliTimeline(gradualMon)).not.toEqual(cliTimeline(seededMon));
  await expectMonitor(page, gradual, gradualMon);
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('take it away: the timeline downloads as mlops monitor --json, the batches as one CSV; the sample-size dial shows KS collapse while the distances stay flat', async ({ page }) => {
  const errors = await openApp(page, './?lab=drift&drift.source=simulate');
  await page.getByTestId('sim-run').click();
  await expect(page.getByTestId('timeline-batch')).toHaveCount(10, { timeout: 30_000 });
  const model = await downloadModel(page);
  const sim = simulate();
  const mon = monitor(sim, model);
  await expectMonitor(page, sim, mon);
  const dir = mkdtempSync(join(tmpdir(), 'mlops-take-'));
  const save = async (id, name) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(id).click()]);
    const file = join(dir, name);
    await download.saveAs(file);
    return readFileSync(file, 'utf8');
  };
  // The whole report, equal to the CLI's JSON on the same batches and model.
  expect(JSON.parse(await save('monitor-download-json', 'monitor.json'))).toEqual(mon);
  // One CSV: a batch column, then the working dataset's columns; every batch's rows.
  const csv = (await save('batches-download-csv', 'batches.csv')).trim().split('\n');
  expect(csv[0]).toBe('batch,' + readFileSync(DEFECTS, 'utf8').split('\n')[0].trim());
  const perBatch = sim.report.batches.map((b) => b.rows);
  expect(csv.length - 1).toBe(perBatch.reduce((a, b) => a + b, 0));
  expect(new Set(csv.slice(1).map((l) => l.split(',')[0])).size).toBe(10);

  // The dial: the KS p-value falls below 0.05 as the samples grow; the distances do not.
  const points = async () => page.getByTestId('dial-point').evaluateAll((rows) => rows.map((r) => ({
    n: Number(r.dataset.n), ks: Number(r.dataset.ks), w: Number(r.dataset.wasserstein), psi: Number(r.dataset.psi),
  })));
  await expect.poll(async () => (await points()).length).toBeGreaterThan(5);
  const p = await points();
  // The p-value falls by orders of magnitude from the smallest sample to
  // the largest, below 0.05, while the normed Wasserstein distance settles
  // near the shift's real size (0.05 std), under its 0.1 threshold.
  const last = p[p.length - 1];
  expect(last.ks).toBeLessThan(0.05);
  expect(last.ks).toBeLessThan(p[0].ks / 1000);
  expect(Math.abs(last.w - 0.05)).toBeLessThan(0.03);
  await expect.poll(() => chartIsDrawn(page.getByTestId('dial-chart'))).toBe(true);
  expect(errors).toEqual([]);
});

test('choose what to monitor: per scenario, the picked signals catch the change as mlops monitor\'s detections say', async ({ page }) => {
  const errors = await openApp(page, './?lab=drift&drift.source=simulate');
  await page.getByTestId('sim-run').click();
  await expect(page.getByTestId('scenario-caught')).toHaveCount(4, { timeout: 30_000 });
  const model = await downloadModel(page);
  /** The CLI's answer for one scenario with the picked families. */
  const expected = (scenario, families) => {
    const sim = simulate({ scenario });
    const mon = monitor(sim, model);
    const family = (m) => m.split('.')[0];
    const mine = mon.detections.filter((d) => families.includes(family(d.metric)));
    const timely = mine.filter((d) => d.delay !== null);
    const best = timely.reduce((a, d) => (a === null || d.delay < a.delay ? d : a), null);
    return {
      caught: String(best !== null),
      signal: best ? best.metric : '',
      delay: best ? String(best.delay) : 'null',
      falseAlarms: String(mine.reduce((a, d) => a + d.false_alarms, 0)),
    };
  };
  const row = async (scenario) => {
    const r = page.locator(`[data-testid="scenario-caught"][data-scenario="${scenario}"]`);
    return { caught: await r.getAttribute('data-caught'), signal: await r.getAttribute('data-signal'), delay: await r.getAttribute('data-delay'), falseAlarms: await r.getAttribute('data-false-alarms') };
  };
  const all = ['drift', 'dataset_drift', 'js', 'mean', 'missing', 'output', 'estimated', 'realized'];
  for (const scenario of ['data', 'concept', 'prior', 'quality']) {
    await expect.poll(() => row(scenario), { message: scenario }).toEqual(expected(scenario, all));
  }
  // Only the input drift tests: what they catch, and what they miss.
  for (const f of all.filter((x) => x !== 'drift')) {
    await page.locator(`[data-testid="signal-pick"][data-family="${f}"]`).uncheck();
  }
  for (const scenario of ['data', 'concept']) {
    await expect.poll(() => row(scenario), { message: `${scenario}, drift tests only` }).toEqual(expected(scenario, ['drift']));
  }
  await page.screenshot({ path: 'test-results/drift-lab-signals.png', fullPage: true });
  expect(errors).toEqual([]);
});
