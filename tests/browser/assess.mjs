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
import { arg, assert, checks, CHROMIUM_ARGS, findChromium, startServer, nuErrors } from './lib.mjs';

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
const CHECKLIST_KEY = CHECKLIST;
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
  await item(page, words).getByRole('radio', { name: label, exact: true }).check();
}

async function fill(page, words, field, value) {
  await item(page, words).getByRole('textbox', { name: field, exact: true }).fill(value);
}

async function field(page, words, label) {
  const box = item(page, words).getByRole('textbox', { name: label, exact: true });
  if (!(await box.isVisible())) return null;
  return box.inputValue();
}

const stored = (page) => page.evaluate((k) => JSON.parse(localStorage.getItem(k) || 'null'), KEY);
const counts = (page) => page.locator('[data-counts]').textContent();
const message = (page) => page.locator('[data-message]').first().textContent();

// ---------------------------------------------------------------- answering and editing

await check('every item is a group named by the item, with In place / In progress / Not yet', async () => {
  const page = await newPage();
  await openChecklist(page);
  const group = page.getByRole('group', { name: 'Offers explain benefits.', exact: true });
  equal(await group.count(), 1, 'one group named by the item');
  for (const label of ['In place', 'In progress', 'Not yet']) {
    const r = group.getByRole('radio', { name: label, exact: true });
    equal(await r.count(), 1, `radio "${label}" for the item`);
    assert(await r.isVisible(), `${label} is visible`);
  }
  equal(await page.locator('li.assess-item').count(), 5, 'items with controls');
  equal(await counts(page), '0 in place, 0 in progress, 0 not yet, 5 not answered, of 5 items', 'counts before answering');
  const fields = item(page, 'Offers explain benefits.').getByRole('textbox', { name: 'Owner', exact: true });
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
  await fill(page, 'Offers explain benefits.', 'Target date', '2027-03-15');
  await fill(page, 'Offers explain benefits.', 'Note', 'Ask "HR", then the union');
  await answer(page, 'Supervisors meet staff.', 'In place');
  await answer(page, 'Peer workers have a quiet room.', 'Not yet');
  await fill(page, 'Peer workers have a quiet room.', 'Owner', 'Sam Ortiz');
  await answer(page, 'Interview panels include a peer worker.', 'Not yet');
  await fill(page, 'Interview panels include a peer worker.', 'Owner', 'Robin Gray');
  await page.getByLabel('Your name or team').fill('Riverside HR');
  equal(await counts(page), '1 in place, 1 in progress, 2 not yet, 1 not answered, of 5 items', 'counts');
  assert(!(await item(page, 'Supervisors meet staff.').getByRole('textbox', { name: 'Owner', exact: true }).isVisible()), 'an item in place has no owner field');
  await page.reload();
  await page.locator('[data-assess]').waitFor({ state: 'visible' });
  equal(await shownAnswer(page, 'Offers explain benefits.'), 'In progress', 'answer after reload');
  equal(await field(page, 'Offers explain benefits.', 'Owner'), 'Pat Lee', 'owner after reload');
  equal(await field(page, 'Offers explain benefits.', 'Target date'), '2027-03-15', 'target date after reload');
  equal(await field(page, 'Offers explain benefits.', 'Note'), 'Ask "HR", then the union', 'note after reload');
  equal(await shownAnswer(page, 'Supervisors meet staff.'), 'In place', 'second answer');
  equal(await page.getByLabel('Your name or team').inputValue(), 'Riverside HR', 'team name');
  equal(await counts(page), '1 in place, 1 in progress, 2 not yet, 1 not answered, of 5 items', 'counts after reload');
  const row = page.locator('[data-assess] .area-table tbody tr', { hasText: 'Hiring' });
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
  await page.locator('[data-assess]').getByRole('button', { name: 'Clear my answers' }).click();
  equal(page.dialogs.length, 1, 'a confirm dialog');
  assert(page.dialogs[0].includes('all 5 items'), page.dialogs[0]);
  equal(await shownAnswer(page, 'Supervisors meet staff.'), 'In place', 'kept after dismissing');
  await page.reload();
  equal(await shownAnswer(page, 'Peer workers have a quiet room.'), 'In progress', 'still kept after reload');
  page.answer = 'accept';
  await page.locator('[data-assess]').getByRole('button', { name: 'Clear my answers' }).click();
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
  // What the focused control is, as a screen reader names it: its group (the
  // item) and its own label.
  const focusName = () => page.evaluate(() => {
    const el = document.activeElement;
    const legend = el.closest('fieldset')?.querySelector('legend')?.textContent.replace(/\s+/g, ' ').trim();
    return `${legend} | ${el.labels?.[0]?.textContent.trim()}`;
  });
  let focused = await focusName();
  equal(focused, 'Job descriptions exist. (Job descriptions) | In place', 'Tab reaches the first answer');
  await page.keyboard.press('ArrowRight');
  focused = await focusName();
  equal(focused, 'Job descriptions exist. (Job descriptions) | In progress', 'an arrow key moves to the next answer');
  equal(await shownAnswer(page, 'Job descriptions exist.'), 'In progress', 'and chooses it');
  await page.keyboard.press('ArrowRight');
  equal(await shownAnswer(page, 'Job descriptions exist.'), 'Not yet', 'and the next');
  await page.keyboard.press('Tab');
  focused = await focusName();
  equal(focused, 'Job descriptions exist. (Job descriptions) | Owner', 'Tab goes on to the owner');
  await page.keyboard.type('Kim');
  equal(await counts(page), '0 in place, 0 in progress, 1 not yet, 4 not answered, of 5 items', 'counts');
  await page.reload();
  equal(await shownAnswer(page, 'Job descriptions exist.'), 'Not yet', 'kept');
  equal(await field(page, 'Job descriptions exist.', 'Owner'), 'Kim', 'owner kept');
  await page.context().close();
});

await check('a screen reader hears each item once: the group is the item, each control its own label', async () => {
  const page = await newPage();
  await openChecklist(page);
  await answer(page, 'Supervisors meet staff.', 'Not yet');
  const one = await item(page, 'Supervisors meet staff.').ariaSnapshot();
  assert(one.includes('group "Supervisors meet staff. (Supervision)"'), one);
  for (const control of ['radio "In place"', 'radio "In progress"', 'radio "Not yet" [checked]', 'textbox "Owner"', 'textbox "Target date"', 'textbox "Note"']) {
    assert(one.includes(control), `the item's snapshot lacks ${control}:\n${one}`);
  }
  // The words are in the group's name; nothing else in the item repeats them.
  const said = one.split('Supervisors meet staff.').length - 1;
  assert(said <= 2, `the item's words are said ${said} times:\n${one}`);
  assert(!/(radio|textbox) "[^"]*Supervisors/.test(one), `a control repeats the item:\n${one}`);
  const all = await page.locator('.prose').ariaSnapshot();
  for (const words of ['Offers explain pay and benefits in writing.', 'Peer workers have a quiet room.', 'Job descriptions exist.']) {
    const n = all.split(words).length - 1;
    assert(n >= 1 && n <= 2, `"${words}" is said ${n} times in the list:\n${all}`);
  }
  await page.context().close();
});

await check('whole options at least 44px tall, and a chosen option keeps its width', async () => {
  const page = await newPage();
  for (const width of [320, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await openChecklist(page);
    const options = item(page, 'Supervisors meet staff.').locator('label.choice');
    const before = await options.evaluateAll((ls) => ls.map((l) => l.getBoundingClientRect()).map((r) => [r.width, r.height]));
    for (const [, h] of before) assert(h >= 44, `an option ${h}px tall at ${width}px`);
    await answer(page, 'Supervisors meet staff.', 'In place');
    const after = await options.evaluateAll((ls) => ls.map((l) => l.getBoundingClientRect().width));
    equal(after, before.map(([w]) => w), `option widths at ${width}px before and after choosing`);
    // The focus ring goes round the whole option.
    await item(page, 'Supervisors meet staff.').getByRole('radio', { name: 'In place', exact: true }).focus();
    await page.keyboard.press('ArrowRight');
    const ring = await item(page, 'Supervisors meet staff.').locator('label.choice-in-progress').evaluate((l) => getComputedStyle(l).outlineStyle);
    equal(ring, 'solid', 'the focused option\'s outline');
  }
  await page.context().close();
});

await check('a target date is typed; an impossible one is refused beside the field and not kept', async () => {
  const page = await newPage();
  await openChecklist(page);
  await answer(page, 'Peer workers have a quiet room.', 'Not yet');
  const box = item(page, 'Peer workers have a quiet room.').getByRole('textbox', { name: 'Target date', exact: true });
  equal(await box.getAttribute('type'), 'text', 'a text field');
  await box.fill('2026-02-30');
  await box.press('Tab');
  const error = item(page, 'Peer workers have a quiet room.').locator('.field-error');
  assert(await error.isVisible(), 'an error is shown');
  assert((await error.textContent()).startsWith('Enter a real date'), await error.textContent());
  equal(await box.getAttribute('aria-invalid'), 'true', 'the field is marked invalid');
  const described = await box.evaluate((b) => b.getAttribute('aria-describedby').split(' ').map((id) => document.getElementById(id).textContent).join(' | '));
  assert(described.includes('Enter a real date') && described.includes('2027-03-31'), described);
  equal((await stored(page)).lists[CHECKLIST]['peer-workers-have-a-quiet-room'].target, '', 'nothing kept');
  await box.fill('2028-02-29');
  await box.press('Tab');
  assert(!(await error.isVisible()), 'the error goes');
  equal((await stored(page)).lists[CHECKLIST]['peer-workers-have-a-quiet-room'].target, '2028-02-29', 'a leap day is kept');
  await page.context().close();
});

await check('the actions are repeated after the last item: one primary, clearing a warning', async () => {
  const page = await newPage();
  await openChecklist(page);
  const end = page.locator('[data-assess-end]');
  assert(await end.isVisible(), 'actions after the list');
  const last = await page.evaluate(() => {
    const items = [...document.querySelectorAll('li.assess-item')];
    const end = document.querySelector('[data-assess-end]');
    return items.every((li) => li.compareDocumentPosition(end) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  assert(last, 'the repeated actions come after every item');
  for (const where of ['[data-assess]', '[data-assess-end]']) {
    const primary = page.locator(`${where} .assess-actions .button-primary`);
    equal(await primary.allTextContents(), ['Download my answers (JSON)'], `${where}'s primary action`);
    equal(await page.locator(`${where} .button-warning`).allTextContents(), ['Clear my answers'], `${where}'s warning`);
  }
  await answer(page, 'Supervisors meet staff.', 'In place');
  page.answer = 'dismiss';
  await end.getByRole('button', { name: 'Clear my answers' }).click();
  equal(page.dialogs.length, 1, 'the lower Clear asks too');
  equal(await shownAnswer(page, 'Supervisors meet staff.'), 'In place', 'kept after dismissing');
  const [download] = await Promise.all([page.waitForEvent('download'), end.getByRole('button', { name: 'Download my answers (JSON)' }).click()]);
  const said = `Downloaded "${download.suggestedFilename()}".`;
  await page.waitForFunction((w) => document.querySelector('[data-assess-end] [data-message]').textContent === w, said);
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
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-assess]').getByRole('button', { name: 'Download my answers (JSON)' }).click()]);
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
  await page.locator('[data-assess] [data-import]').setInputFiles({ name: exportName, mimeType: 'application/json', buffer: Buffer.from(exported) });
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
  // Another guide: another title, and none of its items is one of this guide's.
  const other = JSON.parse(exported);
  other.guide = 'Another Guide';
  other.lists = { 'checklists/elsewhere': { answers: { 'some-item': { answer: 'in-place' } } } };
  const cases = [
    ['other.json', JSON.stringify(other), '"other.json" holds answers for "Another Guide", not for this guide. Nothing was changed.'],
    ['cut.json', exported.slice(0, Math.floor(exported.length / 2)), '"cut.json" is not a complete practica answers file; it may be damaged or cut short. Nothing was changed.'],
    ['list.json', '[1, 2, 3]', '"list.json" is not a complete practica answers file; it may be damaged or cut short. Nothing was changed.'],
  ];
  for (const [name, text, want] of cases) {
    await page.locator('[data-assess] [data-import]').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
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
  await page.locator('[data-assess] [data-import]').setInputFiles({ name: 'odd.json', mimeType: 'application/json', buffer: Buffer.from(text) });
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
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-assess]').getByRole('button', { name: 'Download as a spreadsheet (CSV)' }).click()]);
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

let teamFiles = null;
let teamExport = null;

/** Three people's files: the reader's export, Alex's and one without a name. */
function threePeople() {
  const f = JSON.parse(exported);
  const person = (name, answers) => JSON.stringify({ ...f, name, lists: { [CHECKLIST]: { title: 'Self check', answers } } });
  const a = (answer) => ({ answer, owner: '', target: '', note: '' });
  const supervisors = Object.keys(f.lists[CHECKLIST].answers).find((id) => id.startsWith('supervisors-meet-staff'));
  return [
    { name: 'riverside.json', mimeType: 'application/json', buffer: Buffer.from(exported) },
    { name: 'alex.json', mimeType: 'application/json', buffer: Buffer.from(person('Alex', { 'offers-explain-benefits': a('in-place'), [supervisors]: a('in-place') })) },
    { name: 'no-name.json', mimeType: 'application/json', buffer: Buffer.from(person('', { 'offers-explain-benefits': a('not-yet'), [supervisors]: a('in-place') })) },
  ];
}

async function openTeam(page, files) {
  await page.goto(url('assessment/team/'));
  await page.locator('[data-team-files]').setInputFiles(files);
  await page.locator('.team-card').first().waitFor({ state: 'attached' });
}

await check('the team view opens with the summary by area: each person\'s counts and the team\'s match the files', async () => {
  const page = await newPage();
  teamFiles = threePeople();
  await openTeam(page, [...teamFiles, { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(exported.slice(0, 40)) }]);
  const body = page.locator('[data-team-body]');
  assert((await body.textContent()).includes('3 people: Riverside HR, Alex, no-name.json'), `people: ${await page.locator('.team-people').textContent()}`);
  // The summary comes before any item.
  const first = await page.evaluate(() => {
    const s = document.querySelector('[data-team-body] .area-summary');
    const c = document.querySelector('[data-team-body] .team-card');
    return !!(s.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  assert(first, 'the summary is first');
  // Each person's counts per area, worked out here from the files and the guide's items.
  const lists = await page.evaluate(() => window.practicaItems.lists);
  const list = lists.find((l) => l.key === CHECKLIST_KEY);
  const rows = await page.locator('[data-team-body] .team-list').first().locator('.area-table tbody tr').evaluateAll((trs) => {
    let area = '';
    return trs.map((tr) => {
      const th = tr.querySelector('th:not(.area-who)');
      if (th) area = th.textContent;
      return [area, tr.querySelector('.area-who').textContent, ...[...tr.querySelectorAll('td')].map((td) => Number(td.textContent))];
    });
  });
  const want = [];
  for (const section of list.sections) {
    for (const f of teamFiles) {
      const file = JSON.parse(f.buffer.toString());
      const answers = file.lists[CHECKLIST]?.answers ?? {};
      const c = { 'in-place': 0, 'in-progress': 0, 'not-yet': 0, '': 0 };
      for (const it of section.items) c[answers[it.id]?.answer ?? '']++;
      want.push([section.title, file.name || f.name, c['in-place'], c['in-progress'], c['not-yet'], c['']]);
    }
    // The team: agreed where everyone who answered agrees (the offers differ).
    want.push([section.title, 'Team', ...{ Hiring: [0, 0, 0, 3], Support: [1, 0, 1, 0] }[section.title]]);
  }
  equal(rows, want, 'the summary table');
  // The chart draws the same figures.
  const bars = await page.locator('[data-team-body] .team-list').first().locator('svg.chart-bar').evaluateAll((svgs) => svgs.map((svg) => [svg.getAttribute('data-label'), ...[...svg.querySelectorAll('rect')].map((r) => `${r.getAttribute('class').replace('seg seg-', '')}=${r.getAttribute('data-count')}`)]));
  equal(bars[0], ['Riverside HR', 'in-progress=1', 'unanswered=2'], 'the first bar');
  equal(bars.length, want.length, 'one bar per row of the table');
  await page.waitForFunction(() => document.querySelector('[data-message]').textContent.includes('broken.json'));
  equal(await message(page), '"broken.json" is not a complete practica answers file; it may be damaged or cut short. Nothing was changed.', 'the damaged file is reported');
  await page.context().close();
});

await check('"Only items where answers differ" is on, and shows exactly the differing items', async () => {
  const page = await newPage();
  await openTeam(page, teamFiles);
  const only = page.getByRole('checkbox', { name: 'Only items where answers differ' });
  assert(await only.isChecked(), 'on by default when answers differ');
  const visible = () => page.locator('.team-card:visible .team-item-text').allTextContents();
  equal(await visible(), ['Offers explain pay and benefits in writing.'], 'the differing items');
  const offers = page.locator('.team-card', { hasText: 'Offers explain pay and benefits' });
  equal(await offers.locator('.team-answer').allTextContents(), ['Riverside HR: In progressOwner: Pat LeeTarget date: March 15, 2027Note: Ask "HR", then the union', 'Alex: In place', 'no-name.json: Not yet'], 'each person\'s answer');
  equal(await page.locator('.team-shown').textContent(), 'Showing 1 of 6 items.', 'what the filter shows');
  assert((await page.locator('[data-team-body]').textContent()).includes('Answers differ on 1 item.'), 'the list says how many differ');
  await only.uncheck();
  equal((await visible()).length, 6, 'every item with the filter off');
  const same = page.locator('.team-card', { hasText: 'Supervisors meet staff.' });
  assert(await same.getByRole('radio', { name: 'In place', exact: true }).isChecked(), 'an agreed answer is the team\'s');
  assert(!(await offers.getByRole('radio', { name: 'In place', exact: true }).isChecked()) && !(await offers.getByRole('radio', { name: 'Not yet', exact: true }).isChecked()), 'a differing item has no team answer yet');
  await page.context().close();
});

await check('the team\'s answers download as an answers file named for the team, and re-import', async () => {
  const page = await newPage();
  await openTeam(page, teamFiles);
  await page.getByLabel('The team\'s name').fill('Riverside team');
  const offers = page.locator('.team-card', { hasText: 'Offers explain pay and benefits' });
  await offers.getByRole('radio', { name: 'In progress', exact: true }).check();
  await offers.getByRole('textbox', { name: 'Owner', exact: true }).fill('Dana Wu');
  await offers.getByRole('textbox', { name: 'Target date', exact: true }).fill('2027-06-30');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the team\'s answers (JSON)' }).click()]);
  const name = download.suggestedFilename();
  assert(/^fixture-guide-answers-riverside-team-\d{4}-\d{2}-\d{2}\.json$/.test(name), name);
  await page.waitForFunction((w) => document.querySelector('[data-team-actions] [data-message]').textContent === w, `Downloaded "${name}".`);
  const file = path.join(scratch, name);
  await download.saveAs(file);
  teamExport = readFileSync(file, 'utf8');
  const f = JSON.parse(teamExport);
  equal(f.name, 'Riverside team', 'the team\'s name');
  equal(f.lists[CHECKLIST].answers['offers-explain-benefits'].owner, 'Dana Wu', 'the chosen answer');
  // Into a checklist in another browser: the team's answers are a reader's.
  const other = await newPage();
  await openChecklist(other);
  other.answer = 'accept';
  await other.locator('[data-assess] [data-import]').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(teamExport) });
  await other.waitForFunction(() => /Imported/.test(document.querySelector('[data-message]').textContent));
  equal(await shownAnswer(other, 'Offers explain pay and benefits in writing.'), 'In progress', 'the team\'s answer');
  equal(await field(other, 'Offers explain pay and benefits in writing.', 'Owner'), 'Dana Wu', 'its owner');
  equal(await shownAnswer(other, 'Supervisors meet staff.'), 'In place', 'an agreed answer');
  equal(await shownAnswer(other, 'Peer workers have a quiet room.'), 'Not yet', 'the only answer given');
  equal(await shownAnswer(other, 'Contracts are signed on day one.'), '', 'no one answered');
  await other.context().close();
  await page.context().close();
});

await check('keyboard only, from the team\'s first answer to the printed team plan, which holds the team\'s open items', async () => {
  const page = await newPage({ viewport: { width: 390, height: 844 } });
  await page.addInitScript(() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; });
  await openTeam(page, teamFiles);
  await page.getByLabel('The team\'s name').fill('Riverside team');
  const offers = page.locator('.team-card', { hasText: 'Offers explain pay and benefits' });
  await offers.getByRole('radio', { name: 'In place', exact: true }).focus();
  await page.keyboard.press('ArrowRight');
  assert(await offers.getByRole('radio', { name: 'In progress', exact: true }).isChecked(), 'the arrow chose In progress');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Dana Wu');
  equal(await offers.getByRole('textbox', { name: 'Owner', exact: true }).inputValue(), 'Dana Wu', 'typed into the owner');
  let steps = 0;
  while (!(await page.evaluate(() => document.activeElement?.matches('[data-team-print]'))) && steps++ < 40) await page.keyboard.press('Tab');
  assert(steps < 40, 'Tab reaches "Print the team\'s action plan"');
  await page.keyboard.press('Enter');
  equal(await page.evaluate(() => window.printed), 1, 'Enter prints');
  const pdf = path.join(scratch, 'team-plan.pdf');
  await page.pdf({ path: pdf, preferCSSPageSize: true });
  const text = execFileSync('pdftotext', [pdf, '-']).toString().replace(/\s+/g, ' ');
  for (const want of ['The team\'s action plan', 'Prepared by Riverside team on', 'from the answers of Riverside HR, Alex', 'Offers explain pay and benefits in writing.', 'Dana Wu', 'Peer workers have a quiet room.', 'Sam Ortiz', 'A description exists.', 'Answers by area']) {
    assert(text.includes(want), `the team plan lacks "${want}": ${text}`);
  }
  for (const unwanted of ['Supervisors meet staff', 'Contracts are signed', 'Only items where answers differ', 'Answer files']) {
    assert(!text.includes(unwanted), `the printed team plan shows "${unwanted}": ${text}`);
  }
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf]).toString())[1]);
  assert(pages <= 2, `the team plan prints on ${pages} pages`);
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
  // The summary by area, worked out here from the stored answers and the guide's items.
  const answers = (await stored(page)).lists[CHECKLIST];
  const list = (await page.evaluate(() => window.practicaItems.lists)).find((l) => l.key === CHECKLIST);
  const want = list.sections.map((s) => {
    const c = { 'in-place': 0, 'in-progress': 0, 'not-yet': 0, '': 0 };
    for (const it of s.items) c[answers[it.id]?.answer ?? '']++;
    return [s.title, String(c['in-place']), String(c['in-progress']), String(c['not-yet']), String(c[''])];
  });
  const rows = await page.locator('.plan-list', { hasText: 'Self check' }).locator('.area-table tbody tr:not(.area-total)').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  equal(rows, want, 'the plan\'s summary by area');
  equal(await page.locator('.plan-list', { hasText: 'Self check' }).locator('svg.chart-bar').count(), want.length + 1, 'a bar per area and one for all items');
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

await check('with storage full, an answer says it is not kept, and "Save this round" says it was not saved', async () => {
  const page = await newPage();
  await page.addInitScript(() => {
    Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };
  });
  await openChecklist(page);
  await answer(page, 'Supervisors meet staff.', 'In place');
  const full = 'This browser\'s storage for the guide is full, so your latest answers are not kept. Download your answers before you leave the page.';
  await page.waitForFunction((w) => document.querySelector('[data-message]').textContent === w, full);
  await page.locator('[data-assess]').getByRole('button', { name: 'Save this round' }).click();
  await page.waitForFunction(() => document.querySelector('[data-message]').textContent === 'This browser\'s storage is full, so the round was not saved. Download your answers instead.');
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

// ---------------------------------------------------------------- hostile files

await check('an import too large for the browser\'s storage says so, never "Imported", and changes nothing', async () => {
  const page = await newPage();
  await openChecklist(page);
  await answer(page, 'Supervisors meet staff.', 'In place');
  const big = JSON.parse(exported);
  big.lists[CHECKLIST].answers['offers-explain-benefits'].note = 'x'.repeat(12 * 1024 * 1024);
  page.answer = 'accept';
  await page.locator('[data-assess] [data-import]').setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(big)) });
  const want = '"big.json" is too large for this browser\'s storage, so it was not imported. Nothing was changed.';
  await page.waitForFunction((w) => document.querySelector('[data-message]').textContent === w, want, { timeout: 60000 });
  equal(await shownAnswer(page, 'Offers explain pay and benefits in writing.'), '', 'the file\'s answers are not shown as if kept');
  await page.reload();
  await page.locator('[data-assess]').waitFor({ state: 'visible' });
  equal(await shownAnswer(page, 'Supervisors meet staff.'), 'In place', 'the answers before the import survive a reload');
  equal(await shownAnswer(page, 'Offers explain pay and benefits in writing.'), '', 'and nothing of the file');
  await page.context().close();
});

await check('an imported impossible target date is refused with the item named', async () => {
  const page = await newPage();
  await openChecklist(page);
  const bad = JSON.parse(exported);
  bad.lists[CHECKLIST].answers['offers-explain-benefits'].target = '2026-02-30';
  await page.locator('[data-assess] [data-import]').setInputFiles({ name: 'feb.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  const want = '"feb.json" gives "Offers explain pay and benefits in writing." the target date 2026-02-30, which is not a real date. Nothing was changed.';
  await page.waitForFunction((w) => document.querySelector('[data-message]').textContent === w, want);
  equal(page.dialogs.length, 0, 'no question asked');
  equal(await stored(page), null, 'nothing stored');
  // The team view refuses it the same way.
  await page.goto(url('assessment/team/'));
  await page.locator('[data-team-files]').setInputFiles({ name: 'feb.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  await page.waitForFunction((w) => document.querySelector('[data-message]').textContent === w, want);
  await page.context().close();
});

await check('a checklist whose items start before any heading, in words like formulas: summary, CSV, team view and plan', async () => {
  writeFileSync(path.join(site, 'content/checklists/loose.md'), '---\ntitle: Loose start\nsummary: Items before any heading.\nsource: handbook\n---\n- [ ] =SUM(1) is how we count.\n- [ ] @Everyone has a buddy.\n\n## -Later\n\n- [ ] A later item.\n');
  rebuild();
  const page = await newPage();
  await page.goto(url('checklists/loose/'));
  await page.locator('[data-assess]').waitFor({ state: 'visible' });
  await answer(page, '=SUM(1) is how we count.', 'Not yet');
  await fill(page, '=SUM(1) is how we count.', 'Owner', 'Lee');
  await answer(page, 'A later item.', 'In place');
  const rows = await page.locator('[data-assess] .area-table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  equal(rows, [['Loose start', '0', '0', '1', '1'], ['-Later', '1', '0', '0', '0'], ['All items', '1', '0', '1', '1']], 'the summary names the untitled area after the list');
  const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('[data-assess]').getByRole('button', { name: 'Download as a spreadsheet (CSV)' }).click()]);
  const csvFile = path.join(scratch, 'loose.csv');
  await csv.saveAs(csvFile);
  const cells = parseCsv(readFileSync(csvFile).subarray(3).toString('utf8')).flat();
  const formulas = cells.filter((c) => /^[=+\-@\t\r]/.test(c));
  equal(formulas, [], 'cells that start like a formula');
  assert(cells.includes("'=SUM(1) is how we count.") && cells.includes("'-Later") && cells.includes("'@Everyone has a buddy."), cells.join(' | '));
  const [json] = await Promise.all([page.waitForEvent('download'), page.locator('[data-assess]').getByRole('button', { name: 'Download my answers (JSON)' }).click()]);
  const text = readFileSync(await json.path(), 'utf8');
  await page.goto(url('assessment/team/'));
  await page.locator('[data-team-files]').setInputFiles([
    { name: 'one.json', mimeType: 'application/json', buffer: Buffer.from(text) },
    { name: 'two.json', mimeType: 'application/json', buffer: Buffer.from(text.replace('"not-yet"', '"in-place"')) },
  ]);
  await page.locator('.team-card').first().waitFor({ state: 'attached' });
  const loose = page.locator('.team-list', { hasText: 'Loose start' });
  equal(await loose.locator('.team-card:visible .team-item-text').allTextContents(), ['=SUM(1) is how we count.'], 'the differing item before any heading');
  equal(await loose.locator('.team-section-title').first().textContent(), 'Loose start', 'its area is named after the list');
  await page.goto(url('assessment/plan/'));
  await page.locator('.plan-table').first().waitFor();
  const plan = page.locator('.plan-list', { hasText: 'Loose start' });
  equal(await plan.locator('.plan-item-text').allTextContents(), ['=SUM(1) is how we count.'], 'the plan\'s open item');
  await page.context().close();
});

// ---------------------------------------------------------------- rounds

let roundFile = null;
const rounds = await newPage();

await check('"Save this round", then compare: per area then and now, and the items that moved', async () => {
  const page = rounds;
  await openChecklist(page);
  await answer(page, 'Job descriptions exist.', 'In place');
  await answer(page, 'Supervisors meet staff.', 'In progress');
  await answer(page, 'Offers explain pay and benefits in writing.', 'Not yet');
  await answer(page, 'Peer workers have a quiet room.', 'In place');
  await page.locator('[data-assess]').getByRole('button', { name: 'Save this round' }).click();
  await page.waitForFunction(() => document.querySelector('[data-message]').textContent.startsWith('This round was saved in this browser, dated '));
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-assess]').getByRole('button', { name: 'Download my answers (JSON)' }).click()]);
  roundFile = readFileSync(await download.path(), 'utf8');
  await answer(page, 'Supervisors meet staff.', 'In place');
  await answer(page, 'Offers explain pay and benefits in writing.', 'In progress');
  await answer(page, 'Peer workers have a quiet room.', 'Not yet');
  await answer(page, 'Contracts are signed on day one.', 'In place');
  await page.goto(url('assessment/team/#compare'));
  const pick = page.getByLabel('A round saved in this browser');
  await pick.selectOption({ index: 1 });
  await page.locator('.compare-moved').waitFor();
  const table = await page.locator('.compare-list', { hasText: 'Self check' }).locator('.area-table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((c) => Number(c.textContent))));
  // Hiring: job descriptions, contracts, offers; Support: supervisors, room.
  equal(table, [[1, 0, 1, 1], [2, 1, 0, 0], [1, 1, 0, 0], [1, 0, 1, 0]], 'then and now per area');
  const group = (g) => page.locator(`.compare-${g} .compare-item-text`).allTextContents();
  equal(await group('forward'), ['Contracts are signed on day one.', 'Offers explain pay and benefits in writing.', 'Supervisors meet staff. (Supervision)'], 'moved forward');
  equal(await group('back'), ['Peer workers have a quiet room.'], 'moved back');
  equal(await page.locator('.compare-back .compare-how').allTextContents(), ['In place → Not yet'], 'how it moved');
  equal(await page.locator('#compare-added').textContent(), 'New in the guide: 0 items', 'nothing new');
});

await check('after a new title and edited items, an earlier file still imports, says what no longer matches, and compares', async () => {
  edit('guide.yaml', 'title: Fixture Guide', 'title: Fixture Guide, Second Edition');
  edit(`content/${CHECKLIST}.md`, '- [ ] Job descriptions exist. ([Job descriptions](@/practices/hiring/job-descriptions.md))\n', '- [ ] Pay is reviewed each year.\n');
  rebuild();
  const page = rounds;
  // Not the same address with #compare, which would not load the page again.
  await page.goto(url('assessment/team/'));
  await page.locator('[data-compare-file]').setInputFiles({ name: 'round-1.json', mimeType: 'application/json', buffer: Buffer.from(roundFile) });
  await page.locator('.compare-moved').waitFor();
  const group = (g) => page.locator(`.compare-${g} .compare-item-text`).allTextContents();
  equal(await group('added'), ['Pay is reviewed each year.'], 'new in the guide');
  equal(await group('gone'), ['Job descriptions exist. (Job descriptions)'], 'no longer in the guide');
  equal(await group('back'), ['Peer workers have a quiet room.'], 'moved back');
  // The file imports into the renamed guide, and says what no longer matches.
  const other = await newPage();
  await openChecklist(other);
  other.answer = 'accept';
  await other.locator('[data-assess] [data-import]').setInputFiles({ name: 'round-1.json', mimeType: 'application/json', buffer: Buffer.from(roundFile) });
  await other.waitForFunction(() => /Imported/.test(document.querySelector('[data-message]').textContent));
  equal(await message(other), 'Imported 4 answers from "round-1.json". 3 of its answers are for this guide\'s items; 1 is for an item this guide no longer has: Job descriptions exist. (Job descriptions).', 'what matched');
  equal(await shownAnswer(other, 'Peer workers have a quiet room.'), 'In place', 'an answer imported');
  await other.context().close();
});

await check('a file follows the guide to another address', async () => {
  const moved = path.join(scratch, 'moved');
  execFileSync(practica, ['build', '--root', site, '--output', moved, '--base-url', 'http://127.0.0.1/elsewhere/', '--no-search'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const there = await startServer(moved, '/elsewhere/');
  const page = await newPage();
  page.answer = 'accept';
  await page.goto(`http://127.0.0.1:${there.address().port}/elsewhere/${CHECKLIST}/`);
  await page.locator('[data-assess]').waitFor({ state: 'visible' });
  await page.locator('[data-assess] [data-import]').setInputFiles({ name: 'round-1.json', mimeType: 'application/json', buffer: Buffer.from(roundFile) });
  await page.waitForFunction(() => /Imported/.test(document.querySelector('[data-message]').textContent));
  equal(await shownAnswer(page, 'Offers explain pay and benefits in writing.'), 'Not yet', 'the answer at the new address');
  await page.context().close();
  there.close();
});

// ---------------------------------------------------------------- accessibility with answers

const snapshots = [];
await check('axe finds no WCAG 2.1 AA problem on the answered checklist, the plan, the team view and the comparison, at 320, 390 and 1280px', async () => {
  const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const page = reader;
  const run = async (what) => {
    await page.evaluate(axeSource);
    const r = await page.evaluate(() => window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] }));
    const v = r.violations.map((x) => `${x.id}: ${x.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
    equal(v, [], `${what} axe violations`);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert(wide <= 1, `${what} overflows by ${wide}px`);
    // Each summary's table and chart stay inside their box.
    const out = await page.evaluate(() => [...document.querySelectorAll('.area-summary > *')].filter((e) => e.getBoundingClientRect().right > e.parentElement.getBoundingClientRect().right + 1).length);
    equal(out, 0, `${what}: parts of a summary wider than it`);
    // The page as the script left it, for the Nu checker.
    const html = await page.evaluate(() => '<!DOCTYPE html>\n' + document.documentElement.outerHTML);
    const file = path.join(scratch, `${what.replace(/[^a-z0-9]+/gi, '-')}.html`);
    writeFileSync(file, html);
    snapshots.push(file);
  };
  for (const width of [320, 390, 1280]) {
    await page.setViewportSize({ width, height: 844 });
    await openChecklist(page);
    await run(`checklist at ${width}px`);
    await page.goto(url('assessment/plan/'));
    await page.locator('.plan-table').first().waitFor();
    await run(`plan at ${width}px`);
    await openTeam(page, teamFiles);
    await page.getByLabel('The team\'s name').fill('Riverside team');
    await run(`team view at ${width}px`);
    await page.getByRole('checkbox', { name: 'Only items where answers differ' }).uncheck();
    await run(`team view, every item, at ${width}px`);
    await page.goto(url('assessment/team/'));
    await page.locator('[data-compare-file]').setInputFiles({ name: 'round-1.json', mimeType: 'application/json', buffer: Buffer.from(roundFile) });
    await page.locator('.compare-moved').waitFor();
    await run(`comparison at ${width}px`);
  }
});

await check('the Nu checker finds no error in those pages as the script left them', async () => {
  assert(snapshots.length === 15, `${snapshots.length} pages kept`);
  equal(nuErrors(snapshots).slice(0, 10), [], 'Nu checker errors');
});

await check('no request left the machine and no page had an error', async () => {
  equal(errors, [], 'errors');
});

await browser.close();
server.close();
finish();
