// A static file server for dist/: serves the app at / and at /sub/ (to prove
// sub-path hosting works with no rewrite rules). Loopback only.
import { join } from 'node:path';
import { serveStatic } from '../static-server.mjs';

const port = Number(process.argv[2] || 4173);
const subPath = (path) => {
  if (path === '/sub') return { redirect: '/sub/' };
  return { path: path.startsWith('/sub/') ? path.slice(4) : path };
};
serveStatic(port, [['/', join(process.cwd(), 'dist')]], subPath)
  .then(() => console.log(`serving dist/ on http://127.0.0.1:${port}/`));
