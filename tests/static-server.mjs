// One static file server for the e2e tests and the benchmarks (loopback
// only): `roots` maps URL prefixes to folders, first match wins; `rewrite`
// may change a path first (the e2e server serves dist/ at /sub/ too).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.cjs': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.csv': 'text/csv',
  '.json': 'application/json', '.png': 'image/png',
};

/** Starts serving on 127.0.0.1:`port`; resolves to the `http.Server`. */
export function serveStatic(port, roots, rewrite = (path) => ({ path })) {
  const server = createServer(async (req, res) => {
    const decoded = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const { path: rewritten, redirect } = rewrite(decoded);
    if (redirect) { res.writeHead(301, { location: redirect }); res.end(); return; }
    const path = rewritten.endsWith('/') ? `${rewritten}index.html` : rewritten;
    const [prefix, root] = roots.find(([p]) => path.startsWith(p)) || [];
    if (!root) { res.writeHead(404); res.end('not found'); return; }
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
