// The Model lab with real files (issue 25): CSVs of the shape of
// scikit-learn's wine (3 classes) and diabetes (a numeric target), uploaded
// through the Data lab. Every model offered is trained; the page's test
// metrics equal `mlops train --json`'s, no card is blank, a multiclass
// target shows macro averages and a per-class table, a numeric column is
// sliced into quantile bins, and no binary feature poses as an annotator.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, MLOPS, flatten } from './helpers.mjs';

const mlops = (...args) => JSON.parse(execFileSync(MLOPS, [...args, '--json'], { encoding: 'utf8' }));

test.beforeAll(() => {
  if (!existsSync(MLOPS)) execFileSync('cargo', ['build', '-p', 'mlops-cli'], { stdio: 'inherit' });
});

// ---- Data: small seeded generators of the two datasets' shapes. ----------

/** mulberry32, with Box–Muller normals. */
function rng(seed) {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  return { uniform, normal };
}
const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));

// name, per-class means (classes 0, 1, 2), sd, decimals, min, max: wine's.
const WINE = [
  ['alcohol', [13.74, 12.28, 13.15], 0.85, 2, 11, 14.9],
  ['malic_acid', [2.01, 1.93, 3.33], 1.5, 2, 0.74, 5.8],
  ['ash', [2.46, 2.24, 2.44], 0.42, 2, 1.36, 3.23],
  ['alcalinity_of_ash', [17.0, 20.2, 21.4], 5, 1, 10.6, 30],
  ['magnesium', [106, 94.5, 99.3], 20, 0, 70, 162],
  ['total_phenols', [2.84, 2.26, 1.68], 0.75, 2, 0.98, 3.88],
  ['flavanoids', [2.98, 2.08, 0.78], 1, 2, 0.34, 5.08],
  // Few distinct values (≤ 50): offered as a slice column, and binned.
  ['nonflavanoid_phenols', [0.29, 0.36, 0.45], 0.07, 2, 0.13, 0.66],
  ['proanthocyanins', [1.9, 1.63, 1.15], 0.85, 2, 0.41, 3.58],
  ['color_intensity', [5.53, 3.09, 7.4], 2.5, 2, 1.28, 13],
  ['hue', [1.06, 1.06, 0.68], 0.3, 3, 0.48, 1.71],
  ['od280/od315_of_diluted_wines', [3.16, 2.79, 1.68], 0.75, 2, 1.27, 4],
  ['proline', [1116, 520, 630], 340, 0, 278, 1680],
];

/** 178 rows, classes 0/1/2 of 59/71/48 rows, 13 numeric features. */
function wineCsv() {
  const r = rng(178);
  const lines = [[...WINE.map((c) => c[0]), 'class'].join(',')];
  [59, 71, 48].forEach((n, k) => {
    for (let i = 0; i < n; i++) {
      const row = WINE.map(([, means, sd, dp, lo, hi]) => clamp(means[k] + sd * r.normal(), lo, hi).toFixed(dp));
      lines.push([...row, k].join(','));
    }
  });
  return `${lines.join('\n')}\n`;
}

/** 442 rows: age, sex (1/2), bmi, bp, s1..s6; `target` = bmi and bp + noise. */
function diabetesCsv() {
  const r = rng(442);
  const lines = ['age,sex,bmi,bp,s1,s2,s3,s4,s5,s6,target'];
  for (let i = 0; i < 442; i++) {
    const age = Math.round(clamp(48.5 + 13 * r.normal(), 19, 79));
    const sex = r.uniform() < 0.53 ? 1 : 2;
    const bmi = clamp(26.4 + 4.4 * r.normal(), 18, 42.2);
    const bp = clamp(94.6 + 13.8 * r.normal(), 62, 133);
    const s1 = Math.round(clamp(189 + 34 * r.normal(), 97, 301));
    const s2 = clamp(115 + 30 * r.normal(), 41.6, 242.4);
    const s3 = Math.round(clamp(49.8 + 12.9 * r.normal(), 22, 99));
    const s4 = clamp(4.07 + 1.29 * r.normal(), 2, 9.09);
    const s5 = clamp(4.64 + 0.52 * r.normal(), 3.26, 6.11);
    const s6 = Math.round(clamp(91 + 11.5 * r.normal(), 58, 124));
    const target = Math.round(clamp(152 + 10 * (bmi - 26.4) + 1.5 * (bp - 94.6) + 45 * r.normal(), 25, 346));
    lines.push([age, sex, bmi.toFixed(1), bp.toFixed(2), s1, s2.toFixed(1), s3, s4.toFixed(2), s5.toFixed(4), s6, target].join(','));
  }
  return `${lines.join('\n')}\n`;
}

function writeCsv(name, text) {
  const file = join(mkdtempSync(join(tmpdir(), 'mlops-real-')), name);
  writeFileSync(file, text);
  return file;
}

/** A CSV without quoted fields, as objects. */
function readCsv(file) {
  const [head, ...rows] = readFileSync(file, 'utf8').trim().split('\n');
  const names = head.split(',');
  return rows.map((line) => Object.fromEntries(line.split(',').map((v, i) => [names[i], v])));
}

// ---- Page steps. -----------------------------------------------------------


const CARD = '.metric[data-testid="metric"]';
const num = (raw) => (raw === null || raw === 'null' ? null : Number(raw));

/** The metric cards shown: name → value (`null` when blank). */
const cards = (page) => page.locator(CARD).evaluateAll((els) =>
  Object.fromEntries(els.map((e) => [e.dataset.metric, e.dataset.value])));

/** Uploads `file`, picks `target`, opens the Model lab to train there. */
async function upload(page, file, name, rows, target, kinds) {
  await page.getByTestId('file-input').setInputFiles(file);
  await expect(page.getByTestId('dataset-name')).toContainText(name);
  await expect(page.getByTestId('dataset-rows')).toHaveAttribute('data-value', String(rows));
  for (const [column, kind] of Object.entries(kinds)) {
    await expect(page.locator(`[data-testid="column-profile"][data-column="${column}"]`)).toHaveAttribute('data-kind', kind);
  }
  await page.getByTestId('target-select').selectOption(target);
  await expect(page.getByTestId('target-select')).toHaveValue(target);
  await page.getByTestId('nav-model').click();
  await page.getByTestId('source-select').selectOption('model');
}

/** Trains `model` on the page and checks its test metrics against the CLI's
 * (`cardNames`: the cards expected, in order). Returns the CLI's answer. */
async function trainAndCompare(page, file, target, model, strategy, cardNames) {
  const cli = mlops('train', file, '--target', target, '--model', model, '--ratios', '60,20,20', '--seed', '0', '--strategy', strategy);
  const test = cli.splits.test;
  const want = flatten(test);
  await page.getByTestId('model-select').selectOption(model);
  await expect(page.getByTestId('model-select')).toHaveValue(model);
  await page.getByTestId('train-run').click();
  // The cards, once this model's report is in: exactly these, none blank.
  const expected = Object.fromEntries(cardNames.map((n) => [n, String(want[n])]));
  await expect.poll(() => cards(page), { message: `${model}: cards`, timeout: 30_000 }).toEqual(expected);
  expect(await page.locator(CARD).evaluateAll((els) => els.map((e) => e.dataset.metric)), model).toEqual(cardNames);
  for (const [name, v] of Object.entries(await cards(page))) {
    expect(v, `${model}: card ${name} is blank`).not.toBe('null');
    await expect(page.locator(`${CARD}[data-metric="${name}"] .metric-value`), `${model}: ${name}`).not.toHaveText('—');
  }
  // Every metric of the CLI's test split is shown with its value, on its
  // card or in the "Every metric" table.
  for (const [name, v] of Object.entries(want)) {
    const hooks = page.locator(`[data-testid="metric"][data-metric="${name}"]`);
    // A field the report leaves undefined (a multiclass report's plain
    // precision, recall, F1) may be left out; every defined one is shown.
    if (v !== null) expect(await hooks.count(), `${model}: ${name} shown`).toBeGreaterThan(0);
    for (const raw of await hooks.evaluateAll((els) => els.map((e) => e.dataset.value))) {
      expect(num(raw), `${model}: ${name}`).toBe(v);
    }
  }
  // The confusion matrix (classification only).
  if (test.confusion_matrix) {
    for (const [t, row] of test.confusion_matrix.entries()) {
      for (const [p, n] of row.entries()) {
        await expect(page.locator(`[data-testid="confusion-cell"][data-true="${test.labels[t]}"][data-pred="${test.labels[p]}"]`),
          `${model}: cell ${t},${p}`).toHaveAttribute('data-value', String(n));
      }
    }
  } else {
    await expect(page.getByTestId('confusion-cell')).toHaveCount(0);
  }
  return cli;
}

const offered = (page) => page.getByTestId('model-select').locator('option').evaluateAll((os) => os.map((o) => o.value));

// ---- The engine's quantile bins, replayed. --------------------------------

/** numpy's linear quantile, as the engine's `quantile_sorted`. */
function quantileSorted(sorted, q) {
  const h = (sorted.length - 1) * q;
  const i = Math.min(Math.floor(h), sorted.length - 1);
  const g = h - i;
  const a = sorted[i];
  const b = i + 1 < sorted.length ? sorted[i + 1] : a;
  return g >= 0.5 ? b - (b - a) * (1 - g) : a + (b - a) * g;
}

const fixed = (x, d) => (Math.sign(x) * Math.round(Math.abs(x) * 10 ** d) / 10 ** d).toFixed(d);

/** The slices (name → rows, errors) of `column` over `rows` (with
 * `value`, `wrong`): 5 quantile bins named `[a, b)`, the last `[a, b]`. */
function expectedBins(rows) {
  const xs = rows.map((r) => r.value);
  const sorted = [...xs].sort((a, b) => a - b);
  const edges = [];
  for (let i = 1; i < 5; i++) {
    const e = quantileSorted(sorted, i / 5);
    if (edges.length === 0 || edges[edges.length - 1] !== e) edges.push(e);
  }
  const [lo, hi] = [sorted[0], sorted[sorted.length - 1]];
  const d = hi - lo < 0.1 ? 3 : hi - lo < 100 ? 2 : 1;
  const bounds = [lo, ...edges, hi];
  const names = edges.concat([null]).map((_, i) => `[${fixed(bounds[i], d)}, ${fixed(bounds[i + 1], d)}${i === edges.length ? ']' : ')'}`);
  const out = Object.fromEntries(names.map((n) => [n, { rows: 0, errors: 0 }]));
  for (const r of rows) {
    const bin = Math.min(edges.filter((e) => e <= r.value).length, names.length - 1);
    out[names[bin]].rows += 1;
    if (r.wrong) out[names[bin]].errors += 1;
  }
  return out;
}

const sliceRows = (page) => page.getByTestId('slice-row').evaluateAll((rows) => Object.fromEntries(rows.map((r) => [
  r.dataset.value, { rows: Number(r.querySelectorAll('td')[0].textContent), errors: Number(r.dataset.errors) },
])));

// ---- The tests. ------------------------------------------------------------

test('wine-shaped multiclass file: every classifier, macro averages, per-class table, binned slices', async ({ page }) => {
  test.setTimeout(240_000);
  const file = writeCsv('wine.csv', wineCsv());
  const errors = await openApp(page);
  await upload(page, file, 'wine.csv', 178, 'class', Object.fromEntries([...WINE.map((c) => [c[0], 'numeric']), ['class', 'numeric']]));
  await expect.poll(() => offered(page)).toEqual(['majority', 'logistic', 'naive-bayes', 'tree']);

  const cardNames = ['accuracy', 'balanced_accuracy', 'macro.precision', 'macro.recall', 'macro.f1', 'mcc', 'cohen_kappa'];
  let cli;
  for (const model of ['majority', 'logistic', 'naive-bayes', 'tree']) {
    cli = await trainAndCompare(page, file, 'class', model, 'stratified', cardNames);
    const test = cli.splits.test;
    expect(test.task).toBe('multiclass');
    // Macro-averaged cards, named so; no plain precision/recall/F1 card.
    for (const m of ['precision', 'recall', 'f1']) {
      const card = page.locator(`${CARD}[data-metric="macro.${m}"]`);
      await expect(card).toHaveCount(1);
      await expect(card).toHaveAttribute('data-value', String(test.macro[m]));
      await expect(card.locator('.metric-name')).toContainText('macro');
      await expect(page.locator(`${CARD}[data-metric="${m}"]`)).toHaveCount(0);
    }
    // The per-class table.
    const perClass = page.getByTestId('per-class');
    await expect(perClass).toHaveCount(1);
    const shown = await perClass.getByTestId('class-metric').evaluateAll((rows) => rows.map((r) => ({
      label: r.dataset.label,
      precision: Number(r.dataset.precision),
      recall: Number(r.dataset.recall),
      f1: Number(r.dataset.f1),
      support: Number(r.dataset.support),
    })));
    expect(shown, `${model}: per class`).toEqual(test.per_class.map(({ label, precision, recall, f1, support }) => ({ label, precision, recall, f1, support })));
    expect(shown.map((c) => c.support)).toEqual([11, 14, 10]);
    // No threshold with three classes, and the page says why.
    await expect(page.getByTestId('threshold')).toHaveCount(0);
    await expect(page.getByTestId('threshold-why-not')).toBeVisible();
    await expect(page.getByTestId('threshold-why-not')).toContainText('3');
  }

  // Slices by nonflavanoid_phenols (≤ 50 distinct values, many more than
  // 10): 5 quantile bins of the dev rows, not one row per value. The run is
  // the last model's (tree): the CLI's predictions give the errors per bin.
  const scored = join(mkdtempSync(join(tmpdir(), 'mlops-real-')), 'scored.csv');
  execFileSync(MLOPS, ['train', file, '--target', 'class', '--model', 'tree', '--ratios', '60,20,20', '--seed', '0',
    '--strategy', 'stratified', '--predictions-out', scored]);
  const dev = readCsv(scored).filter((r) => r.split === 'dev')
    .map((r) => ({ value: Number(r.nonflavanoid_phenols), wrong: r.prediction !== r.class }));
  expect(new Set(dev.map((r) => r.value)).size).toBeGreaterThan(10);
  const slice = page.getByTestId('slice-select');
  await expect(slice.locator('option[value="nonflavanoid_phenols"]')).toHaveCount(1);
  await slice.selectOption('nonflavanoid_phenols');
  const bins = expectedBins(dev);
  expect(Object.keys(bins)).toHaveLength(5);
  await expect(page.getByTestId('slice-row')).toHaveCount(5);
  await expect.poll(() => sliceRows(page)).toEqual(bins);
  for (const name of Object.keys(bins)) expect(name).toMatch(/^\[\d+\.\d+, \d+\.\d+[)\]]$/);

  // No second label of the target here: nothing to relabel with.
  await expect(page.getByTestId('data-centric-needs')).toBeVisible();
  await expect(page.getByTestId('data-centric-run')).toHaveCount(0);

  await page.screenshot({ path: 'test-results/model-lab-multiclass.png', fullPage: true });
  expect(errors).toEqual([]);
});

test('diabetes-shaped regression file: every regressor, regression cards, mean baseline, no binary annotator', async ({ page }) => {
  test.setTimeout(180_000);
  const file = writeCsv('diabetes.csv', diabetesCsv());
  const errors = await openApp(page);
  await upload(page, file, 'diabetes.csv', 442, 'target', { sex: 'numeric', bmi: 'numeric', target: 'numeric' });
  await expect.poll(() => offered(page)).toEqual(['mean', 'ridge', 'tree']);

  const cardNames = ['r2', 'mae', 'rmse', 'mse', 'mape'];
  for (const model of ['mean', 'ridge', 'tree']) {
    // The page's split is the Split lab's default, stratified, for this
    // target too; the CLI's default is the same.
    const cli = await trainAndCompare(page, file, 'target', model, 'stratified', cardNames);
    expect(cli.task).toBe('regression');
    expect(cli.splits.test.task).toBe('regression');
    await expect(page.getByTestId('threshold')).toHaveCount(0);
    await expect(page.getByTestId('per-class')).toHaveCount(0);
  }

  // The baseline beside the model is the mean of the target, not the
  // majority class, and neither its row nor the model's is blank. (Soft:
  // the rest of the test still runs when this fails.)
  const soft = { timeout: 5_000 }; // (were soft while the page had these bugs; kept soft-free below)
  const baseline = page.getByTestId('baseline-error');
  await expect(baseline).toHaveCount(1);
  await expect(baseline.locator('th'), 'baseline named').toContainText('mean', soft);
  await expect(baseline.locator('th'), 'baseline named').not.toContainText('majority', soft);
  for (const row of ['baseline-error', 'model-error']) {
    for (const attr of ['data-train', 'data-dev']) {
      await expect(page.getByTestId(row), `${row} ${attr} is blank`).not.toHaveAttribute(attr, 'null', soft);
    }
  }

  // sex (two values, 1 and 2) is no second annotator of a numeric target:
  // the data-centric panel says what it needs instead of offering a run.
  await expect(page.locator('[data-testid="metric"][data-metric="r2"]').first()).toBeVisible();
  await expect(page.getByTestId('data-centric-needs')).toBeVisible();
  await expect(page.getByTestId('data-centric-run')).toHaveCount(0);
  await expect(page.getByText(/rows where sex disagrees/)).toHaveCount(0);
  // Nor is it offered as the second annotator of human-level performance
  // (the column named there becomes the data-centric panel's annotator).
  await expect(page.getByTestId('hlp-select').locator('option[value="sex"]'), 'sex offered as an annotator').toHaveCount(0, soft);

  await page.screenshot({ path: 'test-results/model-lab-regression.png', fullPage: true });
  expect(errors).toEqual([]);
});
