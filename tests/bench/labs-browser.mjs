// The Drift and Deploy labs' recomputation in the browser beside the same
// work done natively by the `mlops` binary, measured in one run:
//
// - Drift: a 20-batch × 20-feature stream (1,000 rows a batch) simulated and
//   monitored with a trained logistic model, recomputed when the seed
//   changes: page time = from the change to the worker's last answer
//   (the `busy` bar gone); native = `mlops simulate --out` + `mlops monitor`.
//   Goal (issue 20): <= 200 ms in the browser.
// - Deploy: a 5-step canary of 1,000,000 requests with latencies, recomputed
//   when the seed changes; native = `mlops rollout` with the same settings.
//   Goal (issue 21): within 2x the native time.
//
// Long tasks on the page's thread (PerformanceObserver `longtask`) during
// each recomputation are reported (goal: none over 50 ms). A benchmark, not
// a test: `make bench-labs` prints the figures, it asserts nothing.
import { chromium } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from './server.mjs';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];
const RUNS = Number(process.env.RUNS || 5);
const PORT = 8094;
const MLOPS = `${process.env.CARGO_TARGET_DIR || 'target'}/release/mlops`;

/** A seeded stream of numbers in [0, 1). */
function rng(seed) {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

/** 1,000 rows, 20 numeric features, a binary target that depends on two. */
function dataset() {
  const r = rng(7);
  const names = Array.from({ length: 20 }, (_, i) => `f${i + 1}`);
  const lines = [[...names, 'label'].join(',')];
  for (let i = 0; i < 1000; i++) {
    const x = names.map(() => (r() * 4 - 2));
    const y = x[0] + 0.5 * x[1] + (r() - 0.5) > 0 ? 1 : 0;
    lines.push([...x.map((v) => v.toFixed(4)), y].join(','));
  }
  return `${lines.join('\n')}\n`;
}

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const best = (v) => Math.min(...v);

/** Wall time of `fn` in ms. */
function timed(fn) {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** In the page before it loads: long tasks, and the worker's answers. */
function instrument() {
  const b = { longtasks: [], answered: [] };
  window.__bench = b;
  const Original = window.Worker;
  window.Worker = class extends Original {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', () => b.answered.push(performance.now()));
    }
  };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) b.longtasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: false });
}

/** Sets input `testid` to `value` (a change event) and measures until the
 * worker has answered everything and the busy bar is gone. */
async function recompute(page, testid, value) {
  return page.evaluate(async ([id, v]) => {
    const input = document.querySelector(`[data-testid="${id}"]`);
    const b = window.__bench;
    const t0 = performance.now();
    const seen = b.answered.length;
    input.value = v;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await new Promise((resolve) => {
      const check = () => {
        const busy = document.querySelector('[data-testid="busy"]');
        if (!busy && b.answered.length > seen) resolve();
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });
    const t1 = performance.now();
    const last = b.answered.at(-1) - t0;
    const first = b.answered[seen] - t0;
    const long = b.longtasks.filter(([s]) => s >= t0).map(([, d]) => d);
    return { shown: t1 - t0, answered: last, first, longest: long.length ? Math.max(...long) : 0 };
  }, [testid, String(value)]);
}

const dir = mkdtempSync(join(tmpdir(), 'mlops-bench-labs-'));
const csv = join(dir, 'wide.csv');
writeFileSync(csv, dataset());

// Native: the same work by the release binary.
const model = join(dir, 'model.json');
execFileSync(MLOPS, ['train', csv, '--target', 'label', '--model', 'logistic', '--ratios', '60,20,20', '--seed', '0', '--model-out', model]);
const nativeDrift = [];
const nativeRollout = [];
const rolloutArgs = (seed) => ['rollout', '--strategy', 'canary', '--requests-per-step', '200000', '--baseline-error', '0.05',
  '--candidate-error', '0.06', '--baseline-latency', '20,80', '--candidate-latency', '21,85', '--seed', String(seed), '--json'];
for (let i = 0; i < RUNS; i++) {
  const out = join(dir, `batches-${i}`);
  nativeDrift.push(timed(() => {
    execFileSync(MLOPS, ['simulate', csv, '--scenario', 'data', '--shape', 'sudden', '--batches', '20', '--seed', String(i + 1),
      '--feature', 'f1', '--target', 'label', '--out', out]);
    execFileSync(MLOPS, ['monitor', csv, out, '--model', model, '--change-at', '11', '--json']);
  }));
  nativeRollout.push(timed(() => execFileSync(MLOPS, rolloutArgs(i + 1))));
}

const server = await serve(PORT);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
const page = await browser.newPage();
await page.addInitScript(instrument);
await page.goto(`http://127.0.0.1:${PORT}/?lab=data`);
await page.getByTestId('dataset-rows').and(page.locator('[data-value]')).waitFor();
await page.getByTestId('file-input').setInputFiles(csv);
await page.getByTestId('dataset-rows').and(page.locator('[data-value="1000"]')).waitFor();
await page.getByTestId('target-select').selectOption('label');
// Drift: 20 batches, the default feature (f1), the model trained by the first run.
await page.getByTestId('nav-drift').click();
await page.getByTestId('drift-source').selectOption('simulate');
await page.getByTestId('sim-batches').fill('20');
await page.getByTestId('sim-batches').press('Tab');
await page.getByTestId('sim-run').click();
await page.locator('[data-testid="timeline-batch"][data-batch="20"]').waitFor({ timeout: 60000 });
const drift = [];
for (let i = 0; i < RUNS; i++) drift.push(await recompute(page, 'sim-seed', i + 1));
// Deploy: 5 steps of 200,000 requests with latencies.
await page.getByTestId('nav-deploy').click();
for (const [id, v] of [['rollout-requests', '200000'], ['rollout-candidate-error', '0.06'],
  ['rollout-baseline-latency', '20,80'], ['rollout-candidate-latency', '21,85']]) {
  await page.getByTestId(id).fill(v);
  await page.getByTestId(id).press('Tab');
}
await page.getByTestId('rollout-step').first().waitFor({ timeout: 60000 });
const rollout = [];
for (let i = 0; i < RUNS; i++) rollout.push(await recompute(page, 'rollout-seed', i + 1));
await browser.close();
server.close();

const row = (name, page, native, goal, firstOnly = false) => {
  // The Deploy lab asks the rollout first, then the same run under the
  // three patterns (its comparison): the first answer is the CLI's work.
  const shown = median(page.map((p) => (firstOnly ? p.first : p.shown)));
  const answered = median(page.map((p) => p.answered));
  const longest = Math.max(...page.map((p) => p.longest));
  console.log(`${name.padEnd(34)} page ${shown.toFixed(0).padStart(6)} ms (worker answered ${answered.toFixed(0)} ms)  native ${median(native).toFixed(0).padStart(5)} ms (best ${best(native).toFixed(0)})  ratio ${(shown / median(native)).toFixed(2)}  longest main-thread task ${longest.toFixed(0)} ms  ${goal}`);
};
console.log(`medians of ${RUNS} runs; native = the release mlops binary, process start and file I/O included`);
row('drift: 20 batches x 20 features', drift, nativeDrift, 'goal: page <= 200 ms');
row('deploy: 5 x 200,000 requests', rollout, nativeRollout, 'goal: page <= 2x native (the run; all four with the patterns: see "worker answered")', true);
