// Counted words in the browser: on the Russian, Arabic, Chinese and English home pages
// of the built fixture (tests/suite/plurals.rs adds a list of counted words
// to each page, as practica wrote them), the theme's words.js, given the
// page's own words and language, picks the same text for every count. So a
// page's words do not change when its script starts.
//
//   node tests/browser/plurals.mjs --dir OUT --base /scripts/
import { chromium } from 'playwright-core';
import { arg, assert, checks, CHROMIUM_ARGS, findChromium, startServer } from './lib.mjs';

const dir = arg('--dir');
const base = arg('--base', '/');
if (!dir) {
  console.error('usage: node plurals.mjs --dir OUT --base /sub/path/');
  process.exit(2);
}

const { check, finish } = checks('plurals');
const server = await startServer(dir, base);
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });

/** Each counted word as the HTML has it and as words.js says it. */
async function compare(path) {
  const page = await browser.newPage();
  await page.goto(`${origin}${base}${path}`);
  await page.waitForFunction(() => typeof window.practicaWords === 'function');
  const seen = await page.evaluate(() => {
    const lang = document.documentElement.lang;
    const script = JSON.parse(document.getElementById('plural-probe-words').textContent);
    const search = JSON.parse(document.querySelector('[data-words]').getAttribute('data-words'));
    return [...document.querySelectorAll('#plural-probe [data-key]')].map((p) => {
      const key = p.dataset.key;
      const n = Number(p.dataset.n);
      // The search box's words are the js_search_* keys; the others the js_* keys.
      const words = key.startsWith('search_') ? search : key === 'practice_count' ? null : script;
      return {
        key, n, html: p.textContent,
        script: words ? window.practicaWords(words, lang).plural(key.replace(/^search_/, ''), n, { q: 'x' }) : null,
      };
    });
  });
  await page.close();
  return seen;
}

for (const path of ['ru/', 'ar/', 'zh/', '']) {
  await check(`words.js says what the HTML says on /${path}`, async () => {
    const seen = await compare(path);
    const compared = seen.filter((s) => s.script !== null);
    assert(compared.length >= 6, `only ${compared.length} counted words compared: ${JSON.stringify(seen)}`);
    const differ = compared.filter((s) => s.script !== s.html);
    assert(differ.length === 0, `differ: ${JSON.stringify(differ)}`);
  });
}

await check('Russian 11 and Arabic 11 take their many forms in the browser', async () => {
  const ru = await compare('ru/');
  const ar = await compare('ar/');
  const at = (list, key, n) => list.find((s) => s.key === key && s.n === n)?.script;
  assert(at(ru, 'team_people', 11) === '11 человек:', at(ru, 'team_people', 11));
  assert(at(ru, 'team_people', 3) === '3 человека:', at(ru, 'team_people', 3));
  assert(at(ar, 'team_people', 11) === '11 شخصًا:', at(ar, 'team_people', 11));
  assert(at(ar, 'team_people', 2) === 'شخصان:', at(ar, 'team_people', 2));
});

await check('English words on a Chinese page take English forms in the browser', async () => {
  const zh = await compare('zh/');
  const at = (key, n) => zh.find((s) => s.key === key && s.n === n)?.script;
  assert(at('search_found', 1) === '1 result for “x”.', at('search_found', 1));
  assert(at('search_found', 2) === '2 results for “x”.', at('search_found', 2));
});
await browser.close();
server.close();
finish();
