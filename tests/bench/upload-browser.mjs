// Upload speed as the user feels it (`make bench-browser`; not a test: speed
// is never asserted by `make test`).
//
// For each file, in the same Debian Chromium and alternating runs, each run
// in a fresh browser context (a fresh page, a cold worker):
// - app: the clock starts at the file input's `change` (the pick) and stops
//   at the first frame after the row count and every column's profile card
//   are on screen. Breakdown from the page's progress bar: first progress,
//   end of reading (the worker reports 90%), profiling, rendering; the
//   longest task on the page's thread (PerformanceObserver `longtask`); the
//   worker's wasm memory after loading.
// - Papa Parse 5, streaming the same `File` in chunks (`header`,
//   `dynamicTyping`), on the page's thread as its README shows.
// - uDSV, typed columns, streaming the same `File` (`inferSchema`,
//   `initParser`, `chunk(..., typedCols)`).
// - DuckDB-wasm: `read_csv` of the registered `File` into a table, then
//   `SUMMARIZE` (DuckDB is instantiated before the pick, as the app's worker).
// The native side: the same engine on the same file (`examples/load_timing`).
// Medians and min–max go to docs/benchmarks.md between the markers.
//
// Env: BENCH_ROWS (default 250000,500000,1000000,legacy:300000), BENCH_RUNS (5),
// BENCH_PEERS (papa,udsv,duckdb), BENCH_NO_WRITE=1 to only print.
import { chromium } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { writeCsv } from './generate.mjs';
import { serve } from './server.mjs';

// Files: `rows` of the upload shape, or `legacy:rows` of the earlier
// benchmark's shape (short numbers; tests/bench/generate.mjs).
const FILES = (process.env.BENCH_ROWS || '250000,500000,1000000,legacy:300000').split(',').map((f) => {
  const [shape, rows] = f.includes(':') ? f.split(':') : ['upload', f];
  return { shape, rows: Number(rows) };
});
const RUNS = Number(process.env.BENCH_RUNS || 5);
const PEERS = (process.env.BENCH_PEERS ?? 'papa,udsv,duckdb').split(',').filter(Boolean);
const PORT = 4175;
const BASE = `http://127.0.0.1:${PORT}`;
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };
const span = (xs) => `${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))}`;

/** In the app's page before it loads: the pick, progress and long tasks. */
function instrument() {
  const b = { pick: null, first: null, read: null, last: null, done: null, shown: null, longest: 0 };
  window.__bench = b;
  document.addEventListener('change', (e) => {
    if (e.target?.getAttribute?.('data-testid') === 'file-input') b.pick = performance.now();
  }, true);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (b.pick !== null) b.longest = Math.max(b.longest, e.duration);
  }).observe({ type: 'longtask', buffered: false });
  const check = () => {
    if (b.pick === null || b.shown !== null) return;
    const now = performance.now();
    const busy = document.querySelector('[data-testid="busy"]');
    const v = busy ? Number(busy.getAttribute('data-value')) : null;
    if (v !== null && v > 0 && b.first === null) b.first = now;
    if (v !== null && v >= 0.9 && b.read === null) b.read = now;
    if (v !== null) b.last = now;
    if (v !== null) (b.marks ||= []).push([Math.round(now - b.pick), v]);
    const want = window.__want;
    if (!want || b.done !== null) return;
    const name = document.querySelector('[data-testid="dataset-name"]')?.textContent;
    const rows = document.querySelector('[data-testid="dataset-rows"]')?.getAttribute('data-value');
    const cards = document.querySelectorAll('[data-testid="column-profile"] [data-stat="missing"]').length;
    if (name === want.name && rows === String(want.rows) && cards === want.columns) {
      b.done = now;
      requestAnimationFrame(() => { b.shown = performance.now(); });
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
}

async function runApp(browser, file, rows, name) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(instrument);
  await page.goto(`${BASE}/`);
  await page.waitForFunction(() => document.querySelector('[data-testid="dataset-rows"]')?.getAttribute('data-value') === '100');
  await page.evaluate(([n, r]) => { window.__want = { name: n, rows: r, columns: 13 }; }, [name, rows]);
  await page.getByTestId('file-input').setInputFiles(file);
  await page.waitForFunction(() => window.__bench.shown !== null, null, { timeout: 180_000, polling: 50 });
  const b = await page.evaluate(() => window.__bench);
  if (process.env.BENCH_MARKS) console.log(JSON.stringify(b.marks));
  let memory = null;
  for (const w of page.workers()) {
    memory = await w.evaluate(async () => (typeof engine !== 'undefined' ? (await engine).memory.buffer.byteLength : null)).catch(() => null);
    if (memory) break;
  }
  await context.close();
  return {
    total: b.shown - b.pick,
    first: b.first - b.pick,
    read: b.read - b.pick,
    profile: b.last - b.read,
    render: b.shown - b.last,
    longest: b.longest,
    memory,
  };
}

async function runPeer(browser, peer, file, rows) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${BASE}/peers/index.html?peer=${peer}`);
  await page.waitForFunction(() => window.__ready === true || window.__error, null, { timeout: 60_000 });
  const err = await page.evaluate(() => window.__error);
  if (err) throw new Error(`${peer}: ${err}`);
  await page.setInputFiles('#file', file);
  await page.waitForFunction(() => window.__result || window.__error, null, { timeout: 300_000, polling: 50 });
  const r = await page.evaluate(() => window.__result || { error: window.__error });
  await context.close();
  if (r.error || errors.length) throw new Error(`${peer}: ${r.error || errors.join('; ')}`);
  if (r.rows !== rows) throw new Error(`${peer} read ${r.rows} rows, not ${rows}`);
  return r.ms;
}

function nativeTimings(file) {
  const out = execFileSync('cargo', ['run', '--quiet', '--release', '-p', 'mlops-engine', '--example', 'load_timing', '--', file, String(RUNS)], { encoding: 'utf8' });
  return JSON.parse(out);
}

function versions() {
  const v = (p) => JSON.parse(readFileSync(`node_modules/${p}/package.json`, 'utf8')).version;
  let chromiumVersion = '';
  try { chromiumVersion = execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).trim(); } catch { /* unknown */ }
  return `${chromiumVersion}; papaparse ${v('papaparse')}, udsv ${v('udsv')}, @duckdb/duckdb-wasm ${v('@duckdb/duckdb-wasm')}; ${cpus().length} × ${cpus()[0]?.model?.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB`;
}

async function main() {
  if (!existsSync('dist/index.html')) throw new Error('build the app first (make build)');
  mkdirSync('bench-data', { recursive: true });
  const server = await serve(PORT);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  const lines = [];
  const say = (s) => { console.log(s); lines.push(s); };
  try {
    say(`Machine and versions: ${versions()}. ${RUNS} alternating runs per reader and file; median (min–max).`);
    say('');
    say('| file | app: pick → rows and profile shown | ' + PEERS.map((p) => `${LABEL[p]} | ratio`).join(' | ') + ' |');
    say('|---|---|' + PEERS.map(() => '---|---|').join(''));
    const breakdowns = [];
    for (const { shape, rows } of FILES) {
      const name = `${shape}-${rows}.csv`;
      const file = join('bench-data', name);
      const bytes = await writeCsv(file, shape, rows);
      const mb = bytes / 1e6;
      const app = [];
      const peers = Object.fromEntries(PEERS.map((p) => [p, []]));
      for (let run = 0; run < RUNS; run++) {
        // Alternate the order each run so no reader always goes first.
        const order = ['app', ...PEERS];
        for (let k = 0; k < run % order.length; k++) order.push(order.shift());
        for (const who of order) {
          if (who === 'app') app.push(await runApp(browser, file, rows, name));
          else peers[who].push(await runPeer(browser, who, file, rows));
        }
        console.log(`  ${name} run ${run + 1}: app ${Math.round(app.at(-1).total)} ms; ` + PEERS.map((p) => `${p} ${Math.round(peers[p].at(-1))} ms`).join(', '));
      }
      const total = app.map((a) => a.total);
      const t = median(total);
      say(`| ${mb.toFixed(0)} MB (${rows.toLocaleString('en')} rows${shape === 'legacy' ? ', short numbers' : ''}) | ${(t / 1000).toFixed(2)} s (${span(total)} ms) | `
        + PEERS.map((p) => `${(median(peers[p]) / 1000).toFixed(2)} s (${span(peers[p])} ms) | **${(median(peers[p]) / t).toFixed(1)}×**`).join(' | ') + ' |');
      const native = nativeTimings(file);
      const pick = (k) => app.map((a) => a[k]).filter((x) => x !== null && Number.isFinite(x));
      breakdowns.push({ mb, rows, shape, native, first: pick('first'), read: pick('read'), profile: pick('profile'), render: pick('render'), longest: pick('longest'), memory: pick('memory'), bytes });
    }
    say('');
    say('Breakdown of the app\'s time (medians; the clock starts at the pick):');
    say('');
    say('| file | first progress | reading ends | read throughput, browser / native | profiling (× read time) | rendering | longest page task | worker memory / file |');
    say('|---|---|---|---|---|---|---|---|');
    for (const b of breakdowns) {
      const read = median(b.read);
      // From the first progress report (1% of the file) to the end of
      // reading: the worker's reading and parsing, without the pick's delay.
      const readOnly = median(b.read.map((r, i) => r - b.first[i]));
      const tput = (0.99 * b.mb) / (readOnly / 1000);
      const nativeTput = b.mb / (b.native.read_ms / 1000);
      say(`| ${b.mb.toFixed(0)} MB${b.shape === 'legacy' ? ' (short numbers)' : ''} | ${Math.round(median(b.first))} ms | ${Math.round(read)} ms | ${tput.toFixed(0)} / ${nativeTput.toFixed(0)} MB/s (**${(tput / nativeTput).toFixed(2)}×**) | `
        + `${Math.round(median(b.profile))} ms (**${(median(b.profile) / readOnly).toFixed(2)}×**; native ${b.native.profile_ms.toFixed(0)} ms, ${(b.native.profile_ms / b.native.read_ms).toFixed(2)}×) | `
        + `${Math.round(median(b.render))} ms | ${Math.round(Math.max(...b.longest, 0))} ms (max) | `
        + `${b.memory.length ? (median(b.memory) / b.bytes).toFixed(2) + '×' : 'n/a'} (table ${(b.native.heap_bytes / b.bytes).toFixed(2)}×) |`);
    }
  } finally {
    await browser.close();
    server.close();
  }
  if (!process.env.BENCH_NO_WRITE) {
    const doc = readFileSync('docs/benchmarks.md', 'utf8');
    const start = '<!-- bench-browser:start -->';
    const end = '<!-- bench-browser:end -->';
    const block = `${start}\n${lines.join('\n')}\n${end}`;
    const next = doc.includes(start)
      ? doc.replace(new RegExp(`${start}[\\s\\S]*${end}`), block)
      : `${doc}\n${block}\n`;
    writeFileSync('docs/benchmarks.md', next);
    console.log('docs/benchmarks.md updated');
  }
}

const LABEL = { papa: 'Papa Parse (stream)', udsv: 'uDSV (typed)', duckdb: 'DuckDB-wasm (read_csv + SUMMARIZE)' };

main().catch((e) => { console.error(e); process.exit(1); });
