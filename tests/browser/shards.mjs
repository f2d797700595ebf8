// A guide whose search index is in shards finds what one index finds: the
// same guide built both ways, served side by side, the same queries typed on
// each site's search page. The counts and the pages found must be the same;
// how often the order is the same too is printed (and, with --same-order N,
// required of at least N% of the queries: tiny shards rank a little apart,
// as each shard weighs words by its own pages).
//
//   node tests/browser/shards.mjs --one OUT1 --sharded OUT2 --base /sub/path/
//        [--queries FILE] [--same-order PERCENT]
//
// FILE holds one query a line, optionally `es: query` for the edition of that
// language; by default a set for the shipped guide is used.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { arg, assert, checks, CHROMIUM_ARGS, findChromium, startServer } from './lib.mjs';

const one = arg('--one');
const sharded = arg('--sharded');
const base = arg('--base', '/');
if (!one || !sharded) {
  console.error('usage: node shards.mjs --one OUT1 --sharded OUT2 --base /sub/path/ [--queries FILE] [--same-order PERCENT]');
  process.exit(2);
}
const sameOrder = Number(arg('--same-order', '0'));
const file = arg('--queries');
const lines = file
  ? readFileSync(file, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean)
  : [
    'Medicaid', 'supervisor', 'supervision', 'training', 'peer', 'certification',
    'recovery', 'lived experience', 'interview questions', 'career ladder', 'caseload', 'onboarding',
    'compensation', 'job description', 'mentor', 'funding',
    'area=Supervision', 'es: supervisores', 'es: formación', 'es: entrevista',
  ];
// `area=X` alone is a filter with no words, as the search page allows.
const queries = lines.map((l) => {
  const m = l.match(/^([a-z]{2}(?:-[A-Za-z]+)?): (.*)$/);
  const [lang, text] = m ? [m[1], m[2]] : ['', l];
  const f = text.match(/^(\w+)=(.*)$/);
  const params = f ? `?${f[1]}=${encodeURIComponent(f[2])}` : `?q=${encodeURIComponent(text)}`;
  return { label: l, path: `${base}${lang ? `${lang}/` : ''}search/${params}` };
});

const { check, finish } = checks('shards');
const servers = [await startServer(one, base), await startServer(sharded, base)];
const origins = servers.map((s) => `http://127.0.0.1:${s.address().port}`);
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));
page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
let shardRequests = 0;
page.on('request', (r) => { if (/\/pagefind\/shard-\d+\//.test(r.url())) shardRequests++; });

/** What the search page says and the result links it lists, in order. */
async function results(origin, path) {
  await page.goto(origin + path);
  await page.waitForFunction(() => {
    const s = document.querySelector('[data-search-status]');
    return s && /\d|no |ningún|no hay/i.test(s.textContent) && !/searching|buscando/i.test(s.textContent);
  }, null, { timeout: 20000 });
  // The status is set after the list, in the same task.
  const status = await page.$eval('[data-search-status]', (s) => s.textContent.trim());
  const urls = await page.$$eval('[data-search-results] a', (as) => as.map((a) => a.getAttribute('href')));
  return { status, urls };
}

let same = 0;
let sharedTop = 0;
for (const q of queries) {
  await check(`"${q.label}": the same count and the same pages`, async () => {
    const a = await results(origins[0], q.path);
    const b = await results(origins[1], q.path);
    assert(a.urls.length > 0, `one index found nothing for "${q.label}": ${a.status}`);
    assert(a.status === b.status, `one index: "${a.status}", shards: "${b.status}"`);
    // Past the page's 50 results, which 50 are shown depends on the order.
    if (a.urls.length < 50) {
      const missing = a.urls.filter((u) => !b.urls.includes(u));
      const extra = b.urls.filter((u) => !a.urls.includes(u));
      assert(!missing.length && !extra.length, `missing ${missing.join(', ')}; extra ${extra.join(', ')}`);
    }
    const top = Math.min(10, a.urls.length);
    const overlap = a.urls.slice(0, top).filter((u) => b.urls.slice(0, top).includes(u)).length;
    if (a.urls.join() === b.urls.join()) same++;
    if (a.urls[0] === b.urls[0]) sharedTop++;
    console.log(`   ${q.label}: ${a.urls.length} shown, top ${top} shared ${overlap}, order ${a.urls.join() === b.urls.join() ? 'same' : 'differs'}`);
    if (a.urls[0] !== b.urls[0]) console.log(`     first: ${a.urls[0]} (one index), ${b.urls[0]} (shards)`);
  });
}

await check('the sharded site searched its further shards', async () => {
  assert(shardRequests > 0, 'no request reached pagefind/shard-N/');
});

await check(`the order is the same for at least ${sameOrder}% of queries`, async () => {
  const pct = Math.round((100 * same) / queries.length);
  console.log(`   order the same in ${same} of ${queries.length} queries (${pct}%); first result the same in ${sharedTop}`);
  assert(pct >= sameOrder, `only ${pct}%`);
});

await check('no console errors', async () => {
  assert(errors.length === 0, errors.join('\n'));
});

await browser.close();
servers.forEach((s) => s.close());
finish();
