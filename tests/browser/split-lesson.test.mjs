// A lesson split in two: `## 办结后答复 {#reply}` moved out of procedure/time-limits.md into a
// lesson of its own, procedure/reply.md, which lists `procedure/time-limits#reply` among its
// `aliases`. A bookmark or work order naming procedure/time-limits/#reply lands on the
// section's new place, from disk and from a web server with a strict Content-Security-Policy;
// without JavaScript the old page's note of moved sections is where it lands. And an old page
// deleted after the split (its address an alias of the page that continues it) forwards
// `#reply` to where that section went.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { bin, repo, tempDir, withBrowserAndBook, fileUrl, staticServer, freshPage } from "./helpers.mjs";

let browser, root;
withBrowserAndBook((b, r) => { browser = b; root = r; }, () => {
  const r = join(tempDir(), "book");
  for (const p of ["book.toml", "content", "themes"]) cpSync(join(repo, p), join(r, p), { recursive: true });
  const old = join(r, "content/procedure/time-limits.md");
  const text = readFileSync(old, "utf8");
  const from = text.indexOf("## 办结后答复 {#reply}"), to = text.indexOf("## 受理不受时间限制");
  assert.ok(from > 0 && to > from, "the bundled lesson has the section");
  writeFileSync(old, text.slice(0, from) + text.slice(to));
  writeFileSync(join(r, "content/procedure/reply.md"),
    "---\ntitle: 办结后答复\norder: 45\naliases: [procedure/time-limits#reply]\n---\n\n" + text.slice(from, to));
  // And a lesson deleted once split: its own address forwards to the page that continues it,
  // its section `#part-two` to the page it went to.
  writeFileSync(join(r, "content/procedure/continued.md"),
    "---\ntitle: 后续\naliases: [procedure/gone]\n---\n\n## 第一部分 {#part-one}\n\n正文。\n");
  writeFileSync(join(r, "content/procedure/part-two.md"),
    "---\ntitle: 第二部分\naliases: ['procedure/gone#part-two']\n---\n\n## 第二部分 {#part-two}\n\n正文。\n");
  const out = execFileSync(bin, ["--root", r, "build"], { stdio: "pipe" });
  assert.match(String(out), /0 errors/);
  return r;
});

const site = (rel) => join(root, "site", rel);

test("an old link to a section that moved lands on its new page, at the section, from disk", async () => {
  const { ctx, page, errors } = await freshPage(browser);
  await page.goto(fileUrl(site("procedure/time-limits/index.html")) + "#reply");
  await page.waitForURL(/procedure\/reply\/index\.html#reply$/);
  await page.waitForLoadState("load");
  assert.equal(await page.evaluate(() => decodeURIComponent(location.hash)), "#reply");
  assert.equal(await page.locator("h2#reply").count(), 1);
  // The new page says the reader came by an old address, to update the bookmark.
  assert.match(await page.locator(".forwarded-notice").innerText(), /办结后答复.*旧地址/);
  // A section still on the old page is not forwarded.
  await page.goto(fileUrl(site("procedure/time-limits/index.html")) + "#deadlines");
  await page.waitForLoadState("load");
  assert.match(page.url(), /procedure\/time-limits\/index\.html#deadlines$/);
  // Nor is the old page without a section.
  await page.goto(fileUrl(site("procedure/time-limits/index.html")));
  await page.waitForLoadState("load");
  assert.match(page.url(), /procedure\/time-limits\/index\.html$/);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("from a web server under Content-Security-Policy: default-src 'self', and from a deleted page's address", async () => {
  const srv = await staticServer(join(root, "site"), { "Content-Security-Policy": "default-src 'self'" });
  try {
    const { ctx, page, errors } = await freshPage(browser);
    const blocked = [];
    page.on("console", (m) => { if (/Content Security Policy/i.test(m.text())) blocked.push(m.text()); });
    await page.goto(srv.url + "procedure/time-limits/#reply");
    await page.waitForURL(/procedure\/reply\/index\.html#reply$/);
    // The deleted page's address: `#part-two` to the page it went to, the rest to the page
    // that continues it.
    await page.goto(srv.url + "procedure/gone/#part-two");
    await page.waitForURL(/procedure\/part-two\/index\.html#part-two$/);
    await page.goto(srv.url + "procedure/gone/#part-one");
    await page.waitForURL(/procedure\/continued\/index\.html#part-one$/);
    assert.deepEqual(blocked, []);
    assert.deepEqual(errors, []);
    await ctx.close();
  } finally {
    srv.close();
  }
});

test("without JavaScript the old link lands on the old page's note, which links the new place", async () => {
  const { ctx, page } = await freshPage(browser, { javaScriptEnabled: false });
  await page.goto(fileUrl(site("procedure/time-limits/index.html")) + "#reply");
  assert.match(page.url(), /procedure\/time-limits\/index\.html#reply$/);
  const note = page.locator("li#reply");
  assert.match(await note.innerText(), /办结后答复/);
  assert.equal(await note.locator("a").getAttribute("href"), "../../procedure/reply/index.html#reply");
  // It is the target the browser scrolled to.
  assert.equal(await page.evaluate(() => document.querySelector(":target")?.id), "reply");
  await ctx.close();
});
