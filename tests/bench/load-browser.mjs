// The felt load time: from navigation to the default dataset shown
// (`dataset-rows` set), over an emulated 10 Mbit/s, 40 ms RTT link from a
// gzip static host, cold (a fresh profile) and warm (the same profile,
// reloaded: assets from the HTTP cache, index.html revalidated by ETag).
// Budget (DEVELOPERS' brief): <= 1.5 s cold, <= 0.3 s warm. A benchmark,
// not a test: `make bench-load` prints the figures, it asserts nothing.
import { chromium } from '@playwright/test';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { extname, join, normalize } from 'node:path';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const RUNS = Number(process.env.RUNS || 5);
const PORT = 8093;
const ROOT = join(process.cwd(), 'dist');
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };

/** A static host as a CDN would be: gzip, ETags, long cache for assets. */
function serve() {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const file = normalize(join(ROOT, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(ROOT)) { res.writeHead(403); res.end(); return; }
    let body;
    try { body = await readFile(file); } catch { res.writeHead(404); res.end(); return; }
    const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
    const html = extname(file) === '.html';
    const headers = { etag, 'cache-control': html ? 'no-cache' : 'max-age=31536000', 'content-type': TYPES[extname(file)] || 'application/octet-stream' };
    if (req.headers['if-none-match'] === etag) { res.writeHead(304, headers); res.end(); return; }
    const gz = /gzip/.test(req.headers['accept-encoding'] || '');
    if (gz) headers['content-encoding'] = 'gzip';
    res.writeHead(200, headers);
    res.end(gz ? gzipSync(body, { level: 9 }) : body);
  });
  return new Promise((resolve) => server.listen(PORT, '127.0.0.1', () => resolve(server)));
}

async function timeLoad(page) {
  const t0 = Date.now();
  await page.goto(`http://127.0.0.1:${PORT}/`);
  await page.getByTestId('dataset-rows').and(page.locator('[data-value]')).waitFor({ timeout: 30000 });
  return Date.now() - t0;
}

const server = await serve();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
const cold = [];
const warm = [];
for (let i = 0; i < RUNS; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 40, downloadThroughput: 10e6 / 8, uploadThroughput: 10e6 / 8,
  });
  cold.push(await timeLoad(page));
  warm.push(await timeLoad(page));
  await context.close();
}
await browser.close();
server.close();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`load to the default dataset shown, 10 Mbit/s, 40 ms RTT, gzip, ${RUNS} runs:`);
console.log(`  cold: median ${median(cold)} ms (min ${Math.min(...cold)}, max ${Math.max(...cold)}); budget 1500 ms`);
console.log(`  warm: median ${median(warm)} ms (min ${Math.min(...warm)}, max ${Math.max(...warm)}); budget 300 ms`);
