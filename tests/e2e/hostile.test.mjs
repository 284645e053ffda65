// Hostile input in the real page: every file gets a card with a clear
// message, markup stays text, no dialog opens, nothing crashes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serveDist, openApp, upload, FIXTURES, useApp } from './harness.mjs';

let server;
let app;

useApp((s, a) => { server = s; app = a; });

const HEADER = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On\n';

test('markup in file names and cells is shown as text; no dialog, no element injected', async () => {
  const { page, errors } = app;
  const payloads = ['<img src=x onerror=alert(1)>', '"><script>alert(1)</script>', '<svg onload=alert(1)>'];
  const csv = HEADER + payloads.map((p, i) => `Name${i},Last,javascript:alert(1),,Co,Title,"${p.replaceAll('"', '""')}"`).join('\n') + '\n';
  const cards = await upload(page, [{ name: '<img src=x onerror=alert(1)>.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) }], 1);
  assert.equal(cards[0].file, '<img src=x onerror=alert(1)>.csv');
  assert.equal(cards[0].rows, 3);
  assert.equal(cards[0].problems, 3, 'each unreadable date is a problem');
  await page.locator('[data-testid=file-card] details.problems summary').click();
  // The list is drawn when the details open (after the toggle event).
  await page.locator('[data-testid=file-card] details.problems li').first().waitFor();
  const text = await page.locator('[data-testid=file-card]').innerText();
  for (const p of payloads) assert.ok(text.includes(p), `shown as text: ${p}`);
  assert.equal(await page.locator('[data-testid=file-card] img, [data-testid=file-card] svg, [data-testid=file-card] script').count(), 0);
  assert.deepEqual(errors, [], 'no dialog opened, no error');
});

test('a 10 MB field, 200,000 rows, a ZIP bomb and a lying ZIP each get a clear card', async () => {
  const page = await app.reset();
  const { errors } = app;
  const big = HEADER + 'Ann,Lee,,,Globex,CEO,07 Feb 2026\nBob,' + 'x'.repeat(10 * 1024 * 1024) + ',,,Initech,CTO,06 Feb 2026\n';
  let rows = HEADER;
  for (let i = 0; i < 200_000; i++) rows += `First${i},Last${i},https://www.linkedin.com/in/p${i},,"Company ${i % 5000}, Inc.",Title,07 Feb 2026\n`;
  const cards = await upload(page, [
    { name: 'big-field.csv', mimeType: 'text/csv', buffer: Buffer.from(big) },
    { name: 'rows-200k.csv', mimeType: 'text/csv', buffer: Buffer.from(rows) },
    path.join(FIXTURES, 'hostile', 'bomb_LinkedInDataExport.zip'),
    path.join(FIXTURES, 'hostile', 'lying_sizes.zip'),
  ], 4);
  const by = Object.fromEntries(cards.map((c) => [c.file, c]));
  assert.deepEqual([by['big-field.csv'].rows, by['big-field.csv'].skipped, by['big-field.csv'].problems], [1, 1, 1]);
  assert.deepEqual([by['rows-200k.csv'].rows, by['rows-200k.csv'].problems], [200000, 0]);
  assert.match(by['bomb_LinkedInDataExport.zip'].text, /inflates past 64\.0 MB \(a ZIP bomb, or a damaged archive\); refused/);
  assert.match(by['lying_sizes.zip'].text, /lying_sizes\.zip: is damaged/);
  console.log(`# 200,000 rows imported in the browser in ${by['rows-200k.csv'].importMs} ms`);
  assert.deepEqual(errors, []);
});

test('hostile profile URLs never become links, and formula-like names export as text', async () => {
  const page = await app.reset();
  const errorsBefore = app.errors.length;
  await page.click('[data-testid=sample-data]');
  await page.waitForSelector('[data-testid=ask]');
  // Another network of Ana's (the owner is guessed from the file name), at
  // target accounts, with every kind of hostile URL and name.
  const people = [
    ['Js', 'Link', 'javascript:alert(1)', 'Globex Corporation', 'CFO'],
    ['Js', 'Spaced', ' JaVaScRiPt:alert(1)', 'Globex Corporation', 'COO'],
    ['Data', 'Link', 'data:text/html,<script>alert(1)</script>', 'Initech', 'CTO'],
    ['Evil', 'Host', 'https://linkedin.com.evil.com/in/evil', 'Umbrella Health', 'CEO'],
    ['=HYPERLINK("http://x")', 'Formula', 'https://www.linkedin.com/in/formula-person', 'Stark Industries', '@SUM(A1)'],
    ['<img src=x onerror=alert(1)>', 'Markup', 'https://uk.linkedin.com/in/markup-person', 'Hooli', 'VP Sales'],
  ];
  const quote = (v) => `"${v.replaceAll('"', '""')}"`;
  const csv = ['First Name,Last Name,URL,Email Address,Company,Position,Connected On',
    ...people.map(([first, last, url, company, title]) => [first, last, url, '', company, title, '07 Feb 2026'].map(quote).join(','))].join('\n');
  // Room for every introduction on the list.
  await page.locator('[data-testid=asks-per-promoter]').fill('50');
  await page.locator('[data-testid=asks-per-promoter]').dispatchEvent('change');
  await upload(page, [{ name: 'ana_second_Connections.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) }], 10);
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=ask]')].some((e) => e.dataset.target.startsWith('=HYPERLINK')));
  const links = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href')));
  for (const href of links) {
    assert.ok(/^(#|mailto:|https:\/\/([a-z0-9-]+\.)*linkedin\.com\/)/.test(href), `unsafe link: ${href}`);
  }
  const shown = await page.$$eval('[data-testid=ask]', (els) => els.map((e) => ({ target: e.dataset.target, linked: !!e.querySelector('a.target') })));
  for (const name of ['Js Link', 'Js Spaced', 'Data Link', 'Evil Host']) {
    const ask = shown.find((a) => a.target === name);
    assert.ok(ask, `${name} is on the ask list`);
    assert.equal(ask.linked, false, `${name} is shown as text, not a link`);
  }
  assert.ok(shown.find((a) => a.target.startsWith('<img'))?.linked, 'a safe LinkedIn URL still links');
  assert.equal(await page.locator('[data-testid=ask-list] img').count(), 0);
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-csv]')]);
  const text = fs.readFileSync(await dl.path(), 'utf8');
  const line = text.split('\r\n').find((l) => l.includes('Formula'));
  assert.ok(line.startsWith('"\'=HYPERLINK(""http://x"")",Formula,'), line);
  assert.ok(line.includes(",'@SUM(A1),"), line);
  assert.equal(app.errors.length, errorsBefore, app.errors.slice(errorsBefore).join('\n'));
});
