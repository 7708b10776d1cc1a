// The Deploy lab: a rollout simulated in the worker gives `mlops rollout`'s
// steps, outcome and blast radius for the same settings (true error rates,
// latencies, or the Model lab's two models on the working dataset's rows),
// for canary, shadow and blue-green, and follows the settings live.
import { test, expect } from '@playwright/test';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, chartIsDrawn, MLOPS } from './helpers.mjs';

const mlops = (...args) => JSON.parse(execFileSync(MLOPS, [...args, '--json'], { encoding: 'utf8' }));
const DEFECTS = 'crates/engine/data/sample-defects.csv';

test.beforeAll(() => {
  if (!existsSync(MLOPS)) execFileSync('cargo', ['build', '-p', 'mlops-cli'], { stdio: 'inherit' });
});

/** The page's defaults, by the hook's name after `rollout-`. The candidate's
 * error rate is 0.08 on the page where the CLI's default is 0.05, so every
 * setting is passed to the CLI explicitly. */
const PAGE_DEFAULTS = {
  strategy: 'canary',
  'baseline-error': '0.05',
  'candidate-error': '0.08',
  steps: '5,10,25,50,100',
  'step-count': '5',
  requests: '1000',
  seed: '0',
  'max-increase': '0.01',
  confidence: '0.95',
  'min-requests': '30',
  'baseline-latency': '',
  'candidate-latency': '',
};
/** The CLI's option for a page setting, where its name differs. */
const FLAG = { requests: 'requests-per-step' };

/** `mlops rollout --json` with the page's defaults overridden by `settings`;
 * `models` ({ baseline, candidate } files) replaces the two error rates. */
function rollout(settings = {}, models = null) {
  const s = { ...PAGE_DEFAULTS, ...settings };
  if (models) {
    delete s['baseline-error'];
    delete s['candidate-error'];
  }
  const args = ['rollout'];
  for (const [k, v] of Object.entries(s)) if (v !== '') args.push(`--${FLAG[k] ?? k}`, v);
  if (models) args.push('--baseline-model', models.baseline, '--candidate-model', models.candidate, '--data', DEFECTS);
  return mlops(...args);
}

/** Types `text` into a control and commits it (inputs commit on change). */
async function set(page, id, text) {
  const input = page.getByTestId(id);
  await input.fill(text);
  await input.press('Tab');
}

/** The page's step rows, as numbers where the CLI has numbers. */
async function pageSteps(page) {
  return page.getByTestId('rollout-step').evaluateAll((rows) => rows.map((r) => ({
    step: Number(r.dataset.step),
    weight: Number(r.dataset.weight),
    verdict: r.dataset.verdict,
    candidateRequests: Number(r.dataset.candidateRequests),
    candidateErrors: Number(r.dataset.candidateErrors),
    baselineRequests: Number(r.dataset.baselineRequests),
    baselineErrors: Number(r.dataset.baselineErrors),
  })));
}

function cliSteps(cli) {
  return cli.steps.map((s) => ({
    step: s.step,
    weight: s.candidate_weight,
    verdict: s.verdict,
    candidateRequests: s.candidate_requests,
    candidateErrors: s.candidate_errors,
    baselineRequests: s.baseline_requests,
    baselineErrors: s.baseline_errors,
  }));
}

/** The page shows `cli`: every step row, the outcome, the blast radius, each
 * row's reason, and an event log with a line per step at least. The page
 * re-runs on every change, so the rows are polled until they settle. */
async function expectRollout(page, cli) {
  await expect.poll(() => pageSteps(page), { message: 'rollout-step rows' }).toEqual(cliSteps(cli));
  await expect(page.getByTestId('rollout-outcome')).toHaveAttribute('data-value', cli.outcome);
  await expect.poll(async () => Number(await page.getByTestId('rollout-blast').getAttribute('data-value')), { message: 'rollout-blast' })
    .toBe(cli.errors_served_by_candidate);
  const rows = page.getByTestId('rollout-step');
  for (const [i, s] of cli.steps.entries()) {
    // The reason, in words and numbers, with the verdict's word.
    await expect(rows.nth(i), `step ${s.step}`).toContainText(new RegExp(s.verdict, 'i'));
    await expect(rows.nth(i), `step ${s.step}`).toContainText(/\d/);
    if (s.verdict !== 'inconclusive') await expect(rows.nth(i), `step ${s.step}`).toContainText(/error/i);
  }
  const events = page.getByTestId('rollout-event');
  await expect.poll(() => events.count(), { message: 'rollout-event lines' }).toBeGreaterThanOrEqual(cli.steps.length);
  if (cli.outcome === 'rolled_back') await expect(events.filter({ hasText: /roll(ing|ed)? ?back/i })).not.toHaveCount(0);
  if (cli.outcome === 'promoted') await expect(events.filter({ hasText: /promot/i })).not.toHaveCount(0);
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
}

test('canary on error rates: a worse candidate rolls back at mlops rollout\'s step, drawn, logged and in the URL', async ({ page }) => {
  const errors = await openApp(page, './?lab=deploy');
  await expect(page.getByTestId('rollout-strategy')).toHaveValue('canary');
  await expect(page.getByTestId('rollout-source')).toHaveValue('rates');
  await expect(page.getByTestId('rollout-candidate-error')).toHaveValue('0.08');
  await expect(page.getByTestId('rollout-steps')).toHaveValue('5,10,25,50,100');
  // The defaults, run without a click.
  await expectRollout(page, rollout());

  // A candidate twice as wrong, seed 1: two steps pass, the third fails.
  await set(page, 'rollout-candidate-error', '0.1');
  await set(page, 'rollout-seed', '1');
  const cli = rollout({ 'candidate-error': '0.1', seed: '1' });
  expect(cli.outcome).toBe('rolled_back');
  expect(cli.steps.length).toBeLessThan(5);
  await expectRollout(page, cli);
  await expect(page.locator(`[data-testid="rollout-step"][data-step="${cli.rolled_back_at_step}"]`)).toHaveAttribute('data-verdict', 'fail');
  for (const id of ['rollout-traffic-chart', 'rollout-errors-chart']) {
    await expect.poll(() => chartIsDrawn(page.getByTestId(id)), { message: id }).toBe(true);
  }
  await expect(page).toHaveURL(/deploy\.candidate-error=0\.1(&|$)/);
  await expect(page).toHaveURL(/deploy\.seed=1(&|$)/);

  // The button runs it again, to the same steps (the seed fixes every draw).
  await page.getByTestId('rollout-run').click();
  await expectRollout(page, cli);
  await page.screenshot({ path: 'test-results/deploy-lab-canary.png', fullPage: true });

  // The URL alone gives the same rollout.
  await page.reload();
  await expect(page.getByTestId('app-ready')).toBeVisible();
  await expect(page.getByTestId('rollout-candidate-error')).toHaveValue('0.1');
  await expect(page.getByTestId('rollout-seed')).toHaveValue('1');
  await expectRollout(page, cli);
  expect(errors).toEqual([]);
});

test('latencies: a candidate as accurate but slower fails on latency, as mlops rollout judges it', async ({ page }) => {
  const errors = await openApp(page, './?lab=deploy');
  await set(page, 'rollout-candidate-error', '0.05');
  await set(page, 'rollout-baseline-latency', '20,80');
  await set(page, 'rollout-candidate-latency', '30,120');
  const settings = { 'candidate-error': '0.05', 'baseline-latency': '20,80', 'candidate-latency': '30,120' };
  const cli = rollout(settings);
  // What this test is about: the step that fails passes on errors.
  const failed = cli.steps.find((s) => s.verdict === 'fail');
  expect(failed).toBeTruthy();
  expect(failed.error_verdict).toBe('pass');
  expect(failed.latency.verdict).toBe('fail');
  await expectRollout(page, cli);
  await expect(page.locator(`[data-testid="rollout-step"][data-step="${failed.step}"]`)).toContainText(/latency/i);
  await expect(page).toHaveURL(/deploy\.baseline-latency=20(,|%2C)80(&|$)/);
  await expect(page).toHaveURL(/deploy\.candidate-latency=30(,|%2C)120(&|$)/);

  // Without latencies only errors are judged: the same error counts, and
  // the candidate no worse on them goes on.
  await set(page, 'rollout-baseline-latency', '');
  await set(page, 'rollout-candidate-latency', '');
  const plain = rollout({ 'candidate-error': '0.05' });
  expect(plain.steps[failed.step - 1].candidate_errors).toBe(failed.candidate_errors);
  expect(plain.steps[failed.step - 1].verdict).not.toBe('fail');
  await expectRollout(page, plain);
  await expect(page).not.toHaveURL(/latency/);
  expect(errors).toEqual([]);
});

test('shadow and blue-green give mlops rollout\'s steps; too few requests pause; bad steps are named', async ({ page }) => {
  const errors = await openApp(page, './?lab=deploy');
  // The page's settings so far, mirrored for the CLI as they change.
  let s = { strategy: 'shadow', 'candidate-error': '0.05', 'step-count': '4' };
  // Shadow, a candidate as good as the baseline, 4 steps: promoted, serving nothing.
  await set(page, 'rollout-candidate-error', '0.05');
  // The shadow's step count shows once the strategy is shadow.
  await page.getByTestId('rollout-strategy').selectOption('shadow');
  await set(page, 'rollout-step-count', '4');
  const shadow = rollout(s);
  expect(shadow.outcome).toBe('promoted');
  expect(shadow.steps.length).toBe(4);
  expect(shadow.errors_served_by_candidate).toBe(0);
  await expectRollout(page, shadow);
  await expect(page).toHaveURL(/deploy\.strategy=shadow(&|$)/);
  await expect(page).toHaveURL(/deploy\.step-count=4(&|$)/);

  // Blue-green: a preview on copies, then the switch; promoted.
  await page.getByTestId('rollout-strategy').selectOption('blue-green');
  s = { ...s, strategy: 'blue-green' };
  const blueGreen = rollout(s);
  expect(blueGreen.outcome).toBe('promoted');
  expect(blueGreen.steps.length).toBe(2);
  await expectRollout(page, blueGreen);
  await expect(page).toHaveURL(/deploy\.strategy=blue-green(&|$)/);

  // A worse candidate is caught in the preview, before it served anyone.
  await set(page, 'rollout-candidate-error', '0.08');
  s = { ...s, 'candidate-error': '0.08' };
  const caught = rollout(s);
  expect(caught.outcome).toBe('rolled_back');
  expect(caught.rolled_back_at_step).toBe(1);
  expect(caught.errors_served_by_candidate).toBe(0);
  await expectRollout(page, caught);

  // Canary on 100 requests a step: too few for the candidate, paused.
  await page.getByTestId('rollout-strategy').selectOption('canary');
  await set(page, 'rollout-requests', '100');
  s = { ...s, strategy: 'canary', requests: '100' };
  const paused = rollout(s);
  expect(paused.outcome).toBe('paused');
  expect(paused.steps.every((step) => step.verdict === 'inconclusive')).toBe(true);
  await expectRollout(page, paused);

  // Weights going down: an error naming the setting, and the page still works.
  await set(page, 'rollout-steps', '50,10');
  await expect(page.getByTestId('error-banner')).toContainText(/Canary weights/);
  // Fixed to weights big enough to decide: a rollout unlike the paused one.
  await set(page, 'rollout-steps', '50,100');
  const decided = rollout({ ...s, steps: '50,100' });
  expect(decided.outcome).not.toBe(paused.outcome);
  await expectRollout(page, decided);
  await expect(page).toHaveURL(/deploy\.steps=50(,|%2C)100(&|$)/);
  expect(errors).toEqual([]);
});

test('models: the Model lab\'s trained model against its majority baseline is mlops rollout with the two model files', async ({ page }) => {
  const errors = await openApp(page, './?lab=deploy');
  await page.getByTestId('rollout-source').selectOption('models');
  await expect(page).toHaveURL(/deploy\.source=models(&|$)/);
  // Nothing trained yet: the page offers to train the Model lab's default.
  await page.getByTestId('train-default').click();
  await expect(page.getByTestId('train-default')).toHaveCount(0);
  await expect(page.getByTestId('rollout-step').first()).toBeVisible();

  // The candidate: the model the Model lab downloads.
  await page.getByTestId('nav-model').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('model-download').click()]);
  const dir = mkdtempSync(join(tmpdir(), 'mlops-deploy-'));
  const candidate = join(dir, 'candidate.json');
  await download.saveAs(candidate);
  expect(JSON.parse(readFileSync(candidate, 'utf8')).model).not.toBe('majority');
  // The baseline: the majority class on the Split lab's default split of
  // sample-defects (stratified 60/20/20, seed 0; src/labs/split/settings.rs).
  const baseline = join(dir, 'baseline.json');
  mlops('train', DEFECTS, '--target', 'defect', '--model', 'majority', '--strategy', 'stratified',
    '--ratios', '60,20,20', '--seed', '0', '--model-out', baseline);
  const models = { baseline, candidate };

  await page.getByTestId('nav-deploy').click();
  await expect(page.getByTestId('rollout-source')).toHaveValue('models');
  await expectRollout(page, rollout({}, models));
  for (const id of ['rollout-traffic-chart', 'rollout-errors-chart']) {
    await expect.poll(() => chartIsDrawn(page.getByTestId(id)), { message: id }).toBe(true);
  }
  // The same two models in shadow.
  await page.getByTestId('rollout-strategy').selectOption('shadow');
  await expectRollout(page, rollout({ strategy: 'shadow' }, models));
  await page.screenshot({ path: 'test-results/deploy-lab-models.png', fullPage: true });
  expect(errors).toEqual([]);
});

test('the three patterns side by side are mlops rollout\'s three runs; the plan downloads as mlops rollout writes it', async ({ page }) => {
  const errors = await openApp(page, './?lab=deploy');
  await set(page, 'rollout-candidate-error', '0.12');
  const settings = { 'candidate-error': '0.12' };
  await expectRollout(page, rollout(settings));
  // One row per pattern, each the CLI's run of that strategy.
  for (const strategy of ['canary', 'shadow', 'blue-green']) {
    const cli = rollout({ ...settings, strategy });
    const row = page.locator(`[data-testid="pattern-row"][data-strategy="${strategy}"]`);
    await expect(row).toHaveAttribute('data-outcome', cli.outcome);
    await expect(row).toHaveAttribute('data-decided-at', String(cli.decided_at_step));
    await expect(row).toHaveAttribute('data-served', String(cli.requests_served_by_candidate));
    await expect(row).toHaveAttribute('data-errors-served', String(cli.errors_served_by_candidate));
  }
  // A shadow serves users nothing from the candidate.
  await expect(page.locator('[data-testid="pattern-row"][data-strategy="shadow"]')).toHaveAttribute('data-errors-served', '0');

  // The YAML equals what --export-argo / --export-flagger write; the JSON is --json's.
  const dir = mkdtempSync(join(tmpdir(), 'mlops-yaml-'));
  const argo = join(dir, 'argo.yaml');
  const flagger = join(dir, 'flagger.yaml');
  const args = ['rollout', '--strategy', 'canary', '--candidate-error', '0.12', '--export-argo', argo, '--export-flagger', flagger];
  execFileSync(MLOPS, args, { encoding: 'utf8' });
  for (const [id, file] of [['rollout-export-argo', argo], ['rollout-export-flagger', flagger]]) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(id).click()]);
    const saved = join(dir, `page-${id}.yaml`);
    await download.saveAs(saved);
    expect(readFileSync(saved, 'utf8'), id).toBe(readFileSync(file, 'utf8'));
  }
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('rollout-download-json').click()]);
  const saved = join(dir, 'page-run.json');
  await download.saveAs(saved);
  const cli = rollout(settings);
  expect(JSON.parse(readFileSync(saved, 'utf8'))).toEqual(cli);
  await page.screenshot({ path: 'test-results/deploy-lab-patterns.png', fullPage: true });
  expect(errors).toEqual([]);
});

test('the canary plan is mlops rollout --catch: the requests each step needs and the time they take', async ({ page }) => {
  const errors = await openApp(page, './?lab=deploy');
  await set(page, 'plan-catch', '0.02');
  await set(page, 'plan-traffic', '600');
  await expect(page).toHaveURL(/deploy\.catch=0\.02(&|$)/);
  const cli = JSON.parse(execFileSync(MLOPS, ['rollout', '--strategy', 'canary', '--catch', '0.02', '--traffic-per-minute', '600', '--json'], { encoding: 'utf8' }));
  const rows = () => page.getByTestId('plan-step').evaluateAll((rs) => rs.map((r) => ({
    weight: Number(r.dataset.weight), candidate_requests: Number(r.dataset.candidateRequests),
    requests: Number(r.dataset.requests), minutes: Number(r.dataset.minutes),
  })));
  await expect.poll(rows).toEqual(cli.steps);
  await expect(page.getByTestId('plan-total')).toHaveAttribute('data-requests', String(cli.total_requests));
  // Halving the increase to catch needs many more requests.
  await set(page, 'plan-catch', '0.015');
  await expect.poll(async () => Number(await page.getByTestId('plan-total').getAttribute('data-requests'))).toBeGreaterThan(2 * cli.total_requests);
  // An increase below the allowed one cannot be caught: said, naming the control.
  await set(page, 'plan-catch', '0.005');
  await expect(page.getByTestId('plan-error')).toContainText(/increase to catch/i);
  expect(errors).toEqual([]);
});

test('late labels: the canary waits (pauses) or trusts a proxy, as mlops rollout --label-delay/--max-disagreement judge it', async ({ page }) => {
  const errors = await openApp(page, './?lab=deploy');
  await set(page, 'rollout-candidate-error', '0.05');
  await set(page, 'rollout-label-delay', '980');
  const waits = rollout({ 'candidate-error': '0.05', 'label-delay': '980' });
  expect(waits.outcome).toBe('paused');
  await expectRollout(page, waits);
  await expect(page.getByTestId('rollout-step').nth(1)).toContainText(/labelled so far/);
  await expect(page).toHaveURL(/deploy\.label-delay=980(&|$)/);
  // Trusting the proxy: disagreement with the baseline needs no label.
  await set(page, 'rollout-max-disagreement', '0.2');
  const trusts = rollout({ 'candidate-error': '0.05', 'label-delay': '980', 'max-disagreement': '0.2' });
  expect(trusts.outcome).toBe('promoted');
  await expectRollout(page, trusts);
  await expect(page.getByTestId('rollout-step').first()).toContainText(/proxy/);
  const disagreement = await page.getByTestId('rollout-step').first().getAttribute('data-disagreement');
  expect(Number(disagreement)).toBe(trusts.steps[0].disagreement);
  expect(errors).toEqual([]);
});

/** Starts `mlops serve MODEL --port 0`; resolves to { url, stop }. */
function serve(model) {
  return new Promise((resolve, reject) => {
    const child = spawn(MLOPS, ['serve', model, '--port', '0']);
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
      // The whole line: stderr may arrive in pieces.
      const m = err.match(/listening on (http:\/\/[^\s:]+:\d+)\r?\n/);
      if (m) resolve({ url: m[1], stop: () => child.kill() });
    });
    child.on('exit', (code) => reject(new Error(`mlops serve exited ${code}: ${err}`)));
  });
}

test('the API panel answers what mlops serve answers for the same model and body', async ({ page }) => {
  const errors = await openApp(page, './?lab=deploy');
  await page.getByTestId('predict-train').click();
  const request = page.getByTestId('predict-request');
  await expect(request).toHaveValue(/"rows"/);
  // The model the panel serves: the Model lab's, downloaded.
  await page.getByTestId('nav-model').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('model-download').click()]);
  const file = join(mkdtempSync(join(tmpdir(), 'mlops-serve-')), 'model.json');
  await download.saveAs(file);
  await page.getByTestId('nav-deploy').click();
  const server = await serve(file);
  try {
    const ask = async (method, path, body) => {
      const r = await fetch(server.url + path, { method, body, headers: { 'Content-Type': 'application/json' } });
      return { status: r.status, body: await r.text() };
    };
    // The prefilled body: the same status and the same bytes.
    const body = await page.getByTestId('predict-request').inputValue();
    await page.getByTestId('predict-send').click();
    const cli = await ask('POST', '/predict', body);
    expect(cli.status).toBe(200);
    await expect(page.getByTestId('predict-status')).toHaveAttribute('data-value', '200');
    await expect(page.getByTestId('predict-response')).toHaveAttribute('data-value', cli.body);
    // A bad body gets the server's 400 and message.
    const bad = '{"rows": [{"nope": 1}]}';
    await page.getByTestId('predict-request').fill(bad);
    await page.getByTestId('predict-send').click();
    const cliBad = await ask('POST', '/predict', bad);
    expect(cliBad.status).toBe(400);
    await expect(page.getByTestId('predict-status')).toHaveAttribute('data-value', '400');
    await expect(page.getByTestId('predict-response')).toHaveAttribute('data-value', cliBad.body);
    // GET /health.
    await page.getByTestId('predict-route').selectOption({ label: 'GET /health' });
    await page.getByTestId('predict-send').click();
    await expect(page.getByTestId('predict-response')).toHaveAttribute('data-value', (await ask('GET', '/health')).body);
    // GET /metrics counts this tab's two POSTs, one of them an error.
    await page.getByTestId('predict-route').selectOption({ label: 'GET /metrics' });
    await page.getByTestId('predict-send').click();
    const metrics = async () => JSON.parse(await page.getByTestId('predict-response').getAttribute('data-value'));
    await expect.poll(async () => (await metrics()).requests).toBe(2);
    expect((await metrics()).errors).toBe(1);
    await page.screenshot({ path: 'test-results/deploy-lab-api.png', fullPage: true });
  } finally {
    server.stop();
  }
  expect(errors).toEqual([]);
});

test('degrees of automation: the confidence bar gives mlops metrics --automation on the test split\'s scores', async ({ page }) => {
  const errors = await openApp(page, './?lab=deploy');
  await page.getByTestId('predict-train').click();
  const point = page.getByTestId('automation-point');
  await expect(point).toHaveAttribute('data-confidence', '0.8');
  // The CLI: the same model's predictions, the test rows, their automation curve.
  const dir = mkdtempSync(join(tmpdir(), 'mlops-automation-'));
  const predictions = join(dir, 'predictions.csv');
  execFileSync(MLOPS, ['train', DEFECTS, '--target', 'defect', '--model', 'logistic', '--ratios', '60,20,20', '--seed', '0',
    '--strategy', 'stratified', '--predictions-out', predictions]);
  const lines = readFileSync(predictions, 'utf8').trim().split('\n');
  const split = lines[0].split(',').indexOf('split');
  const test = join(dir, 'test.csv');
  writeFileSync(test, [lines[0], ...lines.slice(1).filter((l) => l.split(',')[split] === 'test')].join('\n') + '\n');
  const cli = mlops('metrics', test, '--target', 'defect', '--score', 'score', '--automation').automation;
  const expectAt = async (confidence) => {
    const want = cli.find((p) => p.confidence === confidence);
    await expect(point).toHaveAttribute('data-confidence', String(confidence));
    await expect(point).toHaveAttribute('data-automated', String(want.automated));
    await expect(point).toHaveAttribute('data-share', String(want.automated_share));
    await expect(point).toHaveAttribute('data-error', want.error_rate === null ? 'null' : String(want.error_rate));
  };
  await expectAt(0.8);
  await page.getByTestId('automation-confidence').fill('0.95');
  await expectAt(0.95);
  await expect.poll(() => chartIsDrawn(page.getByTestId('automation-chart'))).toBe(true);
  expect(errors).toEqual([]);
});

test('with latencies: the latency chart is drawn and each step\'s canary score is mlops rollout\'s; the tolerance is a setting', async ({ page }) => {
  const errors = await openApp(page, './?lab=deploy');
  const s = { 'candidate-error': '0.05', 'baseline-latency': '20,80', 'candidate-latency': '23,90' };
  for (const [k, v] of Object.entries(s)) await set(page, `rollout-${k}`, v);
  const cli = rollout(s);
  await expectRollout(page, cli);
  const scores = () => page.getByTestId('rollout-score').evaluateAll((els) => els.map((e) => e.dataset.value));
  await expect.poll(scores).toEqual(cli.steps.map((x) => (x.score === null ? 'null' : String(x.score))));
  await expect.poll(() => chartIsDrawn(page.getByTestId('rollout-latency-chart'))).toBe(true);
  // A looser tolerance is the CLI's --latency-tolerance.
  await set(page, 'rollout-latency-tolerance', '0.5');
  await expect(page).toHaveURL(/deploy\.latency-tolerance=0\.5(&|$)/);
  const loose = JSON.parse(execFileSync(MLOPS, ['rollout', '--strategy', 'canary', '--candidate-error', '0.05', '--candidate-latency', '23,90',
    '--baseline-latency', '20,80', '--latency-tolerance', '0.5', '--json'], { encoding: 'utf8' }));
  await expect.poll(() => pageSteps(page)).toEqual(cliSteps(loose));
  expect(errors).toEqual([]);
});
