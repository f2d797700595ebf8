// Phones and right-to-left, as a reader sees them, on the built fixture
// tests/fixtures/scripts (English, Arabic, Chinese) served under a sub-path:
// the header's Tab order against what is shown, its Menu with and without
// JavaScript, "On this page" under the title on a phone, the breadcrumb, the
// cards' line length, and the mirrored layout of an Arabic page.
//
//   node tests/browser/screens.mjs --dir OUT --base /guides/peer/
import { chromium } from 'playwright-core';
import { arg, assert, checks, CHROMIUM_ARGS, findChromium, startServer } from './lib.mjs';

const dir = arg('--dir');
const base = arg('--base', '/');
if (!dir) {
  console.error('usage: node screens.mjs --dir OUT --base /sub/path/');
  process.exit(2);
}

const { check, finish } = checks('screens');
const server = await startServer(dir, base);
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
const WIDTHS = [320, 390, 1280];
const PRACTICE = 'practices/supervision/regular-meetings/';

async function open(path, width, options = {}) {
  const context = await browser.newContext({ viewport: { width, height: 800 }, ...options });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${origin}${base}${path}`);
  page.errors = errors;
  return page;
}

/** What Tab reaches in the header, in order, as labels. */
async function tabOrder(page) {
  await page.evaluate(() => document.activeElement?.blur());
  const seen = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const at = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || !el.closest('.site-header')) return el && el.classList.contains('skip-link') ? 'skip' : null;
      el.dataset.tab = el.dataset.tab || String(Math.random());
      return el.dataset.tab;
    });
    if (at === 'skip') continue;
    if (at === null) break;
    seen.push(at);
  }
  return seen;
}

/**
 * The header's focusable elements in the order a reader sees them: by line
 * (boxes whose vertical middles fall within each other's height), then
 * along the line in the page's direction.
 */
async function visualOrder(page) {
  return page.evaluate(() => {
    const rtl = document.documentElement.dir === 'rtl';
    const shown = [...document.querySelectorAll('.site-header a, .site-header summary, .site-header input, .site-header button')]
      .filter((el) => el.checkVisibility({ contentVisibilityAuto: true, visibilityProperty: true }) && el.getClientRects().length)
      .map((el) => ({ el, r: el.getBoundingClientRect() }));
    shown.sort((a, b) => {
      const sameLine = Math.abs(a.r.top + a.r.height / 2 - (b.r.top + b.r.height / 2)) < Math.min(a.r.height, b.r.height) / 2;
      if (!sameLine) return a.r.top - b.r.top;
      return rtl ? b.r.right - a.r.right : a.r.left - b.r.left;
    });
    return shown.map(({ el }) => {
      el.dataset.tab = el.dataset.tab || String(Math.random());
      return el.dataset.tab;
    });
  });
}

async function label(page, ids) {
  return page.evaluate((ids) => ids.map((id) => {
    const el = document.querySelector(`[data-tab="${id}"]`);
    return (el.textContent.trim() || el.getAttribute('placeholder') || el.tagName).slice(0, 24);
  }), ids);
}

for (const lang of ['', 'ar/']) {
  for (const width of WIDTHS) {
    for (const menuOpen of width < 768 ? [false, true] : [false]) {
      await check(`${lang || 'en/'} header: Tab order is the order shown at ${width} px${menuOpen ? ', menu open' : ''}`, async () => {
        const page = await open(`${lang}${PRACTICE}`, width);
        // Opened in place: a click would leave Tab's starting point on the button.
        if (menuOpen) await page.evaluate(() => { document.querySelector('.site-menu').open = true; });
        const tabbed = await tabOrder(page);
        const shown = await visualOrder(page);
        const [t, s] = [await label(page, tabbed), await label(page, shown)];
        assert(tabbed.length >= 4, `Tab reached only ${t.join(' | ')}`);
        assert(JSON.stringify(tabbed) === JSON.stringify(shown), `Tab: ${t.join(' | ')}\nshown: ${s.join(' | ')}`);
        const links = await page.locator('.site-nav a').evaluateAll((as) => as.filter((a) => a.checkVisibility()).length);
        const expected = width >= 768 || menuOpen ? 4 : 0;
        assert(links === expected, `${links} navigation links shown, expected ${expected}`);
        await page.context().close();
      });
    }
  }
}

for (const javaScriptEnabled of [true, false]) {
  await check(`the Menu button opens the navigation at 390 px ${javaScriptEnabled ? 'with' : 'without'} JavaScript`, async () => {
    const page = await open(PRACTICE, 390, { javaScriptEnabled });
    const nav = page.locator('.site-nav a', { hasText: 'Checklists' });
    assert(!(await nav.isVisible()), 'the navigation shows before the button is pressed');
    const header = await page.locator('.site-header').boundingBox();
    assert(header.height < 800 * 0.2, `the closed header takes ${Math.round(header.height)} px of 800`);
    await page.locator('.menu-button').click();
    assert(await nav.isVisible(), 'the navigation stays hidden after the button is pressed');
    await nav.click();
    await page.waitForURL(/checklists\/$/);
    await page.context().close();
  });
}

await check('at 1280 px the navigation shows and the Menu button does not', async () => {
  const page = await open(PRACTICE, 1280, { javaScriptEnabled: false });
  assert(await page.locator('.site-nav a', { hasText: 'Checklists' }).isVisible(), 'navigation hidden');
  assert(!(await page.locator('.menu-button').isVisible()), 'the Menu button shows');
  await page.context().close();
});

for (const width of [320, 390]) {
  await check(`"On this page" is under the title and before the text at ${width} px`, async () => {
    const page = await open(PRACTICE, width);
    const [h1, toc, prose] = await Promise.all(['h1', '.page-toc', '.prose'].map((s) => page.locator(s).first().boundingBox()));
    assert(toc.y > h1.y + h1.height && toc.y + toc.height <= prose.y, `h1 ${h1.y}, toc ${toc.y}–${toc.y + toc.height}, text ${prose.y}`);
    await page.context().close();
  });
}

for (const lang of ['', 'ar/']) {
  await check(`${lang || 'en/'} at 1280 px "On this page" is the side column, beside the text`, async () => {
    const page = await open(`${lang}${PRACTICE}`, 1280);
    const [toc, prose] = await Promise.all(['.page-toc', '.prose'].map((s) => page.locator(s).first().boundingBox()));
    const beside = lang ? toc.x + toc.width <= prose.x : toc.x >= prose.x + prose.width;
    assert(beside && toc.y < prose.y + prose.height / 2, `toc ${JSON.stringify(toc)}, text ${JSON.stringify(prose)}`);
    await page.context().close();
  });
}

for (const width of WIDTHS) {
  await check(`breadcrumbs at ${width} px: ${width < 768 ? 'the parent only' : 'the whole trail'}, no separator first on a line`, async () => {
    const page = await open(PRACTICE, width);
    const crumbs = await page.locator('.breadcrumbs li').evaluateAll((lis) => lis.map((li) => ({
      text: li.innerText.trim(),
      shown: li.checkVisibility(),
      top: li.getBoundingClientRect().top,
      before: getComputedStyle(li, '::before').content,
    })));
    const shown = crumbs.filter((c) => c.shown);
    if (width < 768) {
      assert(shown.length === 1 && shown[0].text === 'Supervision' && shown[0].before.includes('‹'), `shown: ${JSON.stringify(shown)}`);
    } else {
      assert(shown.map((c) => c.text).join(' | ') === 'Home | Practices | Supervision | Meet every week', `shown: ${JSON.stringify(shown)}`);
      assert(shown.every((c) => c.before === 'none' || c.before === 'normal'), `a crumb starts with a separator: ${JSON.stringify(shown)}`);
    }
    await page.context().close();
  });
}

await check('card text keeps to 45–75 characters a line at 1280 px, and an area\'s cards do not repeat its name', async () => {
  const page = await open('practices/', 1280);
  const measures = await page.locator('.card-summary').evaluateAll((ps) => ps.map((p) => {
    const ctx = document.createElement('canvas').getContext('2d');
    const cs = getComputedStyle(p);
    ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
    const sample = 'Hold a weekly one-to-one meeting about the work, certification and goals of each peer.';
    return p.clientWidth / (ctx.measureText(sample).width / sample.length);
  }));
  assert(measures.length >= 3, `${measures.length} cards`);
  assert(measures.every((m) => m >= 45 && m <= 75), `characters a line: ${measures.map(Math.round).join(', ')}`);
  const repeated = await page.locator('.area-section .card-meta').count();
  assert(repeated === 0, `${repeated} cards under an area name the area again`);
  await page.context().close();
});

/** Where a card's ::before badge is drawn, from its computed offsets. */
async function badgeCentre(page) {
  return page.locator('ol.card-list.numbered .card').first().evaluate((card) => {
    const b = getComputedStyle(card, '::before');
    const r = card.getBoundingClientRect();
    const width = parseFloat(b.width);
    const left = b.left !== 'auto'
      ? r.left + parseFloat(getComputedStyle(card).borderLeftWidth) + parseFloat(b.left)
      : r.right - parseFloat(getComputedStyle(card).borderRightWidth) - parseFloat(b.right) - width;
    return { badge: left + width / 2, card: r.left + r.width / 2, text: card.querySelector('.card-title').getBoundingClientRect() };
  });
}

for (const [lang, side] of [['', 'left'], ['ar/', 'right']]) {
  await check(`${lang || 'en/'} the numbered badge is on the ${side} of its card, before the title`, async () => {
    const page = await open(`${lang}practices/supervision/`, 1280);
    const { badge, card, text } = await badgeCentre(page);
    const ok = side === 'left' ? badge < card && badge < text.left : badge > card && badge > text.right;
    assert(ok, `badge at ${badge}, card middle ${card}, title ${text.left}–${text.right}`);
    await page.context().close();
  });
}

for (const [lang, side] of [['', 'Left'], ['ar/', 'Right']]) {
  await check(`${lang || 'en/'} an answered item's stripe and a tip's border are on the ${side.toLowerCase()}`, async () => {
    const page = await open(`${lang}checklists/self-check/`, 1280);
    await page.locator('.choice-in-place input').first().check();
    const other = side === 'Left' ? 'Right' : 'Left';
    const stripe = await page.locator('li.assess-item[data-answer="in-place"]').first().evaluate((li, [side, other]) => {
      const cs = getComputedStyle(li);
      return { width: cs[`border${side}Width`], color: cs[`border${side}Color`], otherWidth: cs[`border${other}Width`] };
    }, [side, other]);
    assert(stripe.width === '4px' && stripe.otherWidth === '0px' && stripe.color !== 'rgba(0, 0, 0, 0)', JSON.stringify(stripe));
    const practice = await open(`${lang}${PRACTICE}`, 1280);
    const callout = await practice.locator('.callout').first().evaluate((c, side) => getComputedStyle(c)[`border${side}Width`], side);
    assert(callout === '5px', `the tip's ${side.toLowerCase()} border is ${callout}`);
    assert(page.errors.length === 0, page.errors.join('\n'));
    await page.context().close();
    await practice.context().close();
  });
}

await check('ar/ titles are isolated from the text around them', async () => {
  const page = await open(`ar/${PRACTICE}`, 1280);
  const notIsolated = await page.evaluate(() => [...document.querySelectorAll('.breadcrumbs a, .breadcrumbs [aria-current], .aside-block li a, .eyebrow a')]
    .filter((el) => getComputedStyle(el).unicodeBidi !== 'isolate').map((el) => el.outerHTML));
  assert(notIsolated.length === 0, notIsolated.join('\n'));
  await page.context().close();
});

await browser.close();
server.close();
finish();
