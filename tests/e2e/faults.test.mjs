// Faults lose nothing: a full disk during a save, a backup from a newer
// version, and a reload in the middle of an import.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serveDist, openApp, upload, fileCards, FIXTURES, useApp } from './harness.mjs';

let server;
let app;

useApp((s, a) => { server = s; app = a; });

const goalOf = (page) => page.$eval('[data-testid=goal-progress]', (e) => Number(e.dataset.goal));

async function loadSampleAndWaitSaved(page) {
  await page.click('[data-testid=sample-data]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=file-card]').length === 9);
  // Saved once the meta entry lists every file.
  await page.waitForFunction(() => new Promise((resolve) => {
    const req = indexedDB.open('referral-radar');
    req.onsuccess = () => {
      const get = req.result.transaction('kv').objectStore('kv').get('meta');
      get.onsuccess = () => { req.result.close(); resolve(!!get.result && JSON.parse(get.result).files.length === 9); };
      get.onerror = () => resolve(false);
    };
    req.onerror = () => resolve(false);
  }));
}

test('a full disk during a save: the user is told, offered the backup, and the saved state is intact', async () => {
  const page = await app.reset();
  await loadSampleAndWaitSaved(page);
  // From now on every IndexedDB write fails as a full disk does. The
  // engine (a worker) is what writes, so the fault goes there.
  const engine = page.workers().find((w) => w.url().endsWith('/worker.js'));
  assert.ok(engine, `the engine runs in a worker (${page.workers().map((w) => w.url())})`);
  await engine.evaluate(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function failing(...args) {
      if (self.__diskFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
    self.__diskFull = true;
  });
  await page.locator('[data-testid=sql-goal]').fill('45');
  await page.locator('[data-testid=sql-goal]').dispatchEvent('change');
  const alert = page.locator('[data-testid=storage-error]');
  await alert.waitFor();
  assert.match(await alert.innerText(), /could not be saved in this browser \(QuotaExceededError/);
  assert.equal(await goalOf(page), 45, 'the edit is still on the page');
  // The offered backup holds the unsaved edit.
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=storage-error-backup]')]);
  const backup = JSON.parse(fs.readFileSync(await dl.path(), 'utf8'));
  assert.equal(backup.settings.sql_goal, 45);
  // A reload finds the last state that was saved whole.
  await page.reload();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=file-card]').length === 9);
  assert.equal(await goalOf(page), 30);
  app.errors.length = 0; // the failed write was reported on the console on purpose
});

test('a backup from a newer version is refused, not half-applied', async () => {
  const page = await app.reset();
  await loadSampleAndWaitSaved(page);
  const golden = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'backup', 'schema-1.json'), 'utf8'));
  golden.schema = 99;
  golden.settings.sql_goal = 99;
  await page.setInputFiles('[data-testid=backup-import]', { name: 'future.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(golden)) });
  const err = page.locator('[data-testid=notice-error]');
  await err.waitFor();
  assert.match(await err.innerText(), /newer version of Referral Radar \(schema 99.*Nothing was changed/s);
  assert.equal((await fileCards(page)).length, 9);
  assert.equal(await goalOf(page), 30);
  // The golden backup of the current schema restores.
  await page.setInputFiles('[data-testid=backup-import]', path.join(FIXTURES, 'backup', 'schema-1.json'));
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=file-card]').length === 4);
  assert.equal(await goalOf(page), 40);
  assert.deepEqual(app.errors, []);
});

test('a reload in the middle of an import does not corrupt the saved state', async () => {
  const page = await app.reset();
  await loadSampleAndWaitSaved(page);
  let rows = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On\n';
  for (let i = 0; i < 150_000; i++) rows += `F${i},L${i},https://www.linkedin.com/in/p${i},,Globex Corporation,VP Sales,07 Feb 2026\n`;
  await page.setInputFiles('[data-testid=file-input]', { name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(rows) });
  await page.reload();
  await page.waitForSelector('[data-testid=drop-zone]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=file-card]').length >= 9);
  const cards = await fileCards(page);
  // Either the import finished and was saved whole, or it never started: nothing in between.
  assert.ok(cards.length === 9 || (cards.length === 10 && cards.at(-1).rows === 150000), JSON.stringify(cards.map((c) => [c.file, c.rows])));
  assert.ok(cards.slice(0, 9).every((c) => c.problems === 0 || c.file === 'nps.csv'));
  await page.waitForSelector('[data-testid=ask]');
  // A file entry written by a save that never committed is deleted by the
  // next one: the store holds the meta and exactly the entries it lists.
  await page.waitForFunction((n) => new Promise((resolve) => {
    const req = indexedDB.open('referral-radar');
    req.onsuccess = () => {
      const tx = req.result.transaction('kv');
      const keys = tx.objectStore('kv').getAllKeys();
      const meta = tx.objectStore('kv').get('meta');
      tx.oncomplete = () => {
        const listed = JSON.parse(meta.result).files;
        const entries = keys.result.filter((k) => k.startsWith('file:'));
        req.result.close();
        resolve(listed.length === n && entries.length === n && entries.every((k) => listed.includes(k)));
      };
    };
    req.onerror = () => resolve(false);
  }), cards.length);
});
