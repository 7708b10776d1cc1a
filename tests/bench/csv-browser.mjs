// Browser CSV benchmark: the app's reader (wasm, in its Web Worker) against
// the JavaScript parsers Papa Parse and d3-dsv, in the same Chromium run on
// the same file. Not a test (speed is never asserted by a timed test); run
// it with `make bench-browser` after `trunk build --release`.
//
// What each side does, so the ratio is conservative for the app:
// - app: the user picks the file; the worker reads it in 4 MiB slices,
//   detects the delimiter, infers column types, builds typed columns,
//   profiles every column (quantiles sort each numeric column) and replies;
//   the clock runs from the worker's first progress report to the last
//   change of the page before `dataset-rows` shows the row count (so it
//   includes rendering the profile).
// - Papa Parse: `file.text()` then `Papa.parse(text, { header: true,
//   dynamicTyping: true, skipEmptyLines: true })` on the page's thread.
// - d3-dsv: `file.text()` then `d3.csvParse(text, d3.autoType)`.
// The file has the shape of the native benchmark's (crates/engine/benches/
// csv_read.rs): 10 numeric, 2 categorical and 1 label column.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROWS = Number(process.env.BENCH_ROWS || 300_000);
const RUNS = Number(process.env.BENCH_RUNS || 5);
const PORT = 4174;

/** The same xorshift stream and format as the native benchmark. */
function generate(rows) {
  let state = 0x2545f4914f6cdd1dn;
  const mask = (1n << 64n) - 1n;
  const next = () => {
    state ^= (state << 13n) & mask;
    state ^= state >> 7n;
    state ^= (state << 17n) & mask;
    return state;
  };
  const parts = ['f0,f1,f2,f3,f4,f5,i0,i1,g0,g1,shape,city,label\n'];
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let k = 0; k < 6; k++) line += (Number(next() % 1000000n) / 1000).toFixed(3) + ',';
    for (let k = 0; k < 2; k++) line += String(next() % 100000n) + ',';
    for (let k = 0; k < 2; k++) line += (Number(next() % 1000000n) / 1e6).toFixed(6) + ',';
    line += `shape_${next() % 50n},city_${next() % 2000n},${next() % 2n}\n`;
    parts.push(line);
  }
  return parts.join('');
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'mlops-bench-'));
  const text = generate(ROWS);
  const files = [0, 1].map((k) => {
    const path = join(dir, `bench-${k}.csv`);
    writeFileSync(path, text);
    return path;
  });
  const mb = Buffer.byteLength(text) / 1e6;
  console.log(`file: ${mb.toFixed(1)} MB, ${ROWS} rows; ${RUNS} runs each, median reported`);

  const server = spawn('node', ['tests/e2e/serve.mjs', String(PORT)], { stdio: 'ignore' });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    page.on('console', (m) => { if (m.text().startsWith('TIMING')) console.log(m.text()); });
    for (let tries = 0; ; tries++) {
      try { await page.goto(`http://127.0.0.1:${PORT}/`); break; } catch (e) {
        if (tries > 50) throw e;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    await page.getByTestId('dataset-rows').waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="dataset-rows"]')?.getAttribute('data-value') === '100');

    // The worker reports progress 0..0.9 while it reads and 0.9..1 while it
    // profiles; the page shows it in `busy`. Its timestamps split the time.
    await page.evaluate(() => {
      window.__marks = [];
      new MutationObserver(() => {
        const b = document.querySelector('[data-testid="busy"]');
        window.__marks.push([performance.now(), b ? Number(b.getAttribute('data-value')) : null]);
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    const app = [];
    const parse = [];
    for (let run = 0; run < RUNS; run++) {
      // Alternate two copies so every pick is a new file.
      const t0 = await page.evaluate(() => { window.__marks = []; return performance.now(); });
      await page.getByTestId('file-input').setInputFiles(files[run % 2]);
      await page.waitForFunction(
        ([name, rows]) => document.querySelector('[data-testid="dataset-name"]')?.textContent === name
          && document.querySelector('[data-testid="dataset-rows"]')?.getAttribute('data-value') === String(rows),
        [`bench-${run % 2}.csv`, ROWS], { timeout: 120_000, polling: 5 });
      const marks = await page.evaluate(() => window.__marks);
      const first = marks.find(([, v]) => v !== null);
      const parsed = marks.find(([, v]) => v !== null && v >= 0.9);
      const done = marks[marks.length - 1][0];
      app.push(done - (first ? first[0] : t0));
      if (process.env.BENCH_MARKS) console.log(JSON.stringify(marks.map(([t, v]) => [Math.round(t - marks[0][0]), v])));
      if (first && parsed) parse.push(parsed[0] - first[0]);
    }

    await page.addScriptTag({ content: readFileSync('node_modules/papaparse/papaparse.min.js', 'utf8') });
    await page.addScriptTag({ content: readFileSync('node_modules/d3-dsv/dist/d3-dsv.min.js', 'utf8') });
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.type = 'file';
      input.id = 'bench-input';
      document.body.append(input);
    });
    await page.setInputFiles('#bench-input', files[0]);
    const peers = await page.evaluate(async ([runs, rows]) => {
      const file = document.getElementById('bench-input').files[0];
      const out = { papa: [], d3: [] };
      for (let run = 0; run < runs; run++) {
        let t = performance.now();
        const parsed = window.Papa.parse(await file.text(), { header: true, dynamicTyping: true, skipEmptyLines: true });
        out.papa.push(performance.now() - t);
        if (parsed.data.length !== rows) throw new Error(`papaparse read ${parsed.data.length} rows`);
        t = performance.now();
        const d = window.d3.csvParse(await file.text(), window.d3.autoType);
        out.d3.push(performance.now() - t);
        if (d.length !== rows) throw new Error(`d3-dsv read ${d.length} rows`);
      }
      return out;
    }, [RUNS, ROWS]);

    const a = median(app);
    const p = median(peers.papa);
    const d = median(peers.d3);
    const row = (name, ms) => `| ${name} | ${ms.toFixed(0)} ms | ${(mb / (ms / 1000)).toFixed(0)} MB/s | ${(ms / a).toFixed(1)}× the app's time |`;
    console.log('| reader | median time | throughput | ratio |');
    console.log('|---|---|---|---|');
    console.log(row('app (worker: read, infer, typed columns, profile)', a));
    if (parse.length) console.log(row('app, reading only (until the worker reports 90%)', median(parse)));
    console.log(row('Papa Parse 5 (header, dynamicTyping)', p));
    console.log(row('d3-dsv 3 (csvParse, autoType)', d));
    console.log(`runs (ms): app ${JSON.stringify(app.map(Math.round))}, reading ${JSON.stringify(parse.map(Math.round))}, papaparse ${JSON.stringify(peers.papa.map(Math.round))}, d3-dsv ${JSON.stringify(peers.d3.map(Math.round))}`);
  } finally {
    await browser.close();
    server.kill();
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
