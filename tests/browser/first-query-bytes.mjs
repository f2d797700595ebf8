// Measures what a reader's first search downloads: every response under the
// Pagefind bundle while the header box runs its first query.
//   node tests/browser/first-query-bytes.mjs --dir OUT --base /guides/peer/ --query Medicaid
import { chromium } from 'playwright-core';
import { arg, CHROMIUM_ARGS, findChromium, startServer } from './lib.mjs';

const dir = arg('--dir');
const base = arg('--base', '/');
const query = arg('--query', 'supervision');
const server = await startServer(dir, base);
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
const page = await browser.newPage();
await page.goto(`${origin}${base}`);
let bytes = 0;
const files = [];
page.on('response', async (r) => {
  if (!r.url().includes('/pagefind/')) return;
  const body = await r.body().catch(() => Buffer.alloc(0));
  bytes += body.length;
  files.push(`${r.url().split('/pagefind/')[1]} ${body.length}`);
});
await page.type('#site-search-q', query, { delay: 20 });
await page.waitForSelector('.search-popup:not([hidden]) .search-popup-list a', { timeout: 20000 });
await page.waitForTimeout(500);
console.log(files.join('\n'));
console.log(`first query "${query}": ${files.length} files, ${bytes} bytes`);
await browser.close();
server.close();
