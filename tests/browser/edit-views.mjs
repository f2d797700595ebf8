// The preview's guide status and side-by-side translation views as an
// editor uses them, with the keyboard, in headless Chromium: the status page
// lists a problem and opens the editor at its line; "Mark reviewed today"
// writes today's date and nothing else; a page changed since its translation
// is listed under its language and, in the translation view, its changed
// lines are marked; "Mark as up to date" writes the source_hash `check`
// wants and nothing else; "Start the translation" makes the file from the
// original's text. Both views pass axe and the Nu checker and reflow.
//
//   node tests/browser/edit-views.mjs --site SITE --practica BIN --today 2026-12-07 [--shots DIR]
//
// SITE is the copy tests/edit_views_browser.rs prepared (a git repository);
// the script starts `practica serve` on it with PRACTICA_TODAY set.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { arg, assert, checks, CHROMIUM_ARGS, findChromium, nuErrors } from './lib.mjs';

const require = createRequire(import.meta.url);

const site = arg('--site');
const practica = arg('--practica');
const today = arg('--today');
const shots = arg('--shots');
if (!site || !practica || !today) {
  console.error('usage: node edit-views.mjs --site SITE --practica BIN --today YYYY-MM-DD [--shots DIR]');
  process.exit(2);
}
const { check, finish } = checks('edit-views');
function equal(got, want, what) {
  const g = JSON.stringify(got);
  const w = JSON.stringify(want);
  if (g !== w) throw new Error(`${what}: got ${g}, want ${w}`);
}

const env = { ...process.env, NO_COLOR: '1', PRACTICA_TODAY: today };
const read = (rel) => readFileSync(path.join(site, rel), 'utf8');
/** The lines that differ between two texts of as many lines: [[line, before, after]]. */
function differing(before, after) {
  const a = before.split('\n');
  const b = after.split('\n');
  assert(a.length === b.length, `the file has ${b.length} lines, not ${a.length}:\n${after}`);
  return a.flatMap((line, i) => (line === b[i] ? [] : [[i + 1, line, b[i]]]));
}
/** `practica check`'s notes that name `file`, with their code. */
function checkSays(code, file) {
  let out;
  try {
    out = execFileSync(practica, ['check', '--root', site], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    out = Buffer.concat([e.stdout ?? Buffer.alloc(0), e.stderr ?? Buffer.alloc(0)]);
  }
  return String(out).split(/\n\s*\n/).filter((block) => block.includes(`[${code}]`) && block.includes(file));
}

// ---------------------------------------------------------------- the preview

/** `practica serve` on `root`; resolves to its process and origin once it listens. */
function serve(root) {
  const child = spawn(practica, ['serve', '--root', root, '--port', '0', '--no-search'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => { log += d; });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      log += chunk;
      const m = log.match(/Serving (http:\/\/\S+)/);
      if (m) resolve({ child, origin: new URL(m[1]).origin });
    });
    child.on('exit', (code) => reject(new Error(`practica serve exited with ${code}: ${log}`)));
    setTimeout(() => reject(new Error(`practica serve did not start: ${log}`)), 30000).unref();
  });
}
const { child: server, origin } = await serve(site);
const view = (name, params = {}) => `${origin}/__practica/${name}${Object.keys(params).length ? `?${new URLSearchParams(params)}` : ''}`;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? findChromium(), args: CHROMIUM_ARGS });
const errors = [];
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
// No request may leave the machine.
await context.route(() => true, (route) => {
  const u = new URL(route.request().url());
  if (/^(https?|wss?):$/.test(u.protocol) && u.hostname !== '127.0.0.1') {
    errors.push(`request to another host: ${u.href}`);
    return route.abort('blockedbyclient');
  }
  return route.continue();
});
const page = await context.newPage();
page.on('pageerror', (e) => errors.push(`${page.url()}: ${e}`));
page.on('console', (m) => { if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`); });

/** Tabs (at most 400 times) until the focused element passes `test`; the keyboard is how the editor gets there. */
async function tabTo(test, arg, what) {
  for (let i = 0; i < 400; i++) {
    if (await page.evaluate(test, arg)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${what}`);
}
const focusedLink = ([name, href]) => {
  const a = document.activeElement;
  return !!a && a.tagName === 'A' && a.textContent.replace(/\s+/g, ' ').trim().startsWith(name) && (!href || a.getAttribute('href') === href);
};
const focusedButton = ([name, also]) => {
  const b = document.activeElement;
  const text = b && b.tagName === 'BUTTON' ? b.textContent.replace(/\s+/g, ' ').trim() : '';
  return text.startsWith(name) && (!also || text.includes(also));
};
const message = (re) => page.waitForFunction((src) => {
  const m = document.querySelector('[role=status]');
  return m && new RegExp(src).test(m.textContent);
}, re.source, { timeout: 15000 });

// ---------------------------------------------------------------- quality at every state

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'edit-views-'));
const snapshots = [];
const quality = [];
/** axe (WCAG 2.2 A/AA) at 390 and 1280 px, sideways scroll at 320, 390 and 1280 px, and the page kept for the Nu checker. */
async function assess(what) {
  for (const width of [320, 390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(50);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (wide > 1) quality.push(`${what} at ${width}px scrolls sideways by ${wide}px`);
    if (width === 320) continue;
    if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
    const r = await page.evaluate(() => window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] }));
    for (const v of r.violations) quality.push(`${what} at ${width}px: axe ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  }
  const html = await page.evaluate(() => '<!DOCTYPE html>\n' + document.documentElement.outerHTML);
  const file = path.join(scratch, `${what.replace(/[^a-z0-9]+/gi, '-')}.html`);
  writeFileSync(file, html);
  snapshots.push(file);
}
async function screenshot(name) {
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  for (const width of [1280, 1024]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(50);
    // The translate view as the window shows it: its original column stays in place as the page scrolls.
    await page.screenshot({ path: path.join(shots, `${name}-${width}.png`), fullPage: name === 'status' });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

// ---------------------------------------------------------------- status

const INTERVIEWS = 'content/practices/hiring/interviews.md';
const skippedLine = read(INTERVIEWS).split('\n').findIndex((l) => l.startsWith('#### A skipped level')) + 1;

await check('the status page lists the planted problem under its file, and its link opens the editor at that line', async () => {
  assert(skippedLine > 0, 'the planted heading is in the file');
  await page.goto(view('status'));
  await page.getByRole('heading', { level: 2, name: /^Problems \(\d+\)$/ }).waitFor();
  await assess('status');
  await screenshot('status');
  // Under the file's heading, a link to the editor at the heading's line.
  const href = `/__practica/edit?file=${encodeURIComponent(INTERVIEWS)}&line=${skippedLine}`;
  const listed = await page.evaluate(([file, href]) => {
    const h = [...document.querySelectorAll('h3')].find((x) => x.textContent.startsWith(file));
    const list = h && h.nextElementSibling;
    return list ? [...list.querySelectorAll('a')].filter((a) => a.getAttribute('href') === href).map((a) => a.closest('li').textContent) : [];
  }, [INTERVIEWS, href]);
  assert(listed.length === 1 && /Line \d+: this heading jumps from level 2 to level 4/.test(listed[0]) && listed[0].includes('P0208'), `the problem under ${INTERVIEWS}: ${JSON.stringify(listed)}`);
  await tabTo(focusedLink, [`Line ${skippedLine}:`, href], 'the problem\'s link');
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.pathname === '/__practica/edit');
  // The editor puts the caret on that line of the file.
  await page.waitForFunction(() => {
    const t = document.activeElement;
    if (!t || t.tagName !== 'TEXTAREA') return false;
    const v = t.value;
    const s = v.lastIndexOf('\n', t.selectionStart - 1) + 1;
    const e = v.indexOf('\n', t.selectionStart);
    return v.slice(s, e < 0 ? v.length : e).startsWith('#### A skipped level');
  }, null, { timeout: 15000 });
});

const OVERDUE = 'content/practices/support/regular-supervision.md';
await check('"Mark reviewed today" on an overdue page changes only its reviewed: line, to today, and the page leaves the overdue list', async () => {
  await page.goto(view('status'));
  const overdue = page.getByRole('table', { name: 'Pages whose review is overdue' });
  await overdue.waitFor();
  assert((await overdue.textContent()).includes('Regular supervision'), 'the overdue page is listed');
  const soon = page.getByRole('table', { name: 'Pages due for review within a month' });
  assert((await soon.textContent()).includes('Train supervisors'), 'the page due soon is listed apart');
  await page.getByRole('heading', { level: 3, name: 'Overdue (1)' }).waitFor();
  const before = read(OVERDUE);
  await tabTo(focusedButton, ['Mark reviewed today', 'Regular supervision'], 'the overdue page\'s button');
  await page.keyboard.press('Enter');
  await message(/Marked .Regular supervision. reviewed today/);
  equal(differing(before, read(OVERDUE)), [[2, 'reviewed: 2025-10-01', `reviewed: ${today}`]], 'the lines that changed');
  await page.getByRole('heading', { level: 3, name: 'Overdue (0)' }).waitFor({ timeout: 15000 });
  const reviews = await page.locator('section[aria-labelledby=pv-reviews]').textContent();
  assert(!reviews.includes('Regular supervision') && reviews.includes('Train supervisors'), `the page is no longer listed: ${reviews}`);
  equal(checkSays('P0701', OVERDUE), [], 'check\'s overdue notes for the page');
});

await check('the status page follows a fix saved elsewhere while it is open', async () => {
  await page.getByRole('heading', { level: 2, name: 'Problems (1)' }).waitFor();
  writeFileSync(path.join(site, INTERVIEWS), read(INTERVIEWS).replace('#### A skipped level', '### A skipped level'));
  await page.getByRole('heading', { level: 2, name: 'Problems (0)' }).waitFor({ timeout: 15000 });
});

const DUE_SOON = 'content/tips/train-supervisors.md';
await check('"Mark reviewed today" on a page that names its next review also moves that on by the months it had', async () => {
  await page.getByRole('heading', { level: 3, name: 'Due within a month (1)' }).waitFor();
  const before = read(DUE_SOON);
  await tabTo(focusedButton, ['Mark reviewed today', 'Train supervisors'], 'the button of the page due soon');
  await page.keyboard.press('Enter');
  await message(/Marked .Train supervisors. reviewed today/);
  const nextYear = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
  equal(differing(before, read(DUE_SOON)), [[2, 'reviewed: 2025-12-20', `reviewed: ${today}`], [3, 'next_review: 2026-12-20', `next_review: ${nextYear}`]], 'the lines that changed');
  await page.getByRole('heading', { level: 3, name: 'Due within a month (0)' }).waitFor({ timeout: 15000 });
});

const ORIGINAL = 'content/practices/hiring/job-descriptions.md';
const TRANSLATION = 'content/practices/hiring/job-descriptions.es.md';
await check('a stale translation appears under Spanish with a "Translate" link', async () => {
  await page.goto(view('status'));
  await page.getByRole('heading', { level: 2, name: /^Translations to do/ }).waitFor();
  const listed = await page.evaluate(() => {
    const h = [...document.querySelectorAll('h4')].find((x) => x.textContent.startsWith('Out of date'));
    let lang = h;
    while (lang && lang.tagName !== 'H3') lang = lang.previousElementSibling;
    let list = h && h.nextElementSibling;
    while (list && list.tagName !== "UL") list = list.nextElementSibling;
    return { heading: h && h.textContent, lang: lang && lang.textContent, links: list ? [...list.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')]) : [] };
  });
  equal(listed.heading, 'Out of date (2)', 'the heading');
  assert(/\(es\)/.test(listed.lang), `under its language: ${listed.lang}`);
  const href = `/__practica/translate?file=${encodeURIComponent(ORIGINAL)}&lang=es`;
  assert(listed.links.some(([text, h]) => text === 'Translate: Write job descriptions' && h === href), `its link: ${JSON.stringify(listed.links)}`);
});

await check('the translate view shows the original with the lines changed since the translation marked', async () => {
  await tabTo(focusedLink, ['Translate', `/__practica/translate?file=${encodeURIComponent(ORIGINAL)}&lang=es`], 'the Translate link');
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.pathname === '/__practica/translate');
  await page.locator('.pv-source').waitFor();
  const marked = await page.locator('.pv-source mark').evaluateAll((ms) => ms.map((m) => m.textContent.replace(/^\d+Changed: /, '').trim()));
  assert(marked.includes('Review each description every year with a peer worker.'), `the new line is marked: ${JSON.stringify(marked)}`);
  assert(marked.filter(Boolean).length === 1, `only the new line: ${JSON.stringify(marked)}`);
  assert(/out of date/.test(await page.locator('.pv-state').textContent()), 'the translation is said to be out of date');
  await page.getByRole('heading', { level: 2, name: 'Translation (Spanish)' }).waitFor();
  // The translation's form offers what is said in Spanish, not the
  // original's audiences or tags, which a translation may not change (P0606).
  await page.getByRole('textbox', { name: /^Title/ }).first().waitFor();
  const audience = await page.getByRole('checkbox', { name: /\(supervisors\)/ }).count();
  assert(audience === 0, `the translation's form offers no audience boxes (${audience})`);
  await assess('translate, out of date');
  await screenshot('translate');
});

await check('an edit of the original saved elsewhere while the view is open is marked too', async () => {
  const text = read(ORIGINAL);
  writeFileSync(path.join(site, ORIGINAL), text.replace('- [ ] A description exists.', '- [ ] A description exists and is shared with the team.'));
  await page.waitForFunction(() => [...document.querySelectorAll('.pv-source mark')].some((m) => m.textContent.includes('shared with the team')), null, { timeout: 15000 });
  equal(await page.locator('.pv-source mark').count(), 2, 'lines marked');
});

await check('"Mark as up to date" changes only the translation\'s source_hash, and check no longer reports it out of date (P0602)', async () => {
  assert(checkSays('P0602', TRANSLATION).length === 1, 'check reports it out of date before');
  const before = read(TRANSLATION);
  await tabTo(focusedButton, ['Mark as up to date'], 'Mark as up to date');
  await page.keyboard.press('Enter');
  await message(/Marked up to date/);
  const changed = differing(before, read(TRANSLATION));
  assert(changed.length === 1 && /^source_hash: /.test(changed[0][1]) && /^source_hash: [0-9a-f-]+$/.test(changed[0][2]), `the lines that changed: ${JSON.stringify(changed)}`);
  equal(checkSays('P0602', TRANSLATION), [], 'check\'s out-of-date notes for the translation');
  await page.locator('.pv-state-current').waitFor();
});

await check('the translate view says the earlier text is not known when no version in git has the translation\'s source_hash', async () => {
  await page.goto(view('translate', { file: 'content/about.md', lang: 'es' }));
  await page.locator('.pv-source').waitFor();
  const column = await page.locator('section[aria-labelledby=pv-original]').textContent();
  assert(column.includes('The earlier text is not known'), column);
  equal(await page.locator('.pv-source mark').count(), 0, 'lines marked');
});

const CHECKLIST = 'content/checklists/self-check.md';
const MISSING = 'content/checklists/self-check.es.md';
await check('"Start the translation" on a page with none makes the file from the original\'s text', async () => {
  assert(!existsSync(path.join(site, MISSING)), 'no translation before');
  await page.goto(view('translate', { file: CHECKLIST, lang: 'es' }));
  await page.getByRole('button', { name: 'Start the translation' }).waitFor();
  await assess('translate, missing');
  await tabTo(focusedButton, ['Start the translation'], 'Start the translation');
  await page.keyboard.press('Enter');
  await message(/Started/);
  const original = read(CHECKLIST);
  const made = read(MISSING);
  const bodyOf = (t) => t.slice(t.indexOf('\n---\n', 4) + 5);
  equal(bodyOf(made), bodyOf(original), 'the translation\'s body');
  const title = original.split('\n').find((l) => l.startsWith('title:'));
  assert(made.split('\n').includes(title), `its title: ${made}`);
  await page.locator('.pv-state').waitFor();
  await assess('translate, started');
});

await check('the status page of a clean guide (practica init\'s) says the guide is clean', async () => {
  const clean = mkdtempSync(path.join(os.tmpdir(), 'edit-views-clean-'));
  execFileSync(practica, ['init', path.join(clean, 'guide')], { env, stdio: 'ignore' });
  const other = await serve(path.join(clean, 'guide'));
  try {
    await page.goto(`${other.origin}/__practica/status`);
    await page.getByRole('heading', { level: 2, name: 'The guide is clean' }).waitFor();
    equal(await page.getByRole('heading', { level: 2, name: /^Problems/ }).count(), 0, 'a problems heading');
    await assess('status, clean');
  } finally {
    other.child.kill();
  }
});

await check('axe finds no WCAG 2.2 AA problem in either view at 390 and 1280 px, and nothing scrolls sideways at 320 px', async () => {
  equal(snapshots.length, 5, 'states checked');
  equal(quality, [], 'problems');
});

await check('the Nu checker finds no error in those pages as the scripts left them', async () => {
  assert(snapshots.length === 5, `${snapshots.length} pages kept`);
  equal(nuErrors(snapshots).slice(0, 10), [], 'Nu checker errors');
});

await check('no request left the machine and no page had an error', async () => {
  equal(errors, [], 'errors');
});

await browser.close();
server.kill();
finish();
