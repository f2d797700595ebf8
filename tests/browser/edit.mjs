// Editing a page in the preview as an editor does, in headless Chromium:
// from "Edit this page" to saved with the keyboard only, the toolbar's
// checklist item answerable on the rebuilt page, a link from the picker,
// Word's clipboard pasted as Markdown, a new practice, a file changed on
// disk while it is open, unsaved changes kept over a reload, the problem
// list leading to its line, and the views checked with axe, the Nu checker
// and at 320 px.
//
//   node tests/browser/edit.mjs --url http://127.0.0.1:PORT/base/ --site SITE [--shots DIR]
//
// SITE is the folder `practica serve` serves at URL (a copy of
// tests/fixtures/basic made by tests/edit_browser.rs); the script reads and
// changes its files to see what the editor's saves did.
import { existsSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { arg, assert, checks, CHROMIUM_ARGS, findChromium, nuErrors } from './lib.mjs';

const require = createRequire(import.meta.url);

const siteUrl = arg('--url');
const site = arg('--site');
const shots = arg('--shots');
if (!siteUrl || !site) {
  console.error('usage: node edit.mjs --url http://127.0.0.1:PORT/base/ --site SITE [--shots DIR]');
  process.exit(2);
}
const origin = new URL(siteUrl).origin;
const base = new URL(siteUrl).pathname;
const { check, finish } = checks('edit');

function equal(got, want, what) {
  const g = JSON.stringify(got);
  const w = JSON.stringify(want);
  if (g !== w) throw new Error(`${what}: got ${g}, want ${w}`);
}
const read = (rel) => readFileSync(path.join(site, rel), 'utf8');
const editUrl = (file, extra = '') => `${origin}/__practica/edit?file=${encodeURIComponent(file)}${extra}`;
async function until(what, fn, ms = 15_000) {
  const end = Date.now() + ms;
  let last;
  while (Date.now() < end) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? findChromium(), args: CHROMIUM_ARGS });
const errors = [];
const elsewhere = [];
const dialogs = [];

async function newPage(viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  // No request may leave the machine.
  await context.route(() => true, (route) => {
    const u = new URL(route.request().url());
    if (/^(https?|wss?):$/.test(u.protocol) && u.hostname !== '127.0.0.1') {
      elsewhere.push(u.href);
      return route.abort('blockedbyclient');
    }
    return route.continue();
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`);
  });
  page.on('dialog', (d) => {
    dialogs.push(d.type());
    d.accept();
  });
  return page;
}

/** The edit view of `file`, loaded: its form and its first preview. */
async function openEditor(page, file, extra = '') {
  await page.goto(editUrl(file, extra));
  await page.locator('form.pe-form textarea.pe-body').first().waitFor();
  await until('the first preview', () => rendered(page).evaluate((e) => e.childElementCount > 0));
}
/** The page as the preview renders it, in its frame. */
const rendered = (page) => page.frameLocator('iframe.pe-frame').first().locator('#main');
const textarea = (page) => page.getByRole('textbox', { name: "The page's text, in Markdown" });
const status = (page) => page.locator('.pe-status').first();
async function saved(page) {
  await until('"Saved"', async () => /^Saved at/.test(await status(page).textContent()));
}
/** Caret at the end of the text. */
async function toEnd(page) {
  await textarea(page).evaluate((t) => {
    t.focus();
    t.setSelectionRange(t.value.length, t.value.length);
  });
}

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
async function axe(p) {
  await p.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const r = await p.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), AXE_TAGS);
  return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

const page = await newPage();

// ---------------------------------------------------------------- the form

await check('keyboard only: "Edit this page", a title and a summary, Ctrl+S; the file differs only in those lines', async () => {
  const file = 'content/practices/support/regular-supervision.md';
  const before = read(file);
  await page.goto(`${siteUrl}practices/support/regular-supervision/`);
  // Tab to the bar's "Edit this page" and follow it with Enter.
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.textContent?.trim())) === 'Edit this page') break;
  }
  equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Edit this page', 'the focused link');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/__practica\/edit\?file=/);
  await rendered(page).waitFor();
  await until('the first preview', () => rendered(page).evaluate((e) => e.childElementCount > 0));
  equal(await page.locator('main > h1').textContent(), 'Edit “Regular supervision”', 'the heading');
  // From the top of the page to the title: Tab only.
  let name = '';
  for (let i = 0; i < 15 && name !== 'Title'; i++) {
    await page.keyboard.press('Tab');
    name = await page.evaluate(() => document.activeElement?.labels?.[0]?.firstChild?.textContent ?? '');
  }
  equal(name, 'Title', 'reached by Tab');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Regular supervision meetings');
  await page.keyboard.press('Tab');
  equal(await page.evaluate(() => document.activeElement?.labels?.[0]?.firstChild?.textContent), 'Summary', 'Tab goes on to the summary');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Meet every week about the work and wellbeing.');
  const count = await page.locator('[data-field="summary"] .pe-count').textContent();
  equal(count, `${200 - 'Meet every week about the work and wellbeing.'.length} characters left of 200`, 'the summary\'s count');
  await page.keyboard.press('Control+S');
  await saved(page);
  const after = read(file);
  const a = before.split('\n');
  const b = after.split('\n');
  equal(b.length, a.length, 'lines in the file');
  const changed = a.map((l, i) => (l === b[i] ? null : i + 1)).filter(Boolean);
  equal(changed, [2, 3], 'the lines that changed');
  equal([b[1], b[2]], ['title: Regular supervision meetings', 'summary: Meet every week about the work and wellbeing.'], 'the new lines');
  const view = page.getByRole('link', { name: 'View the page' });
  equal(await view.getAttribute('href'), `${base}practices/support/regular-supervision/`, '"View the page" goes to the page');
});

await check('the form is the guide\'s fields: audience checkboxes, tags, related pages, sources, dates, a change note with today\'s date', async () => {
  const file = 'content/practices/support/regular-supervision.md';
  await openEditor(page, file);
  equal(await page.getByRole('group', { name: 'Audience' }).getByRole('checkbox').count(), 2, 'one checkbox per audience of guide.yaml');
  assert(await page.getByRole('checkbox', { name: 'Supervisors (supervisors)' }).isChecked(), 'the file\'s audience is ticked');
  const guide = JSON.parse(await page.evaluate(() => fetch('/__practica/api/guide', { headers: { 'X-Practica-Secret': document.querySelector('meta[name="practica-secret"]').content } }).then((r) => r.text())));
  const tags = await page.locator('#' + (await page.getByRole('combobox', { name: 'Add a tag' }).getAttribute('list')) + ' option').evaluateAll((o) => o.map((x) => x.value));
  assert(tags.includes('supervision') && tags.includes('hiring'), `the guide's tags suggested: ${tags}`);
  equal(tags, guide.tags, 'the suggested tags are the guide\'s');
  const related = await page.getByRole('group', { name: 'Related' }).locator('datalist option').evaluateAll((o) => o.map((x) => x.value));
  assert(related.includes('job-descriptions') && related.includes('interviews'), `practices suggested for related: ${related}`);
  const today = guide.today;
  await page.getByRole('button', { name: 'Add a change note' }).click();
  equal(await page.getByRole('group', { name: 'Change 1' }).getByLabel('Date (required)').inputValue(), today, 'the new change note\'s date');
  assert(await page.evaluate(() => document.activeElement?.labels?.[0]?.textContent === 'Note (required)'), 'focus is on the note');
  await page.keyboard.type('Meetings are weekly now.');
  await page.getByRole('button', { name: 'Save' }).click();
  await saved(page);
  const text = read(file);
  assert(text.includes(`changes:\n  - date: ${today}\n    note: Meetings are weekly now.\n`) || new RegExp(`changes:[\\s\\S]*${today}[\\s\\S]*Meetings are weekly now\\.`).test(text), text);
  assert(text.includes('---\n## Why it matters'), 'the body is untouched');
});

// ---------------------------------------------------------------- the toolbar

await check('a checklist item added with the toolbar and saved is answerable on the rebuilt page', async () => {
  await openEditor(page, 'content/checklists/self-check.md');
  await toEnd(page);
  await page.getByRole('button', { name: 'Checklist item' }).click();
  await page.keyboard.type('Peer workers have a mentor.');
  assert((await textarea(page).inputValue()).includes('\n- [ ] Peer workers have a mentor.'), 'the item in the text');
  await until('the item in the preview', () => rendered(page).evaluate((e) => e.textContent.includes('Peer workers have a mentor.')));
  await page.getByRole('button', { name: 'Save' }).click();
  await saved(page);
  assert(read('content/checklists/self-check.md').endsWith('- [ ] Peer workers have a mentor.\n') || read('content/checklists/self-check.md').includes('- [ ] Peer workers have a mentor.'), 'saved');
  const reader = await newPage();
  await until('the item answerable on the page', async () => {
    await reader.goto(`${siteUrl}checklists/self-check/`);
    const group = reader.getByRole('group', { name: 'Peer workers have a mentor.', exact: true });
    return (await group.getByRole('radio').count()) > 0;
  }, 20_000);
  const group = reader.getByRole('group', { name: 'Peer workers have a mentor.', exact: true });
  await group.getByRole('radio', { name: 'In place', exact: true }).check();
  assert(await group.getByRole('radio', { name: 'In place', exact: true }).isChecked(), 'answered');
  await reader.context().close();
});

await check('a link from the picker: the @/ form, no problem, and the rendered link goes to the page\'s heading', async () => {
  const file = 'content/tips/train-supervisors.md';
  await openEditor(page, file);
  await toEnd(page);
  await page.keyboard.type(' Read about ');
  await page.getByRole('button', { name: 'Link to a page' }).click();
  const dlg = page.getByRole('dialog', { name: 'Link to a page of the guide' });
  await dlg.waitFor();
  await dlg.getByLabel('Page', { exact: true }).selectOption('content/practices/support/regular-supervision.md');
  await dlg.getByLabel('Section').selectOption('why-it-matters');
  equal(await dlg.getByLabel('Link text').inputValue(), 'Why it matters', 'the link text from the heading');
  await dlg.getByRole('button', { name: 'Insert link' }).click();
  await dlg.waitFor({ state: 'detached' });
  await until('the link in the text', async () => (await textarea(page).inputValue()).includes('Read about [Why it matters](@/practices/support/regular-supervision.md#why-it-matters)'));
  const href = `${base}practices/support/regular-supervision/#why-it-matters`;
  await until('the rendered link', () => rendered(page).locator(`a[href="${href}"]`).count());
  await page.waitForTimeout(600);
  assert(await page.locator('.pe-summary').first().isHidden(), `no problem reported: ${await page.locator('.pe-summary').first().textContent()}`);
  await page.getByRole('button', { name: 'Save' }).click();
  await saved(page);
  assert(read(file).includes('[Why it matters](@/practices/support/regular-supervision.md#why-it-matters)'), 'saved');
  // The link goes where it says: that page has the heading.
  const target = await page.request.get(`${origin}${href.split('#')[0]}`);
  equal(target.status(), 200, 'the linked page');
  assert((await target.text()).includes('id="why-it-matters"'), 'the linked heading');
});

await check('an image uploaded from the dialog: alt text required, the file in static/images/, the Markdown without the base path', async () => {
  const file = 'content/about.md';
  await openEditor(page, file);
  await toEnd(page);
  await page.getByRole('button', { name: 'Image' }).click();
  const dlg = page.getByRole('dialog', { name: 'Add an image' });
  await dlg.getByRole('radio', { name: 'Upload one from this computer' }).check();
  // A 1×1 PNG.
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4DwAAAQEABRjYTgAAAABJRU5ErkJggg==', 'base64');
  await dlg.getByLabel('Image file').setInputFiles({ name: 'Team Meeting.png', mimeType: 'image/png', buffer: png });
  await dlg.getByRole('button', { name: 'Insert image' }).click();
  const alt = dlg.getByLabel('Alt text (required)');
  equal(await alt.getAttribute('aria-invalid'), 'true', 'alt text refused when empty');
  assert(await alt.evaluate((a) => a === document.activeElement), 'focus on the alt text');
  const error = await page.locator(`#${(await alt.getAttribute('aria-describedby')).split(' ').find((d) => d.endsWith('-error'))}`).textContent();
  assert(/alt text is required/.test(error), error);
  assert(!existsSync(path.join(site, 'static/images/team-meeting.png')), 'nothing uploaded yet');
  await alt.fill('Four peer workers around a table');
  await dlg.getByRole('button', { name: 'Insert image' }).click();
  await dlg.waitFor({ state: 'detached' });
  await until('the image in the text', async () => (await textarea(page).inputValue()).endsWith('![Four peer workers around a table](/images/team-meeting.png)'));
  assert(readFileSync(path.join(site, 'static/images/team-meeting.png')).equals(png), 'the uploaded bytes');
  await until('the image in the preview', () => rendered(page).locator(`img[src="${base}images/team-meeting.png"][alt="Four peer workers around a table"]`).count());
  await page.getByRole('button', { name: 'Save' }).click();
  await saved(page);
});

await check('a broken link is listed at the top; its entry selects its line in the text', async () => {
  await openEditor(page, 'content/about.md');
  await toEnd(page);
  await page.keyboard.type('\n\nSee [nowhere](@/practices/nowhere.md).\n');
  const entry = page.locator('.pe-summary a', { hasText: 'Text, line' }).first();
  await until('the problem in the summary', () => entry.isVisible());
  await entry.click();
  const selected = await textarea(page).evaluate((t) => [document.activeElement === t, t.value.slice(t.selectionStart, t.selectionEnd)]);
  equal(selected, [true, 'See [nowhere](@/practices/nowhere.md).'], 'the focused textarea and the selected line');
  // Leave without saving: the browser asks first.
  const before = dialogs.length;
  await page.goto(editUrl('content/about.md'));
  assert(dialogs.slice(before).includes('beforeunload'), `asked before leaving: ${dialogs}`);
  await page.getByRole('button', { name: 'Discard my unsaved changes' }).click();
});

await check('?line=N in the address selects that line of the file', async () => {
  const file = 'content/practices/support/regular-supervision.md';
  const lines = read(file).split('\n');
  const n = lines.findIndex((l) => l.startsWith('Regular meetings.')) + 1;
  await openEditor(page, file, `&line=${n}`);
  const got = await textarea(page).evaluate((t) => [document.activeElement === t, t.value.slice(t.selectionStart, t.selectionEnd)]);
  equal(got, [true, lines[n - 1]], 'the selected line');
});

await check('guide.yaml opens as its text (no form) at ?line=N, and saves only the line changed', async () => {
  const before = read('guide.yaml');
  await page.goto(editUrl('guide.yaml', '&line=1'));
  const text = page.getByRole('textbox', { name: "The file's text" });
  await text.waitFor();
  equal(await page.locator('.pe-details').count(), 0, 'no form for guide.yaml');
  equal(await text.evaluate((t) => [document.activeElement === t, t.value.slice(t.selectionStart, t.selectionEnd)]), [true, 'title: Fixture Guide'], 'line 1 selected');
  await page.keyboard.type('title: Fixture Guide for Editors');
  await page.keyboard.press('Control+S');
  await saved(page);
  equal(read('guide.yaml'), before.replace('title: Fixture Guide\n', 'title: Fixture Guide for Editors\n'), 'guide.yaml');
});

// ---------------------------------------------------------------- paste

await check('Word\'s clipboard pastes as Markdown: headings, nested bullets, numbers, bold, links, a table', async () => {
  await openEditor(page, 'content/about.md');
  await toEnd(page);
  const html = readFileSync(new URL('../fixtures/word-clipboard.html', import.meta.url), 'utf8');
  await textarea(page).evaluate((t, h) => {
    const data = new DataTransfer();
    data.setData('text/html', h);
    data.setData('text/plain', 'Why peer supervision matters');
    t.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, html);
  const text = await textarea(page).inputValue();
  for (const want of [
    '## Why peer supervision matters',
    'a supervisor **understands the role** and meets them *every week*',
    '[supervision handbook](https://example.org/peer-guide/supervision)',
    '- Meet at the same time each week\n- Talk about **wellness** as well as tasks\n  - Ask how the week went\n    - Listen first\n- Write down what you agree',
    '## Steps',
    '1. Agree on a meeting time\n2. Book a quiet room\n3. Review the notes together',
    '| **Who** | **How often** |\n| --- | --- |\n| New peer workers | Every week |\n| Experienced staff | Every two weeks \\| or as agreed |',
  ]) {
    assert(text.includes(want), `${JSON.stringify(want)} in:\n${text}`);
  }
  assert(!/[·§]/.test(text) && !/mso-|<o:p>|StartFragment|supportLists/.test(text), `no Word leftovers:\n${text}`);
  await until('the pasted list in the preview', () => rendered(page).locator('ul ul ul li', { hasText: 'Listen first' }).count());
  await page.getByRole('button', { name: 'Discard my unsaved changes' }).count().then(async (n) => {
    if (n) await page.getByRole('button', { name: 'Discard my unsaved changes' }).click();
  });
  await until('the draft kept', () => page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('practica-edit:content/about.md:'))));
  await page.evaluate(() => Object.keys(localStorage).forEach((k) => localStorage.removeItem(k)));
});

await check('Google Docs\' clipboard pastes as Markdown: its bold and italic spans, its list, not everything bold', async () => {
  await openEditor(page, 'content/tips/train-supervisors.md');
  await toEnd(page);
  const original = await textarea(page).inputValue();
  const html = '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-5c2e1f0a-7fff-4b7e-9a3c-1d2e3f4a5b6c">' +
    '<h2 dir="ltr" style="line-height:1.38;margin-top:18pt"><span style="font-size:16pt;font-family:Arial;font-weight:400">Plan the course</span></h2>' +
    '<ul style="margin-top:0;margin-bottom:0"><li dir="ltr" style="list-style-type:disc" aria-level="1"><p dir="ltr" style="line-height:1.38" role="presentation">' +
    '<span style="font-family:Arial;font-weight:700">Book</span><span style="font-family:Arial;font-weight:400"> a room</span></p></li>' +
    '<li dir="ltr" style="list-style-type:disc" aria-level="1"><p dir="ltr" role="presentation"><span style="font-style:italic;font-weight:400">Invite</span><span style="font-weight:400"> peers</span></p></li></ul></b><br class="Apple-interchange-newline">';
  await textarea(page).evaluate((t, h) => {
    const data = new DataTransfer();
    data.setData('text/html', h);
    data.setData('text/plain', 'Plan the course');
    t.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, html);
  const text = await textarea(page).inputValue();
  const sep = original.endsWith('\n\n') ? '' : original.endsWith('\n') ? '\n' : '\n\n';
  equal(text, `${original}${sep}## Plan the course\n\n- **Book** a room\n- *Invite* peers`, 'the text after the paste');
  assert(!text.includes('**Plan'), `not everything bold: ${text}`);
  await page.getByRole('button', { name: 'Discard my unsaved changes' }).count().then(async (n) => {
    if (n) await page.getByRole('button', { name: 'Discard my unsaved changes' }).click();
  });
  await page.evaluate(() => Object.keys(localStorage).forEach((k) => localStorage.removeItem(k)));
});

// ---------------------------------------------------------------- new pages

await check('a new practice: the file name from the title, the file made, then its page', async () => {
  await page.goto(`${origin}/__practica/new?kind=practice&area=support`);
  const title = page.getByRole('textbox', { name: 'Title (required)' });
  await title.waitFor();
  assert(await page.getByRole('radio', { name: /A practice/ }).isChecked(), 'the kind from the address');
  equal(await page.getByLabel('Practice area', { exact: true }).inputValue(), 'support', 'the area from the address');
  await title.fill('Peer mentoring circles');
  const name = page.getByRole('textbox', { name: 'File name (required)' });
  await until('the proposed name', async () => (await name.inputValue()) === 'peer-mentoring-circles');
  assert((await page.locator('.pe-where').textContent()).includes('content/practices/support/peer-mentoring-circles.md'), 'the whole file name shown');
  await page.getByRole('button', { name: 'Make the page' }).click();
  await page.waitForURL(/\/__practica\/edit\?file=content%2Fpractices%2Fsupport%2Fpeer-mentoring-circles\.md/);
  const text = read('content/practices/support/peer-mentoring-circles.md');
  assert(/^---\n[\s\S]*title: "?Peer mentoring circles"?\n[\s\S]*---\n/.test(text), text);
  await rendered(page).waitFor();
  equal(await page.getByRole('textbox', { name: 'Title (required)' }).inputValue(), 'Peer mentoring circles', 'the new file in the edit view');
  // The practice's summary: the editor writes it over what the new file holds.
  const summary = page.getByRole('textbox', { name: 'Summary (required)' });
  await summary.fill('Small groups of peers meet monthly to learn from each other.');
  await page.keyboard.press('Control+S');
  await saved(page);
  assert(read('content/practices/support/peer-mentoring-circles.md').includes('summary: Small groups of peers meet monthly to learn from each other.\n'), 'the summary saved');
  await until('the new page served with its summary', async () => {
    const r = await page.request.get(`${siteUrl}practices/support/peer-mentoring-circles/`);
    return r.status() === 200 && (await r.text()).includes('Small groups of peers meet monthly');
  }, 20_000);
});

await check('a name that exists is refused, with the message tied to the file name', async () => {
  await page.goto(`${origin}/__practica/new?kind=practice&area=support`);
  const before = read('content/practices/support/regular-supervision.md');
  await page.getByRole('textbox', { name: 'Title (required)' }).fill('Regular supervision');
  const name = page.getByRole('textbox', { name: 'File name (required)' });
  await until('the proposed name', async () => (await name.inputValue()) === 'regular-supervision');
  await page.getByRole('button', { name: 'Make the page' }).click();
  await until('the refusal', async () => (await name.getAttribute('aria-invalid')) === 'true');
  const described = (await name.getAttribute('aria-describedby')).split(' ');
  const error = await page.locator(`#${described.find((d) => d.endsWith('-error'))}`).textContent();
  assert(/^Error: /.test(error), `the error tied to the field: ${error}`);
  assert(await page.locator('.pe-summary').isVisible(), 'the summary at the top');
  assert(/new/.test(page.url()), 'still on the new-page view');
  equal(read('content/practices/support/regular-supervision.md'), before, 'the existing file');
});

// ---------------------------------------------------------------- nothing lost

await check('a file changed on disk while open: both versions shown, nothing overwritten, the merged text saved', async () => {
  const file = 'content/practices/hiring/interviews.md';
  await openEditor(page, file);
  await toEnd(page);
  await page.keyboard.type('\nMine: panels include a peer.\n');
  writeFileSync(path.join(site, file), `${read(file)}\nTheirs: interviews are recorded.\n`);
  const disk = read(file);
  // Told before saving, once the preview has seen the change.
  await until('the notice that the file changed', () => page.locator('.pe-notice', { hasText: 'changed on disk' }).isVisible());
  assert((await textarea(page).inputValue()).includes('Mine: panels include a peer.'), 'the unsaved text stays');
  await textarea(page).focus();
  await page.keyboard.press('Control+S');
  const box = page.locator('.pe-conflict');
  await box.waitFor({ state: 'visible' });
  assert(await box.evaluate((b) => b === document.activeElement), 'focus on the conflict');
  equal(read(file), disk, 'the file on disk, untouched');
  equal(await axe(page), [], 'axe violations with the conflict shown');
  assert((await page.getByLabel('Your version').inputValue()).includes('Mine: panels include a peer.'), 'mine shown');
  assert((await page.getByLabel('The version on disk now').inputValue()).includes('Theirs: interviews are recorded.'), 'theirs shown');
  const mineAt = (await page.getByLabel('Your version').inputValue()).split('\n').indexOf('Mine: panels include a peer.') + 1;
  const theirsAt = disk.split('\n').indexOf('Theirs: interviews are recorded.') + 1;
  const said = await box.locator('p', { hasText: 'What differs' }).textContent();
  assert(said.includes(`only in your version: line ${mineAt}`) && said.includes(`only in the version on disk: line ${theirsAt}`), said);
  const merged = page.getByLabel('Both made into one (you can edit this)');
  await merged.fill(`${await merged.inputValue()}\nTheirs: interviews are recorded.\n`);
  await page.getByRole('button', { name: 'Save the text made of both' }).click();
  await saved(page);
  const after = read(file);
  assert(after.includes('Mine: panels include a peer.') && after.includes('Theirs: interviews are recorded.'), after);
  assert((await textarea(page).inputValue()).includes('Theirs: interviews are recorded.'), 'the editor shows the saved text');
  // Saved is saved: no draft of the text before the conflict comes back.
  await page.reload();
  await rendered(page).waitFor();
  assert(await page.locator('.pe-notice', { hasText: 'were put back' }).isHidden(), 'no unsaved changes put back after the save');
  equal(await textarea(page).inputValue(), after.slice(after.indexOf('\n---\n') + 5), 'the text after a reload');
});

await check('an untouched form follows a change made on disk', async () => {
  const file = 'content/practices/hiring/_index.md';
  await openEditor(page, file);
  const title = page.getByRole('textbox', { name: 'Title (required)' });
  const old = await title.inputValue();
  writeFileSync(path.join(site, file), read(file).replace(`title: ${old}`, 'title: Hiring well'));
  await until('the new title in the form', async () => (await title.inputValue()) === 'Hiring well');
  assert((await status(page).textContent()).includes('changed on disk'), 'said so');
});

await check('a reload keeps unsaved changes, with a notice', async () => {
  const file = 'content/practices/hiring/job-descriptions.md';
  const before = read(file);
  await openEditor(page, file);
  const title = page.getByRole('textbox', { name: 'Title (required)' });
  await title.fill('Job descriptions that say what peers do');
  await toEnd(page);
  await page.keyboard.type('\nNot saved yet.');
  await until('the draft kept', () => page.evaluate((f) => Object.keys(localStorage).some((k) => k.startsWith(`practica-edit:${f}:`)), file));
  const asked = dialogs.length;
  await page.reload();
  assert(dialogs.slice(asked).includes('beforeunload'), 'asked before the reload');
  await rendered(page).waitFor();
  equal(await page.getByRole('textbox', { name: 'Title (required)' }).inputValue(), 'Job descriptions that say what peers do', 'the title after the reload');
  assert((await textarea(page).inputValue()).endsWith('\nNot saved yet.'), 'the text after the reload');
  assert(await page.locator('.pe-notice', { hasText: 'were put back' }).isVisible(), 'the notice');
  equal(await axe(page), [], 'axe violations with the notice shown');
  equal(read(file), before, 'nothing written');
  await page.getByRole('button', { name: 'Discard my unsaved changes' }).click();
  equal(await page.getByRole('textbox', { name: 'Title (required)' }).inputValue(), (/title: (.*)/.exec(before) || [])[1], 'discarded');
});

// ---------------------------------------------------------------- quality

const views = [
  ['edit view', editUrl('content/practices/support/regular-supervision.md')],
  ['edit view of a checklist', editUrl('content/checklists/self-check.md')],
  ['new-page view', `${origin}/__practica/new?kind=practice&area=support`],
];

const scratch = mkdtempSync(path.join(os.tmpdir(), 'edit-quality-'));
const pages = [];
for (const [name, url] of views) {
  for (const width of [1280, 390]) {
    await check(`${name} at ${width} px passes axe (WCAG 2.2 AA), with its problems and a dialog open`, async () => {
      const p = await newPage({ width, height: 900 });
      await p.goto(url);
      await p.locator('.pe-form').waitFor();
      if (url.includes('/edit?')) {
        await until('the first preview', () => rendered(p).evaluate((e) => e.childElementCount > 0));
        // A problem shown: the summary and the field's error are checked too.
        await p.getByRole('textbox', { name: 'Title (required)' }).fill('');
        await until('the summary', () => p.locator('.pe-summary').isVisible());
      } else {
        await p.getByRole('button', { name: 'Make the page' }).click();
        await p.locator('.pe-summary').waitFor();
      }
      // The page as the browser built it, for the Nu checker (before axe adds its script).
      const file = path.join(scratch, `${pages.length}-${width}.html`);
      writeFileSync(file, `<!DOCTYPE html>\n${await p.evaluate(() => document.documentElement.outerHTML)}`);
      pages.push(file);
      equal(await axe(p), [], 'axe violations');
      if (url.includes('/edit?')) {
        await p.getByRole('button', { name: 'Link to a page' }).click();
        await p.getByRole('dialog').waitFor();
        equal(await axe(p), [], 'axe violations with the link dialog open');
        await p.keyboard.press('Escape');
        await p.getByRole('button', { name: 'Image' }).click();
        await p.getByRole('dialog').waitFor();
        equal(await axe(p), [], 'axe violations with the image dialog open');
        await p.keyboard.press('Escape');
      }
      await p.context().close();
    });
  }
  await check(`${name} at 320 px: nothing scrolls sideways`, async () => {
    const p = await newPage({ width: 320, height: 700 });
    await p.goto(url);
    await p.locator('.pe-form').waitFor();
    await p.waitForTimeout(800);
    const wide = await p.evaluate(() => ({ scroll: document.documentElement.scrollWidth, view: document.documentElement.clientWidth }));
    assert(wide.scroll <= wide.view, `the page is ${wide.scroll} px wide in a ${wide.view} px window`);
    await p.context().close();
  });
}

await check('Tab through the edit view: no focused control hides under the sticky Save bar (WCAG 2.4.11)', async () => {
  const p = await newPage({ width: 1280, height: 600 });
  await p.goto(editUrl('content/practices/support/regular-supervision.md'));
  await until('the first preview', () => rendered(p).evaluate((e) => e.childElementCount > 0));
  const hidden = [];
  // Forwards and then backwards: going back up is when a sticky bar covers what gets focus.
  for (let i = 0; i < 80; i++) {
    await p.keyboard.press(i < 40 ? 'Tab' : 'Shift+Tab');
    const r = await p.evaluate(() => {
      const e = document.activeElement;
      const b = e.getBoundingClientRect();
      const bar = document.querySelector('.pe-bar').getBoundingClientRect();
      return { name: e.id || e.textContent.trim().slice(0, 30), overlaps: !e.closest('.pe-bar') && b.top < bar.bottom && b.bottom > bar.top && b.bottom - Math.max(b.top, bar.bottom) < 8 };
    });
    if (r.overlaps) hidden.push(r.name);
  }
  equal([...new Set(hidden)], [], 'controls hidden under the bar when focused');
  await p.context().close();
});

await check('the Nu checker finds no error in the views as the browser built them', async () => {
  equal(nuErrors(pages), [], 'Nu errors');
});

if (shots) {
  await check('screenshots of the edit view at 1280, 1024 and 320 px', async () => {
    mkdirSync(shots, { recursive: true });
    for (const width of [1280, 1024, 320]) {
      const p = await newPage({ width, height: 900 });
      await p.goto(editUrl('content/practices/support/regular-supervision.md'));
      await until('the first preview', () => rendered(p).evaluate((e) => e.childElementCount > 0));
      await p.screenshot({ path: path.join(shots, `edit-${width}.png`), fullPage: width !== 1280 });
      await p.context().close();
    }
    const p = await newPage({ width: 1280, height: 900 });
    await p.goto(`${origin}/__practica/new?kind=practice&area=support`);
    await p.getByRole('textbox', { name: 'Title (required)' }).fill('Peer support groups');
    await p.waitForTimeout(600);
    await p.screenshot({ path: path.join(shots, 'new-1280.png') });
    await p.context().close();
  });
}

await check('no request left the machine and no script failed', async () => {
  equal(elsewhere, [], 'requests to other hosts');
  equal(errors.filter((e) => !/status of 409|status of 400/.test(e)), [], 'errors in the pages');
});

await browser.close();
finish();
