// An open page under `practica serve` follows the editor's saves: a saved
// page's new text is put in place (its scripts start again on it), a broken
// save shows its diagnostics over the page, and fixing it reloads the page.
//
//   node tests/browser/reload.mjs --url http://127.0.0.1:PORT/base/about/ --file /path/content/about.md \
//     [--complete-url http://127.0.0.1:PORT/base/handouts/complete/ --practice /path/content/practices/x/y.md \
//      --practice-url http://127.0.0.1:PORT/base/practices/x/y/]
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { arg, checks, CHROMIUM_ARGS, findChromium } from './lib.mjs';

const url = arg('--url');
const file = arg('--file');
const original = readFileSync(file, 'utf8');
const { check, finish } = checks('reload');

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || findChromium(), args: CHROMIUM_ARGS });
const page = await browser.newPage();
await page.goto(url);
await page.waitForTimeout(500);

await check('a save puts the new text in the open page, without reloading it', async () => {
  await page.evaluate(() => { window.__notReloaded = true; });
  writeFileSync(file, original.replace('About text.', 'Text saved while the page was open.'));
  await page.waitForFunction(() => document.body.textContent.includes('Text saved while the page was open.'), null, { timeout: 10000 });
  if (!(await page.evaluate(() => window.__notReloaded === true))) throw new Error('the page reloaded');
  const title = await page.title();
  if (!/^About/.test(title)) throw new Error(`title ${title}`);
});

await check('a broken save shows the diagnostic over the last good page', async () => {
  writeFileSync(file, '---\ntitel: About\n---\nBroken\n');
  const alert = await page.waitForSelector('[role=alert]', { timeout: 10000 });
  const text = await alert.textContent();
  if (!/content\/about\.md:2:1/.test(text) || !/did you mean `title`\?/.test(text)) throw new Error(text);
  if (!(await page.textContent('main')).includes('Text saved while the page was open.')) throw new Error('page content replaced');
});

await check('fixing the file clears the overlay', async () => {
  writeFileSync(file, original);
  await page.waitForFunction(() => !document.querySelector('[role=alert]') && document.body.textContent.includes('About text.'), null, { timeout: 10000 });
});

// An editor working down a long page is not thrown back to the top.
await check('new text keeps the place on the page, and the bottom when that is where the editor was', async () => {
  await page.setViewportSize({ width: 360, height: 240 });
  const long = original.replace('About text.', 'About text.\n\n' + Array.from({ length: 40 }, (_, i) => `Paragraph ${i + 1} of a long page.`).join('\n\n'));
  writeFileSync(file, long);
  await page.waitForFunction(() => document.body.textContent.includes('Paragraph 40 of a long page.'), null, { timeout: 10000 });
  await page.waitForTimeout(300);
  await page.evaluate(() => window.scrollTo(0, 500));
  writeFileSync(file, long.replace('Paragraph 1 of', 'Paragraph one of'));
  await page.waitForFunction(() => document.body.textContent.includes('Paragraph one of'), null, { timeout: 10000 });
  await page.waitForTimeout(300);
  const y = await page.evaluate(() => window.scrollY);
  if (Math.abs(y - 500) > 2) throw new Error(`scrolled to ${y} after the reload, not 500`);
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  writeFileSync(file, long.replace('Paragraph 40 of a long page.', 'Paragraph 40 of a long page.\n\nA new last paragraph.\n\nAnd another, to make the page longer.'));
  await page.waitForFunction(() => document.body.textContent.includes('And another, to make the page longer.'), null, { timeout: 10000 });
  await page.waitForTimeout(300);
  const gap = await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight - window.scrollY);
  if (gap > 4) throw new Error(`${gap}px above the bottom after the reload: the new text is out of sight`);
  writeFileSync(file, original);
  await page.waitForFunction(() => !document.body.textContent.includes('Paragraph 40'), null, { timeout: 10000 });
  await page.setViewportSize({ width: 1280, height: 720 });
});

// A practice with a checklist: the answer controls come back on the new text,
// with the reader's answers, and there is one set of them.
if (process.argv.includes('--practice-url')) {
  const practice = arg('--practice');
  await check("a practice's new text keeps its checklist's answer controls and answers", async () => {
    const p = await browser.newPage();
    await p.goto(arg('--practice-url'));
    await p.waitForSelector('[data-assess]:not([hidden])', { timeout: 10000 });
    const radios = await p.locator('input[type=radio]').count();
    if (radios === 0) throw new Error('no answer controls before the save');
    await p.locator('input[type=radio]').first().check();
    await p.evaluate(() => { window.__notReloaded = true; });
    const before = readFileSync(practice, 'utf8');
    writeFileSync(practice, before.replace('Templates like', 'Saved with the checklist answered. Templates like'));
    try {
      await p.waitForFunction(() => document.body.textContent.includes('Saved with the checklist answered.'), null, { timeout: 10000 });
      if (!(await p.evaluate(() => window.__notReloaded === true))) throw new Error('the page reloaded');
      await p.waitForSelector('[data-assess]:not([hidden])', { timeout: 5000 });
      const after = await p.locator('input[type=radio]').count();
      if (after !== radios) throw new Error(`${after} answer controls after the save, ${radios} before`);
      if (!(await p.locator('input[type=radio]').first().isChecked())) throw new Error('the answer was lost');
    } finally {
      writeFileSync(practice, before);
    }
    await p.close();
  });
}

// The complete guide is rendered after the saved page takes its text, and follows where it is open.
if (process.argv.includes('--complete-url')) {
  const practice = arg('--practice');
  await check('a saved practice reaches an open complete guide', async () => {
    const whole = await browser.newPage();
    await whole.goto(arg('--complete-url'));
    await whole.waitForTimeout(500);
    const before = readFileSync(practice, 'utf8');
    writeFileSync(practice, before.replace('A description exists.', 'A description exists and is kept current.'));
    try {
      await whole.waitForFunction(() => document.body.textContent.includes('kept current'), null, { timeout: 10000 });
    } finally {
      writeFileSync(practice, before);
    }
  });
}

await browser.close();
finish();
