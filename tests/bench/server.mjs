// The benchmark's static server (loopback only): the release app from dist/
// at /, the peers' page from tests/bench/peers/ at /peers/, and the peers'
// own files from node_modules at /nm/<package>/... (only the packages named
// below, never a download).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const cwd = process.cwd();
const roots = [
  ['/peers/', join(cwd, 'tests/bench/peers')],
  ['/nm/papaparse/', join(cwd, 'node_modules/papaparse')],
  ['/nm/udsv/', join(cwd, 'node_modules/udsv')],
  ['/nm/@duckdb/duckdb-wasm/', join(cwd, 'node_modules/@duckdb/duckdb-wasm')],
  ['/nm/apache-arrow/', join(cwd, 'node_modules/apache-arrow')],
  ['/nm/tslib/', join(cwd, 'node_modules/tslib')],
  ['/nm/flatbuffers/', join(cwd, 'node_modules/flatbuffers')],
  ['/', join(cwd, 'dist')],
];
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.cjs': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json',
};

/** Starts the server on `port`; resolves to the `http.Server`. */
export function serve(port) {
  const server = createServer(async (req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path.endsWith('/')) path += 'index.html';
    const [prefix, root] = roots.find(([p]) => path.startsWith(p));
    const file = normalize(join(root, path.slice(prefix.length)));
    if (!file.startsWith(root)) { res.writeHead(403); res.end(); return; }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': types[extname(file)] || 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404); res.end('not found');
    }
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}
