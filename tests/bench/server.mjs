// The benchmark's static server (loopback only): the release app from dist/
// at /, the peers' page from tests/bench/peers/ at /peers/, and the peers'
// own files from node_modules at /nm/<package>/... (only the packages named
// below, never a download).
import { join } from 'node:path';
import { serveStatic } from '../static-server.mjs';

const cwd = process.cwd();
const ROOTS = [
  ['/peers/', join(cwd, 'tests/bench/peers')],
  ...['papaparse', 'udsv', '@duckdb/duckdb-wasm', 'apache-arrow', 'tslib', 'flatbuffers']
    .map((p) => [`/nm/${p}/`, join(cwd, 'node_modules', p)]),
  ['/', join(cwd, 'dist')],
];

/** Starts the server on `port`; resolves to the `http.Server`. */
export function serve(port) {
  return serveStatic(port, ROOTS);
}
