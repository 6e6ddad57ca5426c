// "Index and query cannot disagree": a property test of the whole search path. A seeded
// generator writes a book of random text (Chinese from the whole common block, simplified and
// traditional, runs glued to numbers with units, Latin words, rule-like ids), the real binary
// indexes it, and the real client in Chromium must find each section from text cut out of it
// the way a worker types it: any run of two or more Chinese characters, a whole word, number
// or id, in full-width or upper case too, and two pieces of one section together. Every
// answer must hold that section among its hits. A failure names the query and its section.
// Then junk (emoji, lone surrogates, control characters, regex and HTML punctuation, a page of
// text) typed into the search box must never throw. HANDBOOK_SEARCH_SEED=N draws another book;
// HANDBOOK_SEARCH_SHOW=1 prints a sample of the queries.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { bin, initBook, launch, fileUrl } from "./helpers.mjs";

/** mulberry32: a small seeded generator, so a failing case comes back on every run. */
function dice(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, below: (n) => Math.floor(next() * n), pick: (xs) => xs[Math.floor(next() * xs.length)] };
}

const SEED = Number(process.env.HANDBOOK_SEARCH_SEED || 20261130);
const PAGES = 24;
const SECTIONS = 4;
const UNITS = ["个工作日", "小时", "天", "分钟", "元", "千瓦时", "次"];

/** One piece of text: what it is, and how a worker could type it back. */
function piece(d) {
  const kind = d.below(10);
  if (kind < 6) {
    // Chinese: anywhere in the block of unified ideographs (traditional forms included).
    let s = "";
    for (let n = 4 + d.below(10); n > 0; n--) s += String.fromCodePoint(0x4e00 + d.below(0x9fa5 - 0x4e00));
    return { text: s, kind: "han" };
  }
  if (kind === 6) {
    const n = String(1 + d.below(99999));
    return { text: n + d.pick(UNITS), kind: "number", whole: n + d.pick([""]) };
  }
  if (kind === 7) {
    const letters = "abcdefghijklmnopqrstuvwxyz";
    let w = "";
    for (let n = 4 + d.below(6); n > 0; n--) w += letters[d.below(26)];
    return { text: w, kind: "word", whole: w };
  }
  const up = () => { let s = ""; for (let n = 2 + d.below(3); n > 0; n--) s += "ABCDEFGHJKLMNPQRSTUVWXYZ"[d.below(24)]; return s; };
  const id = `${up()}-${up()}-${String(d.below(1000)).padStart(3, "0")}`;
  return { text: id, kind: "id", whole: id };
}

/** ASCII letters and digits written full-width, as a Chinese input method may. */
const fullWidth = (s) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

let browser, root;
const sections = []; // { href, pieces }

before(async () => {
  root = initBook();
  const d = dice(SEED);
  mkdirSync(join(root, "content/random"), { recursive: true });
  writeFileSync(join(root, "content/random/_index.md"), "---\ntitle: 随机文本\n---\n\n随机生成的文本，用来检验搜索。\n");
  for (let p = 0; p < PAGES; p++) {
    let body = `---\ntitle: 随机第${p}页\n---\n\n`;
    for (let s = 0; s < SECTIONS; s++) {
      const pieces = [];
      for (let n = 5 + d.below(6); n > 0; n--) pieces.push(piece(d));
      // Pieces glued together or apart, as text runs: a number right after Chinese, a word
      // between spaces, an id in a sentence.
      // (Two Latin or digit pieces always apart: glued, they would be one word.)
      let text = "", prev = "han";
      for (const x of pieces) {
        const glue = (x.kind === "han" || prev === "han") && d.below(2);
        text += (glue ? "" : " ") + x.text + (d.below(4) ? "" : "，");
        prev = x.kind;
      }
      body += `## 第${s}节 {#s${s}}\n\n${text}\n\n`;
      sections.push({ href: `random/p${p}/index.html#s${s}`, pieces, text });
    }
    writeFileSync(join(root, `content/random/p${p}.md`), body);
  }
  execFileSync(bin, ["--root", root, "build"], { stdio: "pipe" });
  browser = await launch();
});
after(async () => { await browser?.close(); });

/** The queries a section must answer, drawn from its own pieces. */
function queries(sec, d) {
  const out = [];
  for (const x of sec.pieces) {
    if (x.kind === "han") {
      const chars = [...x.text];
      const len = 2 + d.below(Math.min(5, chars.length - 1));
      const at = d.below(chars.length - len + 1);
      out.push(chars.slice(at, at + len).join(""));
    } else {
      out.push(d.pick([x.whole, x.whole.toUpperCase(), fullWidth(x.whole)]));
    }
  }
  // Two pieces of the section together, in either order.
  const a = out[d.below(out.length)], b = out[d.below(out.length)];
  if (a !== b) out.push(`${a} ${b}`);
  // Any stretch of the text that does not cut a Latin word, number or id: across Chinese
  // glued to a number and its unit (21564分钟), to a word, to a comma.
  const chars = [...sec.text];
  const ascii = (c) => c !== undefined && /[A-Za-z0-9-]/.test(c);
  const cuts = [];
  for (let i = 0; i <= chars.length; i++) if (!ascii(chars[i - 1]) || !ascii(chars[i])) cuts.push(i);
  for (let k = 0; k < 3; k++) {
    const from = cuts[d.below(cuts.length)];
    const to = cuts.find((c) => c >= from + 3 + d.below(6));
    const q = to === undefined ? "" : chars.slice(from, to).join("").trim();
    if ([...q].filter((c) => /[\u4e00-\u9fa5A-Za-z0-9]/.test(c)).length >= 2) out.push(q);
  }
  return out;
}

test("every section is found from any piece of its text, typed as a worker types it", async () => {
  const page = await browser.newPage();
  await page.goto(fileUrl(join(root, "site/index.html")));
  await page.waitForFunction(() => window.HandbookSearch && window.HandbookSearch.search);
  const d = dice(SEED + 1);
  const cases = [];
  for (const sec of sections) for (const q of queries(sec, d)) cases.push({ q, want: sec.href });
  // The same Chinese in the other script: each query folded to simplified, and with its
  // characters that have a traditional form written in it (from the fold table the page has).
  const variants = await page.evaluate(([qs, seed]) => {
    const S = window.HandbookSearch, trad = {};
    for (let c = 0x4e00; c <= 0x9fa5; c++) {
      const t = String.fromCharCode(c), f = S.normalise(t);
      if (f !== t && f.length === 1) (trad[f] = trad[f] || []).push(t);
    }
    let n = seed;
    return qs.map((q) => {
      const simp = S.normalise(q);
      const back = [...q].map((ch) => { const f = S.normalise(ch); const ts = trad[f]; n = (n * 1103515245 + 12345) >>> 0; return ts && n % 2 ? ts[n % ts.length] : ch; }).join("");
      return [simp, back];
    });
  }, [cases.filter((c) => /[\u4e00-\u9fa5]/.test(c.q)).map((c) => c.q), SEED]);
  const han = cases.filter((c) => /[\u4e00-\u9fa5]/.test(c.q));
  han.forEach((c, i) => {
    for (const v of variants[i]) if (v !== c.q) cases.push({ q: v, want: c.want });
  });
  const answers = await page.evaluate((qs) => {
    const ask = (q) => new Promise((done) => window.HandbookSearch.search(q, (o) => done(o.hits.map((h) => h.href))));
    return (async () => { const out = []; for (const q of qs) out.push(await ask(q)); return out; })();
  }, cases.map((c) => c.q));
  if (process.env.HANDBOOK_SEARCH_SHOW) console.log(cases.length, cases.filter((_, i) => i % 97 === 0).map((c) => c.q).join(" / "));
  const misses = [];
  cases.forEach((c, i) => {
    if (!answers[i].includes(c.want)) misses.push(`${JSON.stringify(c.q)} -> want ${c.want}, got ${answers[i].slice(0, 3).join(" | ") || "nothing"}`);
  });
  assert.ok(cases.length > 400, `${cases.length} queries`);
  assert.deepEqual(misses, [], `${misses.length} of ${cases.length} queries missed their section (seed ${SEED}):\n${misses.slice(0, 30).join("\n")}`);
  await page.close();
});

test("junk typed into the search box never throws and always answers", async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(fileUrl(join(root, "site/random/p0/index.html")));
  const d = dice(SEED + 2);
  const bits = ["😀", "👨‍👩‍👧", "\ud800", "\udfff", "\u0000", "\u0007", "\u200b", "\ufeff", "\u2028", "\u0301", "e\u0301",
    ".*", "(", ")", "[", "]", "\\", "$", "^", "|", "?", "+", "{2}", "<b>", "</mark>", "&amp;", "\"", "'", "#", "%", "%E4",
    "  ", "\t", "\n", "ＡＢＣ", "９５５９８", "ⅷ", "㈠", "①", "ﬁ", "İ", "ß", "投", "訴", "电费", "TS-", "-", "--", "_", "…", "、", "。"];
  const junk = [];
  for (let i = 0; i < 120; i++) {
    let q = "";
    for (let n = 1 + d.below(6); n > 0; n--) q += d.pick(bits);
    junk.push(q);
  }
  junk.push("投诉".repeat(400), "a".repeat(3000), "95598 ".repeat(200), "-".repeat(50));
  // Through the client's API: each gets an answer (a list of hits, maybe empty).
  const answered = await page.evaluate((qs) => Promise.all(qs.map((q) => new Promise((done) => {
    try { window.HandbookSearch.search(q, (o) => done(Array.isArray(o.hits))); } catch (e) { done(String(e)); }
  }))), junk);
  answered.forEach((a, i) => assert.equal(a, true, `search(${JSON.stringify(junk[i])}) -> ${a}`));
  // Through the box: rendered with excerpts and highlights, without an exception.
  for (const q of junk.slice(0, 40).concat(junk.slice(-4))) {
    await page.fill("#search", q);
    await page.waitForTimeout(60); // (search-as-you-type renders once its files are in)
  }
  await page.fill("#search", "");
  assert.deepEqual(errors, []);
  await page.close();
});
