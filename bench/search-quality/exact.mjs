#!/usr/bin/env node
// How exact a query's answer is on a large site within the client's budget of tail pieces
// (docs/search-index.md, "Long lists"): each query runs twice in fresh Chromium pages over
// file://, once with tuning.maxPieces = BUDGET and once without a budget (the client then
// loads every piece the ranking needs: the ranking over every posting, ties aside).
//
// Usage: node exact.mjs SITE_DIR [BUDGET=16]
// Prints, per query that differs, the pieces loaded and how the first results compare; then
// how many answers were exact, kept the same first three, and the mean overlap of the first ten.
import fs from 'node:fs'; import path from 'node:path'; import { pathToFileURL, fileURLToPath } from 'node:url';
const here = path.dirname(fileURLToPath(import.meta.url));
const site = path.resolve(process.argv[2] || '/tmp/gsite'); const budget = +(process.argv[3] || 16);
const golden = JSON.parse(fs.readFileSync(path.join(here, '../../tests/golden-queries.json'), 'utf8'));
const qs = [...new Set([...golden.map((g) => g.q), '客户', '投诉处理', '供电企业', '处理时限', '停电', '服务态度', '抄表', '计量', '稽查', '客戶投訴', '電費'])];
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
const { chromium } = await import('playwright-core');
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--allow-file-access-from-files'] });
async function run(q, maxPieces) {
  const page = await browser.newPage();
  await page.goto(pathToFileURL(path.join(site, 'index.html')).href);
  await page.waitForFunction(() => window.HandbookSearch && window.HandbookSearch.search);
  const r = await page.evaluate(([q, mp]) => new Promise((d) => { window.HandbookSearch.tuning.maxPieces = mp; const t0 = performance.now(); window.HandbookSearch.search(q, (o) => d({ ms: performance.now() - t0, hrefs: o.hits.map((h) => h.href), complete: o.complete, pieces: o.pieces })); }), [q, maxPieces === Infinity ? 1e9 : maxPieces]);
  await page.close(); return r;
}
let same3 = 0, ov10 = 0, n = 0, exact = 0, pieces = [];
for (const q of qs) {
  const a = await run(q, budget), b = await run(q, Infinity);
  n++; if (a.complete) exact++;
  pieces.push(b.pieces);
  const t3 = JSON.stringify(a.hrefs.slice(0, 3)) === JSON.stringify(b.hrefs.slice(0, 3)); if (t3) same3++;
  const o = a.hrefs.slice(0, 10).filter((h) => b.hrefs.slice(0, 10).includes(h)).length; ov10 += o / Math.max(1, Math.min(10, b.hrefs.length));
  if (!t3 || process.env.V) console.log(q, 'pieces', a.pieces, '/', b.pieces, 'complete', a.complete, 'top3 same', t3, 'overlap10', o);
}
pieces.sort((x, y) => x - y);
console.log(`budget ${budget}: ${n} queries, exact ${exact}, top-3 identical ${same3}, mean top-10 overlap ${(ov10 / n).toFixed(3)}; exhaustive pieces median ${pieces[n >> 1]} max ${pieces[n - 1]}`);
await browser.close();
