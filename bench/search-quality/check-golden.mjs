#!/usr/bin/env node
// Checks that every `expect` in tests/golden-queries.json exists in a built site:
// the page file exists and, when an anchor is given, the page has an element with that id.
// Usage: node check-golden.mjs [SITE_DIR=/tmp/gsite] [GOLDEN=../../tests/golden-queries.json]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const site = path.resolve(process.argv[2] || '/tmp/gsite');
const goldenPath = path.resolve(process.argv[3] || path.join(here, '../../tests/golden-queries.json'));
const golden = JSON.parse(fs.readFileSync(goldenPath, 'utf8'));

const unescape = (s) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'")
  .replace(/&lt;/g, '<').replace(/&gt;/g, '>');
const idsCache = new Map();
function idsOf(file) {
  if (!idsCache.has(file)) {
    const html = fs.readFileSync(file, 'utf8');
    idsCache.set(file, new Set([...html.matchAll(/\sid="([^"]*)"/g)].map((m) => unescape(m[1]))));
  }
  return idsCache.get(file);
}

let bad = 0;
const seen = new Set();
for (const [i, g] of golden.entries()) {
  const where = `#${i} ${JSON.stringify(g.q)}`;
  if (typeof g.q !== 'string' || !g.q.trim() || typeof g.expect !== 'string' || typeof g.note !== 'string') {
    console.log(`FAIL ${where}: needs string q, expect and note`); bad++; continue;
  }
  if (seen.has(g.q)) { console.log(`FAIL ${where}: duplicate query`); bad++; }
  seen.add(g.q);
  const [page, anchor] = g.expect.split('#');
  if (page.startsWith('/') || page.includes('..') || !page.endsWith('.html')) {
    console.log(`FAIL ${where}: expect must be a site-root-relative .html path: ${g.expect}`); bad++; continue;
  }
  const file = path.join(site, decodeURIComponent(page));
  if (!fs.existsSync(file)) { console.log(`FAIL ${where}: no such page ${page}`); bad++; continue; }
  if (anchor !== undefined && !idsOf(file).has(decodeURIComponent(anchor))) {
    console.log(`FAIL ${where}: ${page} has no id="${anchor}"`); bad++;
  }
}
console.log(`${golden.length - bad} passed, ${bad} failed`);
process.exit(bad ? 1 : 0);
