// The privacy promise, checked: from page load through a whole session the
// page requests nothing but the app's own static files, breaks no rule of
// its Content-Security-Policy, and keeps working with the network cut.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serveDist, openApp, upload, fileCards, FIXTURES, DIST, useApp } from './harness.mjs';

let server;
let app;

useApp((s, a) => { server = s; app = a; });

/** Everything a user does in a session, in the order a user does it. */
async function session(page) {
  await page.click('[data-testid=sample-data]');
  await page.waitForSelector('[data-testid=file-card]');
  const files = [
    'zip/Basic_LinkedInDataExport_02-07-2026.zip',
    'nps/qualtrics.csv',
    'accounts/hubspot_companies.csv',
    'leads/phantombuster_sales_navigator.csv',
    'hostile/photo.png.csv',
  ].map((p) => path.join(FIXTURES, p));
  const before = (await fileCards(page)).length;
  await upload(page, files, before + files.length);
  const card = page.locator('[data-testid=file-card][data-file="hubspot_companies.csv"]');
  await card.locator('[data-testid=account-role-select]').selectOption('customer');
  await page.waitForSelector('[data-testid=file-card][data-file="hubspot_companies.csv"][data-account-role=customer]');
  // Ranking, a state edit, a weight change, the CSV export and the backup.
  await page.waitForSelector('[data-testid=ask]');
  await page.locator('[data-testid=ask] [data-testid=ask-state]').first().selectOption('asked');
  await page.waitForSelector('[data-testid=tracked-ask]');
  await page.locator('[data-testid=weight-timing]').fill('4');
  for (const id of ['export-csv', 'backup-export']) {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=${id}]`)]);
    assert.ok((await dl.path()) && dl.suggestedFilename().startsWith('referral-radar-'));
  }
  return fileCards(page);
}

function isOwnStaticFile(url) {
  const u = new URL(url);
  if (u.origin !== new URL(server.url).origin) return false;
  const rel = decodeURIComponent(u.pathname).replace(/^\//, '') || 'index.html';
  return fs.existsSync(path.join(DIST, rel));
}

test('a whole session requests only the app\'s own static files, with no CSP violation', async () => {
  const { page, requests, cspViolations, errors } = app;
  await session(page);
  // data: and blob: URLs of our own origin (the CSV and backup downloads) never leave the machine.
  const local = (url) => url.startsWith('data:') || url.startsWith(`blob:${new URL(server.url).origin}/`);
  const foreign = requests.filter((r) => !local(r.url) && !isOwnStaticFile(r.url));
  assert.deepEqual(foreign, [], 'requests that are not the app\'s own static files');
  assert.ok(requests.length >= 3, `the page's own files were recorded (${requests.length})`);
  assert.deepEqual(await cspViolations(), []);
  assert.deepEqual(errors, []);
  // What the server saw matches: nothing but files that exist in dist/.
  assert.deepEqual(server.served.filter((s) => s.status !== 200), []);
  console.log(`# privacy: ${requests.length} requests recorded, ${foreign.length} not static files, ${(await cspViolations()).length} CSP violations`);
});

test('the served page carries the policy as a header and as a meta tag', async () => {
  const res = await fetch(server.url);
  const header = res.headers.get('content-security-policy');
  assert.match(header, /default-src 'none'/);
  assert.match(header, /frame-ancestors 'none'/);
  const html = await res.text();
  const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/);
  assert.ok(meta, 'a CSP meta tag');
  assert.equal(`${meta[1]}; frame-ancestors 'none'`, header);
  assert.doesNotMatch(header, /'unsafe-inline'|'unsafe-eval'|\*|https?:/);
});

test('with the network cut after load, the same session still works', async () => {
  const page = await app.reset();
  const { context, cspViolations } = app;
  const served = server.served.length;
  await context.setOffline(true);
  try {
    const cards = await session(page);
    assert.ok(cards.length >= 6);
    assert.equal(cards.find((c) => c.file === 'qualtrics.csv').rows, 4);
    assert.equal(cards.find((c) => c.file.startsWith('Basic_')).owner, 'Maya Lindqvist');
  } finally {
    await context.setOffline(false);
  }
  assert.equal(server.served.length, served, 'nothing reached the server while offline');
  assert.deepEqual(await cspViolations(), []);
});

test('the detectors work: a forbidden request and an inline script are caught', async () => {
  const probe = await openApp(server);
  try {
    await probe.page.evaluate(async () => {
      try { await fetch('https://tracker.invalid/pixel'); } catch { /* blocked */ }
      const s = document.createElement('script');
      s.textContent = 'window.__ran = true';
      document.body.append(s);
    });
    await probe.page.waitForFunction(() => window.__cspViolations.length >= 2);
    // Each is reported twice: once by the header, once by the <meta>.
    const directives = [...new Set((await probe.cspViolations()).map((v) => v.directive))].sort();
    assert.deepEqual(directives, ['connect-src', 'script-src-elem']);
    assert.equal(await probe.page.evaluate(() => window.__ran ?? false), false, 'the inline script did not run');
  } finally {
    await probe.close();
  }
});
