// The printed page (issue 32), read from the CSS Chromium computes for print:
// handout type sizes, tables that keep their right-hand border on Letter and
// A4, and web pages that print without buttons, asides or empty panels and
// say where their handout is.
//
// Usage: node paper.mjs --dir BUILT_SITE (built with its base_url's path at /)
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { arg, assert, checks, CHROMIUM_ARGS, findChromium, startServer } from './lib.mjs';

const dir = path.resolve(arg('--dir'));
const { check, finish } = checks('paper');
const server = await startServer(dir, '/');
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? findChromium(), args: CHROMIUM_ARGS });

const PT = 96 / 72; // CSS px per point
const MM = 96 / 25.4;
// The width of the printed page's content box: the paper less the side
// margins of handouts/paper.css, which the test reads rather than repeats.
const PAPER_MM = { letter: 215.9, a4: 210 };
function contentWidth(paper) {
  const css = readFileSync(path.join(dir, `handouts/paper-${paper}.css`), 'utf8');
  const m = /margin:\s*([\d.]+)mm(?:\s+([\d.]+)mm)?/.exec(css);
  assert(m, `no margin in paper-${paper}.css: ${css}`);
  const side = Number(m[2] ?? m[1]);
  return Math.floor((PAPER_MM[paper] - 2 * side) * MM);
}

/** A page in print media, `width` px wide as the printed page's content box is. */
async function printed(address, width = contentWidth('letter'), before) {
  const page = await browser.newPage({ viewport: { width, height: 1000 } });
  await page.goto(`${origin}/${address}`);
  if (before) await before(page);
  await page.emulateMedia({ media: 'print' });
  return page;
}

/** Every element of `root` that shows text of its own, with its computed size in pt. */
const textSizes = (page, root) => page.evaluate((root) => {
  const out = [];
  for (const el of document.querySelectorAll(`${root} *`)) {
    const own = [...el.childNodes].filter((n) => n.nodeType === 3 && n.textContent.trim()).map((n) => n.textContent.trim()).join(' ');
    if (!own || !el.getClientRects().length) continue;
    out.push({ el: `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`, text: own.slice(0, 40), pt: parseFloat(getComputedStyle(el).fontSize) * 72 / 96 });
  }
  return out;
}, root);

for (const [address, body] of [
  ['handouts/supervision/ongoing-supervision/', '.handout-body p, .handout-body li'],
  ['es/handouts/financing-and-sustainability/fair-compensation/', '.handout-body p, .handout-body li'],
  ['es/handouts/checklists/workforce-integration-self-assessment/', '.part-summary'],
  ['handouts/complete/', '.handout-body p, .handout-body li'],
  ['handouts/bundles/integrating-peers-into-teams/', '.handout-body p, .handout-body li'],
]) {
  await check(`printed ${address}: body text at least 11 pt, nothing under 9 pt`, async () => {
    const page = await printed(address);
    const sizes = await textSizes(page, '.sheet');
    assert(sizes.length > 20, `too little text found: ${JSON.stringify(sizes)}`);
    const bodies = await page.$$eval(body, (els) => els.map((e) => parseFloat(getComputedStyle(e).fontSize) * 72 / 96));
    assert(bodies.length > 0, `no ${body}`);
    const smallBody = bodies.filter((pt) => pt < 11 - 0.01);
    assert(!smallBody.length, `${smallBody.length} body texts under 11 pt, e.g. ${smallBody[0]} pt`);
    const small = sizes.filter((s) => s.pt < 9 - 0.01);
    assert(!small.length, `text under 9 pt: ${JSON.stringify(small.slice(0, 5))}`);
    // The small print a reader looks for is there, and set at 9 pt or more.
    for (const sel of ['.part-source', '.part-online', '.part-dates', '.worksheet thead th', '.worksheet td']) {
      const pts = await page.$$eval(`.sheet ${sel}`, (els) => els.map((e) => parseFloat(getComputedStyle(e).fontSize) * 72 / 96));
      assert(pts.every((pt) => pt >= 9 - 0.01), `${sel} at ${pts}`);
    }
    await page.close();
  });
}

await check('the page footer of handouts prints at 9 pt or more, on Letter and A4, in both languages', async () => {
  for (const file of ['handouts/paper-letter.css', 'handouts/paper-a4.css', 'es/handouts/paper-letter.css', 'es/handouts/paper-a4.css']) {
    const css = readFileSync(path.join(dir, file), 'utf8');
    const sizes = [...css.matchAll(/font:\s*([\d.]+)pt/g)].map((m) => Number(m[1]));
    assert(sizes.length >= 2, `${file}: no footer font: ${css}`);
    assert(sizes.every((pt) => pt >= 9), `${file}: footer at ${sizes} pt`);
  }
});

// ------------------------------------------------------------ table borders

/** Where each table's right edge and its last column's right border are, in print at `width`. */
const tableEdges = (page) => page.evaluate(() => [...document.querySelectorAll('.sheet table')].filter((t) => t.getClientRects().length).map((t) => {
  const last = t.querySelector('tr > :last-child');
  const bw = parseFloat(getComputedStyle(last).borderRightWidth);
  const style = getComputedStyle(last).borderRightStyle;
  // In the collapsing border model half the outer border lies outside the table's box.
  const outer = t.getBoundingClientRect().right + bw / 2;
  return { cls: t.className, bw, style, outer, page: document.documentElement.clientWidth };
}));

for (const paper of ['letter', 'a4']) {
  for (const address of ['handouts/checklists/workforce-integration-self-assessment/', 'es/handouts/checklists/workforce-integration-self-assessment/', 'handouts/complete/']) {
    await check(`${paper}: every table of ${address} keeps its right-hand border inside the page`, async () => {
      const page = await printed(address, contentWidth(paper));
      const edges = await tableEdges(page);
      assert(edges.length > 0, 'no table');
      for (const e of edges) {
        assert(e.bw > 0 && e.style !== 'none', `${e.cls}: no right border (${e.bw}px ${e.style})`);
        assert(e.outer <= e.page, `${e.cls}: its right border ends at ${e.outer}px, past the page's ${e.page}px, where print clips it`);
      }
      await page.close();
    });
  }
  await check(`${paper}: the printed action plan's table keeps its right-hand border`, async () => {
    const page = await printed('assessment/plan/', contentWidth(paper), async (page) => {
      await page.goto(`${origin}/checklists/workforce-integration-self-assessment/`);
      await page.locator('[data-assess]').waitFor({ state: 'visible' });
      await page.locator('li.assess-item').first().getByRole('radio').nth(2).check();
      await page.goto(`${origin}/assessment/plan/`);
      await page.locator('.plan-table').first().waitFor();
    });
    const edges = (await tableEdges(page)).filter((e) => e.cls.includes('plan-table'));
    assert(edges.length > 0, 'no plan table');
    for (const e of edges) {
      assert(e.bw > 0 && e.style !== 'none', `no right border (${e.bw}px ${e.style})`);
      assert(e.outer <= e.page, `its right border ends at ${e.outer}px, past the page's ${e.page}px`);
    }
    await page.close();
  });
}

// ------------------------------------------------------------ hyphenation

await check('worksheet columns hyphenate in the page\'s language and no heading word is cut without a hyphen', async () => {
  for (const [address, lang] of [['es/handouts/checklists/workforce-integration-self-assessment/', 'es'], ['handouts/checklists/workforce-integration-self-assessment/', 'en']]) {
    for (const width of [contentWidth('a4'), 390]) {
      const page = await printed(address, width);
      if (width === 390) await page.emulateMedia({ media: 'screen' });
      const heads = await page.$$eval('.worksheet thead th', (ths) => ths.map((th) => {
        const lang = th.closest('[lang]').getAttribute('lang');
        // A word split over two lines without hyphenation has one text node with two line boxes.
        const words = th.textContent.trim().split(/\s+/).map((w) => {
          const range = document.createRange();
          const node = th.firstChild;
          const at = node.textContent.indexOf(w);
          range.setStart(node, at);
          range.setEnd(node, at + w.length);
          return { w, lines: new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size };
        });
        return { lang, hyphens: getComputedStyle(th).hyphens, words };
      }));
      assert(heads.length >= 6, `${address}: ${heads.length} headings`);
      for (const h of heads) {
        assert(h.lang === lang, `${address}: a heading in lang ${h.lang}`);
        assert(h.hyphens === 'auto', `${address}: hyphens ${h.hyphens}`);
        // This Chromium has no hyphenation dictionaries, so a word that breaks is cut without a hyphen.
        const cut = h.words.filter((w) => w.lines > 1);
        assert(!cut.length, `${address} at ${width}px: ${JSON.stringify(cut)} cut over lines`);
      }
      await page.close();
    }
  }
});

// ------------------------------------------------------------ web pages on paper

/** What of the page shows in print: visible buttons and radios, the answer panel, the handout's address. */
const onPaper = (page) => page.evaluate(() => {
  const shown = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
  const main = document.querySelector('main').getBoundingClientRect().width;
  return {
    controls: [...document.querySelectorAll('button, input, select, textarea, .choice, .pill')].filter(shown).filter((e) => !e.classList.contains('pill') || getComputedStyle(e).borderStyle !== 'none').map((e) => e.outerHTML.slice(0, 80)),
    panel: [...document.querySelectorAll('.assess')].filter(shown).map((e) => e.innerText.trim().slice(0, 80)),
    asides: [...document.querySelectorAll('.page-aside')].filter(shown).length,
    address: [...document.querySelectorAll('.handout-address')].filter(shown).map((e) => e.innerText.trim()),
    proseWidth: Math.round((document.querySelector('.prose')?.getBoundingClientRect().width ?? 0) / main * 100),
  };
});

for (const [address, handout] of [
  ['practices/supervision/ongoing-supervision/', 'handouts/supervision/ongoing-supervision/'],
  ['checklists/workforce-integration-self-assessment/', 'handouts/checklists/workforce-integration-self-assessment/'],
  ['es/practices/supervision/ongoing-supervision/', 'es/handouts/supervision/ongoing-supervision/'],
]) {
  await check(`${address} printed: no buttons, no empty panel, no asides, full width, and the handout's address`, async () => {
    const page = await printed(address, 730, async (page) => { await page.waitForLoadState('load'); await page.waitForTimeout(200); });
    const seen = await onPaper(page);
    assert(!seen.controls.length, `controls on paper: ${JSON.stringify(seen.controls.slice(0, 3))}`);
    assert(!seen.panel.length, `an answer panel with nothing answered: ${seen.panel}`);
    assert(!seen.asides, 'the aside prints');
    assert(seen.proseWidth >= 98, `the text takes ${seen.proseWidth}% of the page's width`);
    assert(seen.address.length === 1 && /^\S.*: https:\/\/guide\.example\.org\//.test(seen.address[0]) && seen.address[0].endsWith(`/${handout}`), `handout address: ${JSON.stringify(seen.address)}`);
    await page.close();
  });
}

await check('a checklist a reader has answered prints the answers as words and its summary', async () => {
  const page = await printed('checklists/workforce-integration-self-assessment/', 730, async (page) => {
    await page.locator('[data-assess]').waitFor({ state: 'visible' });
    await page.locator('li.assess-item').first().getByRole('radio', { name: 'In progress', exact: true }).check();
  });
  const seen = await onPaper(page);
  assert(seen.panel.length === 1 && seen.panel[0].includes('1 in progress'), `the summary: ${JSON.stringify(seen.panel)}`);
  const first = await page.locator('li.assess-item').first().innerText();
  assert(first.includes('In progress') && !first.includes('Not yet') && !first.includes('In place'), `the answered item: ${first}`);
  const second = await page.locator('li.assess-item').nth(1).innerText();
  assert(!/In place|In progress|Not yet/.test(second), `an unanswered item shows choices: ${second}`);
  await page.close();
});

await browser.close();
server.close();
finish();
