// The peers of the upload benchmark (tests/bench/upload-browser.mjs), one per
// page load (`?peer=papa|udsv|duckdb`). Each is made ready before the pick;
// the clock runs from the file input's `change` to the parser's end, and
// `window.__result` holds `{ ms, rows }`.
const peer = new URLSearchParams(location.search).get('peer');
const input = document.getElementById('file');

/** Papa Parse 5, streaming the File in chunks on the page's thread. */
function papa(file) {
  return new Promise((resolve, reject) => {
    let rows = 0;
    window.Papa.parse(file, {
      header: true,
      dynamicTyping: true,
      skipEmptyLines: true,
      chunk: (results) => { rows += results.data.length; },
      complete: () => resolve(rows),
      error: reject,
    });
  });
}

/** uDSV: schema inferred from the first chunk, typed columns, streamed. */
async function udsv(file, lib) {
  const reader = file.stream().pipeThrough(new TextDecoderStream()).getReader();
  let parser = null;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parser ??= lib.initParser(lib.inferSchema(value));
    parser.chunk(value, parser.typedCols);
  }
  const cols = parser.end();
  return cols[0].length;
}

/** DuckDB-wasm: read_csv of the registered File, then SUMMARIZE. */
async function duckdb(file, db) {
  const lib = await import('/nm/@duckdb/duckdb-wasm/dist/duckdb-browser.mjs');
  await db.registerFileHandle(file.name, file, lib.DuckDBDataProtocol.BROWSER_FILEREADER, true);
  const conn = await db.connect();
  await conn.query(`CREATE OR REPLACE TABLE t AS SELECT * FROM read_csv('${file.name}')`);
  const summary = await conn.query('SUMMARIZE t');
  const count = await conn.query('SELECT count(*)::INTEGER AS n FROM t');
  if (summary.numRows !== 13) throw new Error(`SUMMARIZE gave ${summary.numRows} rows`);
  const rows = count.toArray()[0].n;
  await conn.close();
  return rows;
}

async function prepare() {
  if (peer === 'papa') return { run: papa };
  if (peer === 'udsv') {
    const lib = await import('/nm/udsv/dist/uDSV.mjs');
    return { run: (f) => udsv(f, lib) };
  }
  if (peer === 'duckdb') {
    const lib = await import('/nm/@duckdb/duckdb-wasm/dist/duckdb-browser.mjs');
    const base = '/nm/@duckdb/duckdb-wasm/dist';
    const worker = new Worker(`${base}/duckdb-browser-eh.worker.js`);
    const db = new lib.AsyncDuckDB(new lib.VoidLogger(), worker);
    await db.instantiate(`${base}/duckdb-eh.wasm`);
    const conn = await db.connect();
    await conn.query('SELECT 1');
    await conn.close();
    return { run: (f) => duckdb(f, db) };
  }
  throw new Error(`unknown peer ${peer}`);
}

prepare().then(({ run }) => {
  input.addEventListener('change', async () => {
    const t0 = performance.now();
    try {
      const rows = await run(input.files[0]);
      window.__result = { ms: performance.now() - t0, rows };
    } catch (e) {
      window.__error = String(e && e.stack || e);
    }
  });
  window.__ready = true;
}, (e) => { window.__error = String(e && e.stack || e); });
