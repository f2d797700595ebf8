// Shared by the browser test scripts: their arguments and named checks,
// Debian's Chromium, and a static server that publishes a built site under
// its base path, as a web host would.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync, createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import http from 'node:http';
import path from 'node:path';

/** The value after `--name` on the command line, or `fallback`. */
export function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
}

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

/**
 * Named checks that print `ok - name` or `not ok - name` with the error, and
 * at the end `LABEL: N passed, M failed`, the line the Rust tests look for;
 * `finish` exits 1 when any failed.
 */
export function checks(label) {
  let passed = 0;
  let failed = 0;
  return {
    async check(name, fn) {
      try {
        await fn();
        passed++;
        console.log(`ok - ${name}`);
      } catch (e) {
        failed++;
        console.log(`not ok - ${name}\n  ${String((e && e.stack) || e).split('\n').slice(0, 4).join('\n  ')}`);
      }
    },
    finish() {
      console.log(`${label}: ${passed} passed, ${failed} failed`);
      process.exit(failed ? 1 : 0);
    },
  };
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.pagefind': 'application/octet-stream',
};

export function contentType(file) {
  const ext = path.extname(file).toLowerCase();
  if (ext.startsWith('.pf_')) return 'application/octet-stream'; // pagefind .pf_meta .pf_index .pf_fragment .pf_filter
  return CONTENT_TYPES[ext] ?? 'application/octet-stream';
}

export function findChromium() {
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'chromium');
    if (dir && existsSync(candidate)) return candidate;
  }
  return null;
}

export function startServer(root, base) {
  const notFoundPage = path.join(root, '404.html');
  const server = http.createServer((req, res) => {
    const send = (status, headers, file, body) => {
      res.writeHead(status, headers);
      if (req.method === 'HEAD') return res.end();
      if (file) createReadStream(file).pipe(res);
      else res.end(body);
    };
    const notFound = () => {
      if (existsSync(notFoundPage)) {
        send(404, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': statSync(notFoundPage).size }, notFoundPage);
      } else {
        send(404, { 'Content-Type': 'text/plain; charset=utf-8' }, null, 'not found\n');
      }
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(405, { 'Content-Type': 'text/plain; charset=utf-8', Allow: 'GET, HEAD' }, null, 'method not allowed\n');
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      return send(400, { 'Content-Type': 'text/plain; charset=utf-8' }, null, 'bad request\n');
    }
    if (`${pathname}/` === base) {
      return send(301, { Location: base }, null, '');
    }
    if (!pathname.startsWith(base) || pathname.includes('\0')) {
      return send(404, { 'Content-Type': 'text/plain; charset=utf-8' }, null, `not found: outside the base path ${base}\n`);
    }
    const rel = pathname.slice(base.length);
    let file = path.resolve(root, `.${path.posix.sep}${rel}`);
    if (file !== root && !file.startsWith(root + path.sep)) return notFound();
    let stat;
    try {
      stat = statSync(file);
    } catch {
      return notFound();
    }
    if (stat.isDirectory()) {
      if (!pathname.endsWith('/')) {
        const url = new URL(req.url, 'http://localhost');
        return send(301, { Location: `${url.pathname}/${url.search}` }, null, '');
      }
      file = path.join(file, 'index.html');
      try {
        stat = statSync(file);
      } catch {
        return notFound();
      }
    }
    if (!stat.isFile()) return notFound();
    send(200, { 'Content-Type': contentType(file), 'Content-Length': stat.size }, file);
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

/**
 * The W3C Nu Html Checker's errors in the HTML `files` (one JVM for all),
 * each as `file:line: message`; empty when they are valid.
 */
export function nuErrors(files) {
  const require = createRequire(import.meta.url);
  const jar = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build', 'dist', 'vnu.jar');
  let out = '';
  try {
    out = execFileSync(process.env.JAVA ?? 'java', ['-Xss2m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-jar', jar, '--errors-only', '--format', 'json', '--stdout', ...files], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    out = String(e.stdout);
  }
  const messages = (JSON.parse(out).messages ?? []).filter((m) => m.type === 'error' || m.type === 'non-document-error');
  return messages.map((m) => `${path.basename(m.url ?? '')}:${m.lastLine}: ${m.message}`);
}
