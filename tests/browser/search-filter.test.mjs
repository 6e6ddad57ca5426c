// The kind filters (规则 / 课程 / 测验 / 术语 / 培训) work over everything a query matched, not
// only over the best 30 of all that the 全部 list shows (scale audit H2): on a book whose best
// 30 for a query are lesson sections, 规则 lists the best rules of all matches, however far
// after the 30th they rank, and the chips count what matched (30+ past the 30 a list shows).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bin, initBook, launch, fileUrl, leavePage } from "./helpers.mjs";

/** 8 pages of 5 sections, each about 稽查 and 勘察 in its title, heading and text: they fill
 *  the best 30 of both words. Rules that say them once in a long field rank after all of them:
 *  EX-AUD-001..012 勘察, EX-AUD-013..047 稽查; EX-AUD-048..050 have 稽查业务 in their titles. */
function auditBook() {
  const root = initBook();
  mkdirSync(join(root, "content/audit"));
  writeFileSync(join(root, "content/audit/_index.md"), "---\ntitle: 用电检查\norder: 20\nsummary: 检查工作\n---\n");
  for (let p = 1; p <= 8; p++) {
    let body = `---\ntitle: 稽查勘察实务${p}\norder: ${p}\n---\n\n`;
    for (let s = 1; s <= 5; s++) {
      body += `## 稽查勘察要点${p}-${s}\n\n稽查和勘察是这一节的内容：稽查人员先勘察，勘察之后再稽查，稽查勘察都要记录。\n\n`;
    }
    writeFileSync(join(root, `content/audit/audit-${p}.md`), body);
  }
  let rules = "";
  const rule = (i, title, must) => {
    rules += `- id: EX-AUD-${String(i).padStart(3, "0")}\n  title: ${title}\n  category: procedure\n` +
      `  summary: 第${i}类用电业务的办理要求，由责任部门按期办结。\n  severity: medium\n` +
      `  steps:\n    - who: 责任部门\n      what: 核实第${i}类业务的情况，答复客户并记录结果\n` +
      `  must:\n    - ${must}\n  version: "1.0"\n  effective: 2025-01-01\n  owner: 客户服务中心\n`;
  };
  for (let i = 1; i <= 12; i++) rule(i, `第${i}类业务办理规定`, "遇到客户对电量有疑问时，请营销部门配合勘察，并把核实的经过、依据和结论详细告知客户本人，留存记录备查");
  for (let i = 13; i <= 47; i++) rule(i, `第${i}类业务办理规定`, "发现异常用电时，请用电检查人员配合稽查，并把现场核实的经过、依据和结论详细告知客户本人，留存记录备查");
  for (let i = 48; i <= 50; i++) rule(i, `稽查业务${i}号规定`, "按规定办理");
  writeFileSync(join(root, "content/rules/audit.rules.yaml"), rules);
  execFileSync(bin, ["--root", root, "build"], { stdio: "pipe" });
  return root;
}

/** 2,400 sections that say ammeter twice in a short text: a long list (docs/search-index.md,
 *  "Long lists") whose head is all theirs. 40 rules say it in a long field, once
 *  (EX-AMM-021..040) or three times (EX-AMM-001..020): in its tail only, which the best 30 of
 *  all do not load. */
function longBook() {
  const root = initBook();
  for (let p = 0; p < 24; p++) {
    let body = "---\ntitle: 长列表测试\n---\n\n";
    for (let k = 0; k < 100; k++) {
      const c = String.fromCodePoint(0x4e00 + p * 100 + k);
      body += `## 第${p}页第${k}节\n\nammeter ${c}${c} ammeter。\n\n`;
    }
    writeFileSync(join(root, `content/basics/long-${p}.md`), body);
  }
  let rules = "";
  for (let i = 1; i <= 40; i++) {
    const word = i <= 20 ? "ammeter ammeter ammeter" : "ammeter";
    rules += `- id: EX-AMM-${String(i).padStart(3, "0")}\n  title: 第${i}类业务办理规定\n  category: procedure\n` +
      `  summary: 第${i}类业务按规定办理。\n  severity: medium\n  steps:\n    - who: 责任部门\n      what: 核实第${i}类业务的情况\n` +
      `  must:\n    - 办理第${i}类业务时核对 ${word} 读数${"，并把核实的经过依据结论和后续安排详细告知本人，留存完整的书面记录以备日后查询核对".repeat(6)}\n` +
      `  version: "1.0"\n  effective: 2025-01-01\n  owner: 服务中心\n`;
  }
  writeFileSync(join(root, "content/rules/amm.rules.yaml"), rules);
  execFileSync(bin, ["--root", root, "build"], { stdio: "pipe" });
  return root;
}

/** 20 rules that say 校表 in their summaries and in their 必须做到: each card's hit takes in
 *  its field (one result of two documents), 40 documents in all. */
function cardBook() {
  const root = initBook();
  let rules = "";
  for (let i = 1; i <= 20; i++) {
    rules += `- id: EX-MTR-${String(i).padStart(3, "0")}\n  title: 第${i}类业务规定\n  category: procedure\n` +
      `  summary: 第${i}类业务上门校表，先通知客户。\n  severity: medium\n  steps:\n    - who: 责任部门\n      what: 核实第${i}类业务的情况\n` +
      `  must:\n    - 校表时出示工作证件\n  version: "1.0"\n  effective: 2025-01-01\n  owner: 服务中心\n`;
  }
  writeFileSync(join(root, "content/rules/mtr.rules.yaml"), rules);
  execFileSync(bin, ["--root", root, "build"], { stdio: "pipe" });
  return root;
}

let browser, audit, long, cards;
before(async () => {
  audit = auditBook();
  long = longBook();
  cards = cardBook();
  browser = await launch();
});
after(async () => { await browser?.close(); });

async function newPage() {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.done = async () => {
    await ctx.close();
    assert.deepEqual(errors, [], "no script errors");
  };
  return page;
}

const settled = (page, q) => page.waitForFunction((q) => document.getElementById("search-results").getAttribute("data-settled") === q, q);

/** The search page of `root`'s site for `q`, once its results are shown. */
async function searchPage(root, q) {
  const page = await newPage();
  await page.goto(fileUrl(join(root, "site/search/index.html")) + "?q=" + encodeURIComponent(q));
  await settled(page, q);
  return page;
}

/** Each chip: its count as shown ("" when none is), whether it is disabled or pressed. */
function chips(page) {
  return page.$$eval("#search-results button.search-filter", (bs) => Object.fromEntries(bs.map((b) => [b.getAttribute("data-filter"), {
    count: b.querySelector(".search-count")?.textContent ?? "",
    disabled: b.disabled,
    pressed: b.getAttribute("aria-pressed") === "true",
  }])));
}

/** The results listed: "rule audit-1/…#anchor"-like strings, kind first. */
function hits(page) {
  return page.$$eval("#search-results li.search-hit", (ls) => ls.map((l) =>
    l.getAttribute("data-kind") + " " + decodeURIComponent(l.querySelector("a").getAttribute("href")).replace(/^(\.\.\/)+/, "")));
}

/** Presses a kind's chip and waits for its own list (not the kind's hits among the best 30). */
async function press(page, kind) {
  await page.click(`#search-results button.search-filter[data-filter="${kind}"]`);
  await page.waitForFunction((kind) => {
    const box = document.getElementById("search-results");
    return box.querySelector(`button.search-filter[data-filter="${kind}"][aria-pressed="true"]`) && !box.querySelector(".search-loading") && !box.hasAttribute("aria-busy");
  }, kind);
}

/** What the status region says once it says it (half a second after the results show). */
async function said(page, re) {
  await page.waitForFunction((src) => new RegExp(src).test(document.getElementById("search-status").textContent), re.source);
  return page.textContent("#search-status");
}

const rule = (from, to, anchor) => Array.from({ length: to - from + 1 }, (_, i) => `rule rules/EX-AUD-${String(from + i).padStart(3, "0")}/index.html#${anchor}`);

test("规则 lists the rules that rank after the best 30 of all, counted", async () => {
  const page = await searchPage(audit, "勘察");
  const all = await hits(page);
  assert.equal(all.length, 30);
  assert.ok(all.every((h) => h.startsWith("lesson ")), all.join("\n"));
  // The chips count every match: 12 rules, none of them among the best 30; more than 30
  // lesson sections (40).
  assert.deepEqual(await chips(page), {
    all: { count: "30+", disabled: false, pressed: true },
    rule: { count: "12", disabled: false, pressed: false },
    lesson: { count: "30+", disabled: false, pressed: false },
    quiz: { count: "0", disabled: true, pressed: false },
    glossary: { count: "0", disabled: true, pressed: false },
    trainer: { count: "0", disabled: true, pressed: false },
  });
  assert.equal(await said(page, /^显示最相关的/), "显示最相关的 30 条结果（规则 12 条、课程 30 条以上）。");
  await press(page, "rule");
  const rules = await hits(page);
  assert.deepEqual([...rules].sort(), rule(1, 12, "必须做到"));
  assert.deepEqual((await chips(page)).rule, { count: "12", disabled: false, pressed: true });
  // All of them listed: no note that the list is cut, nor that the filter is.
  assert.equal(await page.$("#search-results .search-capped"), null);
  assert.doesNotMatch(await page.textContent("#search-results"), /筛选只在/);
  assert.equal(await said(page, /^“规则”/), "“规则”中有 12 条结果，全部共 30 条以上。");
  // Each highlighted as any result is (their variants were not worked out with the best 30's).
  const marks = await page.$$eval("#search-results li.search-hit", (ls) => ls.map((l) => Array.from(l.querySelectorAll("mark"), (m) => m.textContent).join("|")));
  assert.ok(marks.every((m) => m.includes("勘察")), marks.join("\n"));
  // Back to 全部: the same 30 as before.
  await press(page, "all");
  assert.deepEqual(await hits(page), all);
  await page.done();
});

test("a kind with more than 30 matches lists its best 30 and says so, without the old caveat", async () => {
  const page = await searchPage(audit, "稽查");
  const all = await hits(page);
  assert.ok(all.every((h) => h.startsWith("lesson ")), all.join("\n"));
  const counts = await chips(page);
  assert.deepEqual([counts.all.count, counts.rule.count, counts.lesson.count], ["30+", "30+", "30+"]);
  await press(page, "rule");
  const rules = await hits(page);
  assert.equal(rules.length, 30);
  // The three with 稽查 in their titles first (their cards, then their fields), then the
  // rules that say it once: all ranked after the 30th of all.
  assert.deepEqual(rules.slice(0, 3), ["048", "049", "050"].map((n) => `rule rules/EX-AUD-${n}/index.html`));
  assert.ok(rules.every((h) => h.startsWith("rule ")) && rules.some((h) => /EX-AUD-0(1[3-9]|[2-4]\d)\//.test(h)), rules.join("\n"));
  assert.equal(await page.textContent("#search-results .search-capped"), "只列出了最相关的 30 条。要找的不在里面？再加一个词缩小范围，如规则编号、业务名称或客户说的事。");
  assert.equal(await said(page, /^“规则”/), "“规则”中显示最相关的 30 条结果，全部共 30 条以上。");
  // 课程: its best 30 are the best 30 of all, in the same order.
  await press(page, "lesson");
  assert.deepEqual(await hits(page), all);
  await page.done();
});

test("a list whose best 30 documents hold cards with their fields is filled from the documents after them", async () => {
  const page = await searchPage(cards, "校表");
  // 40 documents, the best 30 of them 15 cards and their fields: made one, 15 results, and
  // the 10 documents after them give the other 5. All 20 rules listed, the list not cut.
  const card = (i) => `rule rules/EX-MTR-${String(i).padStart(3, "0")}/index.html#必须做到`;
  // (The init book's lesson has the two characters apart: a weak result after them.)
  const all = (await hits(page)).filter((h) => h.startsWith("rule "));
  assert.deepEqual([...all].sort(), Array.from({ length: 20 }, (_, i) => card(i + 1)));
  assert.equal(await page.$("#search-results .search-capped"), null);
  await press(page, "rule");
  assert.deepEqual(await hits(page), all);
  assert.equal(await page.$("#search-results .search-capped"), null);
  assert.deepEqual((await chips(page)).rule, { count: "20", disabled: false, pressed: true });
  await page.done();
});

test("within a kind, the results of the 全部 list keep their order", async () => {
  const page = await searchPage(audit, "稽查业务");
  const all = await hits(page);
  for (const kind of ["rule", "lesson"]) {
    const mine = all.filter((h) => h.startsWith(kind + " "));
    assert.ok(mine.length > 0 && mine.length < 30, `${kind}: ${mine.length}`);
    await press(page, kind);
    const own = await hits(page);
    assert.equal(own.length, 30, kind);
    // Every one of them is in the kind's list, in the same order; the others come in where
    // the same ranking puts them (another page's first section before a second section).
    const at = mine.map((h) => own.indexOf(h));
    assert.ok(at.every((i, k) => i >= 0 && (k === 0 || i > at[k - 1])), `${kind}: ${at}`);
  }
  // The rules of the 全部 list (the three cards and their fields) are the first of 规则.
  await press(page, "rule");
  const own = await hits(page);
  const mine = all.filter((h) => h.startsWith("rule "));
  assert.deepEqual(own.slice(0, mine.length), mine);
  await page.done();
});

test("keyboard and Back: a rule past the best 30 of all, opened from the header box, is marked again", async () => {
  const page = await newPage();
  await page.goto(fileUrl(join(audit, "site/index.html")));
  await page.fill("#search", "勘察");
  await settled(page, "勘察");
  await press(page, "rule");
  // (The focus stays in the box.)
  assert.equal(await page.evaluate(() => document.activeElement.id), "search");
  for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowDown");
  const active = await page.evaluate(() => {
    const id = document.getElementById("search").getAttribute("aria-activedescendant");
    return id && document.getElementById(id).getAttribute("href");
  });
  assert.match(active, /rules\/EX-AUD-\d+\/index\.html#必须做到$/);
  assert.equal(await page.$eval("#search-results li.active a", (a) => a.getAttribute("href")), active);
  await leavePage(page, () => page.keyboard.press("Enter"));
  assert.match(decodeURIComponent(page.url()), /rules\/EX-AUD-\d+\/index\.html#必须做到$/);
  // The rule's page highlights what was searched.
  await page.waitForSelector("mark.search-term");
  assert.equal(await page.textContent("mark.search-term"), "勘察");
  await page.goBack();
  await settled(page, "勘察");
  assert.equal((await chips(page)).rule.pressed, true);
  const back = await hits(page);
  assert.ok(back.length > 0 && back.every((h) => h.startsWith("rule ")), back.join("\n"));
  assert.equal(await page.$eval("#search-results li.active a", (a) => a.getAttribute("href")), active);
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.$$eval("#search-results li.search-hit", (ls) => ls.findIndex((l) => l.classList.contains("active"))), 4);
  await page.done();
});

/** The answer of HandbookSearch.search for `q` (of `kind`), in a fresh page of the long book:
 *  its hrefs, whether complete, its counts, the tail pieces loaded. With `allPieces`, every
 *  tail piece is loaded first: the ranking over every posting. */
async function ask(q, kind, allPieces) {
  const page = await newPage();
  const loaded = [];
  page.on("request", (r) => loaded.push(decodeURIComponent(r.url()).replace(/\?.*$/, "")));
  await page.goto(fileUrl(join(long, "site/basics/long-0/index.html")));
  await page.waitForFunction(() => window.HandbookSearch && window.HandbookSearch.search);
  const pieces = allPieces ? readdirSync(join(long, "site/search")).filter((f) => /^l\d+-\d+-\d+\.js$/.test(f)) : [];
  const out = await page.evaluate(([q, kind, pieces]) => new Promise((done) => {
    let left = pieces.length;
    const go = () => window.HandbookSearch.search(q, (o) => done({ hrefs: o.hits.map((h) => h.href), complete: o.complete, exact: o.exact, counts: o.counts }), false, null, kind);
    if (!left) go();
    for (const f of pieces) {
      const s = document.createElement("script");
      s.src = "../../search/" + f;
      s.onload = () => { if (--left === 0) go(); };
      document.head.appendChild(s);
    }
  }), [q, kind, pieces]);
  await page.done();
  return { ...out, pieces: loaded.filter((u) => /search\/l\d+-\d+-\d+\.js$/.test(u)).length };
}

test("a kind's best where a long list's tail holds them: its pieces load, the ranking is the exact one", async () => {
  // The best 30 of all come from the head: no piece, and no rule counted.
  const all = await ask("ammeter");
  assert.equal(all.pieces, 0);
  assert.equal(all.exact, false);
  assert.equal(all.counts.rule, undefined);
  // 规则 loads the tail and ranks on every posting: the rules that say it three times first.
  const rules = await ask("ammeter", "rule");
  assert.ok(rules.pieces > 0 && rules.complete, JSON.stringify(rules));
  assert.deepEqual(rules.hrefs, (await ask("ammeter", "rule", true)).hrefs);
  assert.equal(rules.hrefs.length, 30);
  assert.deepEqual(rules.hrefs.slice(0, 20).sort(), Array.from({ length: 20 }, (_, i) => `rules/EX-AMM-${String(i + 1).padStart(3, "0")}/index.html#必须做到`));

  // On the page: 规则 is there to press, without a count (none is known yet), then 30+.
  const page = await searchPage(long, "ammeter");
  assert.deepEqual((await chips(page)).rule, { count: "", disabled: false, pressed: false });
  // (A kind the book has none of is no question.)
  assert.equal((await chips(page)).trainer.disabled, true);
  await press(page, "rule");
  assert.deepEqual((await hits(page)).map((h) => h.replace(/^rule /, "")), rules.hrefs);
  assert.equal((await chips(page)).rule.count, "30+");
  await page.done();
});

test("a box emptied starts the next question on 全部; a query edited keeps its filter", async () => {
  const root = auditBook();
  const page = await searchPage(root, "稽查");
  await press(page, "rule");
  // Edited (a word added): the filter stays.
  await page.fill("#search", "稽查业务");
  await settled(page, "稽查业务");
  assert.equal((await chips(page)).rule.pressed, true);
  // Emptied, then another question: 全部 again, its chip pressed.
  await page.fill("#search", "");
  await page.type("#search", "勘察");
  await settled(page, "勘察");
  const now = await chips(page);
  assert.equal(now.all.pressed, true, JSON.stringify(now));
  assert.ok((await hits(page)).some((h) => h.startsWith("lesson ")), "lessons listed again");
  // Esc in the box (the list closed) empties it: the same.
  await press(page, "rule");
  await page.keyboard.press("Escape");
  await page.keyboard.press("Escape");
  assert.equal(await page.inputValue("#search"), "");
  await page.type("#search", "稽查");
  await settled(page, "稽查");
  assert.equal((await chips(page)).all.pressed, true);
  await page.done();
});
