// Another web page the editor has open cannot change the guide through the
// preview's editing API: a page served from another port on 127.0.0.1 tries
// `fetch` (with and without guessing the secret, and with a body a browser
// sends without asking first), form posts (urlencoded, and text/plain
// shaped as JSON), a navigation and a frame, and reading the secret from
// the preview's own pages. No file of the guide may change. Then the
// preview's own page saves, to show the same check sees a change.
//
//   node tests/browser/edit-security.mjs --preview http://127.0.0.1:PORT --site SITE --file content/x.md --page /path/of/its/page/
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { arg, assert, checks, CHROMIUM_ARGS, findChromium } from './lib.mjs';

const preview = arg('--preview');
const site = arg('--site');
const file = arg('--file');
if (!preview || !site || !file) {
  console.error('usage: node edit-security.mjs --preview http://127.0.0.1:PORT --site SITE --file content/x.md');
  process.exit(2);
}
const { check, finish } = checks('edit-security');

/** Every file of the guide, by path, as a hash of its bytes. */
function files(dir = site, out = {}) {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) files(p, out);
    else out[path.relative(site, p)] = createHash('sha1').update(readFileSync(p)).digest('hex');
  }
  return out;
}

const api = `${preview}/__practica/api`;
const pagePath = arg('--page', '/');
const body = JSON.stringify({ path: file, hash: '', text: '---\ntitle: Changed by another site\n---\n' });
// The attacker's page: every attempt it can make from script, each recorded.
const ATTACK = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Another site</title></head><body>
<iframe name="sink1" title="a"></iframe><iframe name="sink2" title="b"></iframe><iframe name="sink3" title="c"></iframe>
<form id="urlencoded" method="post" action="${api}/save" target="sink1"><input name="path" value="${file}"><input name="text" value="x"></form>
<form id="plain" method="post" action="${api}/save" target="sink2" enctype="text/plain"><input name='${body.slice(0, -1)}, "x": "' value='"}'></form>
<form id="new" method="post" action="${api}/new" target="sink3" enctype="text/plain"><input name='{"kind": "page", "title": "Pwned", "x": "' value='"}'></form>
<script>
window.results = {};
async function attempt(name, run) {
  try { window.results[name] = await run(); } catch (e) { window.results[name] = 'refused: ' + e.name; }
}
(async () => {
  const body = ${JSON.stringify(body)};
  await attempt('fetch json', () => fetch('${api}/save', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body }).then((r) => 'status ' + r.status));
  await attempt('fetch guessed secret', () => fetch('${api}/save', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Practica-Secret': '0'.repeat(64) }, body }).then((r) => 'status ' + r.status));
  await attempt('fetch simple no-cors', () => fetch('${api}/save', { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body }).then((r) => r.type));
  await attempt('fetch new no-cors', () => fetch('${api}/new', { method: 'POST', mode: 'no-cors', body: JSON.stringify({ kind: 'page', title: 'Pwned' }) }).then((r) => r.type));
  await attempt('read the secret', () => fetch('${preview}/__practica/status').then((r) => r.text()).then((t) => (t.match(/practica-secret" content="([0-9a-f]+)/) || [])[1] || 'no secret'));
  await attempt('read the guide', () => fetch('${api}/guide').then((r) => r.text()));
  await attempt('read the secret no-cors', () => fetch('${preview}/__practica/status', { mode: 'no-cors' }).then((r) => r.type + ':' + r.status));
  document.getElementById('urlencoded').submit();
  document.getElementById('plain').submit();
  document.getElementById('new').submit();
  window.done = true;
})();
</script></body></html>`;

const attacker = http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end(ATTACK);
});
await new Promise((resolve) => attacker.listen(0, '127.0.0.1', resolve));
const other = `http://127.0.0.1:${attacker.address().port}`;
assert(other !== preview, 'the attacker is on another port');

const before = files();
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || findChromium(), args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  await page.goto(`${other}/`);
  await page.waitForFunction(() => window.done === true, null, { timeout: 20000 });
  // The form posts load in their frames.
  await page.waitForTimeout(1000);
  const results = await page.evaluate(() => window.results);

  await check('fetch with JSON is stopped by the browser (no CORS answer to its preflight)', () => {
    assert(String(results['fetch json']).startsWith('refused'), results['fetch json']);
  });
  await check('fetch with a guessed secret is stopped the same way', () => {
    assert(String(results['fetch guessed secret']).startsWith('refused'), results['fetch guessed secret']);
  });
  await check('a fetch the browser sends without asking gets an opaque answer', () => {
    assert(results['fetch simple no-cors'] === 'opaque', results['fetch simple no-cors']);
    assert(results['fetch new no-cors'] === 'opaque', results['fetch new no-cors']);
  });
  await check("the preview's pages and API cannot be read, so the secret stays secret", () => {
    assert(String(results['read the secret']).startsWith('refused'), results['read the secret']);
    assert(String(results['read the guide']).startsWith('refused'), results['read the guide']);
    assert(results['read the secret no-cors'] === 'opaque:0', results['read the secret no-cors']);
  });
  await check('the form posts were answered 403', async () => {
    for (const name of ['sink1', 'sink2', 'sink3']) {
      const frame = page.frame({ name });
      const text = frame ? await frame.evaluate(() => document.body ? document.body.innerText : '').catch(() => 'cross-origin') : 'none';
      // A cross-origin frame cannot be read by the page; Playwright can.
      assert(/another site|secret|JSON/.test(text), `${name}: ${text}`);
    }
  });

  // A navigation: the top-level page goes to the API, as a link or a redirect would send it.
  const nav = await browser.newPage();
  const navigated = await nav.goto(`${api}/save?path=${encodeURIComponent(file)}`);
  await check('a navigation to the API is refused', () => assert(navigated.status() === 403, `status ${navigated.status()}`));
  const framed = await browser.newPage();
  await framed.goto(`${other}/`);
  await framed.setContent(`<iframe src="${preview}/__practica/edit?file=${encodeURIComponent(file)}" title="framed"></iframe>`);
  await framed.waitForTimeout(500);
  await check('the editing views cannot be framed by another site', async () => {
    const inner = framed.frames().find((f) => f.url().includes('/__practica/edit'));
    const secret = inner ? await inner.evaluate(() => document.querySelector('meta[name=practica-secret]')?.content || '').catch(() => '') : '';
    assert(secret === '', 'the framed editor loaded with its secret');
  });

  // The bar every preview page carries: it wraps on a phone and passes axe.
  const phone = await browser.newPage({ viewport: { width: 320, height: 640 } });
  await phone.goto(`${preview}${pagePath}`);
  await check('the editing bar fits a 320 px screen without sideways scrolling, passes axe and is not printed', async () => {
    const wide = await phone.evaluate(() => document.documentElement.scrollWidth);
    assert(wide <= 320, `the page is ${wide} px wide`);
    const bar = await phone.evaluate(() => {
      const nav = document.querySelector('nav[data-practica-editbar]');
      return nav && { label: nav.getAttribute('aria-label'), right: nav.getBoundingClientRect().right, links: nav.querySelectorAll('a').length };
    });
    assert(bar && bar.label === 'Editing' && bar.right <= 320 && bar.links === 3, JSON.stringify(bar));
    await phone.evaluate(readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
    const found = await phone.evaluate(async () => {
      const r = await window.axe.run({ include: [['nav[data-practica-editbar]']] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
      return r.violations.map((v) => v.id);
    });
    assert(found.length === 0, `axe: ${found.join(', ')}`);
    await phone.emulateMedia({ media: 'print' });
    const printed = await phone.evaluate(() => getComputedStyle(document.querySelector('nav[data-practica-editbar]')).display);
    assert(printed === 'none', `in print the bar is ${printed}`);
  });

  await check('no file of the guide changed', () => {
    const after = files();
    const changed = Object.keys({ ...before, ...after }).filter((k) => before[k] !== after[k]);
    assert(changed.length === 0, `changed: ${changed.join(', ')}`);
  });

  // The same check sees a change made the way the preview's own page makes it.
  const own = await browser.newPage();
  await own.goto(`${preview}/__practica/edit?file=${encodeURIComponent(file)}`);
  const saved = await own.evaluate(async ({ api, file }) => {
    const secret = document.querySelector('meta[name=practica-secret]').content;
    const headers = { 'Content-Type': 'application/json', 'X-Practica-Secret': secret };
    const got = await fetch(`${api}/file?path=${encodeURIComponent(file)}`, { headers }).then((r) => r.json());
    const r = await fetch(`${api}/save`, { method: 'POST', headers, body: JSON.stringify({ path: file, hash: got.hash, changes: { title: 'Saved by the preview' } }) });
    return r.status;
  }, { api: `/__practica/api`, file });
  await check("the preview's own page can save, and the check sees it", () => {
    assert(saved === 200, `status ${saved}`);
    const after = files();
    const changed = Object.keys(after).filter((k) => before[k] !== after[k]);
    assert(changed.length === 1 && changed[0] === file, `changed: ${changed.join(', ')}`);
  });
} finally {
  await browser.close();
  attacker.close();
}
finish();
