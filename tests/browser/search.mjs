// Search as a reader uses it, on the built shipped guide, served under a sub-path:
// relevance of a few real queries, the header box (typing, keyboard), the
// /search/ page with filters and a linkable URL, and opening a result.
//
//   node tests/browser/search.mjs --dir OUT --base /guides/peer/
import { chromium } from 'playwright-core';
import { arg, assert, checks, CHROMIUM_ARGS, findChromium, startServer } from './lib.mjs';

const dir = arg('--dir');
const base = arg('--base', '/');
if (!dir) {
  console.error('usage: node search.mjs --dir OUT --base /sub/path/');
  process.exit(2);
}

const { check, finish } = checks('search');

const server = await startServer(dir, base);
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));
page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });

/** Result URLs shown on the search page for a query (and optional filters). */
async function searchPage(query, params = '') {
  await page.goto(`${origin}${base}search/?q=${encodeURIComponent(query)}${params}`);
  await page.waitForFunction(() => {
    const s = document.querySelector('[data-search-status]');
    return s && /result/i.test(s.textContent);
  }, null, { timeout: 15000 });
  return page.$$eval('[data-search-results] a', (as) => as.map((a) => a.getAttribute('href')));
}
const practice = (area, slug) => `${base}practices/${area}/${slug}/`;

await check('"Medicaid" ranks the billing and reimbursement practice first', async () => {
  const urls = await searchPage('Medicaid');
  assert(urls[0] === practice('financing-and-sustainability', 'billing-and-medicaid-standards'), `first: ${urls[0]} of ${urls.join(', ')}`);
});

await check('"benefits" finds the applicants\' benefits practice and fair compensation', async () => {
  const urls = await searchPage('benefits');
  for (const want of [practice('recruitment-and-hiring', 'answer-benefits-questions'), practice('financing-and-sustainability', 'fair-compensation')]) {
    assert(urls.includes(want), `missing ${want} in ${urls.join(', ')}`);
  }
});

for (const q of ['supervisor', 'supervision']) {
  await check(`"${q}" finds the supervision practices`, async () => {
    const urls = await searchPage(q);
    for (const slug of ['ongoing-supervision', 'choosing-and-preparing-supervisors', 'supervision-and-clinical-support']) {
      assert(urls.includes(practice('supervision', slug)), `missing ${slug} in ${urls.slice(0, 10).join(', ')}`);
    }
  });
}

await check('a query with no match says so', async () => {
  const urls = await searchPage('xylophonics');
  assert(urls.length === 0, `unexpected results ${urls}`);
  const status = await page.textContent('[data-search-status]');
  assert(/No results for “xylophonics”/.test(status), status);
});

await check('a checklist item is found', async () => {
  const urls = await searchPage('organizational chart');
  assert(urls.includes(`${base}checklists/workforce-integration-self-assessment/`), urls.join(', '));
});

await check('the area filter narrows results and lives in the URL', async () => {
  const all = await searchPage('training');
  await page.check('input[name=area][value="Career Advancement"]');
  await page.waitForFunction(() => location.search.includes('area=Career+Advancement'));
  await page.waitForFunction((n) => document.querySelectorAll('[data-search-results] a').length !== n || /results?/.test(document.querySelector('[data-search-status]').textContent), all.length);
  await page.waitForTimeout(300);
  const urls = await page.$$eval('[data-search-results] a', (as) => as.map((a) => a.getAttribute('href')));
  assert(urls.length > 0 && urls.length < all.length, `${urls.length} of ${all.length}`);
  assert(urls.every((u) => u.startsWith(`${base}practices/career-advancement/`)), urls.join(', '));
  // The filtered search can be linked to and reloads the same way.
  const linked = await searchPage('training', '&area=Career+Advancement');
  assert(JSON.stringify(linked) === JSON.stringify(urls), `${linked} vs ${urls}`);
  assert(await page.isChecked('input[name=area][value="Career Advancement"]'), 'checkbox restored from the URL');
});

await check('header box: results as you type, keyboard operable, opens a result', async () => {
  await page.goto(`${origin}${base}`);
  await page.fill('#site-search-q', '');
  await page.type('#site-search-q', 'Medicaid', { delay: 30 });
  await page.waitForSelector('.search-popup:not([hidden]) .search-popup-list a', { timeout: 15000 });
  const first = await page.getAttribute('.search-popup-list a', 'href');
  assert(first === practice('financing-and-sustainability', 'billing-and-medicaid-standards'), first);
  const mark = await page.textContent('.search-popup-list .result-excerpt mark');
  assert(/medicaid/i.test(mark), `highlight: ${mark}`);
  const status = await page.textContent('.search-popup-status');
  assert(/\d+ results? for “Medicaid”/.test(status), status);
  assert((await page.getAttribute('.search-popup-status', 'role')) === 'status', 'count is announced');
  await page.keyboard.press('ArrowDown');
  assert((await page.evaluate(() => document.activeElement.getAttribute('href'))) === first, 'ArrowDown focuses the first result');
  await page.keyboard.press('Escape');
  assert(await page.isHidden('.search-popup'), 'Escape closes');
  assert((await page.evaluate(() => document.activeElement.id)) === 'site-search-q', 'focus returns to the box');
  await page.keyboard.press('ArrowDown');
  await page.type('#site-search-q', ' billing', { delay: 20 });
  await page.waitForSelector('.search-popup:not([hidden]) .search-popup-list a');
  await page.keyboard.press('ArrowDown');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  assert(page.url().endsWith(practice('financing-and-sustainability', 'billing-and-medicaid-standards')), page.url());
  const h1 = await page.textContent('h1');
  assert(/billing/i.test(h1), h1);
});

await check('Enter in the header box submits to the search page', async () => {
  await page.goto(`${origin}${base}practices/`);
  await page.fill('#site-search-q', 'scholarships');
  await Promise.all([page.waitForNavigation(), page.press('#site-search-q', 'Enter')]);
  assert(page.url() === `${origin}${base}search/?q=scholarships`, page.url());
  await page.waitForSelector('[data-search-results] a');
  const urls = await page.$$eval('[data-search-results] a', (as) => as.map((a) => a.getAttribute('href')));
  assert(urls.includes(`${base}tips/conference-scholarships/`), urls.join(', '));
});

await check('on a phone, results come before the filters and the title has room above it', async () => {
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await phone.goto(`${origin}${base}search/?q=supervision`);
  await phone.waitForSelector('[data-search-results] a');
  const top = await phone.$eval('[data-search-results] a', (a) => a.getBoundingClientRect().top);
  assert(top < 844, `the first result starts at ${top}px, below the fold of an 844px screen`);
  const folded = await phone.$eval('[data-search-filters]', (d) => !d.open);
  assert(folded, 'the filters start folded on a phone');
  await phone.click('[data-search-filters] summary');
  assert(await phone.$eval('[data-search-filters]', (d) => d.open), 'one tap opens the filters');
  const brand = await phone.$eval('.brand', (b) => b.getBoundingClientRect().top);
  assert(brand >= 8, `the site title sits ${brand}px from the top edge`);
  await phone.close();
});

await check('on a Spanish page, a Spanish word finds the Spanish pages', async () => {
  await page.goto(`${origin}${base}es/search/?q=${encodeURIComponent('entrevistas')}`);
  await page.waitForFunction(() => {
    const s = document.querySelector('[data-search-status]');
    return s && document.querySelectorAll('[data-search-results] a').length > 0;
  }, null, { timeout: 15000 });
  const urls = await page.$$eval('[data-search-results] a', (as) => as.map((a) => a.getAttribute('href')));
  assert(urls.includes(`${base}es/practices/recruitment-and-hiring/competency-based-interviews/`), urls.join(', '));
  assert(urls.every((u) => u.startsWith(`${base}es/`)), `only Spanish pages: ${urls.join(', ')}`);
  // Spanish stemming: the plural finds the singular's page too.
  await page.goto(`${origin}${base}es/search/?q=${encodeURIComponent('supervisores')}`);
  await page.waitForSelector('[data-search-results] a');
  const sup = await page.$$eval('[data-search-results] a', (as) => as.map((a) => a.getAttribute('href')));
  assert(sup.some((u) => u.startsWith(`${base}es/practices/supervision/`)), sup.join(', '));
  // What the search says is in Spanish too, from the theme's Spanish strings.
  const said = await page.textContent('[data-search-status]');
  assert(/^\d+ resultados? para «supervisores»\.$/.test(said.trim()), said);
  await page.fill('#site-search-q', 'xylophonics');
  await page.waitForFunction(() => /No hay resultados para «xylophonics»/.test(document.querySelector('.search-popup-status')?.textContent || ''));
});

await check('no console errors', async () => {
  assert(errors.length === 0, errors.join('\n'));
});

await browser.close();
server.close();
finish();
