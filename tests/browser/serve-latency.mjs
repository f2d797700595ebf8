// Edit-to-text-visible latency of `practica serve`, in a real browser: the
// page is open in headless Chromium, a line is added to its Markdown file, and
// the time runs from just before the write to the first frame after the new
// page has parsed with the new text in it. Also reports whether the page kept
// its scroll position (the editor works at the bottom of a long page).
//
//   node tests/browser/serve-latency.mjs --practica BIN --root GUIDE --file content/x.md \
//     [--edits 20] [--pause 0.5] [--label text] [--timeout 300]
//
// Prints one line of JSON: label, edits, median_ms, p90_ms, min_ms, max_ms,
// rebuild_median_ms (the server's own figure), initial_build_s,
// scroll_kept (edits after which the page was still at the bottom), peak_rss_mb.
// A benchmark, not a test: it never fails on a slow figure.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { arg, CHROMIUM_ARGS, findChromium } from './lib.mjs';

const practica = arg('--practica');
const root = arg('--root');
const rel = arg('--file');
const edits = Number(arg('--edits', '20'));
const pause = Number(arg('--pause', '0.5')) * 1000;
const label = arg('--label', '');
const timeout = Number(arg('--timeout', '300')) * 1000;
const file = path.join(root, rel);
const original = readFileSync(file, 'utf8');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  const k = (s.length - 1) * p;
  const lo = Math.floor(k);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo] + (s[hi] - s[lo]) * (k - lo);
};
const median = (xs) => percentile(xs, 0.5);

const t0 = Date.now();
const server = spawn(practica, ['serve', '--root', root, '--port', '0', '--no-search'], { stdio: ['ignore', 'pipe', 'ignore'] });
const rebuilds = [];
let pageUrl = null;
const serving = new Promise((resolve, reject) => {
  let buf = '';
  server.stdout.on('data', (chunk) => {
    buf += chunk;
    let nl;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      const s = line.match(/Serving (http:\/\/\S+)/);
      if (s) resolve(s[1]);
      const r = line.match(/Rebuilt (?:\d+ of \d+ files )?in (\d+) ms/);
      if (r) rebuilds.push(Number(r[1]));
    }
  });
  server.on('exit', (code) => reject(new Error(`practica serve exited with ${code}`)));
  setTimeout(() => reject(new Error('practica serve did not start')), timeout).unref();
});

let browser;
try {
  const base = await serving;
  const initialBuild = (Date.now() - t0) / 1000;
  // The page the edited file makes: content/practices/a/b.md → practices/a/b/.
  const address = rel.replace(/^content\//, '').replace(/(_index|index)?\.md$/, '').replace(/\/?$/, '/');
  pageUrl = new URL(address, base.endsWith('/') ? base : `${base}/`).href;
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || findChromium(), args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  // On every load, once the document has parsed, and whenever the page's
  // body is put in place of another (the preview's way with a saved page's
  // new text): note the first frame after it when the text waited for is there.
  await page.addInitScript(() => {
    const look = () => {
      const want = sessionStorage.getItem('bench-marker');
      if (!want || typeof window.__seenAt === 'number' || !document.body?.textContent.includes(want)) return;
      requestAnimationFrame(() => {
        window.__seenAt = Date.now();
      });
    };
    document.addEventListener('DOMContentLoaded', () => {
      look();
      new MutationObserver(look).observe(document.documentElement, { childList: true });
    });
  });
  if (process.env.BENCH_DEBUG) page.on('framenavigated', (f) => f === page.mainFrame() && console.error('nav', Date.now(), f.url()));
  await page.goto(pageUrl);
  await sleep(500);
  const latencies = [];
  let scrollKept = 0;
  for (let i = 1; i <= edits; i++) {
    const marker = `Edited ${i} zqx${i}`;
    await page.evaluate((m) => {
      sessionStorage.setItem('bench-marker', m);
      delete window.__seenAt;
      window.scrollTo(0, document.documentElement.scrollHeight);
    }, marker);
    await sleep(50);
    const before = Date.now();
    writeFileSync(file, `${original}\n\n${marker}.\n`);
    const seen = await (
      await page.waitForFunction(() => typeof window.__seenAt === 'number' && { at: window.__seenAt }, null, { timeout, polling: 5 })
    ).jsonValue();
    latencies.push(seen.at - before);
    // Restoring the scroll position runs after the first frame; give it one more.
    await sleep(100);
    if (await page.evaluate(() => window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 40)) scrollKept++;
    await sleep(pause);
  }
  let peak = 0;
  try {
    const m = readFileSync(`/proc/${server.pid}/status`, 'utf8').match(/VmHWM:\s+(\d+)/);
    if (m) peak = Number(m[1]);
  } catch {}
  console.log(
    JSON.stringify({
      label,
      edits: latencies.length,
      median_ms: Math.round(median(latencies)),
      p90_ms: Math.round(percentile(latencies, 0.9)),
      min_ms: Math.min(...latencies),
      max_ms: Math.max(...latencies),
      rebuild_median_ms: rebuilds.length ? median(rebuilds) : null,
      initial_build_s: Math.round(initialBuild * 100) / 100,
      scroll_kept: scrollKept,
      peak_rss_mb: Math.round(peak / 1024),
    }),
  );
} finally {
  writeFileSync(file, original);
  if (browser) await browser.close();
  server.kill();
}
