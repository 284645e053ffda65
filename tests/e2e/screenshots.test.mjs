// Screenshots of the main views, for a person to look at before a release
// (written to target/screenshots/). The test checks each is a real PNG of
// a page that shows what the view is about; whether it looks right is the
// person's call.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, useApp } from './harness.mjs';

const OUT = path.join(ROOT, 'target', 'screenshots');
let app;

useApp((_, a) => { app = a; });

async function shot(page, name, selector) {
  fs.mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, `${name}.png`);
  const target = selector ? page.locator(selector).first() : page;
  await target.screenshot({ path: file, ...(selector ? {} : { fullPage: false }) });
  const png = fs.readFileSync(file);
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], `${name} is a PNG`);
  // IHDR: width and height of a view worth looking at.
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  assert.ok(width >= 300 && height >= 100, `${name}: ${width}×${height}`);
  return file;
}

test('screenshots of the main views', async () => {
  const page = await app.reset();
  await page.setViewportSize({ width: 1280, height: 900 });
  await shot(page, '0-empty');
  await page.click('[data-testid=sample-data]');
  await page.waitForSelector('[data-testid=ask]');
  await page.waitForFunction(() => !document.querySelector('[data-testid=updating]'));
  await shot(page, '1-files', '#files');
  await shot(page, '2-nps', '#nps');
  await shot(page, '3-ask-list', '#asks');
  await page.click('[data-testid=view-by-account]');
  await shot(page, '3b-by-account', '#asks');
  await page.click('[data-testid=view-by-promoter]');
  await shot(page, '4-executive-ask', '#emails');
  // Track a few asks so the goal has something to draw.
  const states = ['asked', 'introduced', 'meeting', 'sql', 'won'];
  for (let i = 0; i < states.length; i++) {
    await page.locator('[data-testid=ask] [data-testid=ask-state]').nth(i).selectOption(states[i]);
  }
  await shot(page, '5-goal', '#goal');
  await shot(page, '6-settings', '#settings');
  await page.emulateMedia({ media: 'print' });
  await shot(page, '7-print', '#emails');
  await page.emulateMedia({ media: 'screen' });
  assert.deepEqual(app.errors, []);
});
