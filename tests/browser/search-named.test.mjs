// A query that is a rule's whole title puts that rule first, also among many rules whose titles
// end in it (a province's 抄表估抄投诉办理时限, 营业厅排队投诉办理时限 … beside the general
// 投诉办理时限). Naming a hit used to replace its kind's weight, which for a rule (1.5) was a
// demotion to 1: the rule named came 17th of 20 siblings (scale audit H1).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { bin, initBook, launch, fileUrl } from "./helpers.mjs";

const TOPICS = ["抄表估抄", "营业厅排队", "电费退补", "业扩报装", "故障抢修", "计量装置", "停电通知", "电压质量",
  "窗口服务", "线上渠道", "欠费停电", "分布式光伏"];

let browser, root;
before(async () => {
  root = initBook();
  let rules = "";
  TOPICS.forEach((t, i) => {
    const id = `EX-DUP-${String(i + 1).padStart(3, "0")}`;
    rules += `- id: ${id}\n  title: ${t}投诉办理时限\n  category: procedure\n  summary: ${t}方面的投诉，由责任部门核实后按期答复客户。\n` +
      `  severity: medium\n  steps:\n    - who: 责任部门\n      what: 核实${t}情况，答复客户并记录结果\n` +
      `  version: "1.0"\n  effective: 2025-01-01\n  owner: 客户服务中心\n`;
  });
  writeFileSync(join(root, "content/rules/dup.rules.yaml"), rules);
  execFileSync(bin, ["--root", root, "build"], { stdio: "pipe" });
  browser = await launch();
});
after(async () => { await browser?.close(); });

async function hrefs(q) {
  const page = await browser.newPage();
  await page.goto(fileUrl(join(root, "site/index.html")));
  await page.waitForFunction(() => window.HandbookSearch && window.HandbookSearch.search);
  const out = await page.evaluate((q) => new Promise((done) =>
    window.HandbookSearch.search(q, (o) => done(o.hits.map((h) => h.href)))), q);
  await page.close();
  return out;
}

test("a rule's whole title finds that rule first among rules whose titles end in it", async () => {
  const got = await hrefs("投诉办理时限");
  assert.match(got[0] || "", /rules\/EX-PROC-001\//, got.slice(0, 5).join("\n"));
  // One of the longer titles, named whole, is first too; the general rule still comes up.
  const one = await hrefs("营业厅排队投诉办理时限");
  assert.match(one[0] || "", /rules\/EX-DUP-002\//, one.slice(0, 5).join("\n"));
});

/** The search page's results for `q`, once settled: the 全部 chip's count, the note under a
 *  list cut at its best 30, and the status read to a screen reader. */
async function searchPage(q) {
  const page = await browser.newPage();
  await page.goto(fileUrl(join(root, "site/search/index.html")) + "?q=" + encodeURIComponent(q));
  await page.waitForFunction((q) => document.getElementById("search-results").getAttribute("data-settled") === q, q);
  // (The status is filled half a second after the results show, not to talk over typing.)
  await page.waitForFunction(() => document.getElementById("search-status")?.textContent);
  const out = await page.evaluate(() => ({
    all: document.querySelector('#search-results button.search-filter[data-filter="all"] .search-count')?.textContent,
    capped: document.querySelector("#search-results .search-capped")?.textContent || "",
    status: document.getElementById("search-status")?.textContent || "",
    hits: document.querySelectorAll("#search-results a.search-hit-link").length,
  }));
  await page.close();
  return out;
}

test("a list cut at its best 30 says so, and the 全部 count says there are more", async () => {
  // 投诉 is in far more than 30 of the book's documents (every sibling rule's fields).
  const many = await searchPage("投诉");
  assert.equal(many.hits, 30);
  assert.equal(many.all, "30+");
  assert.match(many.capped, /只列出了最相关的 30 条。要找的不在里面？再加一个词缩小范围/);
  assert.match(many.status, /^显示最相关的 30 条结果/);
  // A query with fewer hits than that: all of them, said as found.
  const few = await searchPage("营业厅排队");
  assert.ok(few.hits > 0 && few.hits < 30, JSON.stringify(few));
  assert.equal(few.capped, "");
  assert.match(few.status, /^找到 \d+ 条结果/);
});

test("a query a lesson's title holds opens the lesson at its top, not at the closing section that names it again", async () => {
  const book = initBook();
  const w = (name, text) => writeFileSync(join(book, "content", name), text);
  w("mistakes.md", "---\ntitle: 处理不满的常见错误与正确做法\n---\n\n这些错误大多不是故意的，而是在压力下的本能反应，认清它们才能管住自己。\n\n" +
    "## 错误行为一览\n\n争辩、打断、讽刺客户，都会让客户更生气。\n\n## 最常见的四个错误\n\n推诿、含糊其辞、未查清先承诺、拖延。\n\n" +
    "## 延伸\n\n常见错误往往藏在措辞里，常见错误的说法见服务禁语。\n");
  // A section whose heading holds the query keeps its place; so does the page's first
  // section, just under its top.
  w("recusal.md", "---\ntitle: 保密与回避\n---\n\n本课讲两件事。\n\n## 保密要求\n\n客户信息不得外传。\n\n## 利害关系人回避\n\n与投诉有利害关系的人员应当回避，回避由负责人决定。\n");
  w("loop.md", "---\ntitle: 投诉闭环管理\n---\n\n防病胜于治病。\n\n## 一件投诉的闭环\n\n闭环管理要求每一步有据可查，闭环管理到归档为止。\n\n## 台账\n\n问题台账逐件登记。\n");
  execFileSync(bin, ["--root", book, "build"], { stdio: "pipe" });
  const page = await browser.newPage();
  await page.goto(fileUrl(join(book, "site/index.html")));
  const first = (q) => page.evaluate((q) => new Promise((done) =>
    window.HandbookSearch.search(q, (o) => done(o.hits.map((h) => decodeURIComponent(h.href))))), q);
  const mistakes = await first("常见错误");
  assert.equal(mistakes[0], "mistakes/index.html", mistakes.slice(0, 4).join("\n"));
  assert.ok(mistakes.includes("mistakes/index.html#延伸"), "the section is still listed");
  assert.equal((await first("回避"))[0], "recusal/index.html#利害关系人回避");
  assert.equal((await first("闭环管理"))[0], "loop/index.html#一件投诉的闭环");
  await page.close();
});
