// The browser benchmark (scripts/bench.sh runs it): in one headless-Chromium
// run, our import (file bytes → typed rows, in wasm, exactly as the app runs
// it) against Papa Parse and uDSV parsing the same text to rows; time to
// first render; bundle size; and the wasm/native ratio. Prints figures and
// writes target/bench-report.{json,md}; asserts nothing.
//
// Usage: node tests/bench/browser-bench.mjs BENCH_DIST NATIVE_JSON

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { serveDist, openApp, ROOT, DIST } from '../e2e/harness.mjs';

const [benchDist, nativeJson] = process.argv.slice(2);
const RUNS = 12; // the first is a warm-up; 11 are measured
const here = path.dirname(new URL(import.meta.url).pathname);
const lib = (p) => fs.readFileSync(path.join(here, 'node_modules', p), 'utf8');

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0], median: s[Math.floor(s.length / 2)], max: s.at(-1) };
};

const server = await serveDist(path.resolve(benchDist));
const app = await openApp(server, { bypassCSP: true });
const { page } = app;
await page.waitForFunction(() => window.wasmBindings?.bench_import);
await page.addScriptTag({ content: lib('papaparse/papaparse.min.js') });
await page.addScriptTag({ content: lib('udsv/dist/uDSV.iife.min.js') });

async function compare(label, makeText) {
  return page.evaluate(async ({ label, makeText, RUNS }) => {
    const text = window.wasmBindings[makeText.fn](...makeText.args);
    const bytes = new TextEncoder().encode(text);
    // The JS parsers get the table itself (from the header row on), which
    // they need to produce rows; ours gets the whole file, preamble and all.
    const headerAt = text.indexOf(makeText.header);
    const table = text.slice(headerAt);
    const parsers = {
      ours: () => window.wasmBindings.bench_import(bytes),
      papaparse: () => window.Papa.parse(table).data.length,
      udsv: () => { const p = window.uDSV.initParser(window.uDSV.inferSchema(table)); return p.stringArrs(table).length; },
    };
    const out = { label, bytes: bytes.length, results: {} };
    for (const [name, run] of Object.entries(parsers)) {
      const times = [];
      let rows = 0;
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        rows = run();
        const dt = performance.now() - t0;
        if (i > 0) times.push(dt);
        await new Promise((r) => setTimeout(r, 0));
      }
      out.results[name] = { rows, times };
    }
    return out;
  }, { label, makeText, RUNS });
}

const cases = [
  await compare('connections-30k', { fn: 'synth_connections', args: [30000, 1, 5000], header: 'First Name,Last Name' }),
  await compare('nps-quoted-10k', { fn: 'synth_nps', args: [10000, 1, 5000], header: 'Respondent ID' }),
];

// End to end, as a user runs it: N networks of 30,000 rows + 5,000 target
// accounts + the promoters' NPS file dropped on the page → ranked ask list.
async function endToEnd(networks) {
  // A fresh context each time: the app keeps its state in IndexedDB.
  const ctx = await app.browser.newContext({ bypassCSP: true });
  const p = await ctx.newPage();
  await p.goto(server.url);
  await p.waitForSelector('[data-testid=drop-zone][data-engine=ready]');
  await p.waitForFunction(() => window.wasmBindings?.synth_connections);
  return p.evaluate(async (n) => {
    const b = window.wasmBindings;
    const files = [
      new File([b.synth_promoters(n, 20000)], 'nps.csv'),
      new File([b.synth_accounts(5000)], 'targets.csv'),
    ];
    for (let i = 0; i < n; i++) files.push(new File([b.synth_connections(30000, 100 + i, 20000)], `p${i}_Connections.csv`));
    // Generating the files above is the harness's work, not the app's: let
    // that task end before observing, and drop the file in a task of its own.
    await new Promise((r) => setTimeout(r, 200));
    const tasks = [];
    const obs = new PerformanceObserver((list) => { for (const e of list.getEntries()) tasks.push(e.duration); });
    obs.observe({ type: 'longtask' });
    await new Promise((r) => setTimeout(r, 0));
    const dt = new DataTransfer();
    for (const f of files) dt.items.add(f);
    const input = document.querySelector('[data-testid=file-input]');
    const t0 = performance.now();
    input.files = dt.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    let allRead = NaN;
    await new Promise((resolve, reject) => {
      const started = performance.now();
      const tick = () => {
        const cards = document.querySelectorAll('[data-testid=file-card]').length;
        if (cards === files.length && Number.isNaN(allRead)) allRead = performance.now() - t0;
        if (cards === files.length && document.querySelector('[data-testid=ask]') && !document.querySelector('[data-testid=updating]')) resolve();
        else if (performance.now() - started > 300000) reject(new Error('no ask list after 300 s'));
        else setTimeout(tick, 20);
      };
      tick();
    });
    const wall = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 200));
    const engineComputeMs = Number(document.querySelector('[data-testid=engine-status]')?.dataset.computeMs ?? NaN);
    // Re-rank: a weight moves; until the engine's answer is shown (the
    // candidates are reused; the ranking, NPS and the view are redone).
    const slider = document.querySelector('[data-testid=weight-timing]');
    const r0 = performance.now();
    slider.value = String(Number(slider.value) === 3 ? 2 : 3);
    slider.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((resolve, reject) => {
      let seen = false;
      const tick = () => {
        const busy = !!document.querySelector('[data-testid=updating]');
        seen ||= busy;
        if (seen && !busy) resolve();
        else if (performance.now() - r0 > 60000) reject(new Error('no re-rank after 60 s'));
        else setTimeout(tick, 5);
      };
      tick();
    });
    const reRankWallMs = performance.now() - r0;
    await new Promise((r) => setTimeout(r, 200));
    // The longest task covers the drop and the re-rank.
    obs.disconnect();
    return {
      networks: n,
      rows: n * 30000,
      wallMs: wall,
      // Until every file's card is shown (read and imported), and the sum
      // of the cards' import times (bytes → typed rows, in the engine).
      allReadMs: allRead,
      importMsSum: [...document.querySelectorAll('[data-testid=file-card][data-import-ms]')].reduce((a, c) => a + Number(c.dataset.importMs), 0),
      longestTaskMs: tasks.length ? Math.max(...tasks) : 0,
      tasksOver50ms: tasks.filter((d) => d > 50).length,
      asks: document.querySelectorAll('[data-testid=ask]').length,
      wasmMemoryMb: b.wasm_memory_bytes() / 1e6,
      engineMemoryMb: Number(document.querySelector('[data-testid=engine-status]')?.dataset.memoryBytes ?? NaN) / 1e6,
      engineComputeMs,
      reRankWallMs,
      reRankEngineMs: Number(document.querySelector('[data-testid=engine-status]')?.dataset.computeMs ?? NaN),
      jsHeapMb: (performance.memory?.usedJSHeapSize ?? NaN) / 1e6,
    };
  }, networks).finally(() => ctx.close());
}

const e2e = [];
for (const n of (process.env.BENCH_NETWORKS ?? '1,10,100').split(',').map(Number)) {
  try {
    e2e.push(await endToEnd(n));
  } catch (err) {
    e2e.push({ networks: n, failed: String(err).split('\n')[0] });
  }
  console.error(JSON.stringify(e2e.at(-1)));
}

// Time to first render, on a fresh page of the shipped build.
const shipped = await serveDist(DIST);
const firstRender = [];
const engineReady = [];
for (let i = 0; i < 5; i++) {
  const p = await app.context.newPage();
  await p.goto(shipped.url);
  await p.waitForSelector('[data-testid=drop-zone][data-engine=ready]');
  firstRender.push(await p.evaluate(() => performance.getEntriesByName('rr-first-render')[0]?.startTime ?? NaN));
  engineReady.push(await p.evaluate(() => performance.getEntriesByName('rr-engine-ready')[0]?.startTime ?? NaN));
  await p.close();
}
await shipped.close();
await app.close();
await server.close();

const bundle = fs.readdirSync(DIST).filter((f) => /\.(wasm|js)$/.test(f)).map((f) => {
  const buf = fs.readFileSync(path.join(DIST, f));
  // Two gzip level-9 encoders that differ by about 1%: zlib (Node) and GNU gzip.
  let gnu = NaN;
  try { gnu = execFileSync('gzip', ['-9', '-c', path.join(DIST, f)]).length; } catch { /* no gzip */ }
  return { file: f, raw: buf.length, gzip: zlib.gzipSync(buf, { level: 9 }).length, gnuGzip: gnu };
});
const native = nativeJson && fs.existsSync(nativeJson) ? JSON.parse(fs.readFileSync(nativeJson, 'utf8')) : [];

const report = { date: new Date().toISOString(), runs: RUNS - 1, cases: [], endToEnd: e2e, firstRender: stats(firstRender), engineReady: stats(engineReady), bundle };
for (const c of cases) {
  const row = { case: c.label, bytes: c.bytes, parsers: {} };
  for (const [name, r] of Object.entries(c.results)) {
    const s = stats(r.times);
    row.parsers[name] = { rows: r.rows, ...s, mbPerS: c.bytes / 1e6 / (s.median / 1000), rowsPerS: r.rows / (s.median / 1000) };
  }
  row.oursOverPapa = row.parsers.papaparse.median / row.parsers.ours.median;
  row.oursOverUdsv = row.parsers.udsv.median / row.parsers.ours.median;
  const n = native.find((x) => x.case === c.label);
  if (n) { row.nativeMedianMs = n.median_ms; row.wasmOverNative = row.parsers.ours.median / n.median_ms; }
  report.cases.push(row);
}

const f = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
let md = `# Referral Radar benchmark (${report.date})\n\nMedian of ${report.runs} runs after a warm-up; min / median / max in ms. Speed-up = their median ÷ ours.\n\n`;
md += '| case | parser | rows | min | median | max | MB/s | rows/s |\n|---|---|---:|---:|---:|---:|---:|---:|\n';
for (const c of report.cases) {
  for (const [name, p] of Object.entries(c.parsers)) {
    md += `| ${c.case} (${f(c.bytes / 1e6, 2)} MB) | ${name} | ${p.rows} | ${f(p.min)} | ${f(p.median)} | ${f(p.max)} | ${f(p.mbPerS)} | ${f(p.rowsPerS, 0)} |\n`;
  }
}
md += '\n| case | ours vs Papa Parse | ours vs uDSV | native median (ms) | wasm / native |\n|---|---:|---:|---:|---:|\n';
for (const c of report.cases) md += `| ${c.case} | ${f(c.oursOverPapa, 2)}× | ${f(c.oursOverUdsv, 2)}× | ${f(c.nativeMedianMs)} | ${f(c.wasmOverNative, 2)} |\n`;
md += '\n| networks × 30,000 rows (+ 5,000 accounts) | wall time (s) | all files read (s) | import, sum of cards (s) | longest main-thread task (ms) | tasks > 50 ms | asks | engine memory (MB) | candidates + ranking in the engine (ms) | re-rank after a weight change: shown (ms) | re-rank in the engine (ms) | page wasm memory (MB) | page JS heap (MB) |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n';
for (const r of report.endToEnd) {
  md += r.failed
    ? `| ${r.networks} | failed: ${r.failed} | | | | | | | | | | | |\n`
    : `| ${r.networks} | ${f(r.wallMs / 1000, 2)} | ${f(r.allReadMs / 1000, 2)} | ${f(r.importMsSum / 1000, 2)} | ${f(r.longestTaskMs, 0)} | ${r.tasksOver50ms} | ${r.asks} | ${f(r.engineMemoryMb, 0)} | ${f(r.engineComputeMs, 0)} | ${f(r.reRankWallMs, 0)} | ${f(r.reRankEngineMs, 0)} | ${f(r.wasmMemoryMb, 0)} | ${f(r.jsHeapMb, 0)} |\n`;
}
md += `\nTime to first render (ms, 5 loads): min ${f(report.firstRender.min)} · median ${f(report.firstRender.median)} · max ${f(report.firstRender.max)}\n`;
md += `Time until the engine (worker) is ready (ms, same loads): min ${f(report.engineReady.min)} · median ${f(report.engineReady.median)} · max ${f(report.engineReady.max)}\n\n`;
md += '| bundle file | raw bytes | gzip -9 (zlib) | gzip -9 (GNU gzip) |\n|---|---:|---:|---:|\n';
for (const b of bundle) md += `| ${b.file} | ${b.raw} | ${b.gzip} | ${b.gnuGzip} |\n`;
md += `| **total** | ${bundle.reduce((a, b) => a + b.raw, 0)} | ${bundle.reduce((a, b) => a + b.gzip, 0)} | ${bundle.reduce((a, b) => a + b.gnuGzip, 0)} |\n`;

fs.mkdirSync(path.join(ROOT, 'target'), { recursive: true });
fs.writeFileSync(path.join(ROOT, 'target', 'bench-report.json'), JSON.stringify(report, null, 1));
fs.writeFileSync(path.join(ROOT, 'target', 'bench-report.md'), md);
console.log(md);
