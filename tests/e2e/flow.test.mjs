// The whole weekly flow in the real page: drop files, fix an owner, change a
// weight and see the order change, mark states and see the goal move,
// export and re-read the CSV, reload and find everything still there,
// backup → forget → restore.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serveDist, openApp, upload, fileCards, FIXTURES, useApp } from './harness.mjs';

const SCENARIO = path.join(FIXTURES, 'scenario');
let server;
let app;

useApp((s, a) => { server = s; app = a; });

const asks = (page) => page.$$eval('[data-testid=ask]', (els) => els.map((e) => ({
  rank: Number(e.dataset.rank),
  promoter: e.dataset.promoter,
  target: e.dataset.target,
  url: e.dataset.targetUrl,
  account: e.dataset.account,
  score: Number(e.dataset.score),
})));

async function download(page, testid) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=${testid}]`)]);
  return { name: dl.suggestedFilename(), text: fs.readFileSync(await dl.path(), 'utf8') };
}

test('drop files, fix an owner, re-rank, track, export, reload, backup, forget, restore', async () => {
  const { page, errors } = app;

  // 1. Drop the scenario's files; one network is renamed so its owner cannot be guessed.
  const files = fs.readdirSync(SCENARIO).map((f) => (f === 'chloe_Connections.csv'
    ? { name: 'Connections.csv', mimeType: 'text/csv', buffer: fs.readFileSync(path.join(SCENARIO, f)) }
    : path.join(SCENARIO, f)));
  let cards = await upload(page, files, files.length);
  const unnamed = cards.find((c) => c.file === 'Connections.csv');
  assert.equal(unnamed.owner, '', 'no owner guessed for Connections.csv');
  await page.waitForSelector('[data-testid=ask]');
  const before = await asks(page);
  assert.ok(!before.some((a) => a.promoter === 'chloe.martin@fabrikam.fr'), 'no asks through an unowned network');

  // 2. Fix the owner: the network's asks appear.
  const card = page.locator('[data-testid=file-card][data-file="Connections.csv"]');
  await card.locator('[data-testid=owner-select]').selectOption('chloe.martin@fabrikam.fr');
  await page.waitForSelector('[data-testid=file-card][data-file="Connections.csv"][data-owner="chloe.martin@fabrikam.fr"]');
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=ask]')].some((e) => e.dataset.promoter === 'chloe.martin@fabrikam.fr'));
  const owned = await asks(page);
  assert.ok(owned.length > before.length);
  // Each target is asked of one promoter only.
  assert.equal(new Set(owned.map((a) => a.url || a.target)).size, owned.length);

  // 3. Change weights: only mutual-connection strength counts → the order changes.
  const order = (list) => [...list].sort((a, b) => a.rank - b.rank).map((a) => a.target).join('|');
  const orderBefore = order(owned);
  for (const w of ['icp-fit', 'persona-fit', 'depth', 'alignment', 'timing', 'promoter']) {
    await page.locator(`[data-testid=weight-${w}]`).fill('0');
  }
  await page.locator('[data-testid=weight-strength]').fill('5');
  await page.waitForFunction((o) => [...document.querySelectorAll('[data-testid=ask]')]
    .sort((a, b) => a.dataset.rank - b.dataset.rank).map((e) => e.dataset.target).join('|') !== o, orderBefore);
  const reranked = await asks(page);
  assert.notEqual(order(reranked), orderBefore);
  // The top ask is now the one with the most mutual connections (Layla Moreau: 41 in the lead export).
  assert.equal(reranked.find((a) => a.rank === 1).target, 'Layla Moreau');

  // 4. Mark states: the goal moves.
  const goal = () => page.$eval('[data-testid=goal-progress]', (e) => ({ sqls: Number(e.dataset.sqls), goal: Number(e.dataset.goal) }));
  assert.deepEqual(await goal(), { sqls: 0, goal: 30 });
  const first = reranked.find((a) => a.rank === 1);
  await page.locator(`[data-testid=ask][data-target="${first.target}"] [data-testid=ask-state]`).selectOption('sql');
  await page.waitForSelector(`[data-testid=tracked-ask][data-target="${first.target}"][data-state=sql]`);
  assert.deepEqual(await goal(), { sqls: 1, goal: 30 });
  const second = reranked.find((a) => a.rank === 2);
  await page.locator(`[data-testid=ask][data-target="${second.target}"] [data-testid=ask-state]`).selectOption('asked');
  await page.waitForSelector(`[data-testid=tracked-ask][data-target="${second.target}"][data-state=asked]`);
  // A tracked introduction leaves the suggestions: nobody is asked twice.
  assert.ok(!(await asks(page)).some((a) => a.target === first.target));

  // 5. Export the CSV and read it back.
  const csv = await download(page, 'export-csv');
  assert.match(csv.name, /^referral-radar-asks-\d{4}-\d{2}-\d{2}\.csv$/);
  assert.ok(csv.text.startsWith('\ufeffFirst Name,Last Name,Company,Job Title,LinkedIn URL,Email,Introducer,Score,Reasons,State\r\n'));
  const lines = csv.text.trim().split('\r\n');
  const suggested = (await asks(page)).length;
  assert.equal(lines.length, 1 + suggested + 2, 'one row per suggestion and per tracked ask');
  assert.ok(lines.some((l) => l.startsWith('Layla,Moreau,') && l.endsWith(',sql')));

  // 6. Reload: everything is still there (IndexedDB).
  const cardsBefore = await fileCards(page);
  const asksBefore = await asks(page);
  await page.reload();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=file-card]').length === n, cardsBefore.length);
  await page.waitForSelector('[data-testid=ask]');
  cards = await fileCards(page);
  assert.deepEqual(cards.map((c) => [c.file, c.kind, c.rows, c.owner]), cardsBefore.map((c) => [c.file, c.kind, c.rows, c.owner]));
  assert.deepEqual(await goal(), { sqls: 1, goal: 30 });
  assert.equal(await page.locator('[data-testid=weight-strength]').inputValue(), '5');
  assert.deepEqual(await asks(page), asksBefore);

  // 7. Backup → forget → restore.
  const backup = await download(page, 'backup-export');
  assert.match(backup.name, /^referral-radar-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const parsed = JSON.parse(backup.text);
  assert.equal(parsed.format, 'referral-radar-backup');
  assert.equal(parsed.files.length, cards.length);
  app.acceptDialogs = 1;
  await page.click('[data-testid=forget-all]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=file-card]').length === 0);
  await page.reload();
  await page.waitForSelector('[data-testid=drop-zone]');
  await page.waitForTimeout(300);
  assert.equal(await page.locator('[data-testid=file-card]').count(), 0, 'forgotten after a reload too');
  assert.deepEqual(await goal(), { sqls: 0, goal: 30 });

  await page.setInputFiles('[data-testid=backup-import]', { name: backup.name, mimeType: 'application/json', buffer: Buffer.from(backup.text) });
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=file-card]').length === n, cards.length);
  await page.waitForSelector('[data-testid=ask]');
  assert.deepEqual(await goal(), { sqls: 1, goal: 30 });
  assert.deepEqual((await fileCards(page)).map((c) => [c.file, c.rows, c.owner]), cards.map((c) => [c.file, c.rows, c.owner]));
  assert.deepEqual(errors, []);
});

test('the executive\'s ask prints to PDF with one page per promoter', async () => {
  const page = await app.reset();
  await page.click('[data-testid=sample-data]');
  await page.waitForSelector('[data-testid=email]');
  const promoters = await page.locator('[data-testid=email]').count();
  const emails = await page.$$eval('[data-testid=email]', (els) => els.map((e) => e.innerText));
  // Each email names its exact people with their profile URLs.
  assert.ok(emails.every((t) => /1\. .+\n\s*https:\/\/www\.linkedin\.com\/in\//.test(t)), emails[0]);
  const pdf = await page.pdf({ format: 'A4' });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  assert.equal(pages, promoters, `${pages} PDF pages for ${promoters} promoters`);
  const mailto = await page.locator('[data-testid=mailto]').first().getAttribute('href');
  assert.match(mailto, /^mailto:ana\.ruiz%40northwind\.com\?subject=.+&body=.+/);
});

test('reading files shows progress per file and overall, and can be cancelled', async () => {
  const page = await app.reset();
  // Pick 12 files of 100,000 rows; while the engine reads them the page
  // shows each one's progress and the batch's; Cancel drops the rest.
  await page.evaluate(() => {
    let rows = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On\n';
    for (let i = 0; i < 100000; i++) rows += `F${i},L${i},https://www.linkedin.com/in/p${i},,Globex Corporation,VP Sales,07 Feb 2026\n`;
    const dt = new DataTransfer();
    for (let i = 0; i < 12; i++) dt.items.add(new File([rows], `big-${i}.csv`, { type: 'text/csv' }));
    const input = document.querySelector('[data-testid=file-input]');
    input.files = dt.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  const progress = page.locator('[data-testid=import-progress]');
  await progress.waitFor();
  assert.equal(await progress.getAttribute('data-total'), '12', 'the progress counts the picked files');
  const pending = await page.$$eval('[data-testid=file-pending]', (cards) => cards.map((c) => ({
    file: c.dataset.file, total: Number(c.dataset.total), bar: !!c.querySelector('progress'),
  })));
  assert.ok(pending.length >= 1 && pending.every((p) => p.bar && p.total > 8_000_000), JSON.stringify(pending));
  assert.ok(await page.locator('[data-testid=import-progress-bar]').count() === 1, 'an overall bar');
  await page.click('[data-testid=cancel-import]');
  await progress.waitFor({ state: 'detached' });
  await page.locator('[data-testid=notice]').waitFor();
  assert.match(await page.locator('[data-testid=notice]').innerText(), /Stopped reading \d+ files?/);
  const cards = await fileCards(page);
  assert.ok(cards.length < 12, `cancelled before all 12 were read (${cards.length} read)`);
  // What was read before the cancel is whole.
  assert.ok(cards.every((c) => c.rows === 100000), JSON.stringify(cards.map((c) => c.rows)));
  assert.equal(await page.locator('[data-testid=file-pending]').count(), 0);
});
