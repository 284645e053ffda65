// The walking skeleton end to end: open the page, load LinkedIn networks in
// each layout, and see exactly what was read.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serveDist, openApp, upload, fileCards, FIXTURES, useApp } from './harness.mjs';

let server;
let app;

useApp((s, a) => { server = s; app = a; });

const conn = (name) => path.join(FIXTURES, 'connections', name);

test('each LinkedIn Connections.csv layout shows its counts', async () => {
  const { page } = app;
  const expected = [
    ['linkedin_2018_no_preamble.csv', { rows: 5, skipped: 1, problems: 0 }],
    ['linkedin_2020_preamble_no_url.csv', { rows: 6, skipped: 2, problems: 0 }],
    ['linkedin_2026_preamble_url.csv', { rows: 8, skipped: 2, problems: 0 }],
  ];
  let count = (await fileCards(page)).length;
  for (const [name, want] of expected) {
    count += 1;
    const cards = await upload(page, conn(name), count);
    const card = cards.find((c) => c.file === name);
    assert.ok(card, `a card for ${name}`);
    assert.equal(card.kind, 'connections', name);
    assert.deepEqual({ rows: card.rows, skipped: card.skipped, problems: card.problems }, want, name);
    assert.match(card.text, new RegExp(`${want.rows} rows kept`));
    assert.ok(card.importMs >= 0, 'import time is recorded');
  }
});

test('several files dropped at once each get a card', async () => {
  const page = await app.reset();
  const cards = await upload(page, [
    conn('linkedin_2018_no_preamble.csv'),
    conn('linkedin_2026_preamble_url.csv'),
  ], 2);
  assert.deepEqual(cards.map((c) => c.rows).sort(), [5, 8]);
});

test('the sample data is one click away', async () => {
  const page = await app.reset();
  await page.click('[data-testid=sample-data]');
  await page.waitForSelector('[data-testid=file-card]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=file-card]').length === 9);
  const cards = await fileCards(page);
  assert.deepEqual(cards.map((c) => c.kind).sort(), ['accounts', 'accounts', 'accounts', 'connections', 'connections', 'connections', 'connections', 'leads', 'nps']);
  // Every sample network's owner is guessed from its file name.
  assert.ok(cards.filter((c) => c.kind === 'connections').every((c) => c.owner.includes('@')));
  await page.waitForSelector('[data-testid=ask]');
  assert.ok(await page.locator('[data-testid=ask]').count() >= 5, 'the sample yields an ask list');
});

test('bad input gets a clear message on its card, and the page lives on', async () => {
  const page = await app.reset();
  const { errors } = app;
  const cards = await upload(page, [
    { name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.from('') },
    { name: 'photo.csv', mimeType: 'text/csv', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]) },
    { name: 'notes.csv', mimeType: 'text/csv', buffer: Buffer.from('lorem ipsum, dolor\nsit amet, consectetur\n') },
  ], 3);
  const byName = Object.fromEntries(cards.map((c) => [c.file, c]));
  assert.match(byName['empty.csv'].text, /empty\.csv is empty\. Expected a CSV/);
  assert.match(byName['photo.csv'].text, /photo\.csv looks like a PNG image, not a CSV/);
  assert.match(byName['notes.csv'].text, /notes\.csv has no recognisable header row/);
  for (const c of cards) {
    assert.equal(c.kind, 'unknown');
    assert.equal(c.rows, 0);
    assert.equal(c.problems, 1);
  }
  // Still alive: a good file after the bad ones is read.
  const after = await upload(page, conn('linkedin_2018_no_preamble.csv'), 4);
  assert.equal(after.at(-1).rows, 5);
  assert.equal(await page.locator('[data-testid=fatal-error]').count(), 0);
  assert.deepEqual(errors, []);
});

test('a file can be removed', async () => {
  const page = await app.reset();
  await upload(page, [conn('linkedin_2018_no_preamble.csv'), conn('linkedin_2026_preamble_url.csv')], 2);
  await page.getByRole('button', { name: 'Remove linkedin_2018_no_preamble.csv' }).click();
  const cards = await fileCards(page);
  assert.deepEqual(cards.map((c) => c.file), ['linkedin_2026_preamble_url.csv']);
});
