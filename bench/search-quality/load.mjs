#!/usr/bin/env node
// What one query costs on a large site: the index files it loads (bytes on disk and gzipped)
// and how long it answers, in headless Chromium over file:// (no server, no cache effects).
//
// Usage: node load.mjs SITE_DIR [QUERIES_JSON=../../tests/golden-queries.json]
// Each query runs in a fresh page (cold: meta.js, its shards and its document chunks load),
// then three more times in the same page (warm: the files are loaded; this is the time a
// search-as-you-type keystroke costs). Extra queries probe the worst cases: the most common
// characters on their own, a rule id, a number.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const site = path.resolve(process.argv[2] || '/tmp/gsite');
const golden = JSON.parse(fs.readFileSync(process.argv[3] || path.join(here, '../../tests/golden-queries.json'), 'utf8'));
const queries = [...new Set([
  ...golden.map((g) => g.q),
  '的', '电', '客户', '投诉处理', '供电企业', '95598', '3个工作日', 'RULE-0749', 'rule-0001',
  '客戶投訴', '電費', '处理时限', '停电', '服务态度', '抄表', '计量', '稽查',
])];

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
const { chromium } = await import('playwright-core');
const browser = await chromium.launch({
  executablePath: CHROMIUM, headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--allow-file-access-from-files', '--no-proxy-server'],
});

const gz = new Map();
function sizes(rel) {
  if (!gz.has(rel)) {
    // A shard with no terms is not written: the client's attempt fails and means "no match".
    const file = path.join(site, rel);
    const bytes = fs.existsSync(file) ? fs.readFileSync(file) : Buffer.alloc(0);
    gz.set(rel, [bytes.length, zlib.gzipSync(bytes, { level: 6 }).length]);
  }
  return gz.get(rel);
}

const rows = [];
for (const q of queries) {
  const page = await browser.newPage();
  await page.goto(pathToFileURL(path.join(site, 'index.html')).href);
  await page.waitForFunction(() => window.HandbookSearch && window.HandbookSearch.search);
  const run = () => page.evaluate((q) => new Promise((done) => {
    const t0 = performance.now();
    window.HandbookSearch.search(q, (out) => done({ ms: performance.now() - t0, hits: out.hits.length }));
  }), q);
  const cold = await run();
  // What the first answer loaded (repeating the query loads nothing more).
  const files = await page.evaluate(() => [...document.querySelectorAll('script[src]')]
    .map((s) => decodeURIComponent(s.getAttribute('src')).replace(/\?.*$/, ''))  // without ?v=stamp
    .filter((s) => /(^|\/)search\/[^/]+\.js$/.test(s))
    .map((s) => s.slice(s.indexOf('search/'))));
  const warm = [];
  for (let i = 0; i < 3; i++) warm.push((await run()).ms);
  let raw = 0, zipped = 0, docsZipped = 0, rests = 0, restsZipped = 0;
  for (const f of new Set(files)) {
    const [r, z] = sizes(f); raw += r; zipped += z;
    if (/search\/d\d+\.js$/.test(f)) docsZipped += z;
    // The rest of a long text, loaded for a result whose match may lie past its row.
    if (/search\/x\d+\.js$/.test(f)) { rests++; restsZipped += z; }
  }
  rows.push({ q, files: new Set(files).size, raw, zipped, docsZipped, rests, restsZipped, cold: cold.ms, warm: Math.min(...warm), hits: cold.hits });
  await page.close();
}
await browser.close();

const kb = (n) => (n / 1024).toFixed(0) + ' KB';
const sorted = (k) => rows.map((r) => r[k]).sort((a, b) => a - b);
const pct = (k, p) => { const s = sorted(k); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
console.log(`site ${site}: ${rows.length} queries`);
console.log(`loaded per query, gzipped: median ${kb(pct('zipped', 0.5))}, p90 ${kb(pct('zipped', 0.9))}, max ${kb(pct('zipped', 1))}` +
  ` (on disk: median ${kb(pct('raw', 0.5))}, max ${kb(pct('raw', 1))}); files: median ${pct('files', 0.5)}, max ${pct('files', 1)}`);
console.log(`of which document rows (d*.js), gzipped: median ${kb(pct('docsZipped', 0.5))}, max ${kb(pct('docsZipped', 1))}`);
console.log(`rests of long texts (x*.js): ${rows.filter((r) => r.rests).length} queries load any, at most ${pct('rests', 1)} files, ${kb(pct('restsZipped', 1))} gzipped`);
console.log(`answer time, files loaded (warm): median ${pct('warm', 0.5).toFixed(1)} ms, p90 ${pct('warm', 0.9).toFixed(1)} ms, max ${pct('warm', 1).toFixed(1)} ms`);
console.log(`first answer incl. loading from disk (cold): median ${pct('cold', 0.5).toFixed(0)} ms, max ${pct('cold', 1).toFixed(0)} ms`);
const over = rows.filter((r) => r.zipped > 300 * 1024);
console.log(`queries loading over 300 KB gzipped: ${over.length}`);
for (const r of rows.slice().sort((a, b) => b.zipped - a.zipped).slice(0, 8)) {
  console.log(`  ${JSON.stringify(r.q)}: ${r.files} files, ${kb(r.zipped)} gz (${kb(r.raw)}), warm ${r.warm.toFixed(1)} ms, cold ${r.cold.toFixed(0)} ms, ${r.hits} hits`);
}
