// Search in other scripts, on tests/fixtures/scripts: a two-character Chinese
// word finds its page online (Pagefind, served) and in the offline edition
// opened from a folder (file://), and an Arabic word finds its Arabic page.
//
//   node tests/browser/scripts-search.mjs --dir OUT --base /sub/path/ --offline OFFLINE_DIR
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { arg, assert, checks, CHROMIUM_ARGS, findChromium, startServer } from './lib.mjs';

const dir = arg('--dir');
const base = arg('--base', '/');
const offline = arg('--offline');
if (!dir || !offline) {
  console.error('usage: node scripts-search.mjs --dir OUT --base /sub/path/ --offline OFFLINE_DIR');
  process.exit(2);
}

const { check, finish } = checks('scripts-search');

const server = await startServer(dir, base);
const origin = `http://127.0.0.1:${server.address().port}`;
const folder = pathToFileURL(path.resolve(offline)).href + '/';
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));
page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });

/** The result links the search page at `url` shows (none after 10 s of waiting). */
async function results(url) {
  await page.goto(url);
  await page.waitForSelector('[data-search-results] a', { timeout: 10000 }).catch(() => {});
  return page.$$eval('[data-search-results] a', (as) => as.map((a) => a.getAttribute('href')));
}

const online = (lang, q) => `${origin}${base}${lang}/search/?q=${encodeURIComponent(q)}`;
const local = (lang, q) => `${folder}${lang}/search/index.html?q=${encodeURIComponent(q)}`;

// 认证 ("certification") is written once, inside the run 谈谈认证进展和职业目标,
// on the Chinese weekly-meetings practice alone.
await check('online, 认证 finds the Chinese weekly-meetings practice', async () => {
  const urls = await results(online('zh', '认证'));
  assert(urls.length === 1 && urls[0].endsWith('zh/practices/supervision/regular-meetings/'), `results: ${urls.join(', ')}`);
});

await check('online, 会面 (inside 每周会面) finds the weekly-meetings practice', async () => {
  const urls = await results(online('zh', '会面'));
  assert(urls.some((u) => u.endsWith('zh/practices/supervision/regular-meetings/')), `results: ${urls.join(', ')}`);
  assert(urls.every((u) => u.includes('/zh/')), `only Chinese pages: ${urls.join(', ')}`);
});

// The page writes الشهادة ("the certification"); the query has no article.
await check('online, شهادة finds the Arabic weekly-meetings practice', async () => {
  const urls = await results(online('ar', 'شهادة'));
  assert(urls.some((u) => u.endsWith('ar/practices/supervision/regular-meetings/')), `results: ${urls.join(', ')}`);
  assert(urls.every((u) => u.includes('/ar/')), `only Arabic pages: ${urls.join(', ')}`);
});

// Offline, 进展 ("progress") is only ever inside a run (谈谈认证进展和职业目标),
// where matching words by their start cannot find it.
await check('offline from a folder, 进展 finds the Chinese weekly-meetings practice, marked', async () => {
  const urls = await results(local('zh', '进展'));
  assert(urls.length === 1 && urls[0].endsWith('zh/practices/supervision/regular-meetings/index.html'), `results: ${urls.join(', ')}`);
  const marked = await page.$$eval('[data-search-results] mark', (ms) => ms.map((m) => m.textContent));
  assert(marked.length && marked.every((m) => m === '进展'), `marked: ${marked.join(' | ')}`);
});

await check('offline from a folder, a four-character query 认证进展 finds its practice', async () => {
  const urls = await results(local('zh', '认证进展'));
  assert(urls.length === 1 && urls[0].endsWith('zh/practices/supervision/regular-meetings/index.html'), `results: ${urls.join(', ')}`);
});

await check('offline from a folder, الشهادة finds the Arabic weekly-meetings practice', async () => {
  const urls = await results(local('ar', 'الشهادة'));
  assert(urls.some((u) => u.endsWith('ar/practices/supervision/regular-meetings/index.html')), `results: ${urls.join(', ')}`);
});

await check('no script errors', async () => {
  assert(errors.length === 0, errors.join('\n'));
});

await browser.close();
server.close();
finish();
