// Every fixture dropped in the app shows its card with the right kind and
// counts; the user can correct the kind, the list's role and column roles.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serveDist, openApp, upload, fileCards, FIXTURES, useApp } from './harness.mjs';

const expected = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'expected.json'), 'utf8'));

let server;
let app;

useApp((s, a) => { server = s; app = a; });

const fresh = () => app.reset();

test('every fixture shows the kind and counts the core reads natively', async () => {
  const page = await fresh();
  const { errors } = app;
  const paths = Object.keys(expected);
  const cards = await upload(page, paths.map((p) => path.join(FIXTURES, p)), paths.length);
  assert.equal(cards.length, paths.length);
  for (const p of paths) {
    const name = path.basename(p);
    const card = cards.find((c) => c.file === name);
    assert.ok(card, `card for ${p}`);
    const want = expected[p];
    assert.deepEqual(
      { kind: card.kind, rows: card.rows, skipped: card.skipped, problems: card.problems, owner: card.owner || null },
      { kind: want.kind, rows: want.rows, skipped: want.skipped, problems: want.problems, owner: want.owner },
      p,
    );
  }
  assert.deepEqual(errors, []);
});

test('the kind, the list role and a column role can be corrected', async () => {
  const page = await fresh();
  let [card] = await upload(page, path.join(FIXTURES, 'nps', 'generic_by_content.csv'), 1);
  assert.equal(card.kind, 'nps');
  assert.equal(card.rows, 4);

  const cardEl = page.locator('[data-testid=file-card]').first();
  await cardEl.locator('[data-testid=kind-select]').selectOption('accounts');
  await page.waitForSelector('[data-testid=file-card][data-kind=accounts]');
  [card] = await fileCards(page);
  assert.equal(card.rows, 4);

  await cardEl.locator('[data-testid=account-role-select]').selectOption('competitor');
  await page.waitForSelector('[data-testid=file-card][data-account-role=competitor]');

  // Back to NPS, then point the score at a text column: every row is dropped, with reasons.
  await cardEl.locator('[data-testid=kind-select]').selectOption('nps');
  await page.waitForSelector('[data-testid=file-card][data-kind=nps]');
  await cardEl.locator('[data-testid=columns] summary').click();
  await cardEl.locator('[data-testid=role-select][data-column="3"]').selectOption('score');
  await page.waitForSelector('[data-testid=file-card][data-rows="0"]');
  [card] = await fileCards(page);
  assert.deepEqual({ kind: card.kind, rows: card.rows, skipped: card.skipped, problems: card.problems }, { kind: 'nps', rows: 0, skipped: 4, problems: 4 });
});

test('the LinkedIn ZIP names its owner on the card', async () => {
  const page = await fresh();
  const [card] = await upload(page, path.join(FIXTURES, 'zip', 'Basic_LinkedInDataExport_02-07-2026.zip'), 1);
  assert.equal(card.owner, 'Maya Lindqvist');
  assert.match(card.text, /Network of Maya Lindqvist/);
  assert.match(card.text, /Works at Northwind Traders/);
});
