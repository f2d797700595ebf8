// The self-assessment as a reader uses it, in headless Chromium: answering
// checklist items (by mouse and by keyboard), answers that stay with their
// items when the checklist is edited and the site rebuilt, export and import
// between browsers, the team view, the printed action plan, and the page
// without JavaScript or without storage.
//
//   node tests/browser/assess.mjs --site SITE --out OUT --practica BIN --base /guides/peer/ [--shots DIR]
//
// SITE is a copy of tests/fixtures/basic whose checklist the Rust test wrote;
// the script edits it and rebuilds OUT with BIN between steps.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { arg, assert, checks, CHROMIUM_ARGS, findChromium, startServer } from './lib.mjs';

const require = createRequire(import.meta.url);

const site = arg('--site');
const out = arg('--out');
const practica = arg('--practica');
const base = arg('--base', '/');
if (!site || !out || !practica) {
  console.error('usage: node assess.mjs --site SITE --out OUT --practica BIN --base /sub/path/');
  process.exit(2);
}

const { check, finish } = checks('assess');
function equal(got, want, what) {
  const g = JSON.stringify(got);
  const w = JSON.stringify(want);
  if (g !== w) throw new Error(`${what}: got ${g}, want ${w}`);
}

// ---------------------------------------------------------------- the site

const baseUrl = `http://127.0.0.1${base}`;
const KEY = `practica:answers:${baseUrl}`;
const CHECKLIST = 'checklists/self-check';
const GUIDE = 'Fixture Guide';

function rebuild() {
  execFileSync(practica, ['build', '--root', site, '--output', out, '--base-url', baseUrl, '--no-search'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
}
function edit(rel, from, to) {
  const file = path.join(site, rel);
  const text = readFileSync(file, 'utf8');
  assert(text.includes(from), `${rel} has no ${JSON.stringify(from)}`);
  writeFileSync(file, text.replace(from, to));
}

rebuild();
const server = await startServer(out, base);
const origin = `http://127.0.0.1:${server.address().port}`;
const url = (p) => `${origin}${base}${p}`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? findChromium(), args: CHROMIUM_ARGS });
const scratch = mkdtempSync(path.join(os.tmpdir(), 'assess-'));

const errors = [];
/** A fresh browser profile (its own storage), as another computer would be. */
async function newPage(options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, ...options });
  // No request may leave the machine.
  await context.route(() => true, (route) => {
    const u = new URL(route.request().url());
    if (/^https?:$/.test(u.protocol) && u.hostname !== '127.0.0.1') {
      errors.push(`request to another host: ${u.href}`);
      return route.abort('blockedbyclient');
    }
    return route.continue();
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  // Dialogs are answered as the next step says; each one's text is kept.
  page.dialogs = [];
  page.answer = 'dismiss';
  page.on('dialog', (d) => {
    page.dialogs.push(d.message());
    return page.answer === 'accept' ? d.accept() : d.dismiss();
  });
  return page;
}

async function openChecklist(page) {
  await page.goto(url(`${CHECKLIST}/`));
  await page.locator('[data-assess]').waitFor({ state: 'visible' });
}

/** The item whose words include `words`. */
const item = (page, words) => page.locator('li.assess-item', { hasText: words });

/** The answer a reader sees chosen for an item: the label of its checked radio, or ''. */
async function shownAnswer(page, words) {
  const li = item(page, words);
  assert((await li.count()) === 1, `one item "${words}" on the page, found ${await li.count()}`);
  return li.evaluate((el) => {
    const r = el.querySelector('input[type=radio]:checked');
    return r ? r.closest('label').textContent.trim() : '';
  });
}

async function answer(page, words, label) {
  await item(page, words).getByRole('radio', { name: new RegExp(`^${label}: `) }).check();
}

async function fill(page, words, field, value) {
  await item(page, words).getByRole('textbox', { name: new RegExp(`^${field}: `) }).fill(value);
}

async function field(page, words, label) {
  const li = item(page, words);
  const box = label === 'Target date' ? li.getByLabel(/^Target date: /) : li.getByRole('textbox', { name: new RegExp(`^${label}: `) });
  if (!(await box.isVisible())) return null;
  return box.inputValue();
}

const stored = (page) => page.evaluate((k) => JSON.parse(localStorage.getItem(k) || 'null'), KEY);
const counts = (page) => page.locator('[data-counts]').textContent();
const message = (page) => page.locator('[data-message]').first().textContent();

// ---------------------------------------------------------------- answering and editing

await check('every item has In place / In progress / Not yet, named with the item', async () => {
  const page = await newPage();
  await openChecklist(page);
  for (const label of ['In place', 'In progress', 'Not yet']) {
    const r = page.getByRole('radio', { name: `${label}: Offers explain benefits.` });
    equal(await r.count(), 1, `radio "${label}" for the item`);
    assert(await r.isVisible(), `${label} is visible`);
  }
  equal(await page.locator('li.assess-item').count(), 5, 'items with controls');
  equal(await counts(page), '0 in place, 0 in progress, 0 not yet, 5 not answered, of 5 items', 'counts before answering');
  const fields = item(page, 'Offers explain benefits.').getByRole('textbox', { name: /^Owner: / });
  assert(!(await fields.isVisible()), 'no owner field for an unanswered item');
  await page.context().close();
});

// One reader, one browser profile, through edits of the checklist.
const reader = await newPage();

await check('answers, owner, target date and note are kept after reload', async () => {
  const page = reader;
  await openChecklist(page);
  await answer(page, 'Offers explain benefits.', 'In progress');
  await fill(page, 'Offers explain benefits.', 'Owner', 'Pat Lee');
  await item(page, 'Offers explain benefits.').getByLabel(/^Target date: /).fill('2027-03-15');
  await fill(page, 'Offers explain benefits.', 'Note', 'Ask "HR", then the union');
  await answer(page, 'Supervisors meet staff.', 'In place');
  await answer(page, 'Peer workers have a quiet room.', 'Not yet');
  await fill(page, 'Peer workers have a quiet room.', 'Owner', 'Sam Ortiz');
  await answer(page, 'Interview panels include a peer worker.', 'Not yet');
  await fill(page, 'Interview panels include a peer worker.', 'Owner', 'Robin Gray');
  await page.getByLabel('Your name or team').fill('Riverside HR');
  equal(await counts(page), '1 in place, 1 in progress, 2 not yet, 1 not answered, of 5 items', 'counts');
  assert(!(await item(page, 'Supervisors meet staff.').getByRole('textbox', { name: /^Owner: / }).isVisible()), 'an item in place has no owner field');
  await page.reload();
  await page.locator('[data-assess]').waitFor({ state: 'visible' });
  equal(await shownAnswer(page, 'Offers explain benefits.'), 'In progress', 'answer after reload');
  equal(await field(page, 'Offers explain benefits.', 'Owner'), 'Pat Lee', 'owner after reload');
  equal(await field(page, 'Offers explain benefits.', 'Target date'), '2027-03-15', 'target date after reload');
  equal(await field(page, 'Offers explain benefits.', 'Note'), 'Ask "HR", then the union', 'note after reload');
  equal(await shownAnswer(page, 'Supervisors meet staff.'), 'In place', 'second answer');
  equal(await page.getByLabel('Your name or team').inputValue(), 'Riverside HR', 'team name');
  equal(await counts(page), '1 in place, 1 in progress, 2 not yet, 1 not answered, of 5 items', 'counts after reload');
  const row = page.locator('table[data-sections] tbody tr', { hasText: 'Hiring' });
  equal((await row.locator('td').allTextContents()), ['0', '1', '1', '1'], 'the Hiring section\'s counts');
  const data = await stored(page);
  equal(Object.keys(data.lists), [CHECKLIST], 'one list stored, under its key');
  equal(data.lists[CHECKLIST]['offers-explain-benefits'], { answer: 'in-progress', owner: 'Pat Lee', target: '2027-03-15', note: 'Ask "HR", then the union' }, 'the stored answer, by the item\'s id');
});

await check('an answer stays with its item when an item is inserted above it', async () => {
  edit(`content/${CHECKLIST}.md`, '- [ ] Offers explain benefits.', '- [ ] Contracts are signed on day one.\n- [ ] Offers explain benefits.');
  rebuild();
  const page = reader;
  await openChecklist(page);
  equal(await shownAnswer(page, 'Contracts are signed on day one.'), '', 'the new item');
  equal(await shownAnswer(page, 'Offers explain benefits.'), 'In progress', 'the item below it');
  equal(await field(page, 'Offers explain benefits.', 'Owner'), 'Pat Lee', 'its owner');
  equal(await shownAnswer(page, 'Supervisors meet staff.'), 'In place', 'the next section');
  equal(await shownAnswer(page, 'Peer workers have a quiet room.'), 'Not yet', 'the last item');
  equal(await counts(page), '1 in place, 1 in progress, 2 not yet, 2 not answered, of 6 items', 'counts');
});

await check('an answer stays with its item when an item above it is removed', async () => {
  edit(`content/${CHECKLIST}.md`, '- [ ] Interview panels include a peer worker.\n', '');
  rebuild();
  const page = reader;
  await openChecklist(page);
  equal(await item(page, 'Interview panels').count(), 0, 'the removed item is gone');
  equal(await shownAnswer(page, 'Contracts are signed on day one.'), '', 'the new item');
  equal(await shownAnswer(page, 'Offers explain benefits.'), 'In progress', 'the item below');
  equal(await shownAnswer(page, 'Peer workers have a quiet room.'), 'Not yet', 'the last item');
  equal(await counts(page), '1 in place, 1 in progress, 1 not yet, 2 not answered, of 5 items', 'counts leave the removed item out');
  const data = await stored(page);
  equal(data.lists[CHECKLIST]['interview-panels-include-a-peer-worker'].owner, 'Robin Gray', 'the removed item\'s answer is still kept');
});

await check('a reworded item with a pinned id keeps its answer', async () => {
  const page = reader;
  const id = await item(page, 'Offers explain benefits.').locator('[data-task]').getAttribute('data-task');
  edit(`content/${CHECKLIST}.md`, '- [ ] Offers explain benefits.', `- [ ] Offers explain pay and benefits in writing. {#${id}}`);
  rebuild();
  await openChecklist(page);
  equal(await item(page, 'Offers explain benefits.').count(), 0, 'the old words are gone');
  equal(await shownAnswer(page, 'Offers explain pay and benefits in writing.'), 'In progress', 'the reworded item');
  equal(await field(page, 'Offers explain pay and benefits in writing.', 'Owner'), 'Pat Lee', 'its owner');
  assert(!(await page.locator('main').textContent()).includes('{#'), 'the pinned id is not shown');
});

await check('clearing asks first: dismissed keeps the answers, accepted clears them', async () => {
  const page = await newPage();
  await openChecklist(page);
  await answer(page, 'Supervisors meet staff.', 'In place');
  await answer(page, 'Peer workers have a quiet room.', 'In progress');
  page.answer = 'dismiss';
  await page.getByRole('button', { name: 'Clear my answers' }).click();
  equal(page.dialogs.length, 1, 'a confirm dialog');
  assert(page.dialogs[0].includes('all 5 items'), page.dialogs[0]);
  equal(await shownAnswer(page, 'Supervisors meet staff.'), 'In place', 'kept after dismissing');
  await page.reload();
  equal(await shownAnswer(page, 'Peer workers have a quiet room.'), 'In progress', 'still kept after reload');
  page.answer = 'accept';
  await page.getByRole('button', { name: 'Clear my answers' }).click();
  equal(await shownAnswer(page, 'Supervisors meet staff.'), '', 'cleared');
  equal(await counts(page), '0 in place, 0 in progress, 0 not yet, 5 not answered, of 5 items', 'counts after clearing');
  await page.waitForFunction(() => document.querySelector('[data-message]').textContent.includes('cleared'));
  await page.reload();
  equal(await shownAnswer(page, 'Peer workers have a quiet room.'), '', 'still cleared after reload');
  await page.context().close();
});

await check('an item can be answered with the keyboard alone', async () => {
  const page = await newPage();
  await openChecklist(page);
  // The practice link in the first item, then Tab into its answers.
  await item(page, 'Job descriptions exist.').getByRole('link').focus();
  await page.keyboard.press('Tab');
  let focused = await page.evaluate(() => document.activeElement.getAttribute('aria-label'));
  equal(focused, 'In place: Job descriptions exist. (Job descriptions)', 'Tab reaches the first answer');
  await page.keyboard.press('ArrowRight');
  focused = await page.evaluate(() => document.activeElement.getAttribute('aria-label'));
  equal(focused, 'In progress: Job descriptions exist. (Job descriptions)', 'an arrow key moves to the next answer');
  equal(await shownAnswer(page, 'Job descriptions exist.'), 'In progress', 'and chooses it');
  await page.keyboard.press('ArrowRight');
  equal(await shownAnswer(page, 'Job descriptions exist.'), 'Not yet', 'and the next');
  await page.keyboard.press('Tab');
  focused = await page.evaluate(() => document.activeElement.getAttribute('aria-label'));
  equal(focused, 'Owner: Job descriptions exist. (Job descriptions)', 'Tab goes on to the owner');
  await page.keyboard.type('Kim');
  equal(await counts(page), '0 in place, 0 in progress, 1 not yet, 4 not answered, of 5 items', 'counts');
  await page.reload();
  equal(await shownAnswer(page, 'Job descriptions exist.'), 'Not yet', 'kept');
  equal(await field(page, 'Job descriptions exist.', 'Owner'), 'Kim', 'owner kept');
  await page.context().close();
});

await check('a practice page answers its "In place when" items, with the compact progress', async () => {
  const page = reader;
  await page.goto(url('practices/hiring/job-descriptions/'));
  await page.locator('[data-assess]').waitFor({ state: 'visible' });
  equal(await page.locator('[data-assess] button').allTextContents(), ['Clear my answers'], 'only clearing among the buttons');
  await answer(page, 'A description exists.', 'Not yet');
  await fill(page, 'A description exists.', 'Owner', 'Jo Park');
  equal(await counts(page), '0 in place, 0 in progress, 1 not yet, 0 not answered, of 1 item', 'compact counts');
  const data = await stored(page);
  equal(data.lists['practices/hiring/job-descriptions']['a-description-exists'].owner, 'Jo Park', 'stored under the practice');
  assert(data.lists[CHECKLIST]['offers-explain-benefits'], 'the checklist\'s answers are still there');
});

// ---------------------------------------------------------------- export and import

let exported = null;
let exportName = '';
await check('Download my answers (JSON) holds every list\'s answers, with titles', async () => {
  const page = reader;
  await openChecklist(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download my answers (JSON)' }).click()]);
  exportName = download.suggestedFilename();
  assert(/^fixture-guide-answers-riverside-hr-\d{4}-\d{2}-\d{2}\.json$/.test(exportName), `file name ${exportName}`);
  const file = path.join(scratch, exportName);
  await download.saveAs(file);
  exported = readFileSync(file, 'utf8');
  const f = JSON.parse(exported);
  equal([f.format, f.version, f.guide, f.name], ['practica-answers', 1, GUIDE, 'Riverside HR'], 'header');
  assert(!Number.isNaN(Date.parse(f.exported)), `exported date ${f.exported}`);
  equal(f.lists[CHECKLIST].title, 'Self check', 'the checklist\'s title');
  equal(f.lists['practices/hiring/job-descriptions'].title, 'Write job descriptions', 'the practice\'s title');
  equal(f.lists[CHECKLIST].answers['offers-explain-benefits'].owner, 'Pat Lee', 'an answer');
});

await check('importing the file in another browser gives the same answers', async () => {
  const page = await newPage();
  await openChecklist(page);
  page.answer = 'accept';
  await page.locator('[data-import]').setInputFiles({ name: exportName, mimeType: 'application/json', buffer: Buffer.from(exported) });
  await page.waitForFunction(() => /Imported/.test(document.querySelector('[data-message]').textContent));
  equal(page.dialogs.length, 1, 'asked first');
  assert(page.dialogs[0].includes('with the 5 answers in'), page.dialogs[0]);
  equal(await shownAnswer(page, 'Offers explain pay and benefits in writing.'), 'In progress', 'answer');
  equal(await field(page, 'Offers explain pay and benefits in writing.', 'Note'), 'Ask "HR", then the union', 'note');
  equal(await shownAnswer(page, 'Supervisors meet staff.'), 'In place', 'another answer');
  equal(await page.getByLabel('Your name or team').inputValue(), 'Riverside HR', 'name');
  equal(await counts(page), '1 in place, 1 in progress, 1 not yet, 2 not answered, of 5 items', 'counts');
  equal((await stored(page)).lists, (await stored(reader)).lists, 'the same answers in both browsers');
  await page.context().close();
});

await check('a file of another guide, a cut-short file and a file not practica\'s are refused', async () => {
  const page = reader;
  await openChecklist(page);
  const before = await stored(page);
  page.dialogs.length = 0;
  const other = JSON.parse(exported);
  other.guide = 'Another Guide';
  const cases = [
    ['other.json', JSON.stringify(other), '"other.json" holds answers for "Another Guide", not for this guide. Nothing was changed.'],
    ['cut.json', exported.slice(0, Math.floor(exported.length / 2)), '"cut.json" is not a complete practica answers file; it may be damaged or cut short. Nothing was changed.'],
    ['list.json', '[1, 2, 3]', '"list.json" is not a complete practica answers file; it may be damaged or cut short. Nothing was changed.'],
  ];
  for (const [name, text, want] of cases) {
    await page.locator('[data-import]').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
    await page.waitForFunction((w) => document.querySelector('[data-message]').textContent === w, want);
  }
  equal(page.dialogs.length, 0, 'no question asked');
  equal(await stored(page), before, 'nothing changed');
  equal(await shownAnswer(page, 'Supervisors meet staff.'), 'In place', 'still shown');
});

await check('keys like "__proto__" and "constructor" in a shared file are only data', async () => {
  const page = await newPage();
  await openChecklist(page);
  page.answer = 'accept';
  const real = JSON.stringify(JSON.parse(exported).lists[CHECKLIST].answers).slice(1, -1);
  const text = `{"format":"practica-answers","version":1,"guide":"${GUIDE}","name":"Odd","lists":{` +
    '"__proto__":{"answers":{"answer":{"answer":"in-place"}}},' +
    `"${CHECKLIST}":{"answers":{"__proto__":{"answer":"not-yet","owner":"x"},"constructor":{"answer":"in-place"},${real}}}}}`;
  await page.locator('[data-import]').setInputFiles({ name: 'odd.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await page.waitForFunction(() => /Imported/.test(document.querySelector('[data-message]').textContent));
  equal(await page.evaluate(() => [({}).answer, Object.answer, typeof ({}).owner]), [undefined, undefined, 'undefined'], 'nothing reached Object');
  equal(await shownAnswer(page, 'Supervisors meet staff.'), 'In place', 'the real answers are there');
  const kept = await page.evaluate(([k, l]) => {
    const d = JSON.parse(localStorage.getItem(k));
    return [Object.hasOwn(d.lists[l], '__proto__'), d.lists[l].constructor.answer, Object.hasOwn(d.lists, '__proto__')];
  }, [KEY, CHECKLIST]);
  equal(kept, [true, 'in-place', true], 'stored as plain keys');
  await page.context().close();
});

await check('Download as a spreadsheet (CSV): every item, the columns, quoted, UTF-8 with a BOM', async () => {
  const page = reader;
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download as a spreadsheet (CSV)' }).click()]);
  assert(download.suggestedFilename().endsWith('.csv'), download.suggestedFilename());
  const file = path.join(scratch, 'answers.csv');
  await download.saveAs(file);
  const bytes = readFileSync(file);
  equal([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the BOM');
  const rows = parseCsv(bytes.subarray(3).toString('utf8'));
  equal(rows[0], ['Checklist', 'Section', 'Item', 'Answer', 'Owner', 'Target date', 'Note', 'Practice'], 'header row');
  equal(rows.length, 1 + 5 + 1, 'one row per item of the checklist and the practice');
  const offers = rows.find((r) => r[2].startsWith('Offers explain pay'));
  equal(offers, ['Self check', 'Hiring', 'Offers explain pay and benefits in writing.', 'In progress', 'Pat Lee', '2027-03-15', 'Ask "HR", then the union', ''], 'a row');
  const jd = rows.find((r) => r[2].startsWith('Job descriptions exist'));
  equal([jd[3], jd[7]], ['', 'Write job descriptions'], 'an unanswered row names its practice');
  assert(bytes.includes(Buffer.from('"Ask ""HR"", then the union"')), 'quotes doubled inside a quoted cell');
});

/** RFC 4180: rows of cells, quoted cells with doubled quotes, CRLF between rows. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; }
    else if (c === '\n') throw new Error(`a bare LF at ${i}`);
    else cell += c;
  }
  if (cell || row.length) throw new Error('the last row does not end with CRLF');
  return rows;
}

// ---------------------------------------------------------------- team view

await check('the team view shows three people\'s answers, counts and where they differ', async () => {
  const page = await newPage();
  await page.goto(url('assessment/team/'));
  const f = JSON.parse(exported);
  const person = (name, answers) => JSON.stringify({ ...f, name, lists: { [CHECKLIST]: { title: 'Self check', answers } } });
  const a = (answer) => ({ answer, owner: '', target: '', note: '' });
  const supervisors = Object.keys(f.lists[CHECKLIST].answers).find((id) => id.startsWith('supervisors-meet-staff'));
  const files = [
    { name: 'riverside.json', mimeType: 'application/json', buffer: Buffer.from(exported) },
    { name: 'alex.json', mimeType: 'application/json', buffer: Buffer.from(person('Alex', { 'offers-explain-benefits': a('in-place'), [supervisors]: a('in-place') })) },
    { name: 'no-name.json', mimeType: 'application/json', buffer: Buffer.from(person('', { 'offers-explain-benefits': a('not-yet'), [supervisors]: a('in-place') })) },
    { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(exported.slice(0, 40)) },
  ];
  await page.locator('[data-team-files]').setInputFiles(files);
  await page.locator('.team-table').first().waitFor();
  const body = page.locator('[data-team-body]');
  assert((await body.textContent()).includes('3 people: Riverside HR, Alex, no-name.json'), `people: ${await page.locator('.team-people').textContent()}`);
  equal(await page.locator('.team-table').first().locator('thead th').allTextContents(), ['Item', 'Riverside HR', 'Alex', 'no-name.json', 'Summary'], 'columns');
  const offers = body.locator('tr', { hasText: 'Offers explain pay and benefits' });
  equal(await offers.locator('td .team-answer-word').allTextContents(), ['In progress', 'In place', 'Not yet'], 'each person\'s answer');
  const summary = await offers.locator('td').last().textContent();
  assert(summary.includes('1 in place · 1 in progress · 1 not yet') && summary.includes('Answers differ'), summary);
  const same = await body.locator('tr', { hasText: 'Supervisors meet staff.' }).locator('td').last().textContent();
  assert(same.includes('3 in place · 0 in progress · 0 not yet') && !same.includes('Answers differ'), same);
  const differing = await body.locator('tr', { hasText: 'Answers differ' }).count();
  equal(differing, 1, 'rows marked as differing');
  assert((await body.textContent()).includes('Answers differ on 1 item.'), 'the list says how many differ');
  await page.waitForFunction(() => document.querySelector('[data-message]').textContent.includes('broken.json'));
  equal(await message(page), '"broken.json" is not a complete practica answers file; it may be damaged or cut short. Nothing was changed.', 'the damaged file is reported');
  await page.context().close();
});

// ---------------------------------------------------------------- action plan

await check('the printed action plan holds the open items with their owners, and no item in place', async () => {
  const page = reader;
  await page.goto(url('assessment/plan/'));
  await page.locator('.plan-table').first().waitFor();
  const meta = await page.locator('[data-plan-meta]').textContent();
  assert(meta.startsWith('Prepared by Riverside HR on '), meta);
  assert(await page.getByRole('button', { name: 'Print' }).isVisible(), 'a Print button');
  for (const [format, file] of [[null, 'plan-letter.pdf'], ['A4', 'plan-a4.pdf']]) {
    const pdf = path.join(scratch, file);
    await page.pdf(format ? { path: pdf, format } : { path: pdf, preferCSSPageSize: true });
    const text = execFileSync('pdftotext', [pdf, '-']).toString().replace(/\s+/g, ' ');
    for (const want of ['My action plan', 'Self check', 'Offers explain pay and benefits in writing.', 'Pat Lee', 'In progress', 'March 15, 2027', 'Peer workers have a quiet room.', 'Sam Ortiz', 'Not yet', 'Write job descriptions', 'Jo Park']) {
      assert(text.includes(want), `${file} lacks "${want}": ${text}`);
    }
    for (const unwanted of ['Supervisors meet staff', 'Contracts are signed', 'Interview panels', 'Robin Gray']) {
      assert(!text.includes(unwanted), `${file} shows "${unwanted}", which is in place, unanswered or removed`);
    }
  }
});

await check('the action plan of a reader with no open items says so', async () => {
  const page = await newPage();
  await page.goto(url('assessment/plan/'));
  await page.locator('.plan-empty').waitFor();
  equal(await page.locator('.plan-empty').textContent(), 'No open items yet. Answer items "In progress" or "Not yet" on a checklist, and they appear here.', 'empty plan');
  assert((await page.locator('[data-plan-meta]').textContent()).startsWith('Prepared on '), 'meta without a name');
  await page.context().close();
});

// ---------------------------------------------------------------- without storage, without JavaScript

await check('with storage turned off, answering still works and the page says so once', async () => {
  const page = await newPage();
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });
  });
  await openChecklist(page);
  await answer(page, 'Supervisors meet staff.', 'In place');
  await answer(page, 'Peer workers have a quiet room.', 'Not yet');
  equal(await counts(page), '1 in place, 0 in progress, 1 not yet, 3 not answered, of 5 items', 'counts in memory');
  const off = 'This browser does not let the page keep your answers (storage is turned off). Download them before you leave the page.';
  await page.waitForFunction((w) => document.querySelector('[data-message]').textContent === w, off);
  await page.context().close();
});

await check('without JavaScript the checklist lists every item, its practice and the blank worksheet', async () => {
  const page = await newPage({ javaScriptEnabled: false });
  await page.goto(url(`${CHECKLIST}/`));
  equal(await page.locator('.task').count(), 5, 'items');
  assert(await page.locator('.task', { hasText: 'Job descriptions exist.' }).getByRole('link', { name: 'Job descriptions' }).isVisible(), 'the practice link');
  assert(await page.getByRole('link', { name: 'Print a blank worksheet' }).isVisible(), 'the worksheet link');
  const note = page.locator('.assess-nojs');
  assert((await note.isVisible()) && (await note.textContent()).startsWith('Answering here needs JavaScript'), 'the note');
  assert(!(await page.locator('[data-assess]').isVisible()), 'no controls that cannot work');
  await page.context().close();
});

// ---------------------------------------------------------------- accessibility with answers

await check('axe finds no WCAG 2.1 AA problem on the answered checklist, the plan and the team view', async () => {
  const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const page = reader;
  const run = async (what) => {
    await page.evaluate(axeSource);
    const r = await page.evaluate(() => window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] }));
    const v = r.violations.map((x) => `${x.id}: ${x.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
    equal(v, [], `${what} axe violations`);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert(wide <= 1, `${what} overflows by ${wide}px`);
  };
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 844 });
    await openChecklist(page);
    await run(`checklist at ${width}px`);
    await page.goto(url('assessment/plan/'));
    await page.locator('.plan-table').first().waitFor();
    await run(`plan at ${width}px`);
    await page.goto(url('assessment/team/'));
    await page.locator('[data-team-files]').setInputFiles([
      { name: 'a.json', mimeType: 'application/json', buffer: Buffer.from(exported) },
      { name: 'b.json', mimeType: 'application/json', buffer: Buffer.from(exported.replace('"Riverside HR"', '"Team B"')) },
    ]);
    await page.locator('.team-table').first().waitFor();
    await run(`team view at ${width}px`);
  }
});

await check('no request left the machine and no page had an error', async () => {
  equal(errors, [], 'errors');
});

await browser.close();
server.close();
finish();
