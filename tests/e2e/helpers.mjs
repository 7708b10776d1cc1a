// Shared steps: open the app, collect console errors, read test hooks.
import { expect } from '@playwright/test';

/** Opens `path` and waits for the app and the worker's first dataset. */
export async function openApp(page, path = './') {
  const errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('pageerror', (err) => errors.push(String(err)));
  await page.goto(path);
  await expect(page.getByTestId('app-ready')).toBeVisible();
  await expect(page.getByTestId('dataset-rows')).toHaveAttribute('data-value', /\d+/);
  return errors;
}

/** The `data-value` of a hook, as a string. */
export async function value(locator) {
  return locator.getAttribute('data-value');
}

/** True when a chart's canvas holds more than one colour (it was drawn). */
export async function chartIsDrawn(locator) {
  return locator.evaluate((canvas) => {
    const { width, height } = canvas;
    if (!width || !height) return false;
    const data = canvas.getContext('2d').getImageData(0, 0, width, height).data;
    const first = data.slice(0, 4).join();
    for (let i = 4; i < data.length; i += 4 * 7) {
      if (`${data[i]},${data[i + 1]},${data[i + 2]},${data[i + 3]}` !== first) return true;
    }
    return false;
  });
}

/** The `mlops` binary `make e2e` builds (`cargo build -p mlops-cli`), in
 * cargo's target directory (`CARGO_TARGET_DIR` when set). */
export const MLOPS = `${process.env.CARGO_TARGET_DIR || 'target'}/debug/mlops`;

/** Every number of a `mlops metrics` / `mlops train` split's metrics object,
 * by the page's `metric` hook names (nested fields dotted, per class too). */
export function flatten(m) {
  const out = {};
  for (const [k, v] of Object.entries(m)) {
    if (['rows', 'threshold', 'positive', 'labels', 'task', 'warnings', 'confusion_matrix', 'intervals'].includes(k)) continue;
    if (k === 'per_class') {
      for (const c of v) for (const f of ['precision', 'recall', 'f1', 'support']) out[`per_class.${c.label}.${f}`] = c[f];
    } else if (v !== null && typeof v === 'object') {
      for (const [ik, iv] of Object.entries(v)) out[`${k}.${ik}`] = iv;
    } else out[k] = v;
  }
  return out;
}
