// ☆ 收藏 shows ★ 已收藏 only once the star is kept: when the browser does not let the page
// write (storage full, or writing refused), the button says so and the page stays unstarred;
// once writing works again, a click stars it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { withBrowserAndBook, fileUrl } from "./helpers.mjs";

let browser;
let root;
withBrowserAndBook((b, r) => { browser = b; root = r; });

const site = (rel) => fileUrl(join(root, "site", rel));
const stars = (page) => page.evaluate(() => (JSON.parse(localStorage.getItem("handbook-pages:" + document.body.dataset.book) || "{}").stars || []).map((s) => s.u));

test("a star that cannot be saved is not shown as saved", async () => {
  const ctx = await browser.newContext();
  // Storage full: every write throws QuotaExceededError while window.__full is set.
  await ctx.addInitScript(() => {
    const set = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) {
      if (window.__full) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      return set.call(this, k, v);
    };
  });
  const page = await ctx.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(site("basics/why-complaints-matter/index.html"));
  await page.evaluate(() => { window.__full = true; });
  await page.click(".star-button");
  assert.equal(await page.textContent(".star-button"), "☆ 收藏失败（浏览器不允许保存）");
  assert.equal(await page.getAttribute(".star-button", "aria-pressed"), null, "(its words say its state)");
  assert.equal(await page.getByRole("button", { name: "收藏失败（浏览器不允许保存）", exact: true }).count(), 1, "(the star not read aloud)");
  assert.deepEqual(await stars(page), []);
  // Writing works again: starred, and shown as such.
  await page.evaluate(() => { window.__full = false; });
  await page.click(".star-button");
  assert.equal(await page.textContent(".star-button"), "★ 已收藏");
  assert.equal(await page.getByRole("button", { name: "已收藏", exact: true }).count(), 1);
  assert.deepEqual(await stars(page), ["basics/why-complaints-matter/"]);
  // Taking the star off when it cannot be written: still starred, and the button says so.
  await page.evaluate(() => { window.__full = true; });
  await page.click(".star-button");
  assert.equal(await page.textContent(".star-button"), "★ 取消收藏失败（浏览器不允许保存）");
  assert.deepEqual(await stars(page), ["basics/why-complaints-matter/"]);
  assert.deepEqual(errors, []);
  await ctx.close();
});
