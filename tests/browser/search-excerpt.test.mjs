// A result's excerpt shows the part of its section that matched, however long the section: a
// row far down a long table (投诉类型 / 时限, looked up while the customer is on the line) is
// shown with the header's cells as labels, its words highlighted, from file:// (the rest of a
// long text is a script file of its own, docs/search-index.md "Documents").
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { bin, initBook, launch, fileUrl } from "./helpers.mjs";

let browser, root;
before(async () => {
  root = initBook();
  // 61 rows, the last far past the 400 characters a document's row in the index keeps.
  let body = "---\ntitle: 各类投诉时限\n---\n\n## 时限一览 {#limits}\n\n按投诉类型查时限。\n\n| 投诉类型 | 时限 |\n|---|---|\n";
  for (let i = 1; i <= 60; i++) body += `| 第${i}类一般投诉 | ${i}个工作日 |\n`;
  body += "| 窃电举报 | 3个工作日 |\n\n## 下一节 {#next}\n\n完。\n";
  writeFileSync(join(root, "content/basics/limits.md"), body);
  execFileSync(bin, ["--root", root, "build"], { stdio: "pipe" });
  browser = await launch();
});
after(async () => { await browser?.close(); });

/** Types `q` into the box of a fresh page opened from disk: the first hit as shown (its href,
 *  excerpt and marked words) and the rest files (x{doc}.js) the page loaded. */
async function first(q) {
  const page = await browser.newPage();
  const loaded = [];
  page.on("request", (r) => loaded.push(r.url().replace(/\?.*$/, "")));
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(fileUrl(join(root, "site/basics/first-lesson/index.html")));
  await page.fill("#search", q);
  await page.waitForFunction((q) => document.getElementById("search-results").getAttribute("data-query") === q, q, { timeout: 15000 });
  const hit = await page.$eval("#search-results a.search-hit-link", (a) => ({
    href: decodeURIComponent(a.getAttribute("href")),
    excerpt: a.querySelector(".search-hit-excerpt").textContent,
    marks: Array.from(a.querySelectorAll(".search-hit-excerpt mark")).map((m) => m.textContent),
  }));
  await page.close();
  assert.deepEqual(errors, []);
  return { ...hit, rests: loaded.filter((u) => /search\/x\d+\.js$/.test(u)) };
}

test("a query matching a late row of a long table shows that row, labelled by the header", async () => {
  const hit = await first("窃电举报");
  assert.match(hit.href, /basics\/limits\/index\.html#limits$/);
  assert.equal(hit.excerpt, "投诉类型：窃电举报 ｜ 时限：3个工作日");
  assert.deepEqual(hit.marks, ["窃电举报"]);
  // The row was past what the section's row in the index holds: its rest was loaded.
  assert.equal(hit.rests.length, 1, hit.rests.join("\n"));
});

test("typed in traditional characters, the row shows with its words highlighted", async () => {
  const hit = await first("竊電舉報時限");
  assert.match(hit.href, /#limits$/);
  assert.equal(hit.excerpt, "投诉类型：窃电举报 ｜ 时限：3个工作日");
  // Every matched word, the header's too: 时限 labels the row.
  assert.deepEqual(hit.marks, ["窃电举报", "时限"]);
});

test("a row within the first part of the section shows without loading the rest", async () => {
  const hit = await first("第2类一般投诉");
  assert.match(hit.href, /#limits$/);
  assert.equal(hit.excerpt, "投诉类型：第2类一般投诉 ｜ 时限：2个工作日");
  assert.deepEqual(hit.rests, []);
});
