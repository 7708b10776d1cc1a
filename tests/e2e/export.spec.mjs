// Every chart downloads as PNG, as SVG (the same drawing, as vectors) and
// as JSON (the numbers it draws).
import { test, expect } from '@playwright/test';
import { openApp } from './helpers.mjs';

async function downloaded(page, locator) {
  const [download] = await Promise.all([page.waitForEvent('download'), locator.click()]);
  const bytes = Buffer.concat(await (await download.createReadStream()).toArray());
  return { name: download.suggestedFilename(), text: bytes.toString('utf8') };
}

test('a chart downloads as an SVG drawing and as its numbers in JSON', async ({ page }) => {
  const errors = await openApp(page, './?lab=split');
  const chart = page.getByTestId('lottery-chart').first();
  await expect(chart).toBeVisible();
  const figure = page.locator('figure.chart').filter({ has: page.getByTestId('lottery-chart') }).first();

  const svg = await downloaded(page, figure.getByTestId('chart-svg'));
  expect(svg.name).toMatch(/\.svg$/);
  expect(svg.text).toMatch(/^<svg[^>]*width="\d+"/);
  expect((svg.text.match(/<rect/g) || []).length).toBeGreaterThan(10);
  expect(svg.text).toContain('seeds');

  const json = await downloaded(page, figure.getByTestId('chart-json'));
  expect(json.name).toMatch(/\.json$/);
  const bars = JSON.parse(json.text);
  expect(bars).toEqual(JSON.parse(await chart.getAttribute('data-values')));
  expect(bars.reduce((n, b) => n + b.value, 0)).toBe(1000);

  // The SVG, opened on its own, shows the chart.
  const viewer = await page.context().newPage();
  await viewer.setContent(svg.text);
  await viewer.screenshot({ path: 'test-results/chart-export.png' });
  const box = await viewer.locator('svg').boundingBox();
  expect(box.width).toBeGreaterThan(200);
  expect(errors).toEqual([]);
});
