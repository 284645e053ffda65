// Hostile input in the real page: every file gets a card with a clear
// message, markup stays text, no dialog opens, nothing crashes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
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
