#!/usr/bin/env node
// Quality gate for a built practica site.
//
//   node tests/browser/quality.mjs --dir OUT --base /guides/peer/ [--chromium PATH] [--java PATH] [--json FILE]
//
// Serves OUT at http://127.0.0.1:<free port><base> and checks every HTML page:
//   axe      axe-core in headless Chromium, tags wcag2a wcag2aa wcag21a wcag21aa, at 390 px and 1280 px
//   vnu      W3C Nu Html Checker (vnu.jar, one JVM for all pages), errors only
//   network  no request to another host, every request answers 200, no console error, no uncaught error
//   link     every internal a[href] target answers 200, and its #fragment names an id on the target page
//   overflow nothing overflows horizontally at 390 px and 1280 px
//
// Exit 0 when clean, 1 when a problem was found, 2 when the check itself could not run.
// --json FILE also writes every problem as JSON; QUALITY_TIMING=1 prints where the time went.
// Chromium is the system one (/usr/bin/chromium, or --chromium / $CHROMIUM); no browser is ever downloaded.

import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, findChromium, startServer } from './lib.mjs';

const require = createRequire(import.meta.url);

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const VIEWPORTS = [
  { name: '1280px', width: 1280, height: 900 },
  { name: '390px', width: 390, height: 844, isMobile: false },
  // WCAG 2.2's reflow (1.4.10) asks for no sideways scrolling at 320 CSS px,
  // which axe does not test: only the overflow check runs at this width.
  { name: '320px', width: 320, height: 700, isMobile: false, reflowOnly: true },
];
const NAV_TIMEOUT_MS = 30_000;
const SETTLE_TIMEOUT_MS = 5_000;

// ---------------------------------------------------------------- arguments

function usage(message) {
  if (message) console.error(`quality: ${message}`);
  console.error(
    'usage: node tests/browser/quality.mjs --dir OUT --base /guides/peer/ [--chromium PATH] [--java PATH] [--json FILE]',
  );
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { dir: null, base: '/', chromium: null, java: process.env.JAVA ?? 'java', json: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, null];
    const value = () => {
      if (inline !== null) return inline;
      if (i + 1 >= argv.length) usage(`${flag} needs a value`);
      return argv[++i];
    };
    switch (flag) {
      case '--dir': opts.dir = value(); break;
      case '--base': opts.base = value(); break;
      case '--chromium': opts.chromium = value(); break;
      case '--java': opts.java = value(); break;
      case '--json': opts.json = value(); break;
      case '-h': case '--help': usage(); break;
      default: usage(`unknown argument ${arg}`);
    }
  }
  if (!opts.dir) usage('--dir is required');
  opts.dir = path.resolve(opts.dir);
  if (!existsSync(opts.dir) || !statSync(opts.dir).isDirectory()) usage(`--dir ${opts.dir} is not a folder`);
  if (!opts.base.startsWith('/')) opts.base = `/${opts.base}`;
  if (!opts.base.endsWith('/')) opts.base = `${opts.base}/`;
  opts.chromium ??= process.env.CHROMIUM ?? findChromium();
  if (!opts.chromium) usage('no Chromium: install the Debian package chromium (never a downloaded browser), or pass --chromium PATH');
  return opts;
}

// ---------------------------------------------------------------- files and server

async function walk(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** URL path under which a file of the site is served. */
function urlPathOf(rel, base) {
  const parts = rel.split(path.sep).map(encodeURIComponent);
  if (parts[parts.length - 1] === 'index.html') parts[parts.length - 1] = '';
  return base + parts.join('/');
}

// ---------------------------------------------------------------- problems

const problems = new Map(); // key -> problem
const timings = {}; // step -> milliseconds summed over pages and viewports (QUALITY_TIMING=1 prints them)

/**
 * page: URL path of the page; check: axe|vnu|network|console|link|overflow;
 * rule: rule id; element: { selector, html }; message; fix; viewport (optional).
 */
function report(p) {
  const key = [p.page, p.check, p.rule, p.element?.selector ?? '', p.message].join('\u0000');
  const known = problems.get(key);
  if (known) {
    if (p.viewport && !known.viewports.includes(p.viewport)) known.viewports.push(p.viewport);
    return;
  }
  problems.set(key, { ...p, viewports: p.viewport ? [p.viewport] : [] });
}

function snippet(html, max = 240) {
  if (!html) return '';
  const flat = String(html).replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

// ---------------------------------------------------------------- vnu

function runVnu(java, files, root, pageOfFile) {
  const jar = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build', 'dist', 'vnu.jar');
  const started = Date.now();
  return new Promise((resolve) => {
    if (!existsSync(jar)) {
      report({ page: '(site)', check: 'vnu', rule: 'setup', message: `vnu.jar not found at ${jar}`, fix: 'Run `npm ci` in tests/browser.' });
      return resolve(0);
    }
    const args = ['-Xss2m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-jar', jar,
      '--errors-only', '--format', 'json', '--stdout', '--skip-non-html', ...files];
    let child;
    try {
      child = spawn(java, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (err) {
      report({ page: '(site)', check: 'vnu', rule: 'setup', message: `could not start ${java}: ${err.message}`, fix: 'Install Java 17 (Debian package openjdk-17-jre-headless).' });
      return resolve(0);
    }
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    let spawnFailed = false;
    child.on('error', (err) => {
      spawnFailed = true;
      report({ page: '(site)', check: 'vnu', rule: 'setup', message: `could not run ${java}: ${err.message}`, fix: 'Install Java 17 (Debian package openjdk-17-jre-headless), or pass --java PATH.' });
      resolve(Date.now() - started);
    });
    child.on('close', (code) => {
      if (spawnFailed) return;
      let parsed;
      try {
        parsed = JSON.parse(stdout);
      } catch {
        report({ page: '(site)', check: 'vnu', rule: 'setup', message: `vnu exited ${code} without JSON output: ${snippet(stderr || stdout, 600)}`, fix: 'Check that `java -jar vnu.jar --version` works.' });
        return resolve(Date.now() - started);
      }
      for (const m of parsed.messages ?? []) {
        if (m.type !== 'error' && m.type !== 'non-document-error') continue;
        let file = m.url ?? '';
        try {
          file = fileURLToPath(file);
        } catch { /* keep as is */ }
        const page = pageOfFile.get(file) ?? path.relative(root, file);
        const line = m.lastLine ?? m.firstLine;
        const col = m.firstColumn ?? m.lastColumn;
        const where = line ? `${path.relative(root, file)}:${line}:${col ?? 1}` : path.relative(root, file);
        let extract = m.extract ?? '';
        if (extract && Number.isInteger(m.hiliteStart) && Number.isInteger(m.hiliteLength)) {
          extract = extract.slice(m.hiliteStart, m.hiliteStart + m.hiliteLength) || extract;
        }
        report({
          page,
          check: 'vnu',
          rule: m.type === 'error' ? 'html-error' : 'non-document-error',
          element: { selector: `line ${line ?? '?'}, column ${col ?? '?'}`, html: snippet(extract) },
          message: m.message,
          fix: `Correct the markup at ${where} (in the template or content that emits it) so the W3C Nu Html Checker accepts it.`,
        });
      }
      resolve(Date.now() - started);
    });
  });
}

// ---------------------------------------------------------------- browser

// Runs in the page: a short, stable CSS selector for an element.
const IN_PAGE_HELPERS = `
  window.__qualitySelector = (el) => {
    if (!(el instanceof Element)) return String(el);
    const parts = [];
    while (el && el.nodeType === 1 && parts.length < 6) {
      if (el.id && document.querySelectorAll('#' + CSS.escape(el.id)).length === 1) {
        parts.unshift('#' + CSS.escape(el.id));
        break;
      }
      let part = el.localName;
      const classes = [...el.classList].slice(0, 2).map((c) => '.' + CSS.escape(c)).join('');
      part += classes;
      const parent = el.parentElement;
      if (parent) {
        const same = [...parent.children].filter((c) => c.localName === el.localName);
        if (same.length > 1) part += ':nth-of-type(' + (same.indexOf(el) + 1) + ')';
      }
      parts.unshift(part);
      if (el.localName === 'body' || el.localName === 'html') break;
      el = parent;
    }
    return parts.join(' > ');
  };
  window.__qualityOpenTag = (el) => {
    const html = el.outerHTML || '';
    const text = (el.textContent || '').replace(/\\s+/g, ' ').trim().slice(0, 60);
    const open = html.slice(0, html.indexOf('>') + 1);
    return open + (text ? text + '…' : '');
  };
`;

function makeTracker(page, origin) {
  const state = { pending: new Set(), requests: [], idleWaiters: [] };
  const done = (req) => {
    state.pending.delete(req);
    if (state.pending.size === 0) {
      for (const w of state.idleWaiters.splice(0)) w();
    }
  };
  page.on('request', (req) => {
    state.requests.push({ kind: 'request', req });
    state.pending.add(req);
  });
  page.on('requestfinished', (req) => done(req));
  page.on('requestfailed', (req) => {
    state.requests.push({ kind: 'failed', req, error: req.failure()?.errorText ?? 'failed' });
    done(req);
  });
  page.on('response', (res) => state.requests.push({ kind: 'response', res }));
  page.on('console', (msg) => {
    if (msg.type() === 'error') state.requests.push({ kind: 'console', msg });
  });
  page.on('pageerror', (err) => state.requests.push({ kind: 'pageerror', err }));
  return {
    reset() {
      state.requests = [];
      state.pending.clear();
    },
    events() {
      return state.requests;
    },
    async settle() {
      if (state.pending.size === 0) return;
      await Promise.race([
        new Promise((r) => state.idleWaiters.push(r)),
        new Promise((r) => setTimeout(r, SETTLE_TIMEOUT_MS)),
      ]);
    },
    origin,
  };
}

function isLocal(url, origin) {
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

function checkNetwork(pagePath, viewport, tracker, origin) {
  const failedUrls = new Set();
  const answeredBadly = new Set(
    tracker.events()
      .filter((ev) => ev.kind === 'response' && ev.res.status() !== 200 && ev.res.status() !== 304)
      .map((ev) => ev.res.url()),
  );
  for (const ev of tracker.events()) {
    if (ev.kind === 'request') {
      const url = ev.req.url();
      if (!/^(https?|wss?):/i.test(url)) continue;
      if (!isLocal(url, origin)) {
        report({
          page: pagePath, check: 'network', rule: 'external-request', viewport,
          element: { selector: ev.req.resourceType(), html: url },
          message: `the page requested ${url} from another host`,
          fix: 'Ship the resource inside the site (theme assets) and reference it with a root-relative URL under the base path; pages must load nothing from other hosts.',
        });
      }
    } else if (ev.kind === 'failed') {
      const url = ev.req.url();
      if (!isLocal(url, origin)) continue; // reported as external-request
      if (answeredBadly.has(url)) continue; // reported with its HTTP status
      // The browser fetches a page's icon on its own schedule and gives it up
      // (ERR_ABORTED) when the checker moves on; a missing icon is a 404.
      if (ev.error === 'net::ERR_ABORTED' && ev.req.resourceType() === 'other') continue;
      failedUrls.add(url);
      report({
        page: pagePath, check: 'network', rule: 'request-failed', viewport,
        element: { selector: ev.req.resourceType(), html: urlForReport(url, origin) },
        message: `request failed: ${ev.error}`,
        fix: 'Make the referenced file exist in the built site and the reference point at it.',
      });
    } else if (ev.kind === 'response') {
      const res = ev.res;
      const url = res.url();
      if (!isLocal(url, origin)) continue;
      const status = res.status();
      if (status !== 200 && status !== 304) {
        failedUrls.add(url);
        report({
          page: pagePath, check: 'network', rule: `http-${status}`, viewport,
          element: { selector: res.request().resourceType(), html: urlForReport(url, origin) },
          message: `${res.request().resourceType()} ${urlForReport(url, origin)} answered ${status} ${res.statusText()}`,
          fix: status >= 300 && status < 400
            ? `Reference the final URL (${res.headers().location ?? 'see Location'}) directly instead of one that redirects.`
            : 'Make the referenced file exist in the built site (under the base path) and the reference point at it.',
        });
      }
    }
  }
  for (const ev of tracker.events()) {
    if (ev.kind === 'console') {
      const text = ev.msg.text();
      const loc = ev.msg.location();
      if (/^Failed to load resource/.test(text) && (failedUrls.has(loc?.url) || !isLocal(loc?.url ?? '', origin))) continue;
      report({
        page: pagePath, check: 'console', rule: 'console-error', viewport,
        element: { selector: loc?.url ? `${urlForReport(loc.url, origin)}:${(loc.lineNumber ?? 0) + 1}:${(loc.columnNumber ?? 0) + 1}` : '(console)', html: '' },
        message: text,
        fix: 'Fix the script or resource that logs this error; pages must load with a clean console.',
      });
    } else if (ev.kind === 'pageerror') {
      const err = ev.err;
      report({
        page: pagePath, check: 'console', rule: 'uncaught-error', viewport,
        element: { selector: '(script)', html: snippet((err.stack ?? '').split('\n').slice(0, 3).join(' | ')) },
        message: `${err.name ?? 'Error'}: ${err.message}`,
        fix: 'Fix the script so it does not throw during page load.',
      });
    }
  }
}

function urlForReport(url, origin) {
  return url.startsWith(origin) ? url.slice(origin.length) : url;
}

async function runAxe(page, pagePath, viewport, axeSource) {
  // axe is installed by an init script in every document; inject it only if that did not happen.
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
  const result = await page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, description: v.description,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, summary: n.failureSummary })),
    }));
  }, AXE_TAGS);
  for (const v of result) {
    for (const n of v.nodes) {
      report({
        page: pagePath, check: 'axe', rule: v.id, impact: v.impact, viewport,
        element: { selector: n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' , '), html: snippet(n.html) },
        message: (n.summary ?? v.description).replace(/\s*\n\s*/g, ' / '),
        fix: `${v.help} — ${v.helpUrl}`,
      });
    }
  }
}

async function checkOverflow(page, pagePath, viewport) {
  const result = await page.evaluate(() => {
    const doc = document.documentElement;
    const scrollWidth = Math.max(doc.scrollWidth, document.body ? document.body.scrollWidth : 0);
    const clientWidth = doc.clientWidth;
    if (scrollWidth <= clientWidth + 1) return null;
    const clipped = (el) => {
      for (let p = el.parentElement; p && p !== document.body && p !== doc; p = p.parentElement) {
        const s = getComputedStyle(p);
        if (s.overflowX !== 'visible' || s.contain.includes('paint')) return true;
      }
      return false;
    };
    let worst = null;
    let count = 0;
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      const right = r.right + window.scrollX;
      const left = r.left + window.scrollX;
      if (right <= clientWidth + 1 && left >= -1) continue;
      if (clipped(el)) continue;
      count++;
      const excess = Math.max(right - clientWidth, -left);
      if (!worst || excess > worst.excess + 0.5) {
        worst = { excess, right, left, width: r.width, selector: window.__qualitySelector(el), html: window.__qualityOpenTag(el) };
      }
    }
    return { scrollWidth, clientWidth, worst, count };
  });
  if (!result) return;
  const w = result.worst;
  report({
    page: pagePath, check: 'overflow', rule: 'horizontal-overflow', viewport,
    element: w ? { selector: w.selector, html: snippet(w.html) } : { selector: '(none found)', html: '' },
    message: `page is ${result.scrollWidth}px wide in a ${result.clientWidth}px viewport` +
      (w ? `; widest offender is ${Math.round(w.width)}px wide, spanning ${Math.round(w.left)}–${Math.round(w.right)}px (${result.count} element(s) stick out)` : ''),
    fix: 'Let the element shrink or wrap (max-width: 100%, overflow-wrap: anywhere, flex-wrap) or give it its own scroll container (overflow-x: auto) so the page reflows at 320–390 CSS px (WCAG 1.4.10).',
  });
}

async function collectLinksAndIds(page) {
  return page.evaluate(() => {
    const links = [];
    for (const a of document.querySelectorAll('a[href]')) {
      links.push({ href: a.href, raw: a.getAttribute('href'), selector: window.__qualitySelector(a), html: window.__qualityOpenTag(a) });
    }
    const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
    const names = [...document.querySelectorAll('a[name]')].map((e) => e.getAttribute('name'));
    return { links, ids: [...ids, ...names] };
  });
}

// ---------------------------------------------------------------- main

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const t0 = Date.now();
  const root = opts.dir;
  const all = (await walk(root)).sort();
  const htmlFiles = all.filter((f) => /\.html?$/i.test(f));
  if (htmlFiles.length === 0) {
    console.error(`quality: no HTML pages under ${root}`);
    process.exit(2);
  }

  const server = await startServer(root, opts.base);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const pages = htmlFiles.map((f) => ({ file: f, path: urlPathOf(path.relative(root, f), opts.base) }));
  const pageOfFile = new Map(pages.map((p) => [p.file, p.path]));

  // vnu runs in its own JVM while the browser works.
  const vnuDone = runVnu(opts.java, htmlFiles, root, pageOfFile);

  const { chromium } = await import('playwright-core');
  const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  let browser;
  try {
    browser = await chromium.launch({ executablePath: opts.chromium, headless: true, args: CHROMIUM_ARGS });
  } catch (err) {
    console.error(`quality: could not launch Chromium at ${opts.chromium}: ${err.message}`);
    server.close();
    process.exit(2);
  }

  const idsByUrl = new Map(); // absolute URL without fragment -> Set of ids
  const linkTargets = new Map(); // absolute URL without fragment -> { from: [{page, selector, html, raw}], fragments: Map(fragment -> first ref) }

  const runViewport = async (vp) => {
    const context = await browser.newContext({
      viewport: { width: vp.width, height: vp.height },
      deviceScaleFactor: 1,
      serviceWorkers: 'block',
      reducedMotion: 'reduce',
    });
    await context.addInitScript(IN_PAGE_HELPERS);
    await context.addInitScript(axeSource);
    await context.route(() => true, (route) => {
      const url = route.request().url();
      if (/^(https?|wss?):/i.test(url) && !isLocal(url, origin)) return route.abort('blockedbyclient');
      return route.continue();
    });
    const page = await context.newPage();
    page.setDefaultTimeout(NAV_TIMEOUT_MS);
    const tracker = makeTracker(page, origin);
    for (const p of pages) {
      tracker.reset();
      const url = origin + p.path;
      let t = Date.now();
      const lap = (name) => {
        const now = Date.now();
        timings[name] = (timings[name] ?? 0) + (now - t);
        t = now;
      };
      try {
        await page.goto(url, { waitUntil: 'load', timeout: NAV_TIMEOUT_MS });
        lap('load');
        await tracker.settle();
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        lap('settle');
      } catch (err) {
        report({
          page: p.path, check: 'network', rule: 'navigation-failed', viewport: vp.name,
          element: { selector: 'document', html: url },
          message: `could not load the page: ${err.message.split('\n')[0]}`,
          fix: 'Make the page load within 30 s without errors.',
        });
        continue;
      }
      await checkOverflow(page, p.path, vp.name);
      lap('overflow');
      if (vp.reflowOnly) continue;
      await runAxe(page, p.path, vp.name, axeSource);
      lap('axe');
      if (vp === VIEWPORTS[0]) {
        const { links, ids } = await collectLinksAndIds(page);
        const idSet = new Set(ids);
        idsByUrl.set(url, idSet);
        if (p.path.endsWith('/')) idsByUrl.set(`${url}index.html`, idSet);
        for (const link of links) {
          let target;
          try {
            target = new URL(link.href);
          } catch {
            continue;
          }
          if (target.origin !== origin) continue;
          const fragment = target.hash ? decodeURIComponent(target.hash.slice(1)) : '';
          target.hash = '';
          const key = target.href;
          const ref = { page: p.path, selector: link.selector, html: link.html, raw: link.raw };
          if (!target.pathname.startsWith(opts.base)) {
            report({
              page: p.path, check: 'link', rule: 'link-outside-base',
              element: { selector: link.selector, html: snippet(link.html) },
              message: `internal link href="${link.raw}" leaves the base path ${opts.base}`,
              fix: `Build the link from base_url so it starts with ${opts.base} (e.g. ${opts.base}${target.pathname.replace(/^\//, '')}).`,
            });
            continue;
          }
          let entry = linkTargets.get(key);
          if (!entry) {
            entry = { refs: [], fragments: new Map() };
            linkTargets.set(key, entry);
          }
          entry.refs.push(ref);
          if (fragment && !entry.fragments.has(`${fragment}\u0000${p.path}`)) {
            entry.fragments.set(`${fragment}\u0000${p.path}`, { fragment, ...ref });
          }
        }
      }
      lap('links');
      await tracker.settle();
      checkNetwork(p.path, vp.name, tracker, origin);
      lap('network');
    }
    await context.close();
  };

  try {
    await Promise.all(VIEWPORTS.map(runViewport));
  } finally {
    await browser.close();
  }
  const tBrowser = Date.now();

  // Internal link targets: fetch each once.
  const targets = [...linkTargets.entries()];
  await Promise.all(
    targets.map(async ([url, entry]) => {
      let res;
      let body = '';
      try {
        res = await fetch(url, { redirect: 'manual' });
        body = await res.text();
      } catch (err) {
        for (const ref of firstRefs(entry.refs)) {
          report({
            page: ref.page, check: 'link', rule: 'link-unreachable',
            element: { selector: ref.selector, html: snippet(ref.html) },
            message: `link target ${urlForReport(url, origin)} could not be fetched: ${err.message}`,
            fix: 'Point the link at a page or file that exists in the built site.',
          });
        }
        return;
      }
      if (res.status !== 200) {
        const location = res.headers.get('location');
        for (const ref of firstRefs(entry.refs)) {
          report({
            page: ref.page, check: 'link', rule: `link-${res.status}`,
            element: { selector: ref.selector, html: snippet(ref.html) },
            message: `link href="${ref.raw}" → ${urlForReport(url, origin)} answered ${res.status}${location ? ` (redirects to ${location})` : ''}`,
            fix: location
              ? `Link to ${location} directly (folders need their trailing slash).`
              : 'Point the link at a page that exists in the built site, or generate the missing page.',
          });
        }
        return;
      }
      if (entry.fragments.size === 0) return;
      let ids = idsByUrl.get(url);
      if (!ids && /text\/html/.test(res.headers.get('content-type') ?? '')) {
        ids = new Set();
        for (const m of body.matchAll(/\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
          ids.add(decodeEntities(m[1] ?? m[2] ?? m[3]));
        }
      }
      if (!ids) return; // not HTML: fragments are not ids
      for (const ref of entry.fragments.values()) {
        if (ids.has(ref.fragment) || ref.fragment.toLowerCase() === 'top') continue;
        report({
          page: ref.page, check: 'link', rule: 'missing-fragment',
          element: { selector: ref.selector, html: snippet(ref.html) },
          message: `link href="${ref.raw}" names #${ref.fragment}, but no element on ${urlForReport(url, origin)} has id="${ref.fragment}"`,
          fix: `Give the target element id="${ref.fragment}" or change the link to an id that exists on that page.`,
        });
      }
    }),
  );

  const vnuMs = await vnuDone;
  server.close();

  // ------------------------------------------------------------ report
  const list = [...problems.values()].sort((a, b) =>
    a.page.localeCompare(b.page) || a.check.localeCompare(b.check) || a.rule.localeCompare(b.rule));
  const byPage = new Map();
  for (const p of list) {
    if (!byPage.has(p.page)) byPage.set(p.page, []);
    byPage.get(p.page).push(p);
  }
  const fileOfPage = new Map(pages.map((p) => [p.path, path.relative(root, p.file)]));
  for (const [pagePath, items] of byPage) {
    const file = fileOfPage.get(pagePath);
    console.log(`\n✗ ${pagePath}${file ? `  (${file})` : ''}: ${items.length} problem(s)`);
    for (const p of items) {
      const vps = p.viewports.length ? ` @${p.viewports.join(',')}` : '';
      const impact = p.impact ? ` (${p.impact})` : '';
      console.log(`  [${p.check} ${p.rule}]${impact}${vps}`);
      if (p.element?.selector) console.log(`    element: ${p.element.selector}`);
      if (p.element?.html) console.log(`    html:    ${p.element.html}`);
      console.log(`    problem: ${p.message}`);
      console.log(`    fix:     ${p.fix}`);
    }
  }
  if (list.length) {
    const counts = new Map();
    for (const p of list) {
      const k = `${p.check} ${p.rule}`;
      if (!counts.has(k)) counts.set(k, { n: 0, pages: new Set() });
      counts.get(k).n++;
      counts.get(k).pages.add(p.page);
    }
    console.log('\nproblems by rule:');
    for (const [k, v] of [...counts].sort((a, b) => b[1].n - a[1].n)) {
      console.log(`  ${String(v.n).padStart(4)}  ${k}  (on ${v.pages.size} page(s))`);
    }
  }
  if (opts.json) {
    writeFileSync(opts.json, `${JSON.stringify({ pages: pages.map((p) => p.path), problems: list }, null, 2)}\n`);
  }
  const secs = (ms) => `${(ms / 1000).toFixed(1)}s`;
  console.log(
    `\nquality: ${pages.length} pages checked, ${list.length} problems (${targets.length} link targets; browser ${secs(tBrowser - t0)}, vnu ${secs(vnuMs)}, total ${secs(Date.now() - t0)})`,
  );
  if (process.env.QUALITY_TIMING) {
    console.log(`timings (ms, summed over pages and viewports): ${JSON.stringify(timings)}`);
  }
  process.exit(list.length ? 1 : 0);
}

function firstRefs(refs) {
  // One report per referring page, so a broken nav link is not repeated per occurrence on a page.
  const seen = new Set();
  return refs.filter((r) => (seen.has(r.page) ? false : (seen.add(r.page), true)));
}

function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (m, e) => {
    const map = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return map[e.toLowerCase()] ?? m;
  });
}

main().catch((err) => {
  console.error(`quality: internal error: ${err.stack ?? err}`);
  process.exit(2);
});
