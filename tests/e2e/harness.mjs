// The end-to-end harness: serves dist/ on loopback, launches Debian's
// Chromium through playwright-core (never a downloaded browser), and records
// every request the page and its workers make.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { trunkTomlPolicy } from '../../scripts/csp.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '..', '..');
export const DIST = path.join(ROOT, 'dist');
export const FIXTURES = path.join(ROOT, 'tests', 'fixtures');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

/** The headers `trunk serve` sends (Trunk.toml), sent here too. */
export const SECURITY_HEADERS = {
  'content-security-policy': trunkTomlPolicy(ROOT),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/** Serve dist/ (or `dir`) on 127.0.0.1 (a free port). Resolves to { url, served, close }. */
export function serveDist(dir = DIST) {
  const DIST_DIR = dir;
  if (!fs.existsSync(path.join(DIST_DIR, 'index.html'))) {
    throw new Error(`no build in ${DIST_DIR}: run "trunk build --release" first (scripts/test.sh does)`);
  }
  const served = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let file = path.normalize(path.join(DIST_DIR, decodeURIComponent(url.pathname)));
    if (!file.startsWith(DIST_DIR)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) { served.push({ path: url.pathname, status: 404 }); res.writeHead(404).end('not found'); return; }
    served.push({ path: url.pathname, status: 200 });
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store', ...SECURITY_HEADERS });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}/`, served, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
];

/**
 * Launch headless Chromium and open the app. Records every request.
 * `app.reset()` starts over in a fresh browser context (empty storage) and
 * updates `app.page`; the request and error logs carry on.
 */
export async function openApp(server, { acceptDownloads = true, bypassCSP = false } = {}) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const requests = [];
  const errors = [];
  const app = { browser, requests, errors, acceptDialogs: 0 };

  async function open() {
    const context = await browser.newContext({ acceptDownloads, bypassCSP });
    context.on('request', (r) => requests.push({ url: r.url(), method: r.method(), type: r.resourceType() }));
    context.on('weberror', (e) => errors.push(String(e.error())));
    // Every Content-Security-Policy violation is recorded on the page.
    await context.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__cspViolations.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample });
      });
    });
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    // A dialog is an error unless the test said it expects one (confirmations).
    page.on('dialog', (d) => {
      if (app.acceptDialogs > 0) { app.acceptDialogs -= 1; d.accept(); return; }
      errors.push(`dialog opened: ${d.message()}`);
      d.dismiss();
    });
    await page.goto(server.url);
    // Loaded: the page and its engine (a worker loading the same wasm).
    await page.waitForSelector('[data-testid=drop-zone][data-engine=ready]');
    app.context = context;
    app.page = page;
    return page;
  }

  app.reset = async () => {
    await app.context?.close();
    return open();
  };
  app.cspViolations = () => app.page.evaluate(() => window.__cspViolations);
  app.close = () => browser.close();
  await open();
  return app;
}

/** The attributes of every file card, in order. */
export async function fileCards(page) {
  return page.$$eval('[data-testid=file-card]', (cards) => cards.map((c) => ({
    file: c.dataset.file,
    kind: c.dataset.kind,
    rows: Number(c.dataset.rows),
    skipped: Number(c.dataset.skipped),
    problems: Number(c.dataset.problems),
    owner: c.dataset.owner,
    importMs: Number(c.dataset.importMs),
    text: c.innerText,
  })));
}

/** Set files on the file input and wait until `count` cards are shown. */
export async function upload(page, files, count) {
  // Paths and in-memory files may be mixed: read paths into buffers.
  const list = (Array.isArray(files) ? files : [files]).map((f) => (typeof f === 'string'
    ? { name: path.basename(f), mimeType: 'application/octet-stream', buffer: fs.readFileSync(f) }
    : f));
  await page.setInputFiles('[data-testid=file-input]', list);
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=file-card]').length >= n, count);
  return fileCards(page);
}

/**
 * For a test file: serve dist/ and open the app before its tests, close
 * both after. `onReady(server, app)` hands them to the file.
 */
export function useApp(onReady, options) {
  let server;
  let app;
  before(async () => {
    server = await serveDist();
    app = await openApp(server, options);
    onReady(server, app);
  });
  after(async () => {
    await app?.close();
    await server?.close();
  });
}
