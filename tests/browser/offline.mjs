// The offline edition as a reader meets it: a folder opened in headless
// Chromium from file://, with no server. The home page is styled, links lead
// from page to page and to a handout, the search box and the search page find
// pages in each language, and a checklist answer is kept across a reload.
//
//   node tests/browser/offline.mjs DIR
//
// DIR is the output of `practica build --offline` for tests/fixtures/bilingual.
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { assert, checks, CHROMIUM_ARGS, findChromium } from './lib.mjs';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node offline.mjs DIR');
  process.exit(2);
}
const root = pathToFileURL(path.resolve(dir)).href + '/';

const { check, finish } = checks('offline');

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || findChromium(), args: CHROMIUM_ARGS });
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
const errors = [];
const elsewhere = [];
page.on('pageerror', (e) => errors.push(String(e)));
page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
page.on('request', (r) => { if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) elsewhere.push(r.url()); });

await check('the home page opened from the folder is styled', async () => {
  await page.goto(root + 'index.html');
  const header = await page.$eval('.site-header', (h) => getComputedStyle(h).backgroundColor);
  assert(header !== 'rgba(0, 0, 0, 0)' && header !== 'rgb(255, 255, 255)', `the header has no colour: ${header}`);
  const width = await page.$eval('main', (m) => getComputedStyle(m).maxWidth);
  assert(width !== 'none', 'the stylesheet did not load: main has no max-width');
  assert((await page.textContent('h1')).includes('Fixture Guide'), 'the home page title');
});

await check('links lead from the home page to a practice and its handout', async () => {
  await page.goto(root + 'index.html');
  await page.click('.site-nav a:text("Practices")');
  assert(page.url() === root + 'practices/index.html', page.url());
  await page.click('a:text("Write job descriptions")');
  assert(page.url() === root + 'practices/hiring/job-descriptions/index.html', page.url());
  assert((await page.textContent('h1')) === 'Write job descriptions', 'the practice page');
  await page.click('a:text("Print handout")');
  assert(page.url() === root + 'handouts/hiring/job-descriptions/index.html', page.url());
  await page.waitForSelector('.sheet');
  const sheet = await page.$eval('.sheet', (s) => getComputedStyle(s).maxWidth);
  assert(sheet !== 'none', 'the handout stylesheet applies');
  // The language switcher leads to the Spanish page, and back.
  await page.goto(root + 'practices/hiring/job-descriptions/index.html');
  await page.click('.language-switch a[hreflang=es]');
  assert(page.url() === root + 'es/practices/hiring/job-descriptions/index.html', page.url());
});

await check('the header search box finds a practice by a word and opens it', async () => {
  await page.goto(root + 'tips/train-supervisors/index.html');
  await page.fill('#site-search-q', 'interview');
  await page.waitForSelector('.search-popup-list a');
  const hrefs = await page.$$eval('.search-popup-list a', (as) => as.map((a) => a.href));
  assert(hrefs[0] === root + 'practices/hiring/interviews/index.html', hrefs.join(', '));
  const status = await page.textContent('.search-popup-status');
  assert(/^1 result for “interview”\.$/.test(status.trim()), status);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForURL(root + 'practices/hiring/interviews/index.html');
});

await check('the search page takes its query from the address and narrows by filter', async () => {
  await page.goto(root + 'search/index.html?q=supervision');
  await page.waitForSelector('[data-search-results] a');
  const all = await page.$$eval('[data-search-results] a', (as) => as.map((a) => a.href));
  assert(all.includes(root + 'practices/support/regular-supervision/index.html'), all.join(', '));
  const marked = await page.$$eval('[data-search-results] mark', (ms) => ms.map((m) => m.textContent.toLowerCase()));
  assert(marked.some((m) => m.startsWith('supervis')), `matched words are marked: ${marked}`);
  await page.check('input[name=kind][value=Tip]');
  await page.waitForFunction(() => /[?&]kind=Tip/.test(location.search));
  await page.waitForFunction(() => Array.from(document.querySelectorAll('[data-search-results] a')).every((a) => a.href.includes('/tips/')));
  const tips = await page.$$eval('[data-search-results] a', (as) => as.map((a) => a.href));
  assert(tips.length >= 1 && tips.length < all.length, `the filter narrows: ${tips.join(', ')}`);
});

await check('search on a Spanish page finds Spanish pages, in Spanish words', async () => {
  await page.goto(root + 'es/search/index.html?q=' + encodeURIComponent('descripciones'));
  await page.waitForSelector('[data-search-results] a');
  const hrefs = await page.$$eval('[data-search-results] a', (as) => as.map((a) => a.href));
  assert(hrefs.includes(root + 'es/practices/hiring/job-descriptions/index.html'), hrefs.join(', '));
  assert(hrefs.every((h) => h.startsWith(root + 'es/')), `only Spanish pages: ${hrefs.join(', ')}`);
  const status = await page.textContent('[data-search-status]');
  assert(/resultados? para «descripciones»/.test(status), status);
});

await check('a checklist answer is kept across a reload, and the summary chart is drawn', async () => {
  await page.goto(root + 'checklists/self-check/index.html');
  // Each item is a group named by the item; its controls by their own labels.
  const item = page.getByRole('group', { name: /^Supervisors meet staff\./ });
  await item.getByRole('radio', { name: 'In progress', exact: true }).check();
  await item.getByRole('textbox', { name: 'Owner', exact: true }).fill('Dana');
  await page.reload();
  assert(await item.getByRole('radio', { name: 'In progress', exact: true }).isChecked(), 'the answer is kept');
  const owner = await item.getByRole('textbox', { name: 'Owner', exact: true }).inputValue();
  assert(owner === 'Dana', `the owner is kept: ${owner}`);
  const counts = await page.textContent('[data-counts]');
  assert(/1 in progress/.test(counts), counts);
  // The scripts, classic ones, all ran from the folder: the chart is there.
  const bars = await page.locator('[data-assess] svg.chart-bar rect.seg-in-progress').count();
  assert(bars >= 1, `the summary chart has ${bars} in-progress segments`);
});

await check('the action plan opened from the folder lists the open item', async () => {
  await page.goto(root + 'checklists/self-check/index.html');
  await page.click('a:text("Print my action plan")');
  assert(page.url() === root + 'assessment/plan/index.html', page.url());
  await page.waitForSelector('text=Supervisors meet staff.');
  assert((await page.content()).includes('Dana'), 'the owner is on the plan');
});

await check('nothing was requested from anywhere but the folder, and no page had an error', async () => {
  assert(elsewhere.length === 0, elsewhere.join('\n'));
  assert(errors.length === 0, errors.join('\n'));
});

await browser.close();
finish();
