// A person's look at a page: `node screenshot.mjs URL OUT.png [WIDTH] [TEXT-TO-TYPE-IN-SEARCH]`.
// Waits for scripts (search results) to settle, unlike `chromium --screenshot`.
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from './lib.mjs';

const [url, out, width = '1280', typed] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: Number(width), height: 900 } });
await page.goto(url);
if (typed) {
  await page.type('#site-search-q', typed, { delay: 30 });
  await page.waitForSelector('.search-popup:not([hidden])', { timeout: 10000 }).catch(() => {});
}
await page.waitForTimeout(800);
await page.screenshot({ path: out, fullPage: !typed });
await browser.close();
