// HandbookQuiz.dom.plainText (the 错题本's and 学员进度汇总's question text): HTML is read
// as text without ever becoming a live element, so an <img> in it loads nothing and its
// onerror never runs -- with DOMParser, and in a browser with neither DOMParser nor <template>
// (tags stripped).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { withBrowserAndBook, bin, initBook, fileUrl } from "./helpers.mjs";

let browser;
let root;
withBrowserAndBook((b, r) => { browser = b; root = r; }, () => {
  const book = initBook();
  execFileSync(bin, ["--root", book, "build"], { stdio: "pipe" });
  return book;
});

const HTML = '<p>客户说<img src="no-such-picture.png" onerror="window.__fired = (window.__fired || 0) + 1">电费&amp;“翻倍”</p>\n<p>怎么办？</p>';

test("plainText reads HTML as text: no image loads, no handler runs", async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const errors = [];
  const asked = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("request", (r) => { if (/no-such-picture/.test(r.url())) asked.push(r.url()); });
  await page.goto(fileUrl(join(root, "site/index.html")));
  const text = await page.evaluate((h) => window.HandbookQuiz.dom.plainText(h), HTML);
  assert.equal(text, "客户说电费&“翻倍” 怎么办？");
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => window.__fired || 0), 0, "onerror never ran");
  assert.deepEqual(asked, [], "the picture was never asked for");
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("without DOMParser or <template>, plainText strips the tags", async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(fileUrl(join(root, "site/index.html")));
  const out = await page.evaluate((h) => {
    const create = document.createElement;
    window.DOMParser = undefined;
    // A browser of before <template>: the element is a plain one, with no .content.
    document.createElement = function (tag) { return create.call(document, tag === "template" ? "span" : tag); };
    try {
      return [
        window.HandbookQuiz.dom.plainText(h),
        window.HandbookQuiz.dom.plainText("1 < 2 &lt; 3<!-- x --><script>alert(1)</script><b\n>粗</b>&#x4E2D;&#20013;&nbsp;!"),
      ];
    } finally { document.createElement = create; }
  }, HTML);
  assert.deepEqual(out, ["客户说电费&“翻倍” 怎么办？", "1 < 2 < 3粗中中 !"]);
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__fired || 0), 0);
  await ctx.close();
});
