// Search as a reader uses it: the header box on pages opened from disk (file://), the index
// under search/ loaded with <script> tags, keyboard use, highlighting on the target page, and
// the golden queries of tests/golden-queries.json (recall@3 and MRR).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { repo, buildBundled, launch, fileUrl, staticServer, leavePage } from "./helpers.mjs";

let browser;
let site; // the built site directory
let skip = false;

before(async () => {
  // HANDBOOK_SEARCH_SITE: an already built site directory, to debug without rebuilding.
  site = process.env.HANDBOOK_SEARCH_SITE || join(buildBundled(), "site");
  if (!existsSync(join(site, "search/meta.js"))) {
    skip = "the built site has no search/meta.js (the Rust search index is not implemented yet)";
    return;
  }
  browser = await launch();
});
after(async () => { await browser?.close(); });

const siteRoot = () => pathToFileURL(site + "/").href;
const pageUrl = (rel) => fileUrl(join(site, rel));

function decode(s) {
  try { return decodeURIComponent(s); } catch { return s; }
}

/** A result link's href relative to the site root, decoded: `rules/TS-PROC-001/index.html#时限`. */
function rel(href) {
  const root = siteRoot();
  assert.ok(href.startsWith(root), `${href} is inside the site ${root}`);
  return decode(href.slice(root.length));
}

async function newPage(opts) {
  const ctx = await browser.newContext(opts);
  const page = await ctx.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.errors = errors;
  page.done = async () => {
    await ctx.close();
    assert.deepEqual(errors, [], "no script errors");
  };
  return page;
}

/** Types a query (all at once) and waits until the results for exactly it are shown. */
async function query(page, q) {
  // Put in whole and searched at once: the wait for a next key (tuning.keyWaitMs, 80-150 ms a
  // query) is the typing tests' to check (search-typing.test.mjs), and over the ~560 queries
  // here it was ~45 s of the suite. The page's own wait comes back with the results.
  await page.evaluate(() => {
    const t = window.HandbookSearch && window.HandbookSearch.tuning;
    if (t && !window.__keyWait) { window.__keyWait = t.keyWaitMs; t.keyWaitMs = { key: 0, short: 0 }; }
  });
  await page.fill("#search", q);
  // data-settled: the results as the worker sees them once a slip's mend (if any) is in.
  await page.waitForFunction(
    (q) => document.getElementById("search-results").getAttribute("data-settled") === q,
    q,
    { timeout: 15000 },
  );
  return page.$$eval("#search-results a.search-hit-link", (as) => {
    if (window.__keyWait) { window.HandbookSearch.tuning.keyWaitMs = window.__keyWait; window.__keyWait = undefined; }
    return as.map((a) => a.href);
  });
}

test("typing in the box shows ranked results with highlighted excerpts", async (t) => {
  if (skip) return t.skip(skip);
  const page = await newPage();
  await page.goto(pageUrl("procedure/time-limits/index.html"));
  assert.equal(await page.getAttribute("#search", "aria-expanded"), "false");
  assert.equal(await page.isHidden("#search-results"), true);
  await page.click("#search");
  await page.locator("#search").pressSequentially("办结时限", { delay: 40 });
  await page.waitForFunction(() => document.getElementById("search-results").getAttribute("data-query") === "办结时限");
  assert.equal(await page.isVisible("#search-results"), true);
  assert.equal(await page.getAttribute("#search", "aria-expanded"), "true");
  const hits = await page.$$eval("#search-results a.search-hit-link", (as) => as.map((a) => ({
    href: a.href,
    marks: Array.from(a.querySelectorAll("mark")).map((m) => m.textContent),
    excerpt: (a.querySelector(".search-hit-excerpt") || {}).textContent || "",
    kind: a.closest("li").getAttribute("data-kind"),
  })));
  assert.ok(hits.length >= 3, `${hits.length} results`);
  for (const h of hits) {
    const r = rel(h.href);
    assert.ok(existsSync(join(site, r.split("#")[0])), `${r} exists`);
    assert.ok(["rule", "lesson", "quiz", "glossary", "trainer"].includes(h.kind), h.kind);
    assert.ok(h.excerpt.length <= 125, `excerpt of ${h.excerpt.length} characters: ${h.excerpt}`);
  }
  // Every mark is (part of) a query bigram; the best results highlight the query.
  const marked = hits.flatMap((h) => h.marks).join("|");
  assert.match(marked, /办结|结时|时限/);
  assert.ok(hits.slice(0, 3).every((h) => h.marks.length > 0), "top results have highlights");
  await page.done();
});

test("traditional and full-width queries find the same as simplified and half-width", async (t) => {
  if (skip) return t.skip(skip);
  const page = await newPage();
  await page.goto(pageUrl("index.html"));
  for (const [a, b] of [["投訴", "投诉"], ["電費發票", "电费发票"], ["ＴＳ－ＰＲＯＣ－００１", "TS-PROC-001"], ["９５５９８熱線", "95598热线"], ["投诉　处理", "投诉 处理"]]) {
    const x = await query(page, a);
    const y = await query(page, b);
    assert.ok(y.length > 0, `${b} finds something`);
    assert.deepEqual(x, y, `${a} finds the same as ${b}`);
  }
  // The original text is shown: a traditional query highlights simplified text.
  await query(page, "投訴");
  const mark = await page.textContent("#search-results mark");
  assert.equal(mark.includes("投诉") || mark.includes("投"), true, mark);
  await page.done();
});

test("a rule id puts that rule first, in any case or width", async (t) => {
  if (skip) return t.skip(skip);
  const ids = readdirSync(join(site, "rules")).filter((d) => /^TS-[A-Z]+-\d+$/.test(d));
  assert.ok(ids.includes("TS-PROC-001"), "the bundled handbook has TS-PROC-001");
  const page = await newPage();
  await page.goto(pageUrl("index.html"));
  const wrong = [];
  for (const id of ids) {
    const hrefs = await query(page, id);
    const first = hrefs.length ? rel(hrefs[0]).split("#")[0] : "(none)";
    if (first !== `rules/${id}/index.html`) wrong.push(`${id} -> ${first}`);
  }
  assert.deepEqual(wrong, []);
  for (const q of ["ts-proc-001", "ＴＳ－ＰＲＯＣ－００１", "TS-PROC-001 "]) {
    const hrefs = await query(page, q);
    assert.equal(rel(hrefs[0]).split("#")[0], "rules/TS-PROC-001/index.html", q);
  }
  // Typed loosely, as in a hurry: without its prefix or zeros, apart, run together. The
  // forms with the bare number (which content's own numbers could outrank) for every id; the
  // forms with all three digits for each family's first id (the same parse for the rest).
  const loose = [];
  const families = new Set();
  for (const id of ids) {
    const [, family, num] = id.toLowerCase().split("-");
    const n = String(Number(num));
    const forms = [`${family}-${n}`, `ts ${family} ${n}`, `ts-${family}-${n}`];
    if (!families.has(family)) forms.push(`${family}${num}`, `${family.toUpperCase()} ${num} `);
    families.add(family);
    for (const q of forms) {
      const hrefs = await query(page, q);
      const first = hrefs.length ? rel(hrefs[0]).split("#")[0] : "(none)";
      if (first !== `rules/${id}/index.html`) loose.push(`${q} -> ${first}`);
    }
  }
  assert.deepEqual(loose, []);
  // ... and the id is marked as written in the result.
  for (const q of ["gov-004", "tsgov004", "GOV 4 "]) {
    await query(page, q);
    const marks = await page.$$eval("#search-results a.search-hit-link:first-of-type mark", (ms) => ms.map((m) => m.textContent));
    assert.ok(marks.includes("TS-GOV-004"), `${q}: ${marks.join("|")}`);
  }
  // Still typing the id: the rule family shows up.
  const partial = await query(page, "TS-PROC-00");
  assert.ok(partial.slice(0, 5).every((h) => rel(h).startsWith("rules/TS-PROC-00")), partial.map(rel).join("\n"));
  await page.done();
});

test("a glossary synonym said with a word put in still brings its term: 几天要办完 is 几天办完", async (t) => {
  if (skip) return t.skip(skip);
  const page = await newPage();
  await page.goto(pageUrl("index.html"));
  // 办结时限's synonyms (几天办完, 多久有结果) reach TS-PROC-002's time limits; without them the
  // shorter 时限 of TS-PROC-003 (答复投诉人, 自办结之日起) came first.
  for (const q of ["投诉几天要办完", "多久才有结果"]) {
    const hrefs = await query(page, q);
    assert.equal(rel(hrefs[0]), "rules/TS-PROC-002/index.html#时限", `${q}:\n${hrefs.map(rel).join("\n")}`);
  }
  await page.done();
});

test("a word said with a filler put in is found as written without it: 六个步骤 meets 六步", async (t) => {
  if (skip) return t.skip(skip);
  const page = await newPage();
  await page.goto(pageUrl("index.html"));
  // 六个步骤 shares no pair of characters with the heading 六步处理法 (六个, 个步 are nowhere
  // there); without the filler the pair 六步 is.
  let hrefs = (await query(page, "六个步骤")).map(rel);
  assert.ok(hrefs.slice(0, 3).includes("procedure/overview/index.html#six-steps"), hrefs.join("\n"));
  // 报过修 is 报修: the lesson section and the cards that say what to do when none was
  // reported (停电还没恢复, TS-CAT-003) and when one took too long (TS-CAT-008) come first, 报修
  // marked in them.
  hrefs = (await query(page, "客户没报过修 直接打来投诉停电太久")).map(rel);
  assert.deepEqual(hrefs.slice(0, 3).sort(), ["categories/power-quality-outages/index.html#outage-in-progress",
    "rules/TS-CAT-003/index.html", "rules/TS-CAT-008/index.html"], hrefs.join("\n"));
  const repair = await page.$$eval("#search-results a.search-hit-link", (as) => as.slice(0, 3)
    .map((a) => Array.from(a.querySelectorAll("mark")).map((m) => m.textContent).join("")));
  assert.ok(repair.every((m) => m.includes("报修")), repair.join("\n"));
  // The heading's 六步 is marked in the result, as any other match.
  await query(page, "六个步骤");
  const marks = await page.$$eval("#search-results a.search-hit-link", (as) => as
    .filter((a) => a.hash === "#six-steps")
    .map((a) => Array.from(a.querySelectorAll("mark")).map((m) => m.textContent).join("|")));
  assert.equal(marks.length, 1, (await page.$$eval("#search-results a.search-hit-link", (as) => as.map((a) => a.href))).join("\n"));
  assert.ok(marks[0].split("|").includes("六步"), marks[0]);
  await page.done();
});

test("a length of time said in Chinese numerals is found as the handbook writes it: 三个工作日 is 3个工作日", async (t) => {
  if (skip) return t.skip(skip);
  const page = await newPage();
  await page.goto(pageUrl("index.html"));
  // Each opens the card's time limits, as the same typed with digits does; the digits are
  // marked in its excerpt; no "did you mean" for 十个, a pair the book never has.
  for (const [q, want, digits] of [
    ["三个工作日", "rules/TS-PROC-003/index.html#时限", "3个工作日"],
    ["十个工作日", "rules/TS-PROC-002/index.html#时限", "10个工作日"],
    ["十個工作天", "rules/TS-PROC-002/index.html#时限", "10个工作日"],
    ["二十四小时", "rules/TS-INT-001/index.html#时限", "24小时"],
  ]) {
    const hrefs = (await query(page, q)).map(rel);
    assert.equal(hrefs[0], want, `${q}:\n${hrefs.join("\n")}`);
    assert.equal(await page.$(".search-suggest, .search-weak"), null, q);
    assert.doesNotMatch(await page.textContent("#search-results"), /没有找到/, q);
    const marks = await page.$eval("#search-results a.search-hit-link", (a) => Array.from(a.querySelectorAll("mark"), (m) => m.textContent));
    assert.ok(marks.includes(digits), `${q}: ${marks.join("|")}`);
    // Only the length asked for: not the unit alone in the card's other limits (5个工作日).
    assert.deepEqual(marks.filter((m) => m !== digits), [], `${q}: ${marks.join("|")}`);
  }
  await page.done();
});

test("a character kept as itself that is also another's traditional form: 答覆 finds 答复, no slip offered", async (t) => {
  if (skip) return t.skip(skip);
  const page = await newPage();
  await page.goto(pageUrl("index.html"));
  for (const [q, want, marked] of [
    ["答覆時限", "rules/TS-PROC-003/index.html#时限", "答复"],
    ["答覆", "rules/TS-PROC-003/index.html", "答复"],
  ]) {
    const hrefs = (await query(page, q)).map(rel);
    assert.equal(hrefs[0], want, `${q}:\n${hrefs.join("\n")}`);
    assert.equal(await page.$(".search-suggest, .search-weak"), null, q);
    const marks = await page.$eval("#search-results a.search-hit-link", (a) => Array.from(a.querySelectorAll("mark"), (m) => m.textContent));
    assert.ok(marks.includes(marked), `${q}: ${marks.join("|")}`);
  }
  await page.done();
});

test("a rule id typed with a slip that finds nothing shows the nearest id's results", async (t) => {
  if (skip) return t.skip(skip);
  const page = await newPage();
  await page.goto(pageUrl("index.html"));
  for (const [q, id] of [["TS-PORC-002", "TS-PROC-002"], ["tsporc2", "TS-PROC-002"], ["TS-CTA-004", "TS-CAT-004"]]) {
    const hrefs = (await query(page, q)).map(rel);
    assert.equal(hrefs[0], `rules/${id}/index.html`, `${q}:\n${hrefs.join("\n")}`);
    assert.match(await page.textContent("#search-results .search-suggest"), new RegExp(`没有找到“${q}”，以下是“${id}”的结果`));
  }
  // Two ids as near (TS-PROC-9: 001 … 007 are one edit away each): no guess.
  assert.deepEqual(await query(page, "TS-PROC-9"), []);
  assert.equal(await page.$("#search-results .search-suggest"), null);
  await page.done();
});

test("a query found only as single characters says so above its results", async (t) => {
  if (skip) return t.skip(skip);
  const page = await newPage();
  await page.goto(pageUrl("index.html"));
  // 充电桩: neither 充电 nor 电桩 is in the book, only 电 (everywhere) and 充: the list is
  // no answer, and the box says so instead of showing it as one.
  let hrefs = await query(page, "充电桩");
  assert.ok(hrefs.length > 0);
  assert.match(await page.textContent(".search-weak"), /没有找到“充电桩”.*个别的字/);
  // A query found as asked, or a single character, gets no such line.
  for (const q of ["投诉", "电", "停电 充电桩"]) {
    hrefs = await query(page, q);
    assert.ok(hrefs.length > 0, q);
    assert.equal(await page.$(".search-weak"), null, q);
  }
  await page.done();
});

test("a rule card found through a field that holds the query links to that field", async (t) => {
  if (skip) return t.skip(skip);
  const page = await newPage();
  await page.goto(pageUrl("index.html"));
  // 3个工作日 is in TS-PROC-003's summary, its 时限 field and its steps: the hit opens the
  // time limits, and that field is not listed a second time.
  let hrefs = (await query(page, "3个工作日")).map(rel);
  assert.equal(hrefs[0], "rules/TS-PROC-003/index.html#时限", hrefs.join("\n"));
  assert.equal(hrefs.filter((h) => h === hrefs[0]).length, 1, hrefs.join("\n"));
  // The excerpt is the field's own text, highlighted.
  const first = await page.$eval("#search-results a.search-hit-link", (a) => a.textContent);
  assert.match(first, /答复投诉人时限/);
  // Not a field's words but the rule's name or id: the card's top, as before.
  hrefs = (await query(page, "办结后答复投诉人")).map(rel);
  assert.equal(hrefs[0], "rules/TS-PROC-003/index.html", hrefs.join("\n"));
  await page.done();
});

test("keyboard: / focuses the box, arrows move, Escape closes, Enter opens", async (t) => {
  if (skip) return t.skip(skip);
  const page = await newPage();
  await page.goto(pageUrl("procedure/time-limits/index.html"));
  await page.click("h1");
  await page.keyboard.press("/");
  assert.equal(await page.evaluate(() => document.activeElement.id), "search");
  assert.equal(await page.inputValue("#search"), "", "the / is not typed into the box");
  await page.keyboard.type("答复");
  await page.waitForFunction(() => document.getElementById("search-results").getAttribute("data-query") === "答复");
  const hrefs = await page.$$eval("#search-results a.search-hit-link", (as) => as.map((a) => a.href));
  assert.ok(hrefs.length >= 2);
  const active = () => page.evaluate(() => {
    const li = document.querySelector("#search-results li.active");
    const all = Array.from(document.querySelectorAll("#search-results li.search-hit"));
    return { index: all.indexOf(li), aria: document.getElementById("search").getAttribute("aria-activedescendant"), id: li && li.querySelector("a[role=option]").id };
  });
  await page.keyboard.press("ArrowDown");
  assert.equal((await active()).index, 0);
  await page.keyboard.press("ArrowDown");
  const a1 = await active();
  assert.equal(a1.index, 1);
  assert.equal(a1.aria, a1.id);
  await page.keyboard.press("ArrowUp");
  assert.equal((await active()).index, 0);
  await page.keyboard.press("Escape");
  assert.equal(await page.isHidden("#search-results"), true);
  assert.equal(await page.getAttribute("#search", "aria-expanded"), "false");
  await page.keyboard.press("ArrowDown"); // reopens
  assert.equal(await page.isVisible("#search-results"), true);
  // Escape with the focus in the list (Tab to its first filter) closes it too, at once, and
  // gives the box the focus back.
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => !!document.activeElement.closest("#search-results")), true);
  await page.keyboard.press("Escape");
  assert.equal(await page.evaluate(() => document.activeElement.id), "search");
  assert.equal(await page.isHidden("#search-results"), true);
  await page.keyboard.press("ArrowDown"); // reopens
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  assert.equal((await active()).index, 1);
  await Promise.all([page.waitForURL((u) => u.href.split("#")[0] === hrefs[1].split("#")[0]), page.keyboard.press("Enter")]);
  assert.equal(decode(page.url()), decode(hrefs[1]));
  // Enter right after typing (before the debounced search ran) opens the first result.
  await page.click("h1");
  await page.keyboard.press("/");
  await page.keyboard.type("TS-PROC-003");
  await Promise.all([page.waitForURL(/\/rules\/TS-PROC-003\/index\.html/), page.keyboard.press("Enter")]);
  // `s` focuses the box too, but not while typing in another field.
  await page.click("h1");
  await page.keyboard.press("s");
  assert.equal(await page.evaluate(() => document.activeElement.id), "search");
  assert.equal(await page.inputValue("#search"), "");
  await page.done();
});

test("keyboard: Ctrl+Enter and Shift+Enter open the result marked in a new tab, the list staying for the next", async (t) => {
  if (skip) return t.skip(skip);
  const page = await newPage();
  const here = pageUrl("procedure/time-limits/index.html");
  await page.goto(here);
  await page.click("#search");
  await page.keyboard.type("答复");
  await page.waitForFunction(() => document.getElementById("search-results").getAttribute("data-query") === "答复");
  const hrefs = await page.$$eval("#search-results a.search-hit-link", (as) => as.map((a) => a.href));
  await page.keyboard.press("ArrowDown");
  for (const [i, keys] of [[0, "Control+Enter"], [1, "Shift+Enter"]]) {
    if (i) await page.keyboard.press("ArrowDown");
    const [tab] = await Promise.all([page.context().waitForEvent("page"), page.keyboard.press(keys)]);
    await tab.waitForLoadState("domcontentloaded");
    assert.equal(decode(tab.url()), decode(hrefs[i]), keys);
    await tab.close();
    // This page stays, its list open on the result opened.
    assert.equal(page.url(), here);
    assert.equal(await page.isVisible("#search-results"), true, keys);
    assert.equal(await page.inputValue("#search"), "答复");
  }
  await page.done();
});

test("Back from a result brings the query back with its results, the result opened marked; arrows reach 显示更多", async (t) => {
  if (skip) return t.skip(skip);
  const page = await newPage();
  await page.goto(pageUrl("procedure/time-limits/index.html"));
  await page.click("h1");
  await page.keyboard.press("/");
  await page.keyboard.type("停电");
  await page.waitForFunction(() => document.getElementById("search-results").getAttribute("data-settled") === "停电");
  const hrefs = await page.$$eval("#search-results a.search-hit-link", (as) => as.map((a) => a.href));
  assert.equal(hrefs.length, 10, "a first page of ten");
  const active = () => page.evaluate(() => {
    const all = Array.from(document.querySelectorAll("#search-results li.search-hit"));
    return all.indexOf(document.querySelector("#search-results li.active"));
  });
  // ↓ past the tenth: 显示更多, then Enter shows more with the eleventh marked.
  for (let i = 0; i < 10; i++) await page.keyboard.press("ArrowDown");
  assert.equal(await active(), 9);
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.evaluate(() => document.activeElement.className), "search-more");
  assert.equal(await active(), -1);
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelectorAll("#search-results a.search-hit-link").length > 10);
  assert.equal(await active(), 10);
  assert.equal(await page.evaluate(() => document.activeElement.id), "search");
  // Open the twelfth result (shown by 显示更多), then Back: the query, its results as long as
  // they were shown, the twelfth marked.
  await page.keyboard.press("ArrowDown");
  assert.equal(await active(), 11);
  const shownThen = await page.$$eval("#search-results a.search-hit-link", (as) => as.map((a) => a.href));
  await leavePage(page, () => page.keyboard.press("Enter"));
  assert.equal(page.url().split("#")[0], shownThen[11].split("#")[0]);
  await page.goBack();
  await page.waitForFunction(() => document.getElementById("search-results").getAttribute("data-settled") === "停电");
  assert.equal(await page.inputValue("#search"), "停电");
  assert.equal(await page.isVisible("#search-results"), true);
  assert.deepEqual(await page.$$eval("#search-results a.search-hit-link", (as) => as.map((a) => a.href)), shownThen);
  assert.equal(await active(), 11, "the result opened is marked");
  assert.equal(await page.evaluate(() => document.activeElement.id), "search");
  await page.keyboard.press("ArrowDown");
  assert.equal(await active(), 12, "arrows go on from it");
  // Typing on: a new query, its first result first (nothing marked from before).
  await page.keyboard.type("了");
  await page.waitForFunction(() => document.getElementById("search-results").getAttribute("data-settled") === "停电了");
  assert.equal(await active(), -1);
  // Once restored, the page forgets it: a reload starts empty.
  await page.reload();
  assert.equal(await page.inputValue("#search"), "");
  assert.equal(await page.isHidden("#search-results"), true);
  // The search page: Back brings back the query typed there and its filter, not its ?q=.
  await page.goto(pageUrl("search/index.html?q=%E5%81%9C%E7%94%B5"));
  await page.waitForFunction(() => document.getElementById("search-results").getAttribute("data-settled") === "停电");
  await page.fill("#search", "时限");
  await page.waitForFunction(() => document.getElementById("search-results").getAttribute("data-settled") === "时限");
  await page.click('#search-results button.search-filter[data-filter="rule"]');
  const ruleHit = await page.$eval("#search-results a.search-hit-link", (a) => a.href);
  await leavePage(page, () => page.click("#search-results a.search-hit-link"));
  await page.goBack();
  await page.waitForFunction(() => document.getElementById("search-results").getAttribute("data-settled") === "时限");
  assert.equal(await page.inputValue("#search"), "时限");
  assert.equal(await page.getAttribute('#search-results button.search-filter[data-filter="rule"]', "aria-pressed"), "true");
  assert.equal(await page.$eval("#search-results li.active a", (a) => a.href), ruleHit);
  await page.done();
});

test("a slip's mend: Enter pressed before it comes in opens the mended list's first; Back marks the result opened", async (t) => {
  if (skip) return t.skip(skip);
  const page = await newPage();
  await page.goto(pageUrl("self-care/index.html"));
  // 投塑处理 is 投诉处理 typed with the wrong character of the right sound: the list shown
  // first (as typed) is replaced by 投诉处理's, whose first result Enter must open.
  const mended = (await query(page, "投诉处理"))[0];
  const typed = await page.evaluate(() => new Promise((done) => window.HandbookSearch.search("投塑处理", (res) => done(res.hits[0].href))));
  assert.ok(!decode(mended).split("#")[0].endsWith(typed.split("#")[0]), `the two lists start apart: ${typed}`);
  await page.fill("#search", "");
  await page.click("#search");
  await leavePage(page, async () => {
    await page.keyboard.insertText("投塑处理");
    await page.keyboard.press("Enter");
  });
  assert.equal(decode(page.url()), decode(mended));
  // Back: the mended list again, the result opened marked in it.
  await page.goBack();
  await page.waitForFunction(() => document.getElementById("search-results").getAttribute("data-settled") === "投塑处理");
  assert.match(await page.textContent("#search-results .search-suggest"), /以下是“投诉处理”的结果/);
  assert.equal(decode(await page.$eval("#search-results li.active a", (a) => a.href)), decode(mended));
  await page.done();
});

test("the searches that led somewhere come back, most recent first, when the empty box is focused", async (t) => {
  if (skip) return t.skip(skip);
  const page = await newPage();
  await page.goto(pageUrl("index.html"));
  await page.focus("#search");
  assert.equal(await page.isHidden("#search-results"), true, "nothing searched yet");
  for (const q of ["答复时限", "TS-PROC-003", "答复时限"]) {
    await page.fill("#search", q);
    await page.waitForFunction((q) => document.getElementById("search-results").getAttribute("data-query") === q, q);
    await leavePage(page, () => page.keyboard.press("Enter"));
  }
  await page.goto(pageUrl("index.html"));
  await page.focus("#search");
  await page.waitForSelector("#search-results .search-recent");
  assert.deepEqual(await page.$$eval(".search-recent-q", (bs) => bs.map((b) => b.textContent)), ["答复时限", "TS-PROC-003"]);
  // One click searches it again.
  await page.click(".search-recent-q >> nth=1");
  await page.waitForFunction(() => document.getElementById("search-results").getAttribute("data-query") === "TS-PROC-003");
  assert.equal(await page.inputValue("#search"), "TS-PROC-003");
  assert.match(await page.getAttribute("#search-results a.search-hit-link", "href"), /rules\/TS-PROC-003\//);
  // Cleared, they are gone.
  await page.fill("#search", "");
  await page.click("h1");
  await page.focus("#search");
  await page.waitForSelector("#search-results .search-recent");
  await page.click(".search-recent-clear");
  assert.equal(await page.isHidden("#search-results"), true);
  await page.click("h1");
  await page.focus("#search");
  assert.equal(await page.isHidden("#search-results"), true);
  await page.done();
});

test("the target page highlights the query terms once and scrolls to the section", async (t) => {
  if (skip) return t.skip(skip);
  const page = await newPage({ viewport: { width: 1200, height: 700 } });
  await page.goto(pageUrl("index.html"));
  const hrefs = await query(page, "办结后答复");
  const withAnchor = hrefs.findIndex((h) => h.includes("#"));
  assert.ok(withAnchor >= 0, "some result links to a section");
  const target = hrefs[withAnchor];
  await Promise.all([
    page.waitForURL((u) => u.href.split("#")[0] === target.split("#")[0]),
    page.click(`#search-results li.search-hit >> nth=${withAnchor}`),
  ]);
  await page.waitForSelector("#main mark.search-term");
  const marks = await page.$$eval("#main mark.search-term", (ms) => ms.map((m) => m.textContent));
  assert.ok(marks.some((m) => /办结|答复/.test(m)), marks.join("|"));
  const id = decode(new URL(target).hash.slice(1));
  const top = await page.evaluate((id) => document.getElementById(id).getBoundingClientRect().top, id);
  assert.ok(top >= -5 && top < 700, `section heading is in view (top ${top})`);
  // Marked in that section only (its heading to the next of its level), not all over the page.
  const outside = await page.evaluate((id) => {
    const h = document.getElementById(id), level = /^H([1-6])$/.exec(h.tagName), section = [h];
    for (let n = level ? h.nextElementSibling : null; n && !(/^H[1-6]$/.test(n.tagName) && n.tagName[1] <= level[1]); n = n.nextElementSibling) section.push(n);
    return [...document.querySelectorAll("#main mark.search-term")].filter((m) => !section.some((e) => e.contains(m))).length;
  }, id);
  assert.equal(outside, 0, "marks outside the section");
  assert.equal(await page.evaluate(() => sessionStorage.getItem("handbook-search-highlight")), null, "cleared");
  // Esc while reading takes them away, the text as it was.
  const text = await page.textContent("#main");
  await page.click("h1");
  await page.keyboard.press("Escape");
  assert.equal(await page.$$eval("#main mark.search-term", (ms) => ms.length), 0, "Esc unmarks");
  assert.equal(await page.textContent("#main"), text);
  await page.reload();
  await page.waitForSelector("#main");
  assert.equal(await page.$$eval("#main mark.search-term", (ms) => ms.length), 0, "only once");
  await page.done();
});

test("a result opened at the page's top marks the page's words, not its breadcrumbs or the book's name", async (t) => {
  if (skip) return t.skip(skip);
  const page = await newPage({ viewport: { width: 1200, height: 700 } });
  await page.goto(pageUrl("index.html"));
  // (The book is 供电服务投诉处理手册: its name is in every page's breadcrumbs.)
  const hrefs = await query(page, "投诉处理");
  const top = hrefs.findIndex((h) => !h.includes("#") && !h.endsWith("/site/index.html"));
  assert.ok(top >= 0, hrefs.join("\n"));
  await Promise.all([
    page.waitForURL((u) => u.href.split("#")[0] === hrefs[top].split("#")[0]),
    page.click(`#search-results li.search-hit >> nth=${top}`),
  ]);
  await page.waitForSelector("#main mark.search-term");
  assert.equal(await page.$$eval("nav mark.search-term", (ms) => ms.length), 0);
  await page.done();
});

test("a trainers' note's result opens on the note, not on its section's heading", async (t) => {
  if (skip) return t.skip(skip);
  // The 带教提示 (`::: 培训师`) at the end of 让僵局松动的办法, below its dialogues: its result
  // leads to the note's box (`id` its section's and its readers'), which opens in view.
  const page = await newPage({ viewport: { width: 1200, height: 700 } });
  await page.goto(pageUrl("index.html"));
  const id = "break-deadlock-培训师";
  const hrefs = (await query(page, "两人一组演练")).map(rel);
  const at = hrefs.indexOf(`phone/difficult-calls/index.html#${id}`);
  assert.ok(at >= 0 && at < 3, hrefs.join("\n"));
  assert.equal(await page.getAttribute(`#search-results li.search-hit >> nth=${at}`, "data-kind"), "trainer");
  await Promise.all([
    page.waitForURL((u) => decode(u.href).endsWith(`#${id}`)),
    page.click(`#search-results li.search-hit >> nth=${at}`),
  ]);
  await page.waitForSelector("#main mark.search-term");
  const [note, heading] = await page.evaluate((id) =>
    [id, "break-deadlock"].map((i) => document.getElementById(i).getBoundingClientRect().top), id);
  assert.ok(note >= -5 && note < 350, `the note is in view (top ${note})`);
  assert.ok(heading < note, `its section's heading is above it (${heading})`);
  const marked = await page.$$eval(`[id="${id}"] mark.search-term`, (ms) => ms.map((m) => m.textContent));
  assert.ok(marked.some((m) => /两人|一组|演练/.test(m)), marked.join("|"));
  await page.done();
});

test("a trainer guide's sample file weighs less than what a page says", async (t) => {
  if (skip) return t.skip(skip);
  // 怎样写测验's 一个完整的小例子 is a sample quiz file (a code block) about a repair crew late
  // after an outage: a frontline query with those words wants the lessons and the rule (it was
  // 4th of 8, above the rule's steps). Searched for in its prose, the guide is still found.
  const page = await newPage();
  await page.goto(pageUrl("index.html"));
  const guide = "trainer/writing-quizzes/index.html";
  const hrefs = (await query(page, "抢修人员还没到")).map(rel);
  assert.ok(hrefs.slice(0, 3).some((h) => h.startsWith("categories/works-repair-queues/")), hrefs.join("\n"));
  assert.ok(!hrefs.slice(0, 8).some((h) => h.startsWith(guide)), hrefs.join("\n"));
  const own = (await query(page, "情景演练怎么写")).map(rel);
  assert.ok(own.slice(0, 3).some((h) => h.startsWith(guide)), own.join("\n"));
  await page.done();
});

test("a worker's question finds the lesson before the trainer guide that explains the same thing to trainers", async (t) => {
  if (skip) return t.skip(skip);
  // 节假日: 如何编写规则's 截止日期与节假日安排 (how a book's holiday calendar is written) came
  // first, above 办理时限's section that tells a worker how holidays count (培训 weighs 0.75).
  // The guide's section, named by its heading, is still first for it.
  const page = await newPage();
  await page.goto(pageUrl("index.html"));
  const hrefs = (await query(page, "节假日")).map(rel);
  assert.ok(hrefs[0].startsWith("procedure/time-limits/"), hrefs.join("\n"));
  assert.ok(hrefs.slice(0, 3).some((h) => h.startsWith("trainer/")), hrefs.join("\n"));
  const own = (await query(page, "截止日期与节假日安排")).map(rel);
  assert.match(own[0], /^trainer\/writing-rules\/index\.html#/, own.join("\n"));
  await page.done();
});

test("a filter's results holding single characters of the query only are set apart below those holding it", async (t) => {
  if (skip) return t.skip(skip);
  // 术语 for 停电: 停电, 计划停电 … and then 电价, 电费, 电能表 -- 电 alone, listed to fill the
  // kind's list. They stay (a short list may need them) below a line saying what they are.
  const page = await newPage();
  await page.goto(pageUrl("search/index.html") + "?q=" + encodeURIComponent("停电"));
  await page.waitForFunction(() => document.getElementById("search-results").getAttribute("data-settled") === "停电");
  await page.click("#search-results button.search-filter[data-filter=glossary]");
  await page.waitForFunction(() => document.querySelector('#search-results button.search-filter[data-filter=glossary][aria-pressed="true"]') &&
    !document.querySelector("#search-results .search-loading") && !document.getElementById("search-results").hasAttribute("aria-busy"));
  const items = await page.$$eval("#search-results ol.search-hits > li", (ls) => ls.map((l) =>
    l.classList.contains("search-hit") ? l.querySelector(".search-hit-title").textContent : "--" + l.textContent + "|" + l.getAttribute("aria-hidden")));
  const at = items.findIndex((x) => x.startsWith("--"));
  assert.ok(at >= 3, items.join("\n"));
  assert.equal(items[at], "--以下只含“停电”中的个别字，可能不相关|true");
  assert.equal(items.filter((x) => x.startsWith("--")).length, 1, items.join("\n"));
  assert.equal(items[0], "停电");
  const after = items.slice(at + 1);
  assert.ok(after.length >= 2 && after.includes("电费") && after.every((x) => !x.includes("停电")), items.join("\n"));
  // Said to a screen reader, which the line is hidden from (the list's options only).
  const status = await page.waitForFunction(() => /其中排在最后的 \d+ 条只含“停电”中的个别字。/.test(document.getElementById("search-status").textContent)).then(() => page.textContent("#search-status"));
  const told = Number(status.match(/其中排在最后的 (\d+) 条/)[1]);
  assert.ok(told >= after.length, status);
  // (Said of the whole list, before what the box shows of it: not "后 12 条" after 先列出前 10 条.)
  assert.ok(!/先列出前.*其中排在最后/.test(status), status);
  // The 全部 list's first page holds 停电 in every result: no line there.
  await page.click("#search-results button.search-filter[data-filter=all]");
  await page.waitForFunction(() => document.querySelector('#search-results button.search-filter[data-filter=all][aria-pressed="true"]'));
  const first = await page.$$eval("#search-results ol.search-hits > li", (ls) => ls.slice(0, 10).map((l) => l.className));
  assert.ok(first.every((c) => c === "search-hit"), first.join());
  await page.done();
});

test("results filter by kind; the full list keeps rank order", async (t) => {
  if (skip) return t.skip(skip);
  const page = await newPage();
  await page.goto(pageUrl("index.html"));
  const all = await query(page, "停电");
  const kinds = await page.$$eval("#search-results li.search-hit", (ls) => ls.map((l) => l.getAttribute("data-kind")));
  assert.ok(new Set(kinds).size >= 2, `停电 finds several kinds: ${kinds}`);
  const labels = await page.$$eval("#search-results button.search-filter", (bs) => bs.map((b) => b.textContent.replace(/\s*\d+\+?$/, "")));
  // (培训: the trainers' guide, audience: [trainer], which mentions 停电 in its examples.)
  assert.deepEqual(labels, ["全部", "规则", "课程", "测验", "术语", "培训"]);
  const trainer = await page.$$eval("#search-results li.search-hit[data-kind=trainer] .search-kind", (ks) => ks.map((k) => k.textContent));
  assert.ok(trainer.every((k) => k === "培训"), trainer.join());
  for (const kind of ["rule", "glossary", "lesson", "trainer"]) {
    const button = `#search-results button.search-filter[data-filter=${kind}]`;
    if (await page.isDisabled(button)) continue;
    await page.click(button);
    assert.equal(await page.getAttribute(button, "aria-pressed"), "true");
    // (While a kind's own best are fetched -- the filters reach past the 30 -- the list is
    // aria-busy, and says 正在查找 when none of the kind is among the best 30 of all.)
    await page.waitForFunction(() => !document.querySelector("#search-results .search-loading") && !document.getElementById("search-results").hasAttribute("aria-busy"));
    const shown = await page.$$eval("#search-results li.search-hit", (ls) => ls.map((l) => [l.getAttribute("data-kind"), l.querySelector("a").href]));
    assert.ok(shown.length > 0);
    assert.ok(shown.every(([k]) => k === kind), `${kind}: ${shown.map((s) => s[0])}`);
    // Same relative order as in the full list.
    const inAll = shown.map(([, h]) => all.indexOf(h)).filter((i) => i >= 0);
    assert.deepEqual(inAll, [...inAll].sort((a, b) => a - b));
    // The focus stays in the box, so typing on refines the query within the filter.
    assert.equal(await page.evaluate(() => document.activeElement.id), "search");
  }
  await page.click("#search-results button.search-filter[data-filter=all]");
  assert.deepEqual(await page.$$eval("#search-results a.search-hit-link", (as) => as.map((a) => a.href)), all);
  await page.done();
});

test("no result: a helpful message", async (t) => {
  if (skip) return t.skip(skip);
  const page = await newPage();
  await page.goto(pageUrl("index.html"));
  assert.deepEqual(await query(page, "qqxxzzkk"), []);
  const text = await page.textContent("#search-results");
  assert.match(text, /无结果/);
  assert.match(text, /TS-PROC-001/);
  assert.equal(await page.isVisible("#search-results"), true);
  // Clearing the box closes the results.
  await page.fill("#search", "");
  await page.waitForFunction(() => document.getElementById("search-results").hidden);
  await page.done();
});

test("pinyin typed with the input method off is read as the book's words of those sounds", async (t) => {
  if (skip) return t.skip(skip);
  const page = await newPage();
  await page.goto(pageUrl("index.html"));
  const hits = await query(page, "tingdian");
  assert.match(await page.textContent(".search-suggest"), /^没有找到“tingdian”，以下是“停电”的结果。/);
  assert.ok(hits.slice(0, 3).map(rel).includes("rules/TS-CAT-003/index.html"), hits.join("\n"));
  const ask = (q) => page.evaluate((q) => new Promise((done) => window.HandbookSearch.suggest(q, (s) => done(s && s.query))), q);
  for (const [typed, meant] of [["dian fei", "电费"], ["huibi", "回避"], ["shouwenfuzezhi", "首问负责制"], ["Shi'xian", "时限"], ["TOUSU", "投诉"], ["chongfu", "重复"], ["chongfu tousu", "重复投诉"], ["zhongyao", "重要"], ["chuli", "处理"]]) {
    assert.equal(await ask(typed), meant, typed);
  }
  // A word the book has as typed (change and name cut into chang-e and na-me, but the trainers'
  // guide has them), one that is no pinyin (yaml), or too short: left alone; so is a reading
  // whose pairs stand in one document only (mode: 漠的 of 冷漠的).
  for (const typed of ["change", "name", "yaml", "xyz", "dian", "mode"]) assert.equal(await ask(typed), null, typed);
  // Nor made of another reading alone, hardly used (扰 as you, 言 as yin: 扰项, 言行).
  for (const typed of ["youxiang", "yinhang", "chongdian", "zhanghu"]) assert.equal(await ask(typed), null, typed);
  // Letters on the way to a word of the book (cate of category) keep their own results.
  const own = await query(page, "cate");
  assert.ok(own.length > 0);
  assert.equal(await page.$(".search-suggest"), null);
  await page.done();
});

test("a wrong character of the right sound: the results of the query typed right, and 仍然搜索 as typed", async (t) => {
  if (skip) return t.skip(skip);
  const page = await newPage();
  const loaded = [];
  page.on("request", (r) => loaded.push(decodeURIComponent(r.url())));
  await page.goto(pageUrl("index.html"));
  // Every pair of 投诉处理 is in the book: no suggestion, and the sound table is not loaded.
  await query(page, "投诉处理");
  assert.equal(await page.$(".search-suggest"), null);
  assert.equal(loaded.filter((u) => u.includes("search/pinyin.js")).length, 0);
  // 投塑处理 (塑 for 诉, both su): no page has 投塑; the results are 投诉处理's, and say so.
  await page.fill("#search", "投塑处理");
  await page.waitForSelector(".search-suggest");
  assert.match(await page.textContent(".search-suggest"), /没有找到“投塑处理”，以下是“投诉处理”的结果。/);
  const first = await page.$$eval("a.search-hit-link", (as) => as.slice(0, 3).map((a) => a.textContent));
  assert.ok(first.some((t) => t.includes("TS-PROC-004")), first.join("\n"));
  assert.match(await page.$eval("a.search-hit-link mark", (m) => m.textContent), /投诉/);
  assert.equal(await page.getAttribute("#search-results", "data-query"), "投塑处理");
  // 仍然搜索 runs the query as typed and leaves it so.
  await page.click(".search-suggest-q");
  await page.waitForFunction(() => !document.querySelector(".search-suggest"));
  assert.equal(await page.inputValue("#search"), "投塑处理");
  await page.waitForTimeout(300);
  assert.equal(await page.$(".search-suggest"), null);
  // Every character of the query changed (跳闸, a word the book does not use, → 调查 through
  // 调 tiao and 查 zha): offered, not put in its place; Enter opens the query's own first.
  const own = await query(page, "跳闸");
  assert.match(await page.textContent(".search-suggest"), /^是不是要找“调查”？/);
  assert.equal(await page.getAttribute("#search-results", "data-query"), "跳闸");
  assert.ok(own.length > 0 && own.every((h) => !/investigation/.test(h)), own.join("\n"));
  await page.waitForFunction(() => /是不是要找“调查”？/.test(document.getElementById("search-status").textContent));
  await page.click(".search-suggest-q");
  await page.waitForFunction(() => document.getElementById("search-results").getAttribute("data-settled") === "调查");
  assert.equal(await page.inputValue("#search"), "调查");
  assert.equal(await page.$(".search-suggest"), null);
  await query(page, "跳闸");
  await Promise.all([page.waitForURL((u) => u.href.split("#")[0] === own[0].split("#")[0]), page.press("#search", "Enter")]);
  // Through the API: typical slips are mended; the 84 golden queries and more colloquial
  // ones, typed as meant (with words the book does not use), get no suggestion.
  const ask = (q) => page.evaluate((q) => new Promise((done) => window.HandbookSearch.suggest(q, (s) => done(s && s.query))), q);
  for (const [typed, meant] of [["电表怀了", "电表坏了"], ["停店了", "停电了"], ["服务太度差", "服务态度差"], ["回仿", "回访"],
    ["挥避", "回避"], ["首问负则制", "首问负责制"], ["处里时限", "处理时限"], ["没有通只就停电", "没有通知就停电"],
    // A whole word picked wrong: both its characters.
    ["受理等级", "受理登记"], ["办结实现", "办结时限"], ["实现速查", "时限速查"],
    // Fuzzy pinyin (模糊音): si for shi, xiang for xian; the same sound still wins over it.
    ["处理思想", "处理时限"], ["办结时闲", "办结时限"], ["处理实现", "处理时限"],
    // 多音字, in a second round: the book's 长, 重, 调, 差 in their other readings (延长
    // chang, 重新 chong, 调整 tiao, 出差 chai), which the most common reading alone missed;
    ["延常时限", "延长时限"], ["虫新调查", "重新调查"], ["条整", "调整"], ["出柴", "出差"],
    // and a typed 长 (zhang first) looked up under chang too.
    ["长见错误", "常见错误"], ["非长抱歉", "非常抱歉"],
    // A slip right before a number is mended as any other.
    ["停店3天", "停电3天"], ["办结时闲5天", "办结时限5天"], ["回仿3次", "回访3次"], ["办结实现15天", "办结时限15天"],
    // A slip in a question in everyday words, whose other pairs no page has: the slip alone.
    ["客户打了好几次电话 手问负责的人该怎么跟进", "客户打了好几次电话 首问负责的人该怎么跟进"],
    ["投诉单的办结实现从哪天开始算", "投诉单的办结时限从哪天开始算"],
    ["调查合实的时候要留什么证据", "调查核实的时候要留什么证据"]]) {
    assert.equal(await ask(typed), meant, typed);
  }
  const golden = JSON.parse(readFileSync(join(repo, "tests/golden-queries.json"), "utf8"));
  const suggested = [];
  const meant = golden.map((g) => g.q).concat(["电费太贵了", "抄表员态度不好", "营业厅排队太久", "客户威胁要曝光",
    "投诉多久处理完", "电表跑得快", "老人不会用手机交费", "客户情绪激动挂电话", "工作人员吃拿卡要",
    // A filler put into a word the book has (六步, 报修): not a slip (六个步骤 once got 露个步骤).
    "六个步骤", "客户没报过修", "家里停了电",
    // A pair with 啥 in it, or 第 before a number, is no slip (八步流程的6步是接 once).
    "八步流程第6步是啥", "抄核收是啥", "流程第6步", "客户骂人",
    // Words the book does not use, typed right (a loose pass once made them 结提电价, 为新交费 ...).
    "阶梯电价", "阶梯电价怎么算", "微信交费", "市民热线", "醉酒客户", "人大代表", "台风停电", "无效投诉", "跳闸了怎么办",
    // Questions in everyday words, typed right, whose pairs each stand in the book beside a
    // character of the same sound (a pass that took any such run once made 解投诉, 客户或了,
    // 查开话题, 客服务管, 自己处 of them): a mend must make four characters the book has as written.
    "接投诉的时候工单上都要写啥", "跑了三趟还没办好 客户火了", "光说对不起 客户嫌我像复读机",
    "谈不下去了 能不能岔开话题", "客户拿着自己拍的电表照片找到营业厅来了", "赔偿有哪几种方式 全赔 分摊还是客户自己出",
    "不满意的客户里只有百分之几会真的来投诉", "我说那是抄表那边的事跟客服无关 有问题吗"]);
  for (const q of meant) { const s = await ask(q); if (s) suggested.push(`${q} -> ${s}`); }
  assert.deepEqual(suggested, []);
  await page.done();
});

test("phone-sized screen: the results fit the screen", async (t) => {
  if (skip) return t.skip(skip);
  const page = await newPage({ viewport: { width: 375, height: 740 } });
  await page.goto(pageUrl("phone/opening-and-listening/index.html"));
  assert.equal(await page.isVisible("#search"), true);
  await query(page, "投诉");
  const box = await page.evaluate(() => {
    const r = document.getElementById("search-results").getBoundingClientRect();
    return { left: r.left, right: r.right, bottom: r.bottom };
  });
  assert.ok(box.left >= 0 && box.right <= 375, JSON.stringify(box));
  assert.ok(box.bottom <= 740, JSON.stringify(box));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page is ${overflow}px wider than the phone screen`);
  await page.done();
});

test("the search page runs ?q=", async (t) => {
  if (skip) return t.skip(skip);
  if (!existsSync(join(site, "search/index.html"))) return t.skip("no search/index.html page in the built site yet");
  const page = await newPage();
  await page.goto(pageUrl("search/index.html") + "?q=" + encodeURIComponent("投诉时限"));
  await page.waitForFunction(() => document.getElementById("search-results").getAttribute("data-query") === "投诉时限");
  assert.equal(await page.inputValue("#search"), "投诉时限");
  assert.ok((await page.$$("#search-results a.search-hit-link")).length > 0);
  // And into the tab's title (each search told apart in the browser's history).
  assert.match(await page.title(), /^“投诉时限” · 搜索/);
  // A query typed there goes into the address (replaced, no new entry): a reload (serve's,
  // after a save) shows it again; a cleared box leaves the address without one.
  const entries = await page.evaluate(() => history.length);
  await page.fill("#search", "停电");
  await page.waitForFunction(() => document.getElementById("search-results").getAttribute("data-settled") === "停电");
  assert.equal(new URL(page.url()).searchParams.get("q"), "停电");
  assert.equal(await page.evaluate(() => history.length), entries);
  await page.reload();
  await page.waitForFunction(() => document.getElementById("search-results").getAttribute("data-settled") === "停电");
  assert.equal(await page.inputValue("#search"), "停电");
  assert.match(await page.title(), /^“停电” · 搜索/);
  await page.fill("#search", "");
  await page.waitForFunction(() => !location.search);
  assert.match(await page.title(), /^搜索/);
  // Elsewhere the box leaves the address alone (and the title).
  await page.goto(pageUrl("procedure/time-limits/index.html"));
  const title = await page.title();
  await page.fill("#search", "停电");
  await page.waitForFunction(() => document.getElementById("search-results").getAttribute("data-settled") === "停电");
  assert.equal(new URL(page.url()).search, "");
  assert.equal(await page.title(), title);
  await page.done();
});

// The level the ranking reaches on each query set, less about 0.01 and 0.015; raise these when
// the ranking improves. golden-queries.json: recall@3 0.976, MRR 0.821 (the content has been
// edited with its misses in view). held-out-queries.json: 0.950, 0.835, written 2026-12-01
// without running the search, and not to be tuned on: its misses show how the ranking does on
// queries nobody looked at; when they are fixed, write a new set rather than edit content for it.
// held-out-2: 0.925, 0.876. held-out-3 (mostly lesson sections): 0.750, 0.616. held-out-4
// (written 2026-12-01 from the content alone, not tuned on): 0.725, 0.587. The last gains came
// from damping a lesson page's top when one of its sections is a hit (tuning.topDamp, before:
// golden 0.964 / 0.819, held-out 0.950 / 0.823, held-out-2 0.900 / 0.855, held-out-3
// 0.725 / 0.616, held-out-4 0.700 / 0.575). held-out-5 (written 2026-12-02 by a helper who read
// only the content, measured once untouched): 0.875, 0.731; at the end of that day 0.850, 0.717,
// after edits to other pages (the trainer guides) moved 不归我们管 from 3rd to 4th. The golden set's floor is 0.96, not
// 0.965: 电费投诉的良方 wants by-category#metering-billing, which scores 215 against 214 for
// #payment-queues of the same page (neither holds 电费投诉; their shared title and summary give
// nearly all of it), so a line added to any page of the book (the learners' help on the home
// page, 2026-12-02) moves one impact level and swaps the two, 3rd and 8th: 0.964 / 0.823.
// Near ties then went to the heading that holds the query, then to book order (tuning.tieBand,
// tieOrder): 良方 3rd, but 延期要谁批准 4th (升级路径 and 办理步骤 within 0.8 %): golden 0.964 /
// 0.822, held-out 0.950 / 0.860, held-out-2 0.950 / 0.900, held-out-3 0.750 / 0.626, held-out-4
// 0.725 / 0.593, held-out-5 0.850 / 0.719. held-out-6 (written 2026-12-02 by a helper who read
// only the content and the seed articles; measured once untouched: 0.775 / 0.622), then with a
// slip mended inside an everyday question (服务进语有哪些 → 服务禁语): 0.800 / 0.638. The sets are
// read once the results are settled (data-settled), as a worker sees them after a mend.
// held-out-7 (written 2026-12-03 the same way, 14 paraphrases, 6 traditional, 4 slips, 4 of two
// or three characters; measured once untouched: 0.875 / 0.795, its misses left as they are).
// The same day the frontline audit's content (停电还没恢复, 客户说要找媒体, 客户再次来电, the
// glossary's 越级投诉 and 重复投诉, 回避's 投诉的是我) moved the sets (README, "Search quality"):
// golden 0.964 / 0.840, held-out 0.950 / 0.819, -2 0.950 / 0.912, -3 0.750 / 0.601, -4
// 0.700 / 0.599, -5 0.850 / 0.718, -6 0.775 / 0.625, -7 0.850 / 0.769.
// held-out-8 (written 2026-12-03 the same way: 14 paraphrases, 6 traditional, 5 with numbers, 3
// rule ids as typed, 4 slips; measured once untouched: 0.750 / 0.665, Pagefind 0.350 / 0.233).
// Floors set from then on sit one query out of the first three and two slips of a place
// (-0.025 / -0.025 on a set of 40) under the figure: ordinary new content moves a query a
// place, and a floor it trips is mended by rewording the content, which measures nothing.
// The held-out set's floors follow that rule (0.950 / 0.806 then). held-out-3's floor, set
// before it at 0.74 / 0.595, follows it too since the trainer guide's section on building a site
// for some readers (2026-12-03) moved one of its queries a place (0.750 / 0.602 -> 0.590).
// held-out-7's likewise (0.84 / 0.76 before), since a rule whose whole title is the query keeps
// its kind's weight (the scale audit's H1: it came 17th among 20 rules whose titles end in it):
// one of its queries a place down (0.850 / 0.770 -> 0.757), held-out-8 up (0.665 -> 0.677).
// held-out-3's again (0.725 / 0.575 before) since the parts of a page for some readers
// (2026-12-04: a trainers' note in 争执僵持与升级处理, their section in the trainer guide) moved
// 新人总觉得客户打电话来就是找茬 from 3rd to 4th behind 服务禁语 (no page it names changed: the
// characters' weights did): 0.750 / 0.590 -> 0.725 / 0.601; golden and held-out rose (0.832 ->
// 0.840, 0.806 -> 0.831).
// 2026-12-04 (eighteenth session) the floors below the rule were raised to it, from the figures
// of two clean CI runs (golden 0.976 / 0.849, held-out 0.950 / 0.831, -3 0.750 / 0.603, -4
// 0.750 / 0.631, -5 0.850 / 0.729, -8 0.750 / 0.678); those already tighter (-2, -6, -7) stay.
const QUERY_SETS = [
  { file: "tests/golden-queries.json", name: "golden queries", recall: 0.96, mrr: 0.824 },
  { file: "tests/held-out-queries.json", name: "held-out queries", recall: 0.925, mrr: 0.806 },
  { file: "tests/held-out-2-queries.json", name: "second held-out queries", recall: 0.915, mrr: 0.885 },
  { file: "tests/held-out-3-queries.json", name: "third held-out queries", recall: 0.725, mrr: 0.578 },
  { file: "tests/held-out-4-queries.json", name: "fourth held-out queries", recall: 0.725, mrr: 0.606 },
  { file: "tests/held-out-5-queries.json", name: "fifth held-out queries", recall: 0.825, mrr: 0.704 },
  { file: "tests/held-out-6-queries.json", name: "sixth held-out queries", recall: 0.765, mrr: 0.61 },
  { file: "tests/held-out-7-queries.json", name: "seventh held-out queries", recall: 0.825, mrr: 0.745 },
  { file: "tests/held-out-8-queries.json", name: "eighth held-out queries", recall: 0.725, mrr: 0.653 },
];

for (const set of QUERY_SETS) {
  test(`${set.name}: the expected page is among the first three results`, async (t) => {
    if (skip) return t.skip(skip);
    const path = join(repo, set.file);
    if (!existsSync(path)) return t.skip(`${set.file} does not exist yet`);
    const golden = JSON.parse(readFileSync(path, "utf8"));
    assert.ok(Array.isArray(golden) && golden.length > 0);
    const page = await newPage();
    await page.goto(pageUrl("index.html"));
    const misses = [];
    let found3 = 0;
    let rr = 0;
    for (const g of golden) {
      const expect = decode(g.expect);
      const hrefs = (await query(page, g.q)).map(rel);
      const matches = (r) => (expect.includes("#") ? r === expect : r.split("#")[0].startsWith(expect));
      const rank = hrefs.findIndex(matches);
      if (rank >= 0) rr += 1 / (rank + 1);
      if (rank >= 0 && rank < 3) found3++;
      else misses.push(`${JSON.stringify(g.q)} -> want ${g.expect} (${rank < 0 ? "not in the first " + hrefs.length : "rank " + (rank + 1)})` +
        `${g.note ? " [" + g.note + "]" : ""}\n      got: ${hrefs.slice(0, 3).join("  ") || "(nothing)"}`);
    }
    const recall = found3 / golden.length;
    const mrr = rr / golden.length;
    const summary = `${set.name}: ${golden.length}, recall@3 ${recall.toFixed(3)}, MRR ${mrr.toFixed(3)}`;
    t.diagnostic(summary);
    console.log(summary);
    for (const m of misses) console.log("  miss: " + m);
    await page.done();
    // A regression guard, not a demand that every query hit: the misses are printed above.
    assert.ok(recall >= set.recall, `recall@3 ${recall.toFixed(3)} < ${set.recall}; misses:\n${misses.join("\n")}`);
    assert.ok(mrr >= set.mrr, `MRR ${mrr.toFixed(3)} < ${set.mrr}; misses:\n${misses.join("\n")}`);
  });
}

test("one page's rankings do not leak into each other: a query asked after others ranks as in a fresh page", async (t) => {
  if (skip) return t.skip(skip);
  // The ranking reuses one table of documents between queries (cleared after each): the
  // scores and order of a query must not depend on what was asked before it.
  const ask = (page, q) => page.evaluate((q) => new Promise((done) => {
    window.HandbookSearch.search(q, (r) => done(r.hits.map((h) => [h.href, h.score, h.variants.join("|")])));
  }), q);
  const queries = ["投诉处理时限", "停电", "客户情绪激动怎么安抚", "TS-PROC-001", "95598"];
  const fresh = {};
  for (const q of queries) {
    const page = await newPage();
    await page.goto(pageUrl("index.html"));
    fresh[q] = await ask(page, q);
    await page.done();
  }
  const page = await newPage();
  await page.goto(pageUrl("index.html"));
  for (const q of queries.concat(queries.slice().reverse())) {
    const got = await ask(page, q);
    assert.ok(got.length > 0, `${q} finds something`);
    assert.deepEqual(got, fresh[q], `${q} after other queries`);
  }
  await page.done();
});

test("a slow computer's search: meta.js is read when the box is focused; a query typed over is given up", async (t) => {
  if (skip) return t.skip(skip);
  // Focusing the box reads the index's table of contents, before the first key.
  const focused = await newPage();
  await focused.goto(pageUrl("procedure/time-limits/index.html"));
  assert.equal(await focused.$('script[src*="search/meta.js"]'), null, "nothing loaded for a page only read");
  await focused.click("#search");
  await focused.waitForSelector('script[src*="search/meta.js"]', { state: "attached", timeout: 5000 });
  await focused.done();

  // A query replaced while its files load (the agent typed on) is not ranked and its results'
  // documents are not loaded: on a slow computer that work came between the keys.
  const server = await staticServer(site);
  try {
    const docsOf = async (q) => {
      const page = await newPage();
      await page.goto(server.url + "index.html");
      await page.evaluate((q) => new Promise((done) => window.HandbookSearch.search(q, done)), q);
      const files = (sel) => page.$$eval(`script[src*="search/${sel}"]`, (ss) => ss.map((s) => s.src.split("/").pop().split("?")[0]));
      const got = { docs: await files("d"), shards: await files("s") };
      await page.done();
      return got;
    };
    const [replaced, typed] = ["保密", "95598"];
    const a = await docsOf(replaced), b = await docsOf(typed);
    // Index files only the replaced query reads: held back, it waits for them.
    const hold = a.shards.filter((f) => !b.shards.includes(f));
    assert.ok(hold.length > 0, `the two queries read other index files: ${a.shards} / ${b.shards}`);
    const onlyReplaced = a.docs.filter((f) => !b.docs.includes(f));
    assert.ok(onlyReplaced.length > 0, "the replaced query's results are in documents of their own");

    const page = await newPage();
    const held = [];
    let heldOne;
    const heldSeen = new Promise((ok) => (heldOne = ok));
    await page.route(/\/search\/s\d+\.js/, (route) => {
      if (hold.some((f) => route.request().url().includes("/search/" + f))) { held.push(route); heldOne(); }
      else route.continue();
    });
    await page.goto(server.url + "index.html");
    await page.fill("#search", replaced);
    await heldSeen;  // its index files are on their way ...
    await query(page, typed);  // ... when the agent has typed something else
    const done = page.evaluate((names) => Promise.all(names.map((f) => new Promise((ok) => {
      const s = document.querySelector(`script[src*="search/${f}"]`);
      s.addEventListener("load", ok);
      s.addEventListener("error", ok);
    }))), hold);
    for (const r of held) await r.continue();
    await done;  // (the search's own handler ran before this one)
    const loaded = await page.$$eval('script[src*="search/d"]', (ss) => ss.map((s) => s.src.split("/").pop().split("?")[0]));
    assert.deepEqual(loaded.filter((f) => onlyReplaced.includes(f)), [], "no document file of the replaced query");
    assert.equal(await page.getAttribute("#search-results", "data-query"), typed);
    await page.done();
  } finally {
    server.close();
  }
});
