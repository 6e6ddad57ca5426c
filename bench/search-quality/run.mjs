#!/usr/bin/env node
// Search-quality bench: runs tests/golden-queries.json through Pagefind (indexed over a copy of a
// built site) and, when the site has one, through the handbook's own search (search/meta.js),
// both in headless Chromium, and prints recall@3 and MRR@10 per engine.
//
// Usage: node run.mjs [SITE_DIR=/tmp/gsite] [--golden FILE] [--json OUT.json] [--only pagefind|ours]
//                     [--root-selector main] [--verbose]
// The site is never modified: it is copied to a temporary folder first. See README.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

// ---------- arguments ----------
const argv = process.argv.slice(2);
const opts = { site: '/tmp/gsite', golden: path.join(here, '../../tests/golden-queries.json'),
  json: null, only: null, rootSelector: null, verbose: false, topK: 10 };
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--golden') opts.golden = argv[++i];
  else if (a === '--json') opts.json = argv[++i];
  else if (a === '--only') opts.only = argv[++i];
  else if (a === '--root-selector') opts.rootSelector = argv[++i];
  else if (a === '--verbose' || a === '-v') opts.verbose = true;
  else if (a === '--help' || a === '-h') {
    console.log(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 7)
      .map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
    process.exit(0);
  } else if (a.startsWith('-')) { console.error(`unknown option ${a}`); process.exit(2); }
  else opts.site = a;
}
const site = path.resolve(opts.site);
if (!fs.existsSync(path.join(site, 'index.html'))) {
  console.error(`error: ${site} does not look like a built site (no index.html).\n` +
    `  build one with: target/debug/handbook --root . build --dest ${site}`);
  process.exit(2);
}
const golden = JSON.parse(fs.readFileSync(path.resolve(opts.golden), 'utf8'));
for (const g of golden) { // a stale golden file would silently lower every engine's score
  const page = decodeURIComponent(g.expect.split('#')[0]);
  if (!fs.existsSync(path.join(site, page))) console.error(`warning: ${JSON.stringify(g.q)} expects ${g.expect}, which is not in the site (run check-golden.mjs)`);
}
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-proxy-server'];

// ---------- helpers ----------
const log = (...a) => { if (opts.verbose) console.error(...a); };

/** Site-root-relative href -> { page, anchor } with index.html dropped and %-escapes decoded. */
function splitHref(href) {
  let [p, h = ''] = href.split('#');
  const dec = (s) => { try { return decodeURIComponent(s); } catch { return s; } };
  p = dec(p).replace(/^\/+/, '').replace(/(^|\/)index\.html$/, '$1');
  return { page: p, anchor: dec(h) };
}

/** Rank (1-based) of the first result matching `expect`; results = [{url, anchors:[...]}]. */
function rankOf(expect, results) {
  const want = splitHref(expect);
  for (let i = 0; i < results.length; i++) {
    const r = splitHref(results[i].url);
    if (r.page !== want.page) continue;
    if (!want.anchor) return i + 1;
    if (r.anchor === want.anchor) return i + 1;
    for (const a of results[i].anchors || []) {
      const s = splitHref(a);
      if (s.page === want.page && s.anchor === want.anchor) return i + 1;
    }
  }
  return 0;
}

/** Bytes on disk and gzip -9 bytes of every file under dir; `classify(relPath)` names a part. */
/** Like rankOf, but any anchor on the expected page counts (how often only the section is off). */
const pageRankOf = (expect, results) => rankOf(expect.split('#')[0], results);

function dirSize(dir, classify = () => null) {
  let raw = 0, gz = 0, files = 0;
  const parts = {};
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const file = path.join(e.parentPath ?? e.path, e.name);
    const buf = fs.readFileSync(file);
    const z = zlib.gzipSync(buf, { level: 9 }).length;
    raw += buf.length; gz += z; files++;
    const part = classify(path.relative(dir, file).split(path.sep).join('/'));
    if (part) {
      parts[part] ??= { raw: 0, gz: 0, files: 0 };
      parts[part].raw += buf.length; parts[part].gz += z; parts[part].files++;
    }
  }
  return { raw, gz, files, parts };
}
// Pagefind's output: the index proper (already gzip-compressed on disk), the runtime the JS API
// loads (pagefind.js, its worker and wasm), and the optional prebuilt UI bundles.
const pagefindPart = (rel) => /^(index|fragment)\/|\.pf_meta$|^pagefind-entry\.json$/.test(rel) ? 'index data'
  : /^(pagefind\.js|pagefind-worker\.js|wasm\.)/.test(rel) ? 'API runtime' : 'UI bundles';
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;

const MIME = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.ico': 'image/x-icon' };

function serve(root) {
  const server = http.createServer((req, res) => {
    let p;
    try { p = decodeURIComponent(new URL(req.url, 'http://x').pathname); } catch { p = '/'; }
    let file = path.join(root, path.normalize(p).replace(/^(\.\.[/\\])+/, ''));
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (err, buf) => {
      if (err) { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'); return; }
      res.writeHead(200, { 'content-type': MIME[path.extname(file)] || 'application/octet-stream',
        'cache-control': 'no-cache' });
      res.end(buf);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// ---------- 1. copy the site and index it with Pagefind ----------
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'search-quality-'));
const copy = path.join(work, 'site');
fs.cpSync(site, copy, { recursive: true, filter: (src) => path.relative(site, src) !== 'pagefind' });

const report = { site, golden: opts.golden, queries: golden.length, engines: {} };
let pagefindInfo = null;
if (opts.only !== 'ours') {
  const pagefind = await import('pagefind');
  const t0 = performance.now();
  const cfg = {};
  if (opts.rootSelector) cfg.rootSelector = opts.rootSelector;
  const { index, errors } = await pagefind.createIndex(cfg);
  if (errors.length) throw new Error(`pagefind createIndex: ${errors.join('; ')}`);
  const added = await index.addDirectory({ path: copy });
  if (added.errors.length) throw new Error(`pagefind addDirectory: ${added.errors.join('; ')}`);
  const written = await index.writeFiles({ outputPath: path.join(copy, 'pagefind') });
  if (written.errors.length) throw new Error(`pagefind writeFiles: ${written.errors.join('; ')}`);
  const ms = performance.now() - t0;
  await pagefind.close();
  const size = dirSize(path.join(copy, 'pagefind'), pagefindPart);
  const version = JSON.parse(fs.readFileSync(path.join(here, 'node_modules/pagefind/package.json'), 'utf8')).version;
  const extended = fs.existsSync(path.join(here, `node_modules/@pagefind/${process.platform}-${os.arch()}/bin/pagefind_extended`));
  pagefindInfo = { version, extended, pages: added.page_count, indexMs: Math.round(ms), ...size };
  report.pagefindIndex = pagefindInfo;
}
const oursPresent = fs.existsSync(path.join(copy, 'search', 'meta.js'));
if (oursPresent) report.oursIndex = dirSize(path.join(copy, 'search'));

// ---------- 2. serve and query in headless Chromium ----------
const server = await serve(copy);
const origin = `http://127.0.0.1:${server.address().port}`;
const { chromium } = await import('playwright-core');
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });

function tally(name, rows, fetched) {
  const n = rows.length;
  const hit3 = rows.filter((r) => r.rank >= 1 && r.rank <= 3).length;
  const mrr = rows.reduce((s, r) => s + (r.rank >= 1 && r.rank <= opts.topK ? 1 / r.rank : 0), 0) / n;
  const fetchedBytes = [...fetched.values()].reduce((a, b) => a + b, 0);
  const pageHit3 = rows.filter((r) => r.pageRank >= 1 && r.pageRank <= 3).length;
  report.engines[name] = { recallAt3: hit3 / n, mrr, pageRecallAt3: pageHit3 / n, fetchedBytes, fetchedFiles: fetched.size,
    failed: rows.filter((r) => !(r.rank >= 1 && r.rank <= 3)).map((r) => r.q), rows };
}

async function runPagefind() {
  const page = await browser.newPage();
  const fetched = new Map(); // distinct URL -> bytes
  page.on('response', async (r) => { try { if (r.url().includes('/pagefind/')) fetched.set(r.url(), (await r.body()).length); } catch {} });
  page.on('pageerror', (e) => log('pagefind page error:', e.message));
  await page.goto(`${origin}/index.html`);
  await page.evaluate(async () => {
    window.__pf = await import('/pagefind/pagefind.js');
    await window.__pf.init();
  });
  const rows = [];
  for (const g of golden) {
    const results = await page.evaluate(async ({ q, k }) => {
      const s = await window.__pf.search(q);
      const top = await Promise.all(s.results.slice(0, k).map((r) => r.data()));
      return { total: s.results.length,
        top: top.map((d) => ({ url: d.url, title: d.meta?.title,
          anchors: (d.sub_results || []).map((x) => x.url) })) };
    }, { q: g.q, k: opts.topK });
    const rank = rankOf(g.expect, results.top);
    rows.push({ q: g.q, expect: g.expect, rank, pageRank: pageRankOf(g.expect, results.top), total: results.total,
      got: results.top.slice(0, 3).map((r) => r.url + (r.anchors.length ? ` [${r.anchors.slice(0, 3).join(' ')}]` : '')) });
    log(`pagefind ${rank || '-'}\t${g.q}\t${rows.at(-1).got.join(' | ')}`);
  }
  await page.close();
  tally('pagefind', rows, fetched);
}

async function runOurs() {
  const page = await browser.newPage();
  const fetched = new Map(); // distinct URL -> bytes
  page.on('response', async (r) => { try { if (r.url().includes('/search/')) fetched.set(r.url(), (await r.body()).length); } catch {} });
  page.on('pageerror', (e) => log('ours page error:', e.message));
  let inflight = 0;
  page.on('request', () => { inflight++; });
  for (const ev of ['requestfinished', 'requestfailed']) page.on(ev, () => { inflight = Math.max(0, inflight - 1); });
  const rows = [];
  let marksSettled = false; // the client sets data-settled (seen once)
  for (const g of golden) {
    await page.goto(`${origin}/index.html`);
    await page.waitForSelector('input#search');
    await page.evaluate((q) => {
      const el = document.querySelector('input#search');
      el.focus(); el.value = q;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, g.q);
    // Poll: done when the client says its results are settled (`data-settled`, set once a
    // mistyped character's mend is in or none is coming), with hits or none; on a site without
    // it, when the hit list is unchanged for 1 s, or when there are no hits, no request in
    // flight and the results panel unchanged for 700 ms (a "no results" message, or nothing at
    // all); or after 3 s.
    let hrefs = [];
    let prev = null, sameSince = Date.now();
    const t0 = Date.now();
    while (Date.now() - t0 < 3000) {
      await page.waitForTimeout(100);
      const state = await page.evaluate(() => {
        const box = document.getElementById('search-results');
        const links = [...document.querySelectorAll('#search-results a.search-hit-link')]
          .map((a) => { const u = new URL(a.getAttribute('href'), location.href); return u.pathname + u.hash; });
        const shown = !!box && !box.hidden && box.textContent.trim() !== '';
        return { links, key: (box ? box.innerHTML : '') + '|' + links.join('\n'), shown, settled: box && box.getAttribute('data-settled') };
      });
      if (state.settled === g.q) { hrefs = state.links; break; }
      // A client seen to mark its results settled (each query starts on a fresh page, whose
      // box has no mark until its results settle): wait for the mark, hits or none (a mend
      // may bring hits after a first empty list).
      if (state.settled != null) marksSettled = true;
      if (marksSettled) continue;
      if (state.key !== prev) { prev = state.key; sameSince = Date.now(); continue; }
      if (state.links.length && Date.now() - sameSince >= 1000) { hrefs = state.links; break; }
      if (!state.links.length && inflight === 0 && Date.now() - sameSince >= (state.shown ? 500 : 700)) break;
    }
    const results = hrefs.map((u) => ({ url: u, anchors: [] }));
    const rank = rankOf(g.expect, results.slice(0, opts.topK));
    rows.push({ q: g.q, expect: g.expect, rank, pageRank: pageRankOf(g.expect, results.slice(0, opts.topK)), total: hrefs.length, got: hrefs.slice(0, 3).map((u) => splitHref(u).page + (splitHref(u).anchor ? '#' + splitHref(u).anchor : '')) });
    log(`ours ${rank || '-'}\t${g.q}\t${rows.at(-1).got.join(' | ')}`);
  }
  await page.close();
  tally('ours', rows, fetched);
}

try {
  if (opts.only !== 'ours') await runPagefind();
  if (opts.only !== 'pagefind') {
    if (oursPresent) await runOurs();
    else console.log('note: no search/meta.js in the site: skipping our own search engine');
  }
} finally {
  await browser.close();
  server.close();
  fs.rmSync(work, { recursive: true, force: true });
}

// ---------- 3. report ----------
console.log(`\n${golden.length} golden queries (${path.relative(process.cwd(), path.resolve(opts.golden)) || opts.golden}), site ${site}\n`);
console.log('engine      recall@3   MRR@10   missed (not in top 3)   page recall@3 (anchor ignored)');
for (const [name, e] of Object.entries(report.engines)) {
  console.log(`${name.padEnd(10)}  ${(e.recallAt3 * 100).toFixed(1).padStart(6)}%   ${e.mrr.toFixed(3)}   ${String(e.failed.length).padStart(3)}` +
    `                     ${(e.pageRecallAt3 * 100).toFixed(1).padStart(6)}%`);
}
for (const [name, e] of Object.entries(report.engines)) {
  console.log(`\n${name}: missed queries (rank in top ${opts.topK}, or '-' if absent; top 3 shown):`);
  for (const r of e.rows.filter((x) => !(x.rank >= 1 && x.rank <= 3))) {
    const pageNote = r.pageRank >= 1 && r.pageRank <= 3 && r.expect.includes('#') ? `   (page at ${r.pageRank}, other section)` : '';
    console.log(`  ${String(r.rank || '-').padStart(2)}  ${r.q}  → want ${r.expect}${pageNote}`);
    console.log(`        got: ${r.got.join(' | ') || '(no results)'}`);
  }
}
console.log('');
if (pagefindInfo) {
  const p = pagefindInfo;
  console.log(`pagefind ${p.version}${p.extended ? ' (extended binary)' : ''}: ${p.pages} pages indexed in ${p.indexMs} ms`);
  console.log(`  pagefind/ total: ${p.files} files, ${kb(p.raw)} on disk, ${kb(p.gz)} gzipped`);
  for (const [k, v] of Object.entries(p.parts).sort()) {
    console.log(`  ${(k + ':').padEnd(12)} ${String(v.files).padStart(3)} files, ${kb(v.raw)} on disk, ${kb(v.gz)} gzipped`);
  }
  if (report.engines.pagefind) {
    console.log(`  browser fetched ${report.engines.pagefind.fetchedFiles} distinct files, ${kb(report.engines.pagefind.fetchedBytes)}, over all queries (top-${opts.topK} data() included)`);
  }
}
if (report.oursIndex) {
  const o = report.oursIndex;
  console.log(`ours: search/ = ${o.files} files, ${kb(o.raw)} on disk, ${kb(o.gz)} gzipped`);
  if (report.engines.ours) {
    console.log(`  browser fetched ${report.engines.ours.fetchedFiles} distinct files, ${kb(report.engines.ours.fetchedBytes)}, over all queries`);
  }
}
if (opts.json) {
  fs.writeFileSync(opts.json, JSON.stringify(report, null, 1));
  console.log(`wrote ${opts.json}`);
}
