// Letters with results of their own (the start of a system's name, HexinPro) that also read as
// the pinyin of the book's Chinese (核心): the results stay those of the letters, as typed, and
// 是不是要找“核心”？ offers the Chinese as a button, which searches it. (Letters with no results
// are read as the Chinese at once, and a whole word of the book as typed is left alone:
// search.test.mjs, tingdian and change.)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { bin, initBook, launch, fileUrl } from "./helpers.mjs";

let browser, root;
before(async () => {
  root = initBook();
  writeFileSync(join(root, "content/basics/work-orders.md"),
    "---\ntitle: 工单登记\norder: 20\n---\n\n投诉工单都登记在营销系统 HexinPro 里，登记后系统给出工单编号。\n");
  writeFileSync(join(root, "content/basics/listening.md"),
    "---\ntitle: 倾听的要点\norder: 30\n---\n\n## 核心是倾听\n\n处理投诉的核心是先让客户把话说完。\n\n## 复述\n\n复述客户诉求的核心内容，确认没有听错。\n");
  execFileSync(bin, ["--root", root, "build"], { stdio: "pipe" });
  browser = await launch();
});
after(async () => { await browser?.close(); });

test("letters with results of their own keep them, and their pinyin reading is offered", async () => {
  const page = await browser.newPage();
  await page.goto(fileUrl(join(root, "site/index.html")));
  await page.fill("#search", "hexin");
  await page.waitForFunction(() => document.getElementById("search-results").getAttribute("data-settled") === "hexin");
  const first = await page.$$eval("#search-results a.search-hit-link", (as) => as.map((a) => a.href));
  assert.match(first[0] || "", /basics\/work-orders\//, first.join("\n"));
  assert.equal((await page.textContent(".search-suggest")).trim(), "是不是要找“核心”？");
  assert.equal(await page.inputValue("#search"), "hexin", "the query is left as typed");
  // The offer searches the Chinese.
  await page.click(".search-suggest-q");
  await page.waitForFunction(() => document.getElementById("search-results").getAttribute("data-settled") === "核心");
  assert.equal(await page.inputValue("#search"), "核心");
  const now = await page.$$eval("#search-results a.search-hit-link", (as) => as.map((a) => a.href));
  assert.match(now[0] || "", /basics\/listening\//, now.join("\n"));
  assert.equal(await page.$(".search-suggest"), null);
  await page.close();
});
