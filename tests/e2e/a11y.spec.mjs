// Accessibility: an axe-core scan of every lab finds no serious or critical
// violation (axe-core from npm, injected by Playwright), and every form
// control has a label.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { openApp } from './helpers.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const LABS = ['scope', 'data', 'split', 'model', 'drift', 'deploy'];

async function scan(page) {
  // evaluate runs outside the page's CSP, which (rightly) refuses injected scripts.
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
}

for (const lab of LABS) {
  test(`axe finds no serious or critical violation on the ${lab} lab`, async ({ page }) => {
    await openApp(page, `./?lab=${lab}`);
    if (lab === 'model') {
      await page.getByTestId('source-select').selectOption('model');
      await page.getByTestId('train-run').click();
      await expect(page.locator('[data-testid="metric"][data-metric="accuracy"]')).toHaveCount(1);
    }
    expect(await scan(page)).toEqual([]);
  });
}
